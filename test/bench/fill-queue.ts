// Fills a data dir's send queue in a child process (fill-queue-process.ts) and waits for it, bounded.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const FILL_PROCESS = fileURLToPath(new URL('./fill-queue-process.ts', import.meta.url));
/** A million items take about a minute here; a fill that takes ten has hung. */
const FILL_TIMEOUT_MS = 600_000;

export function fillQueueInChild(path: string, from: number, to: number, chunk: number, options: { sending?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = [path, String(from), String(to), String(chunk), ...(options.sending === true ? ['--sending'] : [])];
    const child = fork(FILL_PROCESS, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const watchdog = setTimeout(() => child.kill('SIGKILL'), FILL_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      if (code === 0) resolve();
      else reject(new Error(`filling the queue failed: exit ${code ?? signal}`));
    });
  });
}
