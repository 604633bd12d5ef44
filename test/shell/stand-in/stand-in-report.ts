// The stand-in's line protocol with the test: events it reports (a dialog, a loaded page, an exit)
// and commands the test sends (click in the page, the tray menu). One JSON object per line.
import { createInterface } from 'node:readline';

export const REPORT_PREFIX = '@@stand-in ';

export type StandInEvent =
  | { event: 'ready' }
  | { event: 'dialog'; title: string; message: string }
  | { event: 'page-loaded'; url: string }
  | { event: 'window-focused' }
  | { event: 'tray-menu'; labels: string[] }
  | { event: 'notification'; title: string; body: string }
  | { event: 'open-external'; url: string }
  | { event: 'quitting'; code: number }
  | { event: 'stand-in-error'; message: string };

export function report(event: StandInEvent): void {
  process.stdout.write(`${REPORT_PREFIX}${JSON.stringify(event)}\n`);
}

export type CommandHandler = (cmd: string, args: Record<string, unknown>) => Promise<unknown>;

/** Answers {id, cmd, args} lines on stdin with {id, result} or {id, error}. */
export function serveCommands(handle: CommandHandler): void {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const { id, cmd, args } = JSON.parse(line) as { id: number; cmd: string; args?: Record<string, unknown> };
    handle(cmd, args ?? {}).then(
      (result) => process.stdout.write(`${REPORT_PREFIX}${JSON.stringify({ id, result: result ?? null })}\n`),
      (error: unknown) => process.stdout.write(`${REPORT_PREFIX}${JSON.stringify({ id, error: error instanceof Error ? error.message : String(error) })}\n`),
    );
  });
  // The test closing stdin must not keep or end the app: only app.quit()/exit() end it, as in Electron.
  process.stdin.unref();
}
