// The Segment Tracking API's rules: auth, size and count limits, 200-then-rejected messages, duplicates.
import { startSegmentEmulator, type SegmentEmulator } from '../../../emulators/segment/segment-emulator.js';

let segment: SegmentEmulator;
beforeEach(async () => {
  segment = await startSegmentEmulator({ writeKeys: ['good-key'] });
});
afterEach(async () => {
  await segment.stop();
});

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

function post(path: string, body: unknown, authorization?: string) {
  return fetch(`${segment.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(authorization === undefined ? {} : { Authorization: authorization }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const track = (messageId: string, extra: Record<string, unknown> = {}) => ({ type: 'track', userId: 'u1', event: 'Email Opened', messageId, ...extra });

describe('auth', () => {
  it('accepts the write key as Basic user or as writeKey in the body', async () => {
    expect((await post('/v1/track', track('m1'), basic('good-key'))).status).toBe(200);
    expect((await post('/v1/track', { ...track('m2'), writeKey: 'good-key' })).status).toBe(200);
    expect(segment.received.map((message) => [message.messageId, message.writeKey])).toEqual([
      ['m1', 'good-key'],
      ['m2', 'good-key'],
    ]);
  });

  it.each([
    ['an unknown Basic key', basic('bad-key'), {}],
    ['an unknown body key', undefined, { writeKey: 'bad-key' }],
    ['no key at all', undefined, {}],
  ])('answers 401 for %s', async (_case, authorization, extra) => {
    const reply = await post('/v1/batch', { batch: [track('m1')], ...extra }, authorization);
    expect(reply.status).toBe(401);
    expect(segment.received).toEqual([]);
  });
});

describe('limits', () => {
  it('answers 200 {"success":true} for a good batch', async () => {
    const reply = await post('/v1/batch', { batch: [track('m1'), { type: 'identify', anonymousId: 'a1', traits: {}, messageId: 'm2' }] }, basic('good-key'));
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ success: true });
    expect(segment.received.map((message) => message.type)).toEqual(['track', 'identify']);
  });

  it.each([
    ['invalid JSON', '/v1/batch', '{"batch":['],
    ['a batch that is not an array', '/v1/batch', { batch: {} }],
    ['2,501 events in one batch', '/v1/batch', { batch: Array.from({ length: 2_501 }, (_, index) => track(`m${index}`)) }],
    ['a batch over 500 KB', '/v1/batch', { batch: Array.from({ length: 20 }, (_, index) => track(`m${index}`, { properties: { blob: 'x'.repeat(30 * 1024) } })) }],
    ['one event over 32 KB inside a small batch', '/v1/batch', { batch: [track('ok'), track('big', { properties: { blob: 'x'.repeat(33 * 1024) } })] }],
    ['a single call over 32 KB', '/v1/track', track('big', { properties: { blob: 'x'.repeat(33 * 1024) } })],
  ])('answers 400 for %s and accepts nothing from it', async (_case, path, body) => {
    const reply = await post(path, body, basic('good-key'));
    expect(reply.status).toBe(400);
    expect(segment.received).toEqual([]);
  });

  it('accepts exactly 2,500 events', async () => {
    const reply = await post('/v1/batch', { batch: Array.from({ length: 2_500 }, (_, index) => track(`m${index}`)) }, basic('good-key'));
    expect(reply.status).toBe(200);
    expect(segment.received).toHaveLength(2_500);
  });
});

describe('messages Segment drops after answering 200', () => {
  it.each([
    ['no userId or anonymousId', { type: 'track', event: 'X', messageId: 'm1' }, 'missing userId or anonymousId'],
    ['a track without event', { type: 'track', userId: 'u1', messageId: 'm1' }, 'track without event'],
    ['an unknown type', { type: 'purchase', userId: 'u1', messageId: 'm1' }, 'unknown type "purchase"'],
  ])('answers 200 for %s but records it as rejected', async (_case, message, reason) => {
    const reply = await post('/v1/batch', { batch: [message] }, basic('good-key'));
    expect(reply.status).toBe(200);
    expect(segment.received).toEqual([]);
    expect(segment.rejected).toEqual([{ reason, message }]);
  });

  it('takes the call type of a single-call endpoint from its path', async () => {
    await post('/v1/identify', { userId: 'u1', traits: { email: 'a@example.com' }, messageId: 'm1' }, basic('good-key'));
    await post('/v1/track', { userId: 'u1', messageId: 'm2' }, basic('good-key'));
    expect(segment.received.map((message) => message.type)).toEqual(['identify']);
    expect(segment.rejected.map((rejection) => rejection.reason)).toEqual(['track without event']);
  });
});

describe('duplicates', () => {
  it('keeps every delivery but tells unique messageIds from the total', async () => {
    await post('/v1/batch', { batch: [track('m1'), track('m2')] }, basic('good-key'));
    await post('/v1/batch', { batch: [track('m2'), track('m3')] }, basic('good-key'));
    expect(segment.received).toHaveLength(4);
    expect(segment.uniqueMessageIds()).toEqual(new Set(['m1', 'm2', 'm3']));
    expect(segment.duplicateMessageIds()).toEqual(['m2']);
  });

  it('makes up a messageId when the sender gives none', async () => {
    await post('/v1/track', { userId: 'u1', event: 'X' }, basic('good-key'));
    expect(segment.received[0]).toMatchObject({ generatedMessageId: true, messageId: expect.stringMatching(/^emu-/) });
  });
});

it('answers 404 for an unknown endpoint', async () => {
  expect((await post('/v1/purchase', track('m1'), basic('good-key'))).status).toBe(404);
});
