// Upstream trouble over real sockets: 429 and 5xx bursts, a hung upstream, connection resets, a
// deleted list, refused keys, and one upstream down while the other keeps flowing. Everything
// acknowledged arrives in the end, and a redelivery always carries the same messageId.
import { pollUntil } from '../../support/condition-polling';
import { CANARIES, logLines, readAllFiles, removeDir, startHarness, type Harness } from '../../support/engine-harness';
import { identifyCalls, postIdentifyBatch, postMailjetEvents, sentEvents } from './engine-traffic';

let harness: Harness;
const dataDirs: string[] = [];

beforeEach(async () => {
  harness = await startHarness();
  dataDirs.push(harness.dataDir);
});
afterEach(async () => {
  await harness.stop();
});
afterAll(() => {
  // Canary secrets: no log line and no byte of any data dir file (database, WAL, journal) holds one.
  const secrets = Object.values(CANARIES);
  expect(logLines.length).toBeGreaterThan(0);
  for (const secret of secrets) expect(logLines.filter((line) => line.includes(secret))).toEqual([]);
  for (const dir of dataDirs) {
    const files = readAllFiles(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const { path, bytes } of files) {
      for (const secret of secrets) expect({ path, found: bytes.includes(Buffer.from(secret)) }).toEqual({ path, found: false });
    }
    removeDir(dir);
  }
});

describe('Segment in trouble', () => {
  it('delivers every event through 429s, 5xx, resets and a hung request, each with one stable messageId', async () => {
    harness.segment.inject('POST /v1/batch', { status: 429, retryAfter: 1, count: 2 });
    harness.segment.inject('POST /v1/batch', { status: 502, count: 2 });
    harness.segment.inject('POST /v1/batch', { reset: true, count: 2 });
    // Longer than the relay's Segment timeout: the relay gives up, Segment still takes it later.
    harness.segment.inject('POST /v1/batch', { delayMs: 1_500, count: 1 });
    harness.segment.inject('POST /v1/batch', { status: 503, count: 2 });
    const events = sentEvents(40);
    for (let offset = 0; offset < events.length; offset += 8) {
      expect((await postMailjetEvents(harness.engine.relayUrl, events.slice(offset, offset + 8))).status).toBe(200);
    }

    await pollUntil(() => harness.segment.uniqueMessageIds().size === 40 && harness.engine.status().queue.send.delivered === 40, 'all 40 events at Segment', { timeoutMs: 15_000 });
    expect(harness.segment.requests.filter((request) => request.fault !== undefined).length).toBe(9);
    // One messageId per Mailjet event, however many times it was sent.
    const emailIdsById = new Map<string, Set<unknown>>();
    for (const call of harness.segment.received) {
      const seen = emailIdsById.get(call.messageId) ?? new Set();
      seen.add((call.message.properties as Record<string, unknown>).email_id);
      emailIdsById.set(call.messageId, seen);
    }
    expect([...emailIdsById.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(new Set([...emailIdsById.values()].map((ids) => [...ids][0])).size).toBe(40);
    expect(harness.engine.status().queue.send).toMatchObject({ pending: 0, inFlight: 0, failed: 0 });
  });

  it('fails events at once when Segment refuses the write key, and says so in the status', async () => {
    harness.segment.inject('POST /v1/batch', { status: 401, count: 1 });
    await postMailjetEvents(harness.engine.relayUrl, sentEvents(2));
    await pollUntil(() => harness.engine.status().queue.send.failed === 2, 'both events failed');
    expect(harness.engine.status().credentialsBad?.segment).toMatchObject({ code: 'segment_write_key_invalid' });
    expect(harness.engine.retryFailed()).toBe(2);
    await pollUntil(() => harness.segment.uniqueMessageIds().size === 2, 'both events at Segment after a manual retry');
    // Segment records the batch before the engine has read its 200, so the status clears a moment later.
    await pollUntil(() => harness.engine.status().credentialsBad === undefined, 'the write key no longer marked bad');
  });
});

describe('dead letters', () => {
  it('fails an event with its last reason once its retry window has passed, and a manual retry sends it', async () => {
    await harness.engine.stop();
    const engine = await harness.startEngine(undefined, { retryPolicy: { initialDelayMs: 10, maxDelayMs: 50, jitter: 0.2, deadLetterAfterMs: 300 } });
    harness.segment.inject('POST /v1/batch', { status: 503, count: 100_000 });
    await postMailjetEvents(engine.relayUrl, sentEvents(1));
    await pollUntil(() => engine.status().queue.send.failed === 1, 'the event dead-lettered');
    const [failed] = engine.recentItems({ direction: 'send', status: 'failed' });
    expect(failed?.reason).toMatch(/^Gave up after .* of retries\. Last error: Segment is temporarily unavailable \(HTTP 503\)/);
    harness.segment.clearFaults();
    expect(engine.retryFailed()).toBe(1);
    await pollUntil(() => harness.segment.uniqueMessageIds().size === 1, 'the event at Segment after a manual retry');
  });
});

describe('Mailjet in trouble', () => {
  it('upserts every contact through 429s, 5xx, resets and a hung request', async () => {
    harness.mailjet.inject('POST /v3/REST/contactslist/*/managemanycontacts', { status: 429, retryAfter: 1, count: 2 });
    harness.mailjet.inject('POST /v3/REST/contactslist/*/managemanycontacts', { status: 500, count: 2 });
    harness.mailjet.inject('POST /v3/REST/contactslist/*/managemanycontacts', { reset: true, count: 1 });
    harness.mailjet.inject('POST /v3/REST/contactslist/*/managemanycontacts', { delayMs: 1_500, count: 1 });
    harness.mailjet.inject('GET /v3/REST/contactmetadata', { status: 503, count: 1 });
    expect((await postIdentifyBatch(harness.engine.relayUrl, identifyCalls(20))).status).toBe(200);

    await pollUntil(() => harness.engine.status().queue.receive.delivered === 20, 'all 20 contacts upserted', { timeoutMs: 15_000 });
    for (let n = 0; n < 20; n++) {
      expect(harness.mailjet.contact(`person${n}@example.com`)).toMatchObject({ Name: `Person ${n}`, Properties: { visits: String(n), vip: String(n % 2 === 0) } });
    }
    expect(harness.engine.status().queue.receive).toMatchObject({ pending: 0, inFlight: 0, failed: 0 });
  });

  it('keeps identify calls waiting while the list is deleted, then drains them into the new list', async () => {
    const deleted = await fetch(`${harness.mailjet.url}/v3/REST/contactslist/${harness.listId}`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`${CANARIES.mailjetApiKey}:${CANARIES.mailjetSecretKey}`).toString('base64')}` },
    });
    expect(deleted.status).toBe(204);
    await postIdentifyBatch(harness.engine.relayUrl, identifyCalls(3));

    await pollUntil(() => harness.engine.status().receive.paused?.code === 'list_deleted', 'the receive direction paused');
    expect(harness.engine.status().receive.paused?.message).toMatch(/choose another list/i);
    expect(harness.engine.status().queue.receive).toMatchObject({ pending: 3, failed: 0, delivered: 0 });
    expect(harness.engine.recentItems({ direction: 'receive' }).every((item) => item.attempts === 0)).toBe(true);

    const replacement = harness.mailjet.seedList({ Name: 'Replacement list' });
    harness.engine.operatorSettings.write({ listId: replacement.ID });
    harness.engine.nudge();
    await pollUntil(() => harness.engine.status().queue.receive.delivered === 3, 'the waiting contacts delivered');
    expect(harness.engine.status().receive.paused).toBeUndefined();
    for (let n = 0; n < 3; n++) expect(harness.mailjet.contact(`person${n}@example.com`)?.Lists).toEqual([expect.objectContaining({ ListID: replacement.ID })]);
  });

  it('finds the contact a bulk job could not import, fails only that item, and delivers the rest', async () => {
    harness.mailjet.failNextJob('Error', '1 of 3 contacts could not be imported');
    // The replay, contact by contact, is where Mailjet names the one it refuses.
    harness.mailjet.inject((request) => request.path.endsWith('/managecontact') && request.body.includes('person1@'), { status: 400, count: 1 });
    await postIdentifyBatch(harness.engine.relayUrl, identifyCalls(3));

    await pollUntil(() => harness.engine.status().queue.receive.delivered === 2 && harness.engine.status().queue.receive.failed === 1, 'two delivered, one failed');
    const [failed] = harness.engine.recentItems({ direction: 'receive', status: 'failed' });
    expect(failed).toMatchObject({ email: 'person1@example.com', attempts: 1, reason: expect.stringMatching(/^Mailjet refused this contact/) });
    expect(harness.mailjet.contact('person0@example.com')).toBeDefined();
    expect(harness.mailjet.contact('person2@example.com')).toBeDefined();
  });
});

describe('independent directions', () => {
  it('keeps upserting contacts while Segment is down, then sends the queued events', async () => {
    harness.segment.inject('POST /v1/batch', { status: 500, count: 100_000 });
    await postMailjetEvents(harness.engine.relayUrl, sentEvents(5));
    await postIdentifyBatch(harness.engine.relayUrl, identifyCalls(5));
    await pollUntil(() => harness.engine.status().queue.receive.delivered === 5, 'contacts upserted while Segment is down');
    expect(harness.segment.received).toEqual([]);
    harness.segment.clearFaults();
    await pollUntil(() => harness.segment.uniqueMessageIds().size === 5, 'events sent once Segment is back');
  });

  it('keeps sending events while Mailjet hangs, unnamed rather than not at all', async () => {
    harness.mailjet.inject('/v3/REST/**', { delayMs: 3_000, count: 100_000 });
    await postIdentifyBatch(harness.engine.relayUrl, identifyCalls(2));
    await postMailjetEvents(harness.engine.relayUrl, sentEvents(5));
    await pollUntil(() => harness.segment.uniqueMessageIds().size === 5, 'events at Segment while Mailjet hangs');
    expect(harness.engine.status().queue.receive.delivered).toBe(0);
    expect(harness.segment.received.every((call) => (call.message.properties as Record<string, unknown>).campaign_name === undefined)).toBe(true);
    harness.mailjet.clearFaults();
    await pollUntil(() => harness.engine.status().queue.receive.delivered === 2, 'contacts upserted once Mailjet answers', { timeoutMs: 15_000 });
  });
});
