// Real database files in a fresh temp dir per test, with a controllable clock and a transaction counter.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage, type Storage, type StorageOptions } from '../../main/storage/database';
import type { GroupCommitStats } from '../../main/storage/group-commit';

export interface StorageFixture {
  dir: string;
  path: string;
  clock: { now: number };
  groups: GroupCommitStats[];
  open(extra?: Partial<StorageOptions>): Storage;
  cleanup(): Promise<void>;
}

export function createStorageFixture(): StorageFixture {
  const dir = mkdtempSync(join(tmpdir(), 'mjsc-storage-'));
  const opened: Storage[] = [];
  const fixture: StorageFixture = {
    dir,
    path: join(dir, 'data', 'connector.db'),
    clock: { now: Date.UTC(2026, 10, 27, 9, 14, 30) },
    groups: [],
    open(extra) {
      const storage = openStorage({
        path: fixture.path,
        now: () => fixture.clock.now,
        onGroupCommit: (stats) => fixture.groups.push(stats),
        ...extra,
      });
      opened.push(storage);
      return storage;
    },
    async cleanup() {
      await Promise.all(opened.map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

/**
 * A fresh fixture for each test of the calling suite, cleaned up after it. The returned object stays
 * the same while the fixture behind it is replaced, so suites can hold it in a const.
 */
export function useStorageFixture(): StorageFixture {
  let current: StorageFixture | undefined;
  beforeEach(() => {
    current = createStorageFixture();
  });
  afterEach(() => current?.cleanup());
  const active = (): StorageFixture => {
    if (!current) throw new Error('The storage fixture exists only inside a test (beforeEach has not run).');
    return current;
  };
  return {
    get dir() { return active().dir; },
    get path() { return active().path; },
    get clock() { return active().clock; },
    get groups() { return active().groups; },
    open: (extra) => active().open(extra),
    cleanup: () => active().cleanup(),
  };
}

/** A minimal valid item; the payload keeps a big integer to prove it is stored verbatim. */
export function identifyItem(email: string, userId?: string) {
  return {
    direction: 'receive' as const,
    kind: 'identify',
    email,
    userId,
    payload: `{"type":"identify","userId":${JSON.stringify(userId ?? null)},"traits":{"email":${JSON.stringify(email)},"n":12345678901234567890123}}`,
  };
}

export function eventItem(kind = 'open', messageId = `mj-${kind}`) {
  return { direction: 'send' as const, kind, email: 'jo@example.com', payload: `{"event":"${kind}","MessageID":19421777396190490}`, messageId };
}
