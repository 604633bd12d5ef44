// One connector per data dir: the lock file refuses a second owner while the first lives, and a file
// left by a crashed process is taken over.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError, LOCK_FILE_NAME, lockDataDir } from '../../../main/storage/data-dir-lock';

let dir: string;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'mjsc-lock-')), 'data');
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

const lockFile = (): string => join(dir, LOCK_FILE_NAME);

it('refuses a second lock on the same dir in one line that names the dir and the owner, until the first is released', () => {
  const first = lockDataDir(dir);
  expect(() => lockDataDir(dir)).toThrow(new DataDirInUseError(dir, process.pid));
  expect(() => lockDataDir(dir)).toThrow(`Another Mailjet Segment Connector is already using ${dir} (pid ${process.pid}). Quit it, or use --data-dir.`);
  first.release();
  lockDataDir(dir).release();
});

it.each([
  ['a live process', true, 'refused'],
  ['a process that is gone (a crash)', false, 'taken over'],
])('a lock file left by %s is %s', (_owner, alive, outcome) => {
  lockDataDir(dir).release();
  writeFileSync(lockFile(), '424242\n');
  const take = () => lockDataDir(dir, { isAlive: (pid) => pid === 424242 && alive });
  if (outcome === 'refused') {
    expect(take).toThrow(expect.objectContaining({ code: 'data_dir_in_use', pid: 424242 }));
    expect(readFileSync(lockFile(), 'utf8')).toBe('424242\n');
  } else {
    take().release();
  }
});

it('takes over a file with its own pid that this process does not hold (an earlier run that had the same pid)', () => {
  lockDataDir(dir).release();
  writeFileSync(lockFile(), `${process.pid}\n`);
  const lock = lockDataDir(dir);
  expect(readFileSync(lockFile(), 'utf8').split(' ')[0]?.trim()).toBe(`${process.pid}`);
  lock.release();
  expect(() => readFileSync(lockFile())).toThrow(/ENOENT/);
});
