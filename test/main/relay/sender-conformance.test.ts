// What real senders post that the relay used to refuse or store wrongly: Segment Webhooks calls of any
// type, the relay key inside a message, and Mailjet times in milliseconds or out of Segment's range.
import { basic, bearer, EVENTS_SECRET, postJson, RELAY_KEY, RecordingQueue, startRelay, type RunningRelay } from './relay-fixture';

let queue: RecordingQueue;
let relay: RunningRelay;

beforeEach(async () => {
  queue = new RecordingQueue();
  relay = await startRelay({ queue, directions: { selectedEvents: ['open'] } });
});
afterEach(async () => {
  await relay.server.close();
});

describe('Segment Webhooks calls of any type', () => {
  it.each([
    ['a delete (user deletion request)', { type: 'delete', userId: 'u-9', messageId: 'del-1' }, 'delete'],
    ['a type not known yet', { type: 'futurecall', userId: 'u-9' }, 'futurecall'],
  ])('acknowledges %s with 200 and counts it as skipped', async (_name, message, kind) => {
    const response = await postJson(relay.port, '/segment', JSON.stringify(message), bearer(RELAY_KEY));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ success: true });
    expect(queue.items).toMatchObject([{ direction: 'receive', kind, status: 'skipped', reason: 'only identify calls update Mailjet' }]);
  });

  it('skips the delete in a batch and keeps the identify', async () => {
    const batch = { batch: [{ type: 'delete', userId: 'u-9' }, { type: 'identify', userId: 'u-1', traits: { email: 'a@example.com' } }] };
    const response = await postJson(relay.port, '/segment', JSON.stringify(batch), bearer(RELAY_KEY));
    expect(response.status).toBe(200);
    expect(queue.items).toMatchObject([{ kind: 'identify', status: 'pending' }, { kind: 'delete', status: 'skipped' }]);
  });

  it('still refuses an unknown type on the Tracking API path, where the library expects a 400', async () => {
    const response = await postJson(relay.port, '/v1/batch', JSON.stringify({ batch: [{ type: 'delete', userId: 'u-9' }] }), basic(RELAY_KEY));
    expect(response.status).toBe(400);
  });
});

describe('the relay key inside a message', () => {
  it('never stores it, from writeKey, context.writeKey or any other field', async () => {
    const message = { type: 'identify', userId: 'u-1', writeKey: RELAY_KEY, context: { writeKey: RELAY_KEY, library: { name: `lib ${RELAY_KEY}` } }, traits: { email: 'a@example.com', note: RELAY_KEY } };
    const response = await postJson(relay.port, '/v1/identify', JSON.stringify(message), {});
    expect(response.status).toBe(200);
    expect(queue.items).toHaveLength(1);
    const stored = queue.items[0]?.payload ?? '';
    expect(stored).not.toContain(RELAY_KEY);
    expect(JSON.parse(stored)).toMatchObject({ context: { library: { name: 'lib ***' } }, traits: { email: 'a@example.com', note: '***' } });
    expect(JSON.parse(stored).context).not.toHaveProperty('writeKey');
  });

  it('strips it from a rejected message too', async () => {
    const body = { batch: [{ type: 'identify', context: { writeKey: RELAY_KEY }, traits: { email: 'no-id@example.com' } }, { type: 'identify', userId: 'u-2', traits: { email: 'b@example.com' } }] };
    await postJson(relay.port, '/segment', JSON.stringify(body), bearer(RELAY_KEY));
    expect(queue.items.map((item) => item.status)).toEqual(['pending', 'rejected']);
    for (const item of queue.items) expect(item.payload).not.toContain(RELAY_KEY);
  });
});

describe('Mailjet times', () => {
  const open = (time: unknown): string => JSON.stringify({ event: 'open', time, MessageID: 1, email: 'api@mailjet.com' });

  it('reads a time in milliseconds as milliseconds', async () => {
    await postJson(relay.port, '/mailjet/events', open(1433334653123), basic('mailjet', EVENTS_SECRET));
    expect(queue.items).toMatchObject([{ kind: 'open', status: 'pending' }]);
    expect(JSON.parse(queue.items[0]?.payload ?? '{}')).toMatchObject({ time: 1433334653.123 });
  });

  it.each([
    ['past year 9999 even in milliseconds', 253402300800000],
    ['far past year 9999', 9e18],
    ['before 1970', -1],
  ])('rejects a time %s with a reason, with 200', async (_name, time) => {
    const response = await postJson(relay.port, '/mailjet/events', open(time), basic('mailjet', EVENTS_SECRET));
    expect(response.status).toBe(200);
    expect(queue.items).toMatchObject([{ status: 'rejected', reason: expect.stringMatching(/invalid time .*between 1970 and 9999/) }]);
  });
});
