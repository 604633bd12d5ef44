import { open } from 'node:fs/promises';
import { eventItem, useStorageFixture } from '../../support/storage-fixture';

// Acknowledged items are made durable by an fsync of the WAL on libuv's thread pool (main/storage/wal-sync.ts),
// not by synchronous=FULL inside COMMIT on the event loop. These tests watch the real fsyncs of a real database.
// A spy sees only this thread's FileHandle, so they write on the main connection (`writes: 'inline'`):
// the storage writer thread runs the very same ItemQueue, group committer and wal-sync on its own.
async function fileHandlePrototype(): Promise<{ sync(): Promise<void> }> {
  const handle = await open(process.execPath, 'r');
  const prototype = Object.getPrototypeOf(handle) as { sync(): Promise<void> };
  await handle.close();
  return prototype;
}

describe('durable acknowledgement through the WAL fsync', () => {
  const fixture = useStorageFixture();

  it('resolves commit() only after an fsync of the WAL file that began after the items were written', async () => {
    const prototype = await fileHandlePrototype();
    const storage = fixture.open({ writes: 'inline' });
    await storage.queue.commit([eventItem('open', 'warm-up')]);
    const events: string[] = [];
    const realSync = prototype.sync;
    const spy = vi.spyOn(prototype, 'sync').mockImplementation(async function (this: { sync(): Promise<void> }) {
      events.push(`fsync start (${storage.queue.counts('send').pending - 1} new pending)`);
      await realSync.call(this);
      events.push('fsync done');
    });
    try {
      await storage.queue.commit([eventItem('open', 'm1')]).then(() => events.push('acknowledged'));
    } finally {
      spy.mockRestore();
    }
    expect(events).toEqual(['fsync start (1 new pending)', 'fsync done', 'acknowledged']);
  });

  it('shares one fsync among the callers of one group', async () => {
    const prototype = await fileHandlePrototype();
    const storage = fixture.open({ writes: 'inline' });
    await storage.queue.commit([eventItem('open', 'warm-up')]);
    const spy = vi.spyOn(prototype, 'sync');
    try {
      await Promise.all(Array.from({ length: 200 }, (_, i) => storage.queue.commit([eventItem('open', `m${i}`)])));
      expect(fixture.groups).toEqual([{ callers: 1, items: 1 }, { callers: 200, items: 200 }]);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses every later commit after an I/O error from fsync, saying to check the disk and restart', async () => {
    const prototype = await fileHandlePrototype();
    const storage = fixture.open({ writes: 'inline' });
    await storage.queue.commit([eventItem('open', 'warm-up')]);
    const spy = vi.spyOn(prototype, 'sync').mockRejectedValueOnce(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    try {
      await expect(storage.queue.commit([eventItem('open', 'm1')])).rejects.toMatchObject({
        code: 'storage_unavailable',
        message: expect.stringMatching(/I\/O error; check the disk, then restart the connector.*Nothing was acknowledged/),
      });
      await expect(storage.queue.commit([eventItem('open', 'm2')])).rejects.toMatchObject({ code: 'storage_unavailable' });
    } finally {
      spy.mockRestore();
    }
  });
});
