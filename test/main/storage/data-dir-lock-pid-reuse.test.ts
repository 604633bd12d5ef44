// A stale connector.lock whose pid now belongs to another live process: the lock records the owner's
// start time, so a process with the same pid but another start time is not mistaken for the owner.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE_NAME, lockDataDir } from '../../../main/storage/data-dir-lock';

let dir: string;
let child: ChildProcess | undefined;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'mjsc-lock-reuse-')), 'data');
  mkdirSync(dir, { mode: 0o700 });
});
afterEach(() => {
  child?.kill();
  child = undefined;
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

const lockFile = (): string => join(dir, LOCK_FILE_NAME);
/** A live process that is not a connector: it stands for whoever got the crashed owner's pid. */
function otherProcess(): number {
  child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return child.pid as number;
}

it('takes over a lock whose pid was reused by a process started at another time', () => {
  const pid = otherProcess();
  writeFileSync(lockFile(), `${pid} 1\n`, { mode: 0o600 });
  const lock = lockDataDir(dir, { startTimeOf: (asked) => (asked === pid ? '99999' : '5') });
  expect(readFileSync(lockFile(), 'utf8')).toBe(`${process.pid} 5\n`);
  lock.release();
});

it('still refuses a lock whose owner runs with the start time it recorded', () => {
  const pid = otherProcess();
  writeFileSync(lockFile(), `${pid} 99999\n`, { mode: 0o600 });
  expect(() => lockDataDir(dir, { startTimeOf: () => '99999' })).toThrow(expect.objectContaining({ code: 'data_dir_in_use', pid }));
});

it.runIf(process.platform === 'linux')('records the real start time from /proc, so a real reused pid is told apart', () => {
  lockDataDir(dir).release();
  const lock = lockDataDir(dir);
  const [pidText, startedAt] = readFileSync(lockFile(), 'utf8').trim().split(' ');
  expect(Number(pidText)).toBe(process.pid);
  expect(startedAt).toMatch(/^\d+$/);
  lock.release();
  // The same live pid with another start time: what a reused pid looks like on disk.
  const pid = otherProcess();
  writeFileSync(lockFile(), `${pid} 1\n`, { mode: 0o600 });
  lockDataDir(dir).release();
});
