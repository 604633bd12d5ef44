// Issue 15's bounce storm through the real engine: 1,200 events (half bounces with mj_campaign_id 0, half
// opens of 20 recent campaigns, 4 of them newsletters) reach the Segment emulator, each named right, for
// at most 1 + 4 Mailjet lookups: one campaign list and one newsletter Title each (before batching: 24).
import { pollUntil } from '../../support/condition-polling';
import { burstEvent, seedBurstCampaigns, type BurstCampaign } from '../../support/campaign-burst';
import { removeDir, startHarness, type Harness } from '../../support/engine-harness';
import { postMailjetEvents } from './engine-traffic';

let harness: Harness;
let campaigns: BurstCampaign[];
beforeEach(async () => {
  harness = await startHarness();
  campaigns = seedBurstCampaigns(harness.mailjet, 20);
  harness.mailjet.clearRequests();
});
afterEach(async () => {
  await harness.stop();
  removeDir(harness.dataDir);
});

it('forwards a 1,200-event burst with the right campaign names for at most 5 Mailjet lookups', async () => {
  const events = Array.from({ length: 1_200 }, (_, n) => JSON.stringify(burstEvent(n, campaigns)));
  for (let start = 0; start < events.length; start += 100) {
    expect((await postMailjetEvents(harness.engine.relayUrl, events.slice(start, start + 100))).status).toBe(200);
  }
  await pollUntil(() => harness.segment.uniqueMessageIds().size === 1_200, '1,200 tracks in Segment', { timeoutMs: 30_000 });

  const lookups = harness.mailjet.requests.filter((request) => /^\/v3\/REST\/(campaign|newsletter|message)\b/.test(request.path));
  const newsletters = campaigns.filter((campaign) => campaign.newsletterId !== undefined);
  expect(lookups.filter((request) => request.path === '/v3/REST/campaign')).toHaveLength(1);
  expect(lookups.filter((request) => /^\/v3\/REST\/campaign\/\d+$/.test(request.path))).toHaveLength(0);
  expect(lookups.length).toBeLessThanOrEqual(1 + newsletters.length);

  const nameOf = new Map(campaigns.map((campaign) => [String(campaign.id), campaign.name]));
  const properties = harness.segment.received.map((message) => message.message.properties as Record<string, unknown>);
  const bounces = properties.filter((p) => p.campaign_id === '0');
  expect(bounces).toHaveLength(600);
  expect(bounces.every((p) => p.campaign_name === undefined)).toBe(true);
  const opens = properties.filter((p) => p.campaign_id !== '0');
  expect(opens).toHaveLength(600);
  expect(opens.filter((p) => p.campaign_name !== nameOf.get(String(p.campaign_id)))).toEqual([]);
});
