// The stated bound (docs/architecture.md#campaign-name): an event waits for its campaign name at most 3
// attempts and 30 s after its first attempt, then goes to Segment without campaign_name. Fake clock only.
import { createSettlement } from '../../../main/delivery/item-settlement';
import { DEFAULT_RETRY_POLICY } from '../../../main/delivery/retry-policy';
import { silentLogger } from '../../../main/logging/relay-logger';
import type { Storage } from '../../../main/storage/database';
import type { CampaignResolution } from '../../../main/workers/campaign-name-resolver';
import { createEventForwardWorker, DEFAULT_LOOKUP_GRACE, type LookupGrace } from '../../../main/workers/event-forward-worker';
import { useStorageFixture } from '../../support/storage-fixture';

const fixture = useStorageFixture();
let storage: Storage;
let t0: number;
beforeEach(async () => {
  storage = fixture.open();
  t0 = fixture.clock.now;
  await storage.queue.commit([{ direction: 'send', kind: 'open', email: 'a@example.com', payload: JSON.stringify({ event: 'open', time: 1_700_000_000, MessageID: 1, email: 'a@example.com', mj_campaign_id: 7 }) }]);
});

interface Sent {
  at: number;
  properties: Record<string, unknown>;
}

/** A worker whose resolver answers `answer(attempt)`; records when each attempt asked and what Segment got. */
function workerWith(answer: (attempt: number) => CampaignResolution, grace?: LookupGrace) {
  const asked: number[] = [];
  const sent: Sent[] = [];
  const now = () => fixture.clock.now;
  const worker = createEventForwardWorker({
    queue: storage.queue,
    identities: storage.identities,
    sender: { sendBatch: async (calls) => void sent.push(...calls.map((json) => ({ at: now() - t0, properties: (JSON.parse(json) as Sent).properties }))) },
    resolver: {
      resolve: async () => answer(asked.length),
      resolveMany: async (events) => {
        asked.push(now() - t0);
        return events.map(() => answer(asked.length));
      },
    },
    settlement: createSettlement({ queue: storage.queue, policy: DEFAULT_RETRY_POLICY, clock: { now, random: () => 0.5 }, logger: silentLogger }),
    settings: () => ({ selectedEvents: ['open'], namingPreset: 'default' }),
    hasWriteKey: () => true,
    now,
    onCredentials: () => undefined,
    ...(grace === undefined ? {} : { lookupGrace: grace }),
  });
  return { worker, asked, sent };
}

/** Runs the worker whenever the event is due, jumping the fake clock there; bounded. */
async function drain(worker: { deliverBatch(): Promise<unknown> }): Promise<void> {
  for (let round = 0; round < 50; round += 1) {
    const due = storage.queue.nextDueAt('send');
    if (due === null) return;
    fixture.clock.now = Math.max(fixture.clock.now, due);
    await worker.deliverBatch();
  }
  throw new Error('the event never left the queue');
}

const unavailable: CampaignResolution = { status: 'unavailable', reason: 'Mailjet is unreachable' };

it('holds the event for its name at most 3 attempts, then sends it without campaign_name', async () => {
  const { worker, asked, sent } = workerWith(() => unavailable);
  await drain(worker);
  expect(asked).toHaveLength(DEFAULT_LOOKUP_GRACE.maxAttempts);
  expect(sent).toHaveLength(1);
  expect(sent[0]?.properties).not.toHaveProperty('campaign_name');
  expect(sent[0]?.at).toBeLessThan(DEFAULT_LOOKUP_GRACE.maxWaitMs);
  expect(storage.queue.counts('send')).toMatchObject({ delivered: 1, pending: 0 });
});

it('with many attempts allowed, stops waiting at the first attempt 30 s or more after the first one', async () => {
  const { worker, asked, sent } = workerWith(() => unavailable, { maxAttempts: 100, maxWaitMs: 30_000 });
  await drain(worker);
  // Backoff from 1 s doubling: every attempt before 30 s waited; the first one past it sent the event.
  expect(asked.slice(0, -1).every((at) => at < 30_000)).toBe(true);
  expect(asked.at(-1)).toBeGreaterThanOrEqual(30_000);
  expect(sent.map((one) => one.at)).toEqual([asked.at(-1)]);
  expect(sent[0]?.properties).not.toHaveProperty('campaign_name');
});

it('sends at once, unnamed, when Mailjet asks to wait longer than the grace has left', async () => {
  const { worker, asked, sent } = workerWith(() => ({ ...unavailable, retryAfterMs: 60_000 }));
  await drain(worker);
  expect(asked).toEqual([0]);
  expect(sent).toEqual([{ at: 0, properties: expect.not.objectContaining({ campaign_name: expect.anything() }) }]);
});

it('carries the name when Mailjet answers within the grace', async () => {
  const { worker, asked, sent } = workerWith((attempt) => (attempt < 2 ? unavailable : { status: 'resolved', names: { campaignName: 'Spring sale' } }));
  await drain(worker);
  expect(asked).toHaveLength(2);
  expect(sent[0]?.properties).toMatchObject({ campaign_name: 'Spring sale' });
});
