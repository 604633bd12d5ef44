// The official @segment/analytics-node 3 client against the emulator: same wire format, same messageIds.
import { Analytics } from '@segment/analytics-node';
import type { Context } from '@segment/analytics-node';
import { startSegmentEmulator, type SegmentEmulator } from '../../../emulators/segment/segment-emulator.js';

let emulator: SegmentEmulator;

beforeAll(async () => {
  emulator = await startSegmentEmulator({ writeKeys: ['conformance-write-key'] });
});

afterAll(async () => {
  await emulator.stop();
});

beforeEach(() => emulator.clear());

function settle(send: (callback: (err?: unknown, ctx?: Context) => void) => void): Promise<{ err?: unknown; messageId?: string }> {
  return new Promise((resolve) => send((err, ctx) => resolve({ err, messageId: ctx?.event.messageId })));
}

it('records identify and track with the messageIds the client generated', async () => {
  const analytics = new Analytics({ writeKey: 'conformance-write-key', host: emulator.url, flushAt: 1, maxRetries: 0 });
  const identified = settle((done) => analytics.identify({ userId: 'user-1', traits: { email: 'ada@example.com', plan: 'pro' } }, done));
  const tracked = settle((done) => analytics.track({ userId: 'user-1', event: 'Email Opened', properties: { email_id: '19421777835146490' } }, done));
  const [identify, track] = await Promise.all([identified, tracked]);
  await analytics.closeAndFlush({ timeout: 5_000 });

  expect(identify.err).toBeUndefined();
  expect(track.err).toBeUndefined();
  expect(emulator.received.map((message) => [message.type, message.messageId])).toEqual([
    ['identify', identify.messageId],
    ['track', track.messageId],
  ]);
  expect(emulator.received[0]?.message).toMatchObject({ userId: 'user-1', traits: { email: 'ada@example.com', plan: 'pro' } });
  expect(emulator.received[1]?.message).toMatchObject({ event: 'Email Opened', properties: { email_id: '19421777835146490' } });
  expect(emulator.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('conformance-write-key:').toString('base64')}`);
  expect(emulator.rejected).toEqual([]);
});

it('refuses an oversize event the way the real API does', async () => {
  const bigProperties = { blob: 'x'.repeat(33 * 1024) };
  const analytics = new Analytics({ writeKey: 'conformance-write-key', host: emulator.url, flushAt: 1, maxRetries: 0 });
  // The client itself refuses events over 32 KB before sending them...
  const outcome = await settle((done) => analytics.track({ userId: 'user-1', event: 'Huge', properties: bigProperties }, done));
  await analytics.closeAndFlush({ timeout: 5_000 });
  expect(outcome.err).toBeDefined();

  // ...and the API answers 400 when the same event arrives from a sender without that check.
  const response = await fetch(`${emulator.url}/v1/batch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from('conformance-write-key:').toString('base64')}` },
    body: JSON.stringify({ batch: [{ type: 'track', userId: 'user-1', event: 'Huge', properties: bigProperties, messageId: 'm-huge' }] }),
  });
  expect(response.status).toBe(400);
  expect(emulator.received).toEqual([]);
});

it('is retried by the client after a 500, without recording the failed attempt', async () => {
  emulator.inject('POST /v1/batch', { status: 500, count: 1 });
  const analytics = new Analytics({ writeKey: 'conformance-write-key', host: emulator.url, flushAt: 1, maxRetries: 3 });
  const outcome = await settle((done) => analytics.identify({ userId: 'user-2', traits: { email: 'grace@example.com' } }, done));
  await analytics.closeAndFlush({ timeout: 10_000 });
  expect(outcome.err).toBeUndefined();
  expect(emulator.requests.filter((request) => request.path === '/v1/batch')).toHaveLength(2);
  expect([...emulator.uniqueMessageIds()]).toEqual([outcome.messageId]);
});
