// The send worker settles a batch in a few writes, whatever mix of outcomes it holds: deselected types,
// unreadable payloads and events waiting for their campaign name are not one transaction each.
import { createSettlement } from '../../../main/delivery/item-settlement';
import { DEFAULT_RETRY_POLICY } from '../../../main/delivery/retry-policy';
import { silentLogger } from '../../../main/logging/relay-logger';
import type { Storage } from '../../../main/storage/database';
import type { CampaignNameResolver, CampaignResolution } from '../../../main/workers/campaign-name-resolver';
import { createEventForwardWorker } from '../../../main/workers/event-forward-worker';
import { useStorageFixture } from '../../support/storage-fixture';
import { countingQueue } from './counting-queue';

const fixture = useStorageFixture();
let storage: Storage;
beforeEach(() => {
  storage = fixture.open();
});

const event = (type: string, messageId: number, extra: Record<string, unknown> = {}) => ({
  direction: 'send' as const,
  kind: type,
  email: `${messageId}@example.com`,
  payload: JSON.stringify({ event: type, time: 1_700_000_000, MessageID: messageId, email: `${messageId}@example.com`, mj_campaign_id: 7, ...extra }),
});

/** A resolver giving every event the same answer. */
const answering = (resolution: CampaignResolution): CampaignNameResolver => ({
  resolve: async () => resolution,
  resolveMany: async (events) => events.map(() => resolution),
});

function workerWith(resolver: CampaignNameResolver, sent: string[][]) {
  const { queue, writes, sizes, claims } = countingQueue(storage.queue);
  const worker = createEventForwardWorker({
    queue,
    identities: storage.identities,
    sender: { sendBatch: async (calls) => void sent.push([...calls]) },
    resolver,
    settlement: createSettlement({ queue, policy: DEFAULT_RETRY_POLICY, clock: { now: () => fixture.clock.now, random: () => 0.5 }, logger: silentLogger }),
    settings: () => ({ selectedEvents: ['open', 'click'], namingPreset: 'default' }),
    hasWriteKey: () => true,
    now: () => fixture.clock.now,
    onCredentials: () => undefined,
  });
  return { worker, writes, sizes, claims };
}

it('settles deselected, unreadable and delivered items of one batch in one write per outcome', async () => {
  await storage.queue.commit([
    event('open', 1),
    event('bounce', 2),
    event('spam', 3),
    { direction: 'send', kind: 'open', payload: '{not json' },
    event('click', 5),
    event('blocked', 6),
  ]);
  const sent: string[][] = [];
  const { worker, writes } = workerWith(answering({ status: 'resolved', names: { campaignName: 'Spring' } }), sent);
  expect(await worker.deliverBatch()).toEqual({ claimed: 6 });
  expect(writes.sort()).toEqual(['markDelivered', 'markFailed']);
  expect(sent.flat()).toHaveLength(2);
  expect(storage.queue.counts('send')).toMatchObject({ delivered: 2, failed: 4, inFlight: 0 });
  const reasons = storage.queue.recent({ status: 'failed' }).map((item) => item.reason);
  expect(reasons.filter((reason) => /no longer selected/.test(reason ?? ''))).toHaveLength(3);
  expect(reasons.filter((reason) => /could not be read back/.test(reason ?? ''))).toHaveLength(1);
});

it('claims and marks delivered a batch of 250 in steps of at most 100 items, and Segment still gets it as one request', async () => {
  await storage.queue.commit(Array.from({ length: 250 }, (_, index) => event(index % 2 === 0 ? 'open' : 'click', index + 1)));
  const sent: string[][] = [];
  const { worker, sizes, claims } = workerWith(answering({ status: 'resolved', names: { campaignName: 'Spring' } }), sent);
  expect(await worker.deliverBatch()).toEqual({ claimed: 250 });
  // One transaction per step, a turn of the event loop between: no step holds the relay's intake for long.
  expect(claims.every((limit) => limit <= 100)).toBe(true);
  expect(sizes).toEqual([
    { write: 'markDelivered', items: 100 },
    { write: 'markDelivered', items: 100 },
    { write: 'markDelivered', items: 50 },
  ]);
  expect(sent.map((request) => request.length)).toEqual([250]);
  expect(storage.queue.counts('send')).toMatchObject({ delivered: 250, pending: 0, inFlight: 0 });
});

it('puts every event still waiting for its campaign name back in one write', async () => {
  await storage.queue.commit([event('open', 1), event('click', 2), event('open', 3), event('bounce', 4)]);
  const sent: string[][] = [];
  const { worker, writes } = workerWith(answering({ status: 'unavailable', reason: 'Mailjet is unreachable' }), sent);
  await worker.deliverBatch();
  expect(writes.sort()).toEqual(['markFailed', 'markRetry']);
  expect(sent).toEqual([]);
  expect(storage.queue.counts('send')).toMatchObject({ pending: 3, failed: 1, inFlight: 0 });
  expect(storage.queue.recent({ status: 'pending' }).every((item) => /Waiting for Mailjet to name the campaign/.test(item.reason ?? ''))).toBe(true);
});

it('puts the claimed events back to pending when the batch fails on this side (a storage read threw)', async () => {
  await storage.queue.commit([event('open', 1), event('click', 2)]);
  const worker = createEventForwardWorker({
    queue: storage.queue,
    identities: { userIdFor: () => undefined, userIdsFor: () => { throw new Error('SQLITE_BUSY: database is locked'); } },
    sender: { sendBatch: async () => undefined },
    resolver: answering({ status: 'resolved', names: { campaignName: 'Welcome' } }),
    settlement: createSettlement({ queue: storage.queue, policy: DEFAULT_RETRY_POLICY, clock: { now: () => fixture.clock.now, random: () => 0.5 }, logger: silentLogger }),
    settings: () => ({ selectedEvents: ['open', 'click'], namingPreset: 'default' }),
    hasWriteKey: () => true,
    now: () => fixture.clock.now,
    onCredentials: () => undefined,
  });
  await expect(worker.deliverBatch()).rejects.toThrow(/SQLITE_BUSY/);
  expect(storage.queue.counts('send')).toMatchObject({ pending: 2, inFlight: 0 });
});

it('sends the messageId stored at intake, and reads a row holding a raw id above 2^53 (an older build) exactly', async () => {
  const stored = { ...event('open', 1), messageId: 'mj-stored-at-intake' };
  const legacy = { direction: 'send' as const, kind: 'click', email: 'b@example.com', payload: '{"event":"click","time":1700000000,"MessageID":19421777835146491,"email":"b@example.com","url":"https://x.test"}' };
  await storage.queue.commit([stored, legacy]);
  const sent: string[][] = [];
  const { worker } = workerWith(answering({ status: 'resolved', names: {} }), sent);
  await worker.deliverBatch();
  const calls = sent.flat().map((json) => JSON.parse(json) as { messageId: string; properties: { email_id: unknown } });
  expect(calls.map((call) => call.messageId)).toEqual(['mj-stored-at-intake', expect.stringMatching(/^mj-[0-9a-f]{64}$/)]);
  expect(calls[1]?.properties.email_id).toBe('19421777835146491');
});
