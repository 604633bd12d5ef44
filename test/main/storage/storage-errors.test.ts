// The 503 path: a database that cannot commit rejects every caller of the group, acknowledges nothing,
// and the store works again once the cause is gone.
import Database from 'libsql';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StorageUnavailableError } from '../../../main/storage/storage-errors';
import { pollUntil } from '../../support/condition-polling';
import { eventItem, useStorageFixture } from '../../support/storage-fixture';

function tryMountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('storage that cannot commit', () => {
  const fixture = useStorageFixture();

  it('rejects every caller while another process holds the write lock, then recovers', async () => {
    const storage = fixture.open({ busyTimeoutMs: 20 });
    await storage.queue.commit([eventItem()]);
    const locker = new Database(fixture.path);
    locker.exec('BEGIN IMMEDIATE');
    const results = await Promise.allSettled([1, 2, 3].map(() => storage.queue.commit([eventItem()])));
    locker.exec('ROLLBACK');
    locker.close();

    for (const result of results) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as StorageUnavailableError;
      expect(error).toBeInstanceOf(StorageUnavailableError);
      expect(error.code).toBe('storage_unavailable');
      expect(error.message).toMatch(/locked by another process/);
    }
    expect(storage.queue.counts('send').pending).toBe(1);
    // For LOCKED_HOLD_OFF_MS after the lock, commits are refused without trying; then they go through.
    await pollUntil(() => storage.queue.commit([eventItem()]).then(() => true, () => false), 'a commit to go through once the lock is released');
    expect(storage.queue.counts('send').pending).toBe(2);
  });

  it('throws StorageUnavailableError from the synchronous writes too', async () => {
    const storage = fixture.open({ busyTimeoutMs: 20 });
    await storage.queue.commit([eventItem()]);
    const locker = new Database(fixture.path);
    locker.exec('BEGIN IMMEDIATE');
    expect(() => storage.queue.claim('send', 1)).toThrow(StorageUnavailableError);
    expect(() => storage.settings.set('flattenMode', 'json')).toThrow(StorageUnavailableError);
    locker.exec('ROLLBACK');
    locker.close();
    expect(storage.queue.claim('send', 1)).toHaveLength(1);
  });

  const canMount = process.getuid?.() === 0;
  it.runIf(canMount)('on a full disk (small tmpfs, needs root): rejects the group, then recovers when space is freed', async () => {
    const mountPoint = join(fixture.dir, 'small-disk');
    mkdirSync(mountPoint);
    if (!tryMountTmpfs(mountPoint, '1m')) return; // a container may forbid mount even as root
    try {
      const path = join(mountPoint, 'connector.db');
      const storage = fixture.open({ path });
      const big = JSON.stringify({ text: 'y'.repeat(20_000) });
      await storage.queue.commit([{ ...eventItem(), payload: big }]);
      const filler = join(mountPoint, 'filler');
      try {
        writeFileSync(filler, Buffer.alloc(2 * 1024 * 1024));
      } catch {
        // ENOSPC is the point: the disk is now full.
      }
      const results = await Promise.allSettled([1, 2, 3].map(() => storage.queue.commit([{ ...eventItem(), payload: big }])));
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect((results[0] as PromiseRejectedResult).reason).toMatchObject({
        code: 'storage_unavailable',
        message: expect.stringMatching(/disk is full/),
      });
      expect(storage.queue.counts('send').pending).toBe(1);

      rmSync(filler);
      // A different statement first: the failed group must not leave anything that blocks later writes.
      expect(storage.queue.claim('send', 1)).toHaveLength(1);
      storage.settings.set('flattenMode', 'json');
      await expect(storage.queue.commit([{ ...eventItem(), payload: big }])).resolves.toHaveLength(1);
      await storage.close();
      expect(fixture.open({ path }).queue.counts('send')).toMatchObject({ pending: 2, inFlight: 0 });
    } finally {
      // libsql releases file handles only when its statements are collected: detach lazily.
      execFileSync('umount', ['-l', mountPoint], { stdio: 'ignore' });
    }
  });
});
