// emit(): Mailjet's Event API behaviour as a relay sees it on the wire.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixtureEvents } from '../../../emulators/fixtures/mailjet-events.js';
import { createCallback } from '../../../emulators/mailjet/callback-routes.js';
import { emitEvents, isLoopbackHost, type PostEvents } from '../../../emulators/mailjet/event-sender.js';
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator.js';
import { MailjetStore } from '../../../emulators/mailjet/store.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in relay: records each POST and answers the next status from `statuses` (then 200). */
async function startReceiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let emulator: MailjetEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeEach(async () => {
  emulator = await startMailjetEmulator({ eventRetryDelaysMs: [1, 1, 1] });
});
afterEach(async () => {
  await emulator.stop();
  await receiver.stop();
});

it('Version 1 posts one bare object per request', async () => {
  receiver = await startReceiver();
  emulator.seedCallback({ EventType: 'sent', Url: `${receiver.url}/mailjet/events`, Version: 1 });
  const report = await emulator.emit([fixtureEvents.sent, { ...fixtureEvents.sent, time: fixtureEvents.sent.time }]);
  expect(receiver.received).toHaveLength(2);
  for (const request of receiver.received) {
    expect(request.body.startsWith('{"event":"sent"')).toBe(true);
    expect(request.headers['content-type']).toBe('application/json');
  }
  expect(report.deliveries.every((delivery) => delivery.delivered && delivery.attempts.length === 1)).toBe(true);
});

it('Version 2 posts arrays grouped per second, mixing event types bound for the same URL', async () => {
  receiver = await startReceiver();
  const url = `${receiver.url}/mailjet/events`;
  emulator.seedCallback({ EventType: 'open', Url: url, Version: 2 });
  emulator.seedCallback({ EventType: 'click', Url: url, Version: 2 });
  const second = 1_700_000_000;
  await emulator.emit([
    { ...fixtureEvents.open, time: second },
    { ...fixtureEvents.click, time: second },
    { ...fixtureEvents.open, time: second, email: 'other@example.com' },
    { ...fixtureEvents.click, time: second + 1 },
  ]);
  const bodies = receiver.received.map((request) => JSON.parse(request.body) as { event: string }[]);
  expect(bodies.map((batch) => batch.map((event) => event.event))).toEqual([['open', 'click', 'open'], ['click']]);
});

it('sends userinfo from the callback URL as a Basic header, not in the request line', async () => {
  receiver = await startReceiver();
  const [origin, rest] = [receiver.url.replace('http://', ''), '/mailjet/events'];
  emulator.seedCallback({ EventType: 'sent', Url: `http://mailjet:s%40cret@${origin}${rest}` });
  const report = await emulator.emit([fixtureEvents.sent]);
  expect(receiver.received[0]?.headers.authorization).toBe(`Basic ${Buffer.from('mailjet:s@cret').toString('base64')}`);
  expect(receiver.received[0]?.path).toBe('/mailjet/events');
  expect(report.deliveries[0]?.url).toBe(`${receiver.url}/mailjet/events`);
});

it('writes a MessageID above 2^53 as a raw, exact JSON number', async () => {
  receiver = await startReceiver();
  emulator.seedCallback({ EventType: 'bounce', Url: receiver.url });
  await emulator.emit([{ ...fixtureEvents.bounce, MessageID: 9007199254740993n }]);
  expect(receiver.received[0]?.body).toContain('"MessageID":9007199254740993,');
  expect((JSON.parse(receiver.received[0]?.body ?? '{}') as { MessageID: number }).MessageID).toBe(9007199254740992);
});

it('retries any answer but 200 on its schedule, with the same body', async () => {
  receiver = await startReceiver([500, 201]);
  emulator.seedCallback({ EventType: 'sent', Url: receiver.url });
  const report = await emulator.emit([fixtureEvents.sent]);
  expect(report.deliveries[0]?.attempts).toEqual([{ status: 500 }, { status: 201 }, { status: 200 }]);
  expect(new Set(receiver.received.map((request) => request.body)).size).toBe(1);
});

it('gives up after the bounded schedule', async () => {
  receiver = await startReceiver([503, 503, 503, 503, 503]);
  emulator.seedCallback({ EventType: 'sent', Url: receiver.url });
  const report = await emulator.emit([fixtureEvents.sent], { retryDelaysMs: [1] });
  expect(report.deliveries[0]).toMatchObject({ delivered: false, attempts: [{ status: 503 }, { status: 503 }] });
  expect(receiver.received).toHaveLength(2);
});

it('retries when nothing listens, reporting the network error', async () => {
  receiver = await startReceiver();
  await receiver.stop();
  emulator.seedCallback({ EventType: 'sent', Url: receiver.url });
  const report = await emulator.emit([fixtureEvents.sent], { retryDelaysMs: [1] });
  expect(report.deliveries[0]?.attempts).toEqual([{ error: expect.any(String) }, { error: expect.any(String) }]);
  receiver = await startReceiver();
});

it('posts only to the primary, alive callback; other events are dropped', async () => {
  receiver = await startReceiver();
  emulator.seedCallback({ EventType: 'open', Url: `${receiver.url}/backup`, IsBackup: true });
  emulator.seedCallback({ EventType: 'click', Url: `${receiver.url}/dead`, Status: 'dead' });
  emulator.seedCallback({ EventType: 'sent', Url: `${receiver.url}/primary` });
  const report = await emulator.emit([fixtureEvents.open, fixtureEvents.click, fixtureEvents.sent]);
  expect(receiver.received.map((request) => request.path)).toEqual(['/primary']);
  expect(report.dropped.map((event) => event.event)).toEqual(['open', 'click']);
});

describe('posts only to this machine', () => {
  const foreign = 'https://crm:crm-password@hooks.example.com/mailjet/bounce';

  it('refuses a non-loopback callback without making any request', async () => {
    receiver = await startReceiver();
    const store = new MailjetStore(1, () => new Date(0));
    createCallback(store, { EventType: 'bounce', Url: foreign });
    createCallback(store, { EventType: 'sent', Url: receiver.url });
    const post = vi.fn<PostEvents>(() => Promise.resolve({ status: 200 }));
    const report = await emitEvents(store, [fixtureEvents.bounce, fixtureEvents.sent], { retryDelaysMs: [1], timeoutMs: 1_000 }, post);
    expect(post.mock.calls.map(([target]) => target)).toEqual([receiver.url]);
    expect(report.deliveries[0]).toMatchObject({
      url: 'https://hooks.example.com/mailjet/bounce',
      delivered: false,
      attempts: [],
      refused: 'refused: non-loopback host hooks.example.com',
    });
    expect(report.deliveries[1]).toMatchObject({ delivered: true });
    expect(report.deliveries[1]?.refused).toBeUndefined();
  });

  it.each([
    ['http://127.0.0.1:1/', true],
    ['http://127.1.2.3/', true],
    ['http://127.1/', true],
    ['http://localhost:8080/', true],
    ['http://relay.localhost/', true],
    ['http://[::1]:9/', true],
    ['https://hooks.example.com/', false],
    ['http://128.0.0.1/', false],
    ['http://10.0.0.1/', false],
    ['http://127.0.0.1.example.com/', false],
    ['http://localhost.example.com/', false],
    ['http://[::ffff:127.0.0.1]/', false],
    ['http://0.0.0.0/', false],
  ])('%s is loopback: %s', (url, loopback) => {
    expect(isLoopbackHost(new URL(url).hostname)).toBe(loopback);
  });
});
