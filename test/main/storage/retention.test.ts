// Retention: settled items and old activity minutes go, in bounded batches; pending, in-flight and
// failed items stay whatever their age; the counts shown in Activity stay lifetime totals.
import Database from 'libsql';
import { migrateSchema, MIGRATIONS } from '../../../main/storage/migrations';
import type { Storage } from '../../../main/storage/database';
import { eventItem, identifyItem, useStorageFixture } from '../../support/storage-fixture';

const DAY = 24 * 60 * 60_000;

describe('storage retention', () => {
  const fixture = useStorageFixture();
  let storage: Storage;
  beforeEach(() => {
    storage = fixture.open();
  });

  /** One item in each final and live state, all settled at the fixture's current time. */
  async function seedEveryState(): Promise<Record<string, number>> {
    const [delivered, failed, pending, inFlight] = await storage.queue.commit([eventItem('open', 'd'), eventItem('open', 'f'), eventItem('open', 'p'), eventItem('open', 'i')]);
    const [skipped, rejected] = await storage.queue.commit([
      { ...eventItem('bounce', 's'), status: 'skipped', reason: 'not selected' },
      { ...identifyItem('x@example.com'), status: 'rejected', reason: 'bad shape' },
    ]);
    storage.queue.claim('send', 4);
    storage.queue.markDelivered([delivered!]);
    storage.queue.markFailed([{ id: failed!, reason: 'Segment refused it' }]);
    storage.queue.release([pending!]);
    return { delivered: delivered!, failed: failed!, pending: pending!, inFlight: inFlight!, skipped: skipped!, rejected: rejected! };
  }

  const listed = (): string[] => storage.queue.recent({ limit: 100 }).map((item) => item.status).sort();
  const prune = (limit = 500) => storage.retention.pruneBatch({ settledBefore: fixture.clock.now - 7 * DAY, activityBefore: fixture.clock.now - 2 * DAY, limit });

  it('deletes delivered, skipped and rejected items older than the cutoff and keeps pending, in-flight and failed ones', async () => {
    await seedEveryState();
    fixture.clock.now += 7 * DAY - 1;
    expect(prune()).toMatchObject({ items: 0 });
    fixture.clock.now += 2;
    expect(prune()).toMatchObject({ items: 3 });
    expect(listed()).toEqual(['failed', 'in_flight', 'pending']);
  });

  it('keeps the Activity counts: settled counts are lifetime totals, live counts match the rows left', async () => {
    await seedEveryState();
    const before = { receive: storage.queue.counts('receive'), send: storage.queue.counts('send') };
    fixture.clock.now += 8 * DAY;
    prune();
    expect({ receive: storage.queue.counts('receive'), send: storage.queue.counts('send') }).toEqual(before);
    expect(before.send).toMatchObject({ delivered: 1, failed: 1, pending: 1, inFlight: 1, skipped: 1 });
    expect(before.receive).toMatchObject({ rejected: 1 });
  });

  it('deletes at most `limit` rows per call, oldest first, so one call is one short transaction', async () => {
    const ids = await storage.queue.commit(Array.from({ length: 5 }, (_, n) => eventItem('open', `m${n}`)));
    storage.queue.claim('send', 5);
    storage.queue.markDelivered(ids);
    fixture.clock.now += 8 * DAY;
    expect(prune(2).items).toBe(2);
    expect(storage.queue.recent({ limit: 10 }).map((item) => Number(item.id))).toEqual(ids.slice(2).reverse());
    expect(prune(2).items).toBe(2);
    expect(prune(2).items).toBe(1);
    expect(prune(2).items).toBe(0);
    expect(storage.queue.counts('send').delivered).toBe(5);
  });

  it('a retried failed item that was then delivered is kept for the full window after its delivery', async () => {
    const [id] = await storage.queue.commit([eventItem()]);
    storage.queue.claim('send', 1);
    storage.queue.markFailed([{ id: id!, reason: 'down' }]);
    fixture.clock.now += 10 * DAY;
    expect(prune().items).toBe(0);
    storage.queue.retryFailed([id!]);
    storage.queue.claim('send', 1);
    storage.queue.markDelivered([id!]);
    fixture.clock.now += 6 * DAY;
    expect(prune().items).toBe(0);
    expect(listed()).toEqual(['delivered']);
  });

  it('deletes activity minutes older than 48 h and keeps the recent ones', async () => {
    const start = fixture.clock.now;
    await storage.queue.commit([eventItem('open')]);
    fixture.clock.now = start + DAY;
    await storage.queue.commit([eventItem('click')]);
    fixture.clock.now = start + 2 * DAY + 60_000;
    expect(prune().minutes).toBe(1);
    expect(storage.activity.perMinute(0).map((minute) => Object.keys(minute.counts))).toEqual([['click']]);
  });

  it('is a no-op after close (a pass that outlives the engine writes nothing)', async () => {
    await seedEveryState();
    await storage.close();
    fixture.clock.now += 30 * DAY;
    expect(prune()).toEqual({ items: 0, minutes: 0 });
    await expect(storage.retention.later.pruneBatch({ settledBefore: fixture.clock.now, activityBefore: fixture.clock.now, limit: 500 })).resolves.toEqual({ items: 0, minutes: 0 });
  });

  it('prunes through the storage writer thread when its batch is posted (the schedule awaits the answer)', async () => {
    expect(storage.writesOn()).toBe('thread');
    await seedEveryState();
    fixture.clock.now += 8 * DAY;
    await expect(storage.retention.later.pruneBatch({ settledBefore: fixture.clock.now - 7 * DAY, activityBefore: fixture.clock.now - 2 * DAY, limit: 500 })).resolves.toMatchObject({ items: 3 });
    expect(listed()).toEqual(['failed', 'in_flight', 'pending']);
  });
});

describe('migration 2 on a version-1 database', () => {
  it('keeps existing counts and stops settled deletes from lowering them', () => {
    const db = new Database(':memory:');
    migrateSchema(db, ':memory:', MIGRATIONS.filter((m) => m.version === 1));
    db.exec(`INSERT INTO items (direction, kind, payload, status, next_attempt_at, received_at, updated_at)
             VALUES ('send', 'open', '{}', 'delivered', 0, 0, 0), ('send', 'open', '{}', 'failed', 0, 0, 0)`);
    migrateSchema(db, ':memory:');
    db.exec('DELETE FROM items');
    const counts = Object.fromEntries(db.prepare("SELECT status, count FROM queue_counts WHERE direction = 'send'").raw().all() as Array<[string, number]>);
    expect(counts).toMatchObject({ delivered: 1, failed: 0 });
    db.close();
  });
});
