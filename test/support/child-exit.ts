// Waits for a child process to exit, bounded: resolves with its exit code, or 'timeout' so the test can
// say what hung instead of hitting vitest's own timeout. Event-driven: no polling, no sleeping.
import type { ChildProcess } from 'node:child_process';

export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<number | null | 'timeout'> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}
