// Starts the built app (or a packaged copy) in a child process under the Electron stand-in and talks
// to it: the events it reports (dialogs, page loads, exit) and commands a user would perform.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REPORT_PREFIX, type StandInEvent } from '../stand-in/stand-in-report';

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LAUNCHER = fileURLToPath(new URL('../stand-in/launch-app.ts', import.meta.url));
// By path: the app dir (cwd) may be a packaged copy without tsx in its node_modules.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface ShellApp {
  readonly events: StandInEvent[];
  /** Everything the app wrote to stdout/stderr besides the stand-in's lines (for failure messages). */
  readonly output: string[];
  command(cmd: string, args?: Record<string, unknown>): Promise<unknown>;
  waitForEvent<E extends StandInEvent['event']>(name: E, timeoutMs?: number): Promise<Extract<StandInEvent, { event: E }>>;
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface ShellAppOptions {
  /** A folder holding package.json whose "main" is the built entry: the repo root or an extracted asar. */
  appDir: string;
  env: Record<string, string | undefined>;
}

export function launchShellApp({ appDir, env }: ShellAppOptions): ShellApp {
  const child: ChildProcess = spawn(process.execPath, ['--import', TSX_LOADER, LAUNCHER, appDir], {
    cwd: appDir,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const events: StandInEvent[] = [];
  const output: string[] = [];
  const replies = new Map<number, (reply: { result?: unknown; error?: string }) => void>();
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith(REPORT_PREFIX)) return void output.push(line);
    const message = JSON.parse(line.slice(REPORT_PREFIX.length)) as StandInEvent | { id: number; result?: unknown; error?: string };
    if ('id' in message) replies.get(message.id)?.(message);
    else events.push(message);
    for (const wake of waiters) wake();
  });
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // A command the app can no longer answer fails at once, with what the app said before it ended.
  void exited.then((code) => {
    for (const answer of replies.values()) answer({ error: `the app exited (${code}) first; its output:\n${output.slice(-30).join('\n')}` });
  });
  let nextId = 1;

  const waitForEvent = <E extends StandInEvent['event']>(name: E, timeoutMs = 60_000): Promise<Extract<StandInEvent, { event: E }>> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = events.find((e) => e.event === name);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found as Extract<StandInEvent, { event: E }>);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no "${name}" event within ${timeoutMs} ms; app output:\n${output.slice(-30).join('\n')}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    events,
    output,
    exited,
    waitForEvent,
    command(cmd, args = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        replies.set(id, (reply) => (reply.error === undefined ? resolve(reply.result) : reject(new Error(`${cmd}: ${reply.error}`))));
        child.stdin!.write(`${JSON.stringify({ id, cmd, args })}\n`);
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
