// Shared by the bench's emulator processes (Segment, Mailjet): asking one to stop, and killing it if it
// has not exited within a bound, so a stuck emulator never outlives the bench.
import type { ChildProcess } from 'node:child_process';

const STOP_TIMEOUT_MS = 5_000;

export function stopEmulatorChild(child: ChildProcess, stopMessage: object): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send(stopMessage);
  });
}
