// The inspector through the HTTP control API against the emulators: a delivered event opened in full
// (masked headers, exact MessageID, the track sent, its attempt), replayed as a new message and seen
// again by Segment, requests refused at the door listed with the fix and no secret, and failed items
// discarded (counts) or kept from a Retry that cannot help.
import { pollUntil } from '../../support/condition-polling';
import { startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';

const BIG_MESSAGE_ID = '19421777835146491';
let harness: ConnectorHarness;
beforeEach(async () => {
  harness = await startConnectorHarness();
  expect((await harness.ok('enableSend', { onConflict: 'replace' })).state).toBe('enabled');
});
afterEach(async () => {
  await harness.stop();
});

function eventBody(email: string, extra: Record<string, unknown> = {}): string {
  const event = { event: 'open', time: 1433334600, MessageID: '__BIG__', email, mj_campaign_id: 7257, mj_contact_id: 4, customcampaign: '', CustomID: '', Payload: '', ...extra };
  return JSON.stringify(event).replace('"__BIG__"', BIG_MESSAGE_ID);
}

async function postEvent(body: string): Promise<number> {
  const info = await harness.ok('getConnectionInfo', {});
  const url = new URL(info.mailjetCallbackUrl);
  const auth = Buffer.from(`mailjet:${decodeURIComponent(url.password)}`).toString('base64');
  const response = await fetch(`${harness.host.relayUrl}/mailjet/events`, { method: 'POST', headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' }, body });
  return response.status;
}

it('opens a delivered event in full, replays it as a new message, and keeps its attempt history', async () => {
  expect(await postEvent(eventBody('ada@example.com'))).toBe(200);
  await pollUntil(() => harness.segment.received.length === 1, 'the track at Segment');

  const found = await harness.ok('getActivity', { search: 'ada@example' });
  expect(found.items.map((item) => [item.kind, item.email, item.status])).toEqual([['open', 'ada@example.com', 'delivered']]);
  const id = found.items[0]!.id;
  expect((await harness.ok('getActivity', { search: BIG_MESSAGE_ID })).items.map((item) => item.id)).toEqual([id]);
  expect((await harness.ok('getActivity', { search: 'nobody@example.com' })).items).toEqual([]);

  const details = await harness.ok('getItem', { id });
  expect(details.request).toMatchObject({ method: 'POST', path: '/mailjet/events', headers: { authorization: 'Basic ***', 'content-type': 'application/json' } });
  expect(details.request?.body).toContain(BIG_MESSAGE_ID);
  expect(details.sent).toMatchObject({ kind: 'track', call: { event: 'Email Opened', properties: { email_id: BIG_MESSAGE_ID } } });
  expect(details.attempts.map((a) => a.outcome)).toEqual(['delivered']);
  expect(details.replayable).toBe(true);

  const replay = await harness.ok('replayItems', { ids: [id], asNewMessage: true });
  expect(replay).toEqual({ replayed: 1, notReplayed: [], asNewMessage: true });
  await pollUntil(() => harness.segment.received.length === 2, 'the replayed track at Segment');
  expect(harness.segment.uniqueMessageIds().size).toBe(2);
  const again = await harness.ok('getItem', { id });
  expect(again.attempts.map((a) => a.outcome)).toEqual(['delivered', 'delivered']);
  expect(again.item.attempts).toBe(2);

  expect((await harness.ok('replayItems', { ids: [id] })).asNewMessage).toBe(false);
  await pollUntil(() => harness.segment.received.length === 3, 'the same-message replay at Segment');
  expect(harness.segment.duplicateMessageIds()).toHaveLength(1);
});

it('lists requests refused at the door with the fix, and keeps no secret of them', async () => {
  const { relayKey } = await harness.ok('getConnectionInfo', {});
  const wrong = await fetch(`${harness.host.relayUrl}/segment`, { method: 'POST', headers: { authorization: 'Bearer an-old-relay-key-9f8e', 'content-type': 'application/json' }, body: '{"type":"identify"}' });
  expect(wrong.status).toBe(401);
  // Authorized by the real relay key in the body, refused for its shape: the excerpt must mask the key.
  const bad = await fetch(`${harness.host.relayUrl}/v1/identify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ writeKey: relayKey, traits: { email: 'x@example.com' } }) });
  expect(bad.status).toBe(400);
  const notJson = await fetch(`${harness.host.relayUrl}/segment`, { method: 'POST', headers: { authorization: `Bearer ${relayKey}`, 'content-type': 'text/plain' }, body: 'hello' });
  expect(notJson.status).toBe(415);

  const refused = await harness.ok('getActivity', { status: 'refused' });
  expect(refused.items.map((item) => [item.kind, item.status, item.reason?.slice(0, 16)])).toEqual([
    ['POST /segment', 'refused', '415 unsupported_'],
    ['POST /v1/identify', 'refused', '400 bad_shape: T'],
    ['POST /segment', 'refused', '401 unauthorized'],
  ]);
  expect(refused.items[2]?.fix).toBe('Segment sends an old relay key: paste the current Segment Authentication Key into the destination.');
  const opened = await harness.ok('getItem', { id: refused.items[1]!.id });
  expect(opened.request?.body).toContain('x@example.com');
  const everything = JSON.stringify([refused, opened, await harness.ok('getItem', { id: refused.items[2]!.id })]);
  expect(everything).not.toContain(relayKey);
  expect(everything).not.toContain('an-old-relay-key-9f8e');
  // The unfiltered list shows them too, newest first.
  expect((await harness.ok('getActivity', {})).items[0]?.status).toBe('refused');
});

it('discards failed items, counting them, and offers no Retry for a call Segment can never take', async () => {
  harness.segment.inject('POST /v1/batch', { status: 400, count: 1 });
  expect(await postEvent(eventBody('bad@example.com'))).toBe(200);
  expect(await postEvent(eventBody('huge@example.com', { Payload: 'x'.repeat(40 * 1024) }))).toBe(200);
  await pollUntil(async () => (await harness.ok('getStatus', {})).queue.send.failed === 2, 'two failed items');

  const failed = await harness.ok('getActivity', { status: 'failed' });
  const byEmail = new Map(failed.items.map((item) => [item.email, item]));
  expect(byEmail.get('huge@example.com')?.retryable).toBe(false);
  expect(byEmail.get('bad@example.com')?.retryable).toBe(true);
  expect((await harness.ok('retryFailed', { ids: [byEmail.get('huge@example.com')!.id] })).retried).toBe(0);

  const discarded = await harness.ok('discardItems', { ids: [byEmail.get('huge@example.com')!.id] });
  expect(discarded).toEqual({ discarded: 1, byDirection: { receive: 0, send: 1 } });
  expect((await harness.ok('getStatus', {})).queue.send).toMatchObject({ failed: 1, discarded: 1 });
  expect((await harness.ok('discardItems', {})).discarded).toBe(1);
  expect((await harness.ok('getStatus', {})).queue.send).toMatchObject({ failed: 0, discarded: 2 });
  const missing = await harness.call('getItem', { id: byEmail.get('bad@example.com')!.id });
  expect(missing.status).toBe(404);
  expect(missing.error?.code).toBe('item_not_found');
});
