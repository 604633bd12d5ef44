// Mailjet Event API bodies as Mailjet posts them (Version 1 object, Version 2 array): exact
// MessageIDs, per-item rejection, and the send-direction skip rules.
import { messageIdFor } from '../../../shared/message-id';
import { parseMailjetEvents } from '../../../shared/mailjet-event';
import { parseJsonLossless } from '../../../shared/json-lossless';
import { basic, EVENTS_SECRET, postJson, RecordingQueue, startRelay, type RunningRelay } from './relay-fixture';

const AUTH = basic('mailjet', EVENTS_SECRET);
const SENT = '{"event":"sent","time":1433333949,"MessageID":19421777835146491,"Message_GUID":"1ab23cd4-e567-8901-2345-6789f0gh1i2j","email":"api@mailjet.com","mj_campaign_id":7257,"mj_contact_id":4,"customcampaign":"","mj_message_id":"19421777835146491","smtp_reply":"sent (250 2.0.0 OK)","CustomID":"helloworld","Payload":""}';
const CLICK = '{"event":"click","time":1433334653,"MessageID":19421777836302490,"email":"api@mailjet.com","mj_campaign_id":7272,"mj_contact_id":4,"customcampaign":"","url":"https://mailjet.com","ip":"127.0.0.1","geo":"FR","agent":"Mozilla/5.0"}';
const BOUNCE = '{"event":"bounce","time":1430812195,"MessageID":13792286917004336,"email":"bounce@mailjet.com","mj_campaign_id":0,"mj_contact_id":0,"blocked":false,"hard_bounce":true,"error_related_to":"recipient","error":"user unknown"}';

let queue: RecordingQueue;
let relay: RunningRelay;

beforeEach(async () => {
  queue = new RecordingQueue();
  relay = await startRelay({ queue, directions: { selectedEvents: ['sent', 'click'] } });
});
afterEach(async () => {
  await relay.server.close();
});

it('keeps MessageID 19421777835146491 exact in the stored payload (Version 1, one object)', async () => {
  const response = await postJson(relay.port, '/mailjet/events', SENT, AUTH);
  expect(response.status).toBe(200);
  expect(queue.items).toHaveLength(1);
  const item = queue.items[0];
  expect(item).toMatchObject({ direction: 'send', kind: 'sent', email: 'api@mailjet.com', status: 'pending' });
  expect(item?.payload).toContain('19421777835146491');
  expect(item?.payload).not.toContain('19421777835146490');
  // The stored messageId is the stable Segment one, the same for a re-post of the same event.
  const event = parseMailjetEvents(parseJsonLossless(SENT)).events[0];
  expect(event).toBeDefined();
  if (event) expect(item?.messageId).toBe(messageIdFor(event));
});

it('answers 200 to a Version 2 array with one bad item, queues the good ones and records the bad one', async () => {
  const body = `[${SENT},{"event":"open","time":1433334000,"email":"x@example.com"},${CLICK}]`;
  const response = await postJson(relay.port, '/mailjet/events', body, AUTH);
  expect(response.status).toBe(200);
  expect(response.json).toMatchObject({ success: true, accepted: 2, rejected: 1 });
  expect(queue.items).toMatchObject([
    { kind: 'sent', status: 'pending' },
    { kind: 'click', status: 'pending' },
    { direction: 'send', kind: 'open', status: 'rejected', reason: 'missing MessageID' },
  ]);
  expect(queue.items[2]?.payload).toContain('x@example.com');
});

it('skips deselected event types with the reason', async () => {
  const response = await postJson(relay.port, '/mailjet/events', `[${BOUNCE}]`, AUTH);
  expect(response.status).toBe(200);
  expect(queue.items).toMatchObject([{ kind: 'bounce', status: 'skipped', reason: 'the "bounce" event type is not selected for sending' }]);
});

it('skips every event while sending is disabled', async () => {
  relay.directions.sendEnabled = false;
  const response = await postJson(relay.port, '/mailjet/events', `[${SENT},${CLICK}]`, AUTH);
  expect(response.status).toBe(200);
  expect(queue.items.map((item) => [item.status, item.reason])).toEqual([
    ['skipped', 'sending to Segment is disabled'],
    ['skipped', 'sending to Segment is disabled'],
  ]);
});

it('truncates a huge rejected item instead of storing all of it', async () => {
  const huge = JSON.stringify({ event: 'open', email: 'y@example.com', junk: 'z'.repeat(100_000) });
  const response = await postJson(relay.port, '/mailjet/events', `[${SENT},${huge}]`, AUTH);
  expect(response.status).toBe(200);
  expect(queue.items[1]?.status).toBe('rejected');
  expect(queue.items[1]?.payload.length).toBeLessThan(4096);
});

it('refuses a wrong events secret with 401 and one next step: register the callback URL again', async () => {
  const response = await postJson(relay.port, '/mailjet/events', SENT, basic('mailjet', 'wrong-secret'));
  expect(response.status).toBe(401);
  expect(response.json).toEqual({
    error: { code: 'unauthorized', message: 'Missing or wrong credentials: the callback URL must carry mailjet:<events secret>; register it again from the app (Enable sending).' },
  });
});

describe('a body with nothing usable in it (Mailjet retries every non-200 for 24 h)', () => {
  const noMessageId = (n: number): string => `{"event":"open","time":${1433334000 + n},"email":"x${n}@example.com"}`;

  it('answers 200 to an array of only bad events and records each as rejected with its reason', async () => {
    const response = await postJson(relay.port, '/mailjet/events', `[${noMessageId(0)},{"event":"sent","MessageID":1}]`, AUTH);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ success: true, accepted: 0, rejected: 2 });
    expect(queue.items).toMatchObject([
      { direction: 'send', kind: 'open', status: 'rejected', reason: 'missing MessageID' },
      { direction: 'send', kind: 'sent', status: 'rejected', reason: expect.stringMatching(/^missing or invalid time/) },
    ]);
  });

  it.each([
    ["Mailjet's own send-test body (email \"\")", '{"event":"sent","time":1433333949,"MessageID":19421777835146490,"email":"","mj_contact_id":0}', 'sent', 'missing or invalid email'],
    ['an event type outside the seven', '{"event":"typofix","time":1433333949,"MessageID":1,"email":"a@example.com"}', 'typofix', 'unknown event type "typofix"'],
    ['an inbound parse call', '{"event":"parseapi","time":1433333949,"email":"a@example.com"}', 'parseapi', 'unknown event type "parseapi"'],
    ['an event without email', '{"event":"open","time":1433333949,"MessageID":1}', 'open', 'missing or invalid email'],
    ['a JSON number', '42', 'unknown', expect.stringMatching(/one event object or an array/)],
  ])('answers 200 to %s, one object, and records it as rejected', async (_name, body, kind, reason) => {
    const response = await postJson(relay.port, '/mailjet/events', body, AUTH);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ success: true, accepted: 0, rejected: 1 });
    expect(queue.items).toMatchObject([{ direction: 'send', kind, status: 'rejected', reason }]);
  });

  it('never judges or forwards the deprecated mj_message_id, so a malformed one rejects nothing', async () => {
    const body = SENT.replace('"mj_message_id":"19421777835146491"', '"mj_message_id":"not-a-number"');
    const response = await postJson(relay.port, '/mailjet/events', body, AUTH);
    expect(response.json).toEqual({ success: true, accepted: 1, rejected: 0 });
    expect(queue.items[0]).toMatchObject({ kind: 'sent', status: 'pending' });
    expect(queue.items[0]?.payload).not.toContain('mj_message_id');
  });

  it('still answers 200 to an empty array: nothing was wrong with it', async () => {
    const response = await postJson(relay.port, '/mailjet/events', '[]', AUTH);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ success: true, accepted: 0, rejected: 0 });
  });
});
