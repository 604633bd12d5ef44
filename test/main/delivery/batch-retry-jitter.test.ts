// Retries keep a batch whole: after one failed send, the 50 events that went out together come due
// together and are claimed (and so sent) as one batch again, however the jitter falls.
import { createSettlement } from '../../../main/delivery/item-settlement';
import { DEFAULT_RETRY_POLICY } from '../../../main/delivery/retry-policy';
import { silentLogger } from '../../../main/logging/relay-logger';
import { eventItem, useStorageFixture } from '../../support/storage-fixture';

const fixture = useStorageFixture();

it('puts a 50-event batch that failed once back in the queue as one batch', async () => {
  const storage = fixture.open();
  await storage.queue.commit(Array.from({ length: 50 }, (_, index) => eventItem('open', `mj-${index}`)));
  let draws = 0;
  const settlement = createSettlement({
    queue: storage.queue,
    policy: DEFAULT_RETRY_POLICY,
    // A fresh random number on every draw: per-item jitter would scatter the batch across a second.
    clock: { now: () => fixture.clock.now, random: () => ((draws += 1) * 0.618) % 1 },
    logger: silentLogger,
  });
  const batch = storage.queue.claim('send', 100);
  expect(batch).toHaveLength(50);
  settlement.retry(batch, { reason: 'Segment answered 503' });

  // Walk the clock through the jitter window (1 s ± 20 %): the first claim that finds anything due finds all 50.
  const start = fixture.clock.now;
  let claimed = storage.queue.claim('send', 100);
  while (claimed.length === 0 && fixture.clock.now - start <= 1_200) {
    fixture.clock.now += 5;
    claimed = storage.queue.claim('send', 100);
  }
  expect(claimed).toHaveLength(50);
});

it('gives each batch its own jitter, so batches that failed together still spread out', async () => {
  const storage = fixture.open();
  await storage.queue.commit(Array.from({ length: 4 }, (_, index) => eventItem('open', `mj-${index}`)));
  const draws = [0, 0.999];
  const settlement = createSettlement({ queue: storage.queue, policy: DEFAULT_RETRY_POLICY, clock: { now: () => fixture.clock.now, random: () => draws.shift() ?? 0.5 }, logger: silentLogger });
  const [a, b, c, d] = storage.queue.claim('send', 4);
  settlement.retry([a!, b!], { reason: 'Segment answered 503' });
  settlement.retry([c!, d!], { reason: 'Segment answered 503' });
  fixture.clock.now += 801;
  expect(storage.queue.claim('send', 4).map((item) => item.id)).toEqual([a!.id, b!.id]);
  fixture.clock.now += 400;
  expect(storage.queue.claim('send', 4).map((item) => item.id)).toEqual([c!.id, d!.id]);
});
