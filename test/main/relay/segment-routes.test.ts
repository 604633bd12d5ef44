// What Segment clients see and what gets queued: an official @segment/analytics-node pointed at the
// relay, Webhooks batches with a bad message, and the skip rules for non-identify calls.
import { Analytics } from '@segment/analytics-node';
import { bearer, postJson, RecordingQueue, RELAY_KEY, startRelay, type RunningRelay } from './relay-fixture';

let queue: RecordingQueue;
let relay: RunningRelay;

beforeEach(async () => {
  queue = new RecordingQueue();
  relay = await startRelay({ queue });
});
afterEach(async () => {
  await relay.server.close();
});

describe('@segment/analytics-node pointed at the relay', () => {
  it('delivers identify and track calls with write key = relay key', async () => {
    const analytics = new Analytics({ writeKey: RELAY_KEY, host: relay.url, flushAt: 2, maxRetries: 0 });
    const failures: unknown[] = [];
    analytics.on('error', (error) => failures.push(error));
    analytics.identify({ userId: 'user-42', traits: { email: 'grace@example.com', plan: 'pro' } });
    analytics.track({ userId: 'user-42', event: 'Signed Up' });
    await analytics.closeAndFlush({ timeout: 10_000 });

    expect(failures).toEqual([]);
    expect(queue.items).toMatchObject([
      { direction: 'receive', kind: 'identify', email: 'grace@example.com', userId: 'user-42', status: 'pending' },
      { direction: 'receive', kind: 'track', status: 'skipped', reason: 'only identify calls update Mailjet' },
    ]);
    const stored = JSON.parse(queue.items[0]?.payload ?? '{}') as Record<string, unknown>;
    expect(stored).toMatchObject({ type: 'identify', traits: { email: 'grace@example.com', plan: 'pro' } });
    expect(queue.items[0]?.messageId).toBe(stored.messageId);
    expect(queue.items.map((item) => item.payload).join('')).not.toContain(RELAY_KEY);
  });
});

describe('POST /segment', () => {
  it('keeps the good messages of a batch and records the bad one as rejected', async () => {
    const body = JSON.stringify({
      batch: [
        { type: 'identify', userId: 'u1', traits: { email: 'a@example.com' } },
        { type: 'identify', traits: { email: 'no-id@example.com' } },
        { type: 'page', anonymousId: 'anon-1', name: 'Home' },
      ],
    });
    const response = await postJson(relay.port, '/segment', body, bearer(RELAY_KEY));
    expect(response.status).toBe(200);
    expect(queue.items).toMatchObject([
      { kind: 'identify', email: 'a@example.com', status: 'pending' },
      { kind: 'page', status: 'skipped' },
      { kind: 'identify', status: 'rejected', reason: 'no userId or anonymousId' },
    ]);
    expect(queue.items[2]?.payload).toContain('no-id@example.com');
  });

  it.each([
    ['without an email', { traits: { name: 'Nobody' } }, 'no valid email'],
    ['with an invalid email', { traits: { email: 'not-an-address' } }, 'no valid email'],
  ])('acknowledges an identify %s but skips it', async (_name, extra, reason) => {
    const response = await postJson(relay.port, '/segment', JSON.stringify({ type: 'identify', userId: 'u9', ...extra }), bearer(RELAY_KEY));
    expect(response.status).toBe(200);
    expect(queue.items).toMatchObject([{ kind: 'identify', status: 'skipped', userId: 'u9' }]);
    expect(queue.items[0]?.reason).toContain(reason);
  });

  it('skips identify calls while receiving is disabled, but still records email and userId for the identity map', async () => {
    relay.directions.receiveEnabled = false;
    const response = await postJson(relay.port, '/segment', JSON.stringify({ type: 'identify', userId: 'u7', traits: { email: 'b@example.com' } }), bearer(RELAY_KEY));
    expect(response.status).toBe(200);
    expect(queue.items).toMatchObject([{ kind: 'identify', status: 'skipped', email: 'b@example.com', userId: 'u7', reason: 'receiving from Segment is disabled' }]);
  });

  it('answers 400 to a batch whose messages are all bad, with the reasons, and queues nothing', async () => {
    const body = JSON.stringify({ batch: [{ type: 'identify', traits: { email: 'no-id@example.com' } }, { type: 'identify', userId: 'u2', traits: 'text' }] });
    const response = await postJson(relay.port, '/segment', body, bearer(RELAY_KEY));
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: { code: 'bad_shape', message: expect.stringMatching(/^No message in the body is usable \(2 rejected: item 0: no userId or anonymousId; item 1: .+\), so nothing was accepted\. Fix them and send again\.$/) } });
    expect(queue.items).toHaveLength(0);
  });

  it('refuses a wrong relay key with 401 and one next step', async () => {
    const response = await postJson(relay.port, '/segment', JSON.stringify({ type: 'identify', userId: 'u1' }), bearer('wrong'));
    expect(response.status).toBe(401);
    expect(response.json).toEqual({
      error: { code: 'unauthorized', message: 'Missing or wrong credentials: send the relay key as a Bearer token or Basic user, or sign the body with X-Signature; copy the Segment Authentication Key again from the app.' },
    });
  });

  it('acknowledges an empty batch without queueing anything', async () => {
    const response = await postJson(relay.port, '/segment', '{"batch":[]}', bearer(RELAY_KEY));
    expect(response.status).toBe(200);
    expect(queue.items).toHaveLength(0);
  });
});

describe('POST /v1/<call>', () => {
  it.each(['identify', 'track', 'page', 'screen', 'group', 'alias'])('/v1/%s takes a message without a type field', async (call) => {
    const response = await postJson(relay.port, `/v1/${call}`, JSON.stringify({ userId: 'u1', event: 'X', traits: { email: 'c@example.com' } }), bearer(RELAY_KEY));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ success: true });
    expect(queue.items).toMatchObject([{ kind: call, status: call === 'identify' ? 'pending' : 'skipped' }]);
  });

  it('keeps a big integer trait exact in the stored payload', async () => {
    const body = '{"userId":"u1","traits":{"email":"d@example.com","external_id":12345678901234567890}}';
    const response = await postJson(relay.port, '/v1/identify', body, bearer(RELAY_KEY));
    expect(response.status).toBe(200);
    expect(queue.items[0]?.payload).toContain('12345678901234567890');
  });
});
