// Runs one load in a child process (node --import tsx load-process.ts) and returns its result.
// The child is bounded by the spec's own time limit; a child that outlives it by far is killed.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadResult, LoadSpec } from './load-generator';

const LOAD_PROCESS = fileURLToPath(new URL('./load-process.ts', import.meta.url));
const STARTUP_ALLOWANCE_MS = 15_000;

export function runLoadInChild(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(LOAD_PROCESS, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const watchdog = setTimeout(() => child.kill('SIGKILL'), spec.timeLimitMs + STARTUP_ALLOWANCE_MS);
    let answer: { result?: LoadResult; error?: string } | undefined;
    child.on('message', (message) => {
      answer = message as typeof answer;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      if (answer?.result !== undefined) resolve(answer.result);
      else reject(new Error(`load process failed: ${answer?.error ?? `exit ${code ?? signal}`}`));
    });
    child.send(spec);
  });
}
