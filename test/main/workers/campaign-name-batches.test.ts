// resolveMany against the Mailjet emulator: a batch naming many unknown campaigns costs one list call
// (plus one per newsletter Title), campaigns the list did not bring are asked by id, and failures stay bounded.
import { parseJsonLossless } from '../../../shared/json-lossless';
import { parseMailjetEvents, type MailjetEvent } from '../../../shared/mailjet-event';
import { createMailjetRest } from '../../../main/upstream/mailjet/rest-core';
import { createCampaignNameResolver, type CampaignNameResolverOptions } from '../../../main/workers/campaign-name-resolver';
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator';
import { BURST_TIME, burstEvent, seedBurstCampaigns, type BurstCampaign } from '../../support/campaign-burst';

let mailjet: MailjetEmulator;
let campaigns: BurstCampaign[];
beforeEach(async () => {
  mailjet = await startMailjetEmulator({ seedFixtures: true });
  campaigns = seedBurstCampaigns(mailjet, 20);
});
afterEach(async () => {
  await mailjet.stop();
});

function resolver(options: Partial<CampaignNameResolverOptions> = {}) {
  const rest = createMailjetRest({ baseUrl: mailjet.url, credentials: () => ({ apiKey: mailjet.apiKey, secretKey: mailjet.secretKey }), timeoutMs: 1_000 });
  return createCampaignNameResolver({ rest, now: Date.now, ...options });
}

function events(inputs: Array<Record<string, unknown>>): MailjetEvent[] {
  return parseMailjetEvents(parseJsonLossless(JSON.stringify(inputs))).events;
}

/** Events of every burst campaign, twice over (open events only: odd burst numbers). */
const campaignEvents = (): MailjetEvent[] => events(Array.from({ length: campaigns.length * 2 }, (_, index) => burstEvent(2 * index + 1, campaigns)));
const lists = () => mailjet.requests.filter((request) => request.path === '/v3/REST/campaign');
const byId = () => mailjet.requests.filter((request) => /^\/v3\/REST\/campaign\/\d+$/.test(request.path));

it('names 20 unknown campaigns with one list call and one call per newsletter Title', async () => {
  const batch = campaignEvents();
  const resolutions = await resolver().resolveMany(batch);
  expect(resolutions.map((resolution) => (resolution.status === 'resolved' ? resolution.names.campaignName : resolution.status))).toEqual(
    batch.map((event) => campaigns.find((campaign) => String(campaign.id) === event.mj_campaign_id)?.name),
  );
  expect(lists()).toHaveLength(1);
  // The list starts a margin before the batch's oldest event, so the burst's campaigns are in it.
  expect(Number(lists()[0]?.query.FromTS)).toBeLessThan(BURST_TIME);
  expect(byId()).toHaveLength(0);
  const newsletters = campaigns.filter((campaign) => campaign.newsletterId !== undefined).length;
  expect(mailjet.requests).toHaveLength(1 + newsletters);
});

it('asks by id for a campaign the list did not bring (created before the list starts)', async () => {
  // 7272 is a fixture campaign without CreatedAt: not in any FromTS list.
  const batch = [...campaignEvents(), ...events([{ ...burstEvent(1, campaigns), mj_campaign_id: 7272 }])];
  const resolutions = await resolver().resolveMany(batch);
  expect(resolutions.at(-1)).toEqual({ status: 'resolved', names: { campaignName: 'Your order has shipped', emailSubject: 'Your order has shipped' } });
  expect(lists()).toHaveLength(1);
  expect(byId().map((request) => request.path)).toEqual(['/v3/REST/campaign/7272']);
});

it('asks by id, without a list, when a batch names fewer than 3 unknown campaigns', async () => {
  await resolver().resolveMany(events([burstEvent(1, campaigns), burstEvent(3, campaigns), burstEvent(5, campaigns)]).slice(0, 2));
  expect(lists()).toHaveLength(0);
  expect(byId()).toHaveLength(2);
});

it('lists once for two batches resolved side by side, and not again for campaigns it knows', async () => {
  const names = resolver();
  await Promise.all([names.resolveMany(campaignEvents()), names.resolveMany(campaignEvents())]);
  await names.resolveMany(campaignEvents());
  expect(lists()).toHaveLength(1);
  expect(byId()).toHaveLength(0);
});

it('answers a batch from a failed list without asking per id during the cooldown', async () => {
  mailjet.inject('GET /v3/REST/campaign', { status: 503, count: 1 });
  const resolutions = await resolver().resolveMany(campaignEvents());
  expect(resolutions.every((resolution) => resolution.status === 'unavailable')).toBe(true);
  expect(mailjet.requests).toHaveLength(1);
});

it('keeps a 1,200-event storm within the minute budget even when every campaign is unknown to the list', async () => {
  // 600 bounces without a campaign id, 600 events of 300 campaigns Mailjet has never heard of.
  const storm = events(Array.from({ length: 1_200 }, (_, n) => (n % 2 === 0 ? burstEvent(n, campaigns) : { ...burstEvent(n, campaigns), mj_campaign_id: 70_000 + (n % 600) })));
  const resolutions = await resolver({ maxLookupsPerMinute: 40 }).resolveMany(storm);
  expect(resolutions.every((resolution) => resolution.status === 'resolved')).toBe(true);
  expect(mailjet.requests.length).toBeLessThanOrEqual(40);
  expect(lists()).toHaveLength(1);
});

it('falls back to calls by id, and lists no more, when Mailjet refuses the list itself (a 400)', async () => {
  mailjet.inject('GET /v3/REST/campaign', { status: 400, count: 1 });
  const names = resolver();
  const resolutions = await names.resolveMany(campaignEvents());
  expect(resolutions.every((resolution) => resolution.status === 'resolved' && resolution.names.campaignName !== undefined)).toBe(true);
  expect(byId()).toHaveLength(campaigns.length);
  await names.resolveMany(events([{ ...burstEvent(1, campaigns), mj_campaign_id: 7272 }, { ...burstEvent(1, campaigns), mj_campaign_id: 7300 }, { ...burstEvent(1, campaigns), mj_campaign_id: 7257 }]));
  expect(lists()).toHaveLength(1);
});
