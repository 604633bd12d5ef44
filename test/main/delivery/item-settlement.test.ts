// Recording outcomes when storage refuses a write (disk full, SQLITE_BUSY): the outcome is kept and
// recorded later, and an item is never stuck in flight: past the claim lease it is claimable again.
import { createSettlement } from '../../../main/delivery/item-settlement';
import { DEFAULT_RETRY_POLICY } from '../../../main/delivery/retry-policy';
import { silentLogger } from '../../../main/logging/relay-logger';
import type { Storage } from '../../../main/storage/database';
import type { ItemQueue } from '../../../main/storage/item-queue';
import { eventItem, useStorageFixture } from '../../support/storage-fixture';

const LEASE_MS = 60_000;
const fixture = useStorageFixture();
let storage: Storage;
beforeEach(() => {
  storage = fixture.open({ claimLeaseMs: LEASE_MS });
});

/** The real queue, whose settling writes are refused while `refusing` is above zero (one per call). */
function refusingQueue(queue: ItemQueue, refusing: { count: number }): ItemQueue {
  const full = (): Error => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  const refuse = <A extends unknown[]>(write: (...args: A) => void) => (...args: A): void => {
    if (refusing.count > 0) {
      refusing.count -= 1;
      throw full();
    }
    write(...args);
  };
  // The settlement writes through `later`: the refusal is then a rejected promise.
  const refuseLater = <A extends unknown[]>(write: (...args: A) => Promise<void>) => (...args: A): Promise<void> => {
    if (refusing.count > 0) {
      refusing.count -= 1;
      return Promise.reject(full());
    }
    return write(...args);
  };
  const { later } = queue;
  return {
    ...queue,
    markDelivered: refuse(queue.markDelivered),
    markRetry: refuse(queue.markRetry),
    markFailed: refuse(queue.markFailed),
    release: refuse(queue.release),
    later: { ...later, markDelivered: refuseLater(later.markDelivered), markRetry: refuseLater(later.markRetry), markFailed: refuseLater(later.markFailed), release: refuseLater(later.release) },
  };
}

function settlementOver(queue: ItemQueue) {
  const delivered: string[] = [];
  const settlement = createSettlement({
    queue,
    policy: DEFAULT_RETRY_POLICY,
    clock: { now: () => fixture.clock.now, random: () => 0.5 },
    logger: silentLogger,
    keepFailedWritesMs: LEASE_MS / 2,
    observer: { delivered: (direction) => delivered.push(direction), failed: () => undefined },
  });
  return { settlement, delivered };
}

it('records a delivery that storage refused once it accepts writes again, and only then tells the observer', async () => {
  await storage.queue.commit([eventItem('open', 'a')]);
  const refusing = { count: 1 };
  const { settlement, delivered } = settlementOver(refusingQueue(storage.queue, refusing));
  settlement.delivered(storage.queue.claim('send', 10));
  await settlement.settled();
  expect(storage.queue.counts('send')).toMatchObject({ inFlight: 1, delivered: 0 });
  expect(delivered).toEqual([]);
  expect(settlement.retryPending()).toBe(0);
  await settlement.settled();
  expect(storage.queue.counts('send')).toMatchObject({ inFlight: 0, delivered: 1 });
  expect(delivered).toEqual(['send']);
});

it('records waiting outcomes before a newer one, in order', async () => {
  await storage.queue.commit([eventItem('open', 'a'), eventItem('open', 'b'), eventItem('open', 'c')]);
  const refusing = { count: 1 };
  const { settlement } = settlementOver(refusingQueue(storage.queue, refusing));
  const [a, b, c] = storage.queue.claim('send', 10);
  settlement.retry([a!], { reason: 'Segment is down' });
  // Posted before the refusal of a's write was known: it goes through on its own.
  settlement.delivered([b!]);
  await settlement.settled();
  expect(storage.queue.counts('send')).toMatchObject({ pending: 0, delivered: 1, inFlight: 2 });
  // Once a refusal is known, it is written again before any newer outcome.
  settlement.delivered([c!]);
  await settlement.settled();
  expect(storage.queue.counts('send')).toMatchObject({ pending: 1, delivered: 2, inFlight: 0 });
});

it('leaves an outcome storage keeps refusing to the claim lease, which makes the item claimable again', async () => {
  const [id] = await storage.queue.commit([eventItem('open', 'a')]);
  const refusing = { count: Number.MAX_SAFE_INTEGER };
  const { settlement } = settlementOver(refusingQueue(storage.queue, refusing));
  settlement.retry(storage.queue.claim('send', 10), { reason: 'Segment is down' });
  await settlement.settled();
  expect(storage.queue.claim('send', 10)).toEqual([]);
  fixture.clock.now += LEASE_MS + 1;
  expect(settlement.retryPending()).toBe(0);
  expect(storage.queue.claim('send', 10).map((item) => item.id)).toEqual([id]);
});
