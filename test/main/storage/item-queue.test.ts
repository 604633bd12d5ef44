import type { Storage } from '../../../main/storage/database';
import { eventItem, identifyItem, useStorageFixture } from '../../support/storage-fixture';
import { LEASE_CHECK_INTERVAL_MS } from '../../../main/storage/item-queue';
import { clearSecrets, registerSecret } from '../../../main/logging/redaction';

const EMPTY = { pending: 0, inFlight: 0, delivered: 0, failed: 0, skipped: 0, rejected: 0, discarded: 0 };

describe('item queue', () => {
  const fixture = useStorageFixture();
  let storage: Storage;
  beforeEach(() => {
    storage = fixture.open();
  });

  it('keeps the payload text byte for byte, big integers included', async () => {
    const item = identifyItem('Jo@Example.com', 'u1');
    await storage.queue.commit([item]);
    const [claimed] = storage.queue.claim('receive', 10);
    expect(claimed?.payload).toBe(item.payload);
    expect(claimed?.payload).toContain('12345678901234567890123');
  });

  it("claims a contact's other pending identify calls with it, due or not, and leaves other contacts alone", async () => {
    const [older] = await storage.queue.commit([identifyItem('jo@example.com')]);
    storage.queue.claim('receive', 10);
    storage.queue.markRetry([{ id: older!, nextAttemptAt: fixture.clock.now + 60_000, error: 'Mailjet is down' }]);
    const [newer, other] = await storage.queue.commit([identifyItem('JO@example.com'), identifyItem('al@example.com')]);
    expect(storage.queue.claim('receive', 1).map((i) => i.id).sort()).toEqual([older, newer].sort());
    expect(storage.queue.claim('receive', 10).map((i) => i.id)).toEqual([other]);
  });

  it('makes a claim older than the lease claimable again (its outcome was never recorded), without counting an attempt', async () => {
    const leased = fixture.open({ claimLeaseMs: 60_000 });
    const [id] = await leased.queue.commit([eventItem('open', 'a')]);
    leased.queue.claim('send', 10);
    fixture.clock.now += 60_000;
    expect(leased.queue.claim('send', 10)).toEqual([]);
    // Past the lease now, but the lease was looked at a moment ago: claims in quick steps skip it.
    fixture.clock.now += 1;
    expect(leased.queue.claim('send', 10)).toEqual([]);
    fixture.clock.now += LEASE_CHECK_INTERVAL_MS;
    expect(leased.queue.claim('send', 10)).toEqual([expect.objectContaining({ id, attempts: 0 })]);
  });

  it('knows which receive items are older than one already delivered for their email', async () => {
    const [older, newer] = await storage.queue.commit([identifyItem('jo@example.com'), identifyItem('Jo@Example.com')]);
    storage.queue.claim('receive', 10);
    storage.queue.markDelivered([newer!]);
    const items = [{ id: older!, email: 'jo@example.com' }, { id: newer!, email: 'Jo@Example.com' }];
    expect(storage.queue.supersededByDelivered(items)).toEqual(new Map([[older!, newer!]]));
  });

  it('claims due pending items oldest first, only in the asked direction, up to the limit', async () => {
    const [a, b, c] = await storage.queue.commit([eventItem('open', 'a'), eventItem('click', 'b'), eventItem('sent', 'c')]);
    await storage.queue.commit([identifyItem('x@example.com')]);
    const first = storage.queue.claim('send', 2);
    expect(first.map((i) => i.id)).toEqual([a, b]);
    expect(first[0]).toMatchObject({ direction: 'send', kind: 'open', messageId: 'a', attempts: 0, firstAttemptAt: fixture.clock.now });
    expect(storage.queue.claim('send', 10).map((i) => i.id)).toEqual([c]);
    expect(storage.queue.claim('send', 10)).toEqual([]);
    expect(storage.queue.counts('send')).toEqual({ ...EMPTY, inFlight: 3 });
    expect(storage.queue.counts('receive')).toEqual({ ...EMPTY, pending: 1 });
  });

  it('retries later: markRetry counts an attempt and hides the item until it is due', async () => {
    const [id] = await storage.queue.commit([eventItem()]);
    storage.queue.claim('send', 1);
    storage.queue.markRetry([{ id: id!, nextAttemptAt: fixture.clock.now + 5_000, error: 'Segment answered 503' }]);
    expect(storage.queue.nextDueAt('send')).toBe(fixture.clock.now + 5_000);
    expect(storage.queue.claim('send', 10)).toEqual([]);
    fixture.clock.now += 5_000;
    const [again] = storage.queue.claim('send', 10);
    expect(again).toMatchObject({ id, attempts: 1 });
    expect(storage.queue.recent({ direction: 'send' })[0]).toMatchObject({ status: 'in_flight', reason: 'Segment answered 503' });
  });

  it('dead-letters with markFailed, and retryFailed makes the item due now with a fresh budget, keeping its attempt count', async () => {
    const ids = await storage.queue.commit([eventItem('open', 'a'), eventItem('open', 'b')]);
    storage.queue.claim('send', 10);
    storage.queue.markFailed(ids.map((id) => ({ id, reason: 'Segment refused it (400): bad write key' })));
    expect(storage.queue.counts('send')).toEqual({ ...EMPTY, failed: 2 });
    expect(storage.queue.recent({ status: 'failed' }).map((i) => i.reason)).toEqual([
      'Segment refused it (400): bad write key',
      'Segment refused it (400): bad write key',
    ]);
    expect(storage.queue.retryFailed([ids[0]!, 12345])).toBe(1);
    expect(storage.queue.retryFailed()).toBe(1);
    expect(storage.queue.retryFailed()).toBe(0);
    expect(storage.queue.nextDueAt('send')).toBe(fixture.clock.now);
    // Issue 12: the attempt count used to reset to 0, so a retried item read "1 attempt" again.
    expect(storage.queue.claim('send', 10).map((i) => [i.attempts, i.firstAttemptAt])).toEqual([
      [1, fixture.clock.now],
      [1, fixture.clock.now],
    ]);
  });

  it("redacts every item's retry and dead-letter reason when a batch shares one failure text", async () => {
    const key = 'wk_canary_7f3e1d9c2b';
    registerSecret(key);
    try {
      const ids = await storage.queue.commit([eventItem('open', 'a'), eventItem('open', 'b'), eventItem('open', 'c'), eventItem('open', 'd')]);
      storage.queue.claim('send', 10);
      const shared = `Segment answered 503 for write key ${key} at https://user:${key}@api.example`;
      storage.queue.markRetry([
        { id: ids[0]!, nextAttemptAt: fixture.clock.now + 5_000, error: shared },
        { id: ids[1]!, nextAttemptAt: fixture.clock.now + 5_000, error: shared },
        { id: ids[2]!, nextAttemptAt: fixture.clock.now + 5_000, error: 'timed out' },
      ]);
      storage.queue.markFailed([{ id: ids[3]!, reason: shared }]);
      const reasons = new Map(storage.queue.recent({ direction: 'send' }).map((item) => [Number(item.id), item.reason]));
      expect([...reasons.values()].join('\n')).not.toContain(key);
      expect(reasons.get(ids[0]!)).toBe('Segment answered 503 for write key *** at https://user:***@api.example');
      expect(reasons.get(ids[1]!)).toBe(reasons.get(ids[0]!));
      expect(reasons.get(ids[2]!)).toBe('timed out');
      expect(reasons.get(ids[3]!)).toBe(reasons.get(ids[0]!));
    } finally {
      clearSecrets();
    }
  });

  it('marks delivered, and never moves a final item back', async () => {
    const [id] = await storage.queue.commit([eventItem()]);
    storage.queue.claim('send', 1);
    storage.queue.markDelivered([id!]);
    storage.queue.markRetry([{ id: id!, nextAttemptAt: 0, error: 'late timeout' }]);
    storage.queue.release([id!]);
    expect(storage.queue.counts('send')).toEqual({ ...EMPTY, delivered: 1 });
    expect(storage.queue.nextDueAt('send')).toBeNull();
    // The activity table reads "delivered after 1 attempt", not 0.
    expect(storage.queue.recent({ direction: 'send' })[0]).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('release() returns claims without counting an attempt', async () => {
    const [id] = await storage.queue.commit([eventItem()]);
    storage.queue.claim('send', 1);
    storage.queue.release([id!]);
    expect(storage.queue.claim('send', 1)).toMatchObject([{ id, attempts: 0 }]);
  });

  it('stores skipped and rejected items with their reason, never claimable', async () => {
    await storage.queue.commit([
      { ...eventItem('bounce'), status: 'skipped', reason: 'Event type "bounce" is not selected.' },
      { direction: 'send', kind: 'unknown', payload: '{"event":42}', status: 'rejected', reason: 'event is not a string' },
    ]);
    expect(storage.queue.claim('send', 10)).toEqual([]);
    expect(storage.queue.counts('send')).toEqual({ ...EMPTY, skipped: 1, rejected: 1 });
    const [rejected, skipped] = storage.queue.recent({ direction: 'send' });
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'event is not a string', kind: 'unknown' });
    expect(rejected).not.toHaveProperty('email');
    expect(skipped).toMatchObject({ status: 'skipped', email: 'jo@example.com' });
  });

  it('counts every new row by direction and status when many callers share one group commit (no insert trigger since migration 6)', async () => {
    // Concurrent commits coalesce into one transaction of several statements (128/32/8/1 rows).
    const many = Array.from({ length: 137 }, (_, i) => eventItem('open', `m${i}`));
    await Promise.all([
      storage.queue.commit(many),
      storage.queue.commit([identifyItem('a@example.com'), identifyItem('b@example.com')]),
      storage.queue.commit([{ ...eventItem('bounce'), status: 'skipped', reason: 'not selected' }]),
      storage.queue.commit([
        { direction: 'send', kind: 'unknown', payload: '{}', status: 'rejected', reason: 'no event' },
        { direction: 'receive', kind: 'identify', payload: '{}', status: 'rejected', reason: 'no email' },
      ]),
    ]);
    expect(storage.queue.counts('send')).toEqual({ ...EMPTY, pending: 137, skipped: 1, rejected: 1 });
    expect(storage.queue.counts('receive')).toEqual({ ...EMPTY, pending: 2, rejected: 1 });
    // Status changes are still counted by their trigger.
    const claimed = storage.queue.claim('send', 200);
    storage.queue.markDelivered(claimed.slice(0, 100).map((item) => item.id));
    expect(storage.queue.counts('send')).toEqual({ ...EMPTY, inFlight: 37, delivered: 100, skipped: 1, rejected: 1 });
  });

  it('lists recent items newest first with ActivityItem fields, filtered and limited', async () => {
    const [r1] = await storage.queue.commit([identifyItem('a@example.com')]);
    fixture.clock.now += 1_000;
    const [s1, s2] = await storage.queue.commit([eventItem('open'), eventItem('click')]);
    expect(storage.queue.recent({}).map((i) => i.id)).toEqual([String(s2), String(s1), String(r1)]);
    expect(storage.queue.recent({ limit: 1 }).map((i) => i.id)).toEqual([String(s2)]);
    expect(storage.queue.recent({ direction: 'receive' })).toEqual([
      {
        id: String(r1),
        direction: 'receive',
        kind: 'identify',
        email: 'a@example.com',
        status: 'pending',
        attempts: 0,
        receivedAt: '2026-11-27T09:14:30.000Z',
        updatedAt: '2026-11-27T09:14:30.000Z',
      },
    ]);
    expect(storage.queue.recent({ status: 'pending', limit: 2 }).map((i) => i.id)).toEqual([String(s2), String(s1)]);
  });

  it('refuses a malformed item without failing the other callers of its group', async () => {
    const good = storage.queue.commit([eventItem()]);
    const bad = storage.queue.commit([{ direction: 'sideways' as 'send', kind: 'open', payload: '{}' }]);
    await expect(bad).rejects.toThrow(/direction/);
    await expect(good).resolves.toHaveLength(1);
  });
});
