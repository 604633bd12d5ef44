// A bounce storm as the issue describes it: events without a campaign id (mj_campaign_id 0) mixed with
// events of a score of recent campaigns, some of them newsletters, seeded into the Mailjet emulator.
import type { MailjetEmulator } from '../../emulators/mailjet/mailjet-emulator';

export const BURST_TIME = Date.parse('2026-11-27T09:00:00Z') / 1000;

export interface BurstCampaign {
  id: number;
  /** What campaign_name must be: the newsletter Title, the CustomValue or the subject. */
  name: string;
  newsletterId?: number;
}

/** `count` campaigns created an hour before the burst; every fifth is a newsletter, every other a CustomValue. */
export function seedBurstCampaigns(mailjet: Pick<MailjetEmulator, 'seedCampaign' | 'seedNewsletter'>, count: number): BurstCampaign[] {
  const createdAt = new Date((BURST_TIME - 3_600) * 1000).toISOString();
  return Array.from({ length: count }, (_, index) => {
    const id = 60_001 + index;
    const subject = `Subject of campaign ${id}`;
    if (index % 5 === 0) {
      const newsletterId = 5_001 + index;
      mailjet.seedNewsletter({ ID: newsletterId, Title: `Newsletter ${newsletterId}`, Subject: subject });
      mailjet.seedCampaign({ ID: id, Subject: subject, CustomValue: `mj.nl=${newsletterId}`, NewsLetterID: newsletterId, CampaignType: 2, FromEmail: 'news@example.com', CreatedAt: createdAt });
      return { id, name: `Newsletter ${newsletterId}`, newsletterId };
    }
    const customValue = index % 2 === 0 ? `flow-${id}` : '';
    mailjet.seedCampaign({ ID: id, Subject: subject, CustomValue: customValue, NewsLetterID: 0, CampaignType: 1, FromEmail: 'shop@example.com', CreatedAt: createdAt });
    return { id, name: customValue || subject };
  });
}

/** Event `n` of the burst as Mailjet posts it (Version 2 JSON): even ones are bounces without a campaign id. */
export function burstEvent(n: number, campaigns: readonly BurstCampaign[]): Record<string, unknown> {
  const campaign = campaigns[Math.floor(n / 2) % campaigns.length] as BurstCampaign;
  const common = { time: BURST_TIME + (n % 60), MessageID: 30_000_000 + n, Message_GUID: `guid-${n}`, email: `reader${n}@example.com`, mj_contact_id: n, CustomID: '', Payload: '' };
  if (n % 2 === 0) {
    return { event: 'bounce', ...common, mj_campaign_id: 0, customcampaign: '', blocked: false, hard_bounce: true, error_related_to: 'recipient', error: 'user unknown' };
  }
  return { event: 'open', ...common, mj_campaign_id: campaign.id, customcampaign: '', ip: '127.0.0.1', geo: 'FR', agent: 'Mozilla/5.0' };
}
