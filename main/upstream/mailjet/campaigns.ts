// Mailjet's campaigns, newsletters and messages, read one row at a time to name an event's campaign.
// How a name is chosen and cached is decided in main/workers (campaign-name-resolver.ts).
import type { MailjetRest } from './rest-core';

export interface CampaignRow { Subject?: unknown; CustomValue?: unknown; NewsLetterID?: unknown }
export interface NewsletterRow { Title?: unknown; Subject?: unknown }
export interface MessageRow { CampaignID?: unknown; Subject?: unknown }

type Rest = Pick<MailjetRest, 'request'>;

async function firstRow<T>(rest: Rest, path: string, query?: Record<string, string>): Promise<T | undefined> {
  const page = await rest.request<{ Data?: T[] }>('GET', path, query === undefined ? {} : { query });
  return Array.isArray(page?.Data) ? page.Data[0] : undefined;
}

export function readCampaign(rest: Rest, id: string): Promise<CampaignRow | undefined> {
  return firstRow<CampaignRow>(rest, `campaign/${id}`);
}

export function readNewsletter(rest: Rest, id: string): Promise<NewsletterRow | undefined> {
  return firstRow<NewsletterRow>(rest, `newsletter/${id}`);
}

/** ShowSubject: the message resource omits the subject unless asked. */
export function readMessage(rest: Rest, id: string): Promise<MessageRow | undefined> {
  return firstRow<MessageRow>(rest, `message/${id}`, { ShowSubject: 'true' });
}
