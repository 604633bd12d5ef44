// Mailjet's campaigns, newsletters and messages, read one row at a time (or one page of recent campaigns)
// to name an event's campaign. How a name is chosen and cached is decided in main/workers (campaign-name-resolver.ts).
import { MAILJET_PAGE_LIMIT, type MailjetRest } from './rest-core';

export interface CampaignRow { ID?: unknown; Subject?: unknown; CustomValue?: unknown; NewsLetterID?: unknown }
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

/**
 * One page (Mailjet's most rows, 1,000) of the campaigns since `fromTs` (Unix seconds): the names of a whole
 * burst in one call. A campaign past a full page is simply not in it; the caller asks for that one by id.
 */
export async function listCampaignsSince(rest: Rest, fromTs: number): Promise<CampaignRow[]> {
  const page = await rest.request<{ Data?: CampaignRow[] }>('GET', 'campaign', {
    query: { FromTS: Math.max(0, Math.floor(fromTs)), Limit: MAILJET_PAGE_LIMIT },
  });
  return Array.isArray(page?.Data) ? page.Data : [];
}
