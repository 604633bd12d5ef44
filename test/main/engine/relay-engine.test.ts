// Both directions end to end over real sockets: an official Segment library -> relay -> Mailjet
// contacts, and Mailjet's Event API (Version 1 and 2) -> relay -> Segment tracks with exact email_ids.
import { Analytics } from '@segment/analytics-node';
import { readFileSync } from 'node:fs';
import { parseJsonLossless } from '../../../shared/json-lossless';
import { parseMailjetEvents, type MailjetEvent } from '../../../shared/mailjet-event';
import { messageIdFor } from '../../../shared/message-id';
import { pollUntil } from '../../support/condition-polling';
import { fixtureEvents } from '../../../emulators/fixtures/mailjet-events';
import type { MailjetEventInput } from '../../../emulators/mailjet/event-sender';
import { stringifyWithBigInts } from '../../../emulators/mailjet/raw-json';
import { CANARIES, mailjetCallbackUrl, removeDir, startHarness, type Harness } from '../../support/engine-harness';
import { postMailjetEvents, sentEvents } from './engine-traffic';

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.stop();
  removeDir(harness.dataDir);
});

async function identifyThroughAnalytics(calls: Array<{ userId: string; traits: Record<string, unknown> }>): Promise<void> {
  const analytics = new Analytics({ writeKey: CANARIES.relayKey, host: harness.engine.relayUrl, flushAt: calls.length, maxRetries: 0 });
  const failures: unknown[] = [];
  analytics.on('error', (error) => failures.push(error));
  for (const call of calls) analytics.identify(call);
  await analytics.closeAndFlush({ timeout: 10_000 });
  expect(failures).toEqual([]);
}

function registerCallbacks(version: 1 | 2): void {
  for (const type of ['sent', 'open', 'click', 'bounce', 'spam', 'blocked', 'unsub']) {
    harness.mailjet.seedCallback({ EventType: type, Url: mailjetCallbackUrl(harness.engine.relayUrl), Version: version });
  }
}

describe('Segment -> Mailjet', () => {
  it('turns identify calls from @segment/analytics-node into contacts with typed properties', async () => {
    const sherlock = JSON.parse(readFileSync('test/fixtures/identify/sherlock-holmes.json', 'utf8')) as { userId: string; traits: Record<string, unknown> };
    await identifyThroughAnalytics([sherlock, { userId: 'watson', traits: { email: 'watson@example.com', name: 'John Watson', age: 41, doctor: true } }]);

    await pollUntil(() => harness.mailjet.contact('watson@example.com') !== undefined && harness.mailjet.contact('sherlock@example.com') !== undefined, 'both contacts in Mailjet');
    const sherlockContact = harness.mailjet.contact('sherlock@example.com');
    expect(sherlockContact).toMatchObject({
      Name: 'Sherlock Holmes',
      IsExcludedFromCampaigns: false,
      Properties: { first_name: 'Sherlock', last_name: 'Holmes', location_latitude: '51.52376', location_longitude: '-0.158459' },
      Lists: [{ ListID: harness.listId, IsUnsub: false }],
    });
    // The guide's rule: an object holding an object is dropped whole.
    expect(Object.keys(sherlockContact?.Properties ?? {}).some((name) => name.startsWith('address'))).toBe(false);
    expect(harness.mailjet.contact('watson@example.com')).toMatchObject({ Name: 'John Watson', Properties: { age: '41', doctor: 'true' } });
    expect(harness.mailjet.properties).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Name: 'age', Datatype: 'int', NameSpace: 'static' }),
        expect.objectContaining({ Name: 'doctor', Datatype: 'bool' }),
        expect.objectContaining({ Name: 'location_latitude', Datatype: 'float' }),
      ]),
    );
    await pollUntil(() => harness.engine.status().queue.receive.delivered === 2, 'both identify items delivered');
    const bodies = harness.mailjet.requests.filter((request) => request.method === 'POST' && /managec|managemany/.test(request.path)).map((request) => request.body);
    expect(bodies.join('')).not.toContain('IsExcludedFromCampaigns');
  });

  it('merges several identify calls for one email into one upsert, later traits winning', async () => {
    await identifyThroughAnalytics([
      { userId: 'irene', traits: { email: 'irene@example.com', plan: 'free', city: 'Montenegro' } },
      { userId: 'irene', traits: { email: 'irene@example.com', plan: 'pro' } },
      { userId: 'mycroft', traits: { email: 'mycroft@example.com', plan: 'gov' } },
    ]);
    await pollUntil(() => harness.engine.status().queue.receive.delivered === 3, 'three identify items delivered');
    expect(harness.mailjet.contact('irene@example.com')?.Properties).toEqual({ plan: 'pro', city: 'Montenegro' });
    expect(harness.mailjet.contact('mycroft@example.com')?.Properties).toEqual({ plan: 'gov' });
    const upserted = harness.mailjet.jobs.flatMap((job) => job.contacts as Array<{ Email: string }>);
    expect(upserted.filter((contact) => contact.Email === 'irene@example.com')).toHaveLength(1);
  });
});

describe('Mailjet -> Segment', () => {
  const bigId = { ...fixtureEvents.sent, MessageID: 19421777835146491n } satisfies MailjetEventInput;

  it.each([1, 2] as const)('forwards Version %i callbacks as tracks with exact email_ids and campaign names', async (version) => {
    registerCallbacks(version);
    await identifyThroughAnalytics([{ userId: 'api-user-7', traits: { email: 'api@mailjet.com' } }]);
    await pollUntil(() => harness.engine.status().queue.receive.delivered === 1, 'identify delivered');

    const report = await harness.mailjet.emit([bigId, fixtureEvents.click, fixtureEvents.bounce, fixtureEvents.blocked]);
    expect(report.deliveries.every((delivery) => delivery.delivered)).toBe(true);
    await pollUntil(() => harness.segment.received.length >= 4, 'four tracks at Segment');

    const byEvent = Object.fromEntries(harness.segment.received.map((call) => [call.message.event as string, call.message]));
    expect(byEvent.Delivered).toMatchObject({
      type: 'track',
      userId: 'api-user-7',
      timestamp: '2015-06-03T12:19:09.000Z',
      properties: { email_id: '19421777835146491', campaign_id: '7257', campaign_name: 'Spring sale draft', email_subject: 'Our spring sale starts today', smtp_reply: fixtureEvents.sent.smtp_reply },
      context: { traits: { email: 'api@mailjet.com' } },
    });
    expect(byEvent['Email Link Clicked']).toMatchObject({ properties: { email_id: '19421777836302490', link_url: 'https://mailjet.com', campaign_name: 'Your order has shipped' }, context: { ip: '127.0.0.1', location: { country: 'FR' } } });
    // No campaign id on the bounce: the message lookup names it.
    expect(byEvent['Email Bounced']).toMatchObject({ anonymousId: 'bounce@mailjet.com', properties: { email_id: '13792286917004336', hard_bounce: true } });
    // mj_campaign_id 0: no campaign to name, and no Mailjet call to find one.
    expect(byEvent['Email Bounced']?.properties).not.toHaveProperty('campaign_name');
    expect(byEvent.Blocked).toMatchObject({ properties: { campaign_name: 'password-reset' } });
    expect(harness.segment.received.every((call) => call.messageId.startsWith('mj-') && !call.generatedMessageId)).toBe(true);
    expect(harness.segment.rejected).toEqual([]);
  });

  it('keeps ids above 2^53 exact from the stored payload to Segment, with the messageId stored at intake', async () => {
    registerCallbacks(2);
    harness.engine.operatorSettings.write({ events: ['unsub'] });
    // The worker reads stored payloads with plain JSON.parse: intake must have turned every big integer,
    // known or not, into a digit string (the unknown field is stored, not forwarded, and must not round the rest).
    const unsub = { ...fixtureEvents.unsub, MessageID: 19421777835146491n, mj_list_id: 19421777835146493n, mj_future_id: 98765432109876543210n } satisfies MailjetEventInput;
    await harness.mailjet.emit([unsub]);
    await pollUntil(() => harness.segment.received.length >= 1, 'the unsub at Segment');

    const [call] = harness.segment.received;
    expect(call?.message).toMatchObject({ properties: { email_id: '19421777835146491', list_id: '19421777835146493' } });
    const [event] = parseMailjetEvents(parseJsonLossless(stringifyWithBigInts(unsub))).events;
    expect(call?.messageId).toBe(messageIdFor(event as MailjetEvent));
  });

  it('does not forward an event type deselected while it waited in the queue', async () => {
    registerCallbacks(1);
    // Segment answers 503 until the selection has changed, so both events are still queued then.
    harness.segment.inject('POST /v1/batch', { status: 503, count: 10_000 });
    await harness.mailjet.emit([fixtureEvents.sent, fixtureEvents.open]);
    await pollUntil(() => harness.segment.requests.length > 0, 'a first, refused attempt');
    harness.engine.operatorSettings.write({ events: ['sent'] });
    // A batch claimed just before the change may still carry "open": the 503s hold it back until it is set aside.
    await pollUntil(() => harness.engine.status().queue.send.failed === 1, 'open set aside');
    harness.segment.clearFaults();

    await pollUntil(() => harness.engine.status().queue.send.delivered === 1 && harness.engine.status().queue.send.failed === 1, 'sent delivered, open set aside');
    expect(harness.segment.received.map((call) => call.message.event)).toEqual(['Delivered']);
    const [failed] = harness.engine.recentItems({ direction: 'send', status: 'failed' });
    expect(failed).toMatchObject({ kind: 'open', reason: expect.stringContaining('no longer selected') });
  });
});

describe('a burst of failures', () => {
  const BURST = /^12 items failed in the last 5 minutes: .+\. Open Activity to see why, fix the cause, then Retry all failed\.$/;

  async function failTwelveEvents(start = 0): Promise<void> {
    expect((await postMailjetEvents(harness.engine.relayUrl, sentEvents(12, start))).status).toBe(200);
    await pollUntil(() => harness.engine.status().queue.send.failed === 12, '12 events dead-lettered');
  }

  // The burst watch is told of an outcome once the writer thread's answer arrives, a moment after the
  // queue's counts (read from the database) already show it.
  const burstCountsTwelve = (): Promise<void> =>
    pollUntil(() => BURST.test(harness.engine.status().send.failureBurst?.message ?? ''), 'the failure burst counting all 12');

  it('makes the send status say failure_burst with the count and the latest reason, until an event goes out again', async () => {
    harness.segment.inject('POST /v1/batch', { status: 400, count: 10_000 });
    await failTwelveEvents();
    await burstCountsTwelve();
    expect(harness.engine.status().send.failureBurst).toEqual({ code: 'failure_burst', message: expect.stringMatching(BURST) });
    expect(harness.engine.status().receive.failureBurst).toBeUndefined();

    harness.segment.clearFaults();
    await postMailjetEvents(harness.engine.relayUrl, sentEvents(1, 100));
    await pollUntil(() => harness.engine.status().queue.send.delivered === 1, 'a new event delivered');
    // Cleared once the delivery's answer reaches the burst watch (see burstCountsTwelve).
    await pollUntil(() => harness.engine.status().send.failureBurst === undefined, 'the failure burst cleared by a delivery');
  });

  it('is cleared by retryFailed, and comes back when the retried items fail again', async () => {
    harness.segment.inject('POST /v1/batch', { status: 400, count: 10_000 });
    await failTwelveEvents();
    expect(harness.engine.retryFailed()).toBe(12);
    expect(harness.engine.status().send.failureBurst).toBeUndefined();
    await pollUntil(() => harness.engine.status().queue.send.failed === 12, 'the retried events failed again');
    await burstCountsTwelve();
    expect(harness.engine.status().send.failureBurst?.message).toMatch(BURST);
  });

  it('stays quiet below the threshold (configurable in DeliveryTuning)', async () => {
    await harness.engine.stop();
    await harness.startEngine(undefined, { failureBurst: { threshold: 13, windowMs: 5 * 60_000 } });
    harness.segment.inject('POST /v1/batch', { status: 400, count: 10_000 });
    await failTwelveEvents();
    expect(harness.engine.status().send.failureBurst).toBeUndefined();
  });
});
