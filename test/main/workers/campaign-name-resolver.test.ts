// Campaign names from the Mailjet emulator's fixtures: customcampaign, newsletter Title, CustomValue,
// subject; events without a campaign id go without a name and without a call; cached, bounded, never throwing.
import { parseJsonLossless } from '../../../shared/json-lossless';
import { parseMailjetEvents, type MailjetEvent } from '../../../shared/mailjet-event';
import { createMailjetRest } from '../../../main/upstream/mailjet/rest-core';
import { createCampaignNameResolver } from '../../../main/workers/campaign-name-resolver';
import { fixtureEvents } from '../../../emulators/fixtures/mailjet-events';
import type { MailjetEventInput } from '../../../emulators/mailjet/event-sender';
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator';
import { stringifyWithBigInts } from '../../../emulators/mailjet/raw-json';

let mailjet: MailjetEmulator;
beforeEach(async () => {
  mailjet = await startMailjetEmulator({ seedFixtures: true });
});
afterEach(async () => {
  await mailjet.stop();
});

function resolver(now = Date.now) {
  const rest = createMailjetRest({ baseUrl: mailjet.url, credentials: () => ({ apiKey: mailjet.apiKey, secretKey: mailjet.secretKey }), timeoutMs: 300 });
  return createCampaignNameResolver({ rest, now, failureCooldownMs: 1_000 });
}

function event(input: MailjetEventInput): MailjetEvent {
  const [parsed] = parseMailjetEvents(parseJsonLossless(stringifyWithBigInts(input))).events;
  if (parsed === undefined) throw new Error('fixture did not parse');
  return parsed;
}

it.each([
  ['a newsletter campaign: the newsletter Title', fixtureEvents.sent, { campaignName: 'Spring sale draft', emailSubject: 'Our spring sale starts today' }],
  ['a transactional campaign: its subject', fixtureEvents.click, { campaignName: 'Your order has shipped', emailSubject: 'Your order has shipped' }],
  ['X-Mailjet-Campaign: the CustomValue', fixtureEvents.blocked, { campaignName: 'password-reset', emailSubject: 'Reset your password' }],
  ['an mj.nl= marker: the newsletter Title', { ...fixtureEvents.open, customcampaign: 'mj.nl=4501' }, { campaignName: 'Spring sale draft', emailSubject: 'Our spring sale starts today' }],
  ['a customcampaign: itself, no lookup', { ...fixtureEvents.open, customcampaign: 'Black Friday' }, { campaignName: 'Black Friday' }],
])('names %s', async (_name, input, names) => {
  expect(await resolver().resolve(event(input as MailjetEventInput))).toEqual({ status: 'resolved', names });
});

it('asks Mailjet once per campaign, however many events name it', async () => {
  const names = resolver();
  await Promise.all([names.resolve(event(fixtureEvents.click)), names.resolve(event(fixtureEvents.click))]);
  await names.resolve(event({ ...fixtureEvents.click, event: 'open' }));
  expect(mailjet.requests.filter((request) => request.path.endsWith('/campaign/7272'))).toHaveLength(1);
});

it('resolves an unknown campaign to no name rather than failing', async () => {
  expect(await resolver().resolve(event({ ...fixtureEvents.click, mj_campaign_id: 999 }))).toEqual({ status: 'resolved', names: {} });
});

it('reports Mailjet unavailable, then answers from that failure without asking again during the cooldown', async () => {
  mailjet.inject('GET /v3/REST/campaign/*', { status: 503, count: 5 });
  const names = resolver();
  expect(await names.resolve(event(fixtureEvents.click))).toMatchObject({ status: 'unavailable' });
  expect(await names.resolve(event(fixtureEvents.sent))).toMatchObject({ status: 'unavailable' });
  expect(mailjet.requests).toHaveLength(1);
});

it('gives up on a hung Mailjet after the lookup timeout', async () => {
  mailjet.inject('GET /v3/REST/campaign/*', { delayMs: 2_000 });
  expect(await resolver().resolve(event(fixtureEvents.click))).toMatchObject({ status: 'unavailable' });
});

it('names an event without a campaign id (a bounce: mj_campaign_id 0) as a miss, without asking Mailjet', async () => {
  expect(await resolver().resolve(event(fixtureEvents.bounce))).toEqual({ status: 'resolved', names: {} });
  expect(mailjet.requests).toHaveLength(0);
});

it('keeps a 1,200-event bounce storm to at most 40 Mailjet calls, and sends what is over the budget without waiting', async () => {
  const rest = createMailjetRest({ baseUrl: mailjet.url, credentials: () => ({ apiKey: mailjet.apiKey, secretKey: mailjet.secretKey }), timeoutMs: 300 });
  const names = createCampaignNameResolver({ rest, now: Date.now, maxLookupsPerMinute: 40 });
  // 600 bounces without a campaign id (each its own message), 300 events of 2 known campaigns,
  // 300 events naming 100 campaigns Mailjet does not know (misses, remembered as such).
  const storm = Array.from({ length: 1_200 }, (_, index) => {
    if (index % 2 === 0) return event({ ...fixtureEvents.bounce, MessageID: 10_000 + index });
    if (index % 4 === 1) return event({ ...fixtureEvents.click, mj_campaign_id: index % 8 === 1 ? 7272 : 999, MessageID: 10_000 + index });
    return event({ ...fixtureEvents.click, mj_campaign_id: 50_000 + (index % 100), MessageID: 10_000 + index });
  });
  const resolutions = await Promise.all(storm.map((one) => names.resolve(one)));
  expect(resolutions.every((resolution) => resolution.status === 'resolved')).toBe(true);
  expect(mailjet.requests.length).toBeLessThanOrEqual(40);
  expect(mailjet.requests.filter((request) => request.path.endsWith('/campaign/7272'))).toHaveLength(1);
  expect(mailjet.requests.filter((request) => request.path.includes('/message/'))).toHaveLength(0);
  // The known campaign was asked first and remembered: its events carry the name.
  expect(resolutions[1]).toEqual({ status: 'resolved', names: { campaignName: 'Your order has shipped', emailSubject: 'Your order has shipped' } });
});
