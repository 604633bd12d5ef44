// Names the campaign of a Mailjet event (docs/architecture.md#campaign-name): customcampaign, else the
// newsletter's Title, else the campaign's CustomValue or Subject, via the Mailjet API with a bounded
// cache. It runs in the send worker, never on the acknowledgement path, and never throws. Bounded: an event
// without a campaign id (mj_campaign_id 0) is a miss without a call, answers and misses are remembered,
// a batch naming several unknown campaigns lists the recent ones in one call, and past
// `maxLookupsPerMinute` an event goes without its name at once.
import { campaignLookupFor } from '../../shared/event-to-track';
import type { MailjetEvent } from '../../shared/mailjet-event';
import { classifyFailure } from '../delivery/failure-classification';
import { listCampaignsSince, readCampaign, readNewsletter, type CampaignRow } from '../upstream/mailjet/campaigns';
import type { MailjetRest } from '../upstream/mailjet/rest-core';

export interface CampaignNames {
  campaignName?: string;
  emailSubject?: string;
}

export type CampaignResolution =
  | { status: 'resolved'; names: CampaignNames }
  /** Mailjet could not answer now; the caller decides whether to wait or send without the name. */
  | { status: 'unavailable'; reason: string; retryAfterMs?: number };

export interface CampaignNameResolver {
  resolve(event: MailjetEvent): Promise<CampaignResolution>;
  /** One answer per event, in order, in as few Mailjet calls as it can: the send worker calls it once per batch. */
  resolveMany(events: readonly MailjetEvent[]): Promise<CampaignResolution[]>;
}

export interface CampaignNameResolverOptions {
  rest: Pick<MailjetRest, 'request'>;
  now: () => number;
  /** How long a looked-up name is trusted (default 1 h). */
  ttlMs?: number;
  /** Cached campaigns and newsletters (default 2,000). */
  maxEntries?: number;
  /** After a failed lookup, answer from that failure for this long instead of asking again (default 30 s). */
  failureCooldownMs?: number;
  /** Mailjet calls per rolling minute; beyond it, events are sent without the name (default 120). */
  maxLookupsPerMinute?: number;
  /** Unknown campaigns in one batch from which one list call replaces the calls per id (default 3). */
  listFromUnknown?: number;
  /** The list starts this long before the batch's oldest event (default 24 h): a burst follows its send. */
  listMarginMs?: number;
}

const RESOLVED_EMPTY: CampaignResolution = { status: 'resolved', names: {} };

export function createCampaignNameResolver(options: CampaignNameResolverOptions): CampaignNameResolver {
  const { rest, now } = options;
  const ttlMs = options.ttlMs ?? 3_600_000;
  const maxEntries = options.maxEntries ?? 2_000;
  const cooldownMs = options.failureCooldownMs ?? 30_000;
  const cache = new Map<string, { expiresAt: number; value: Promise<CampaignResolution> }>();
  let cooldown: { until: number; resolution: CampaignResolution } | undefined;
  const maxPerMinute = options.maxLookupsPerMinute ?? 120;
  const listFromUnknown = options.listFromUnknown ?? 3;
  const listMarginMs = options.listMarginMs ?? 24 * 3_600_000;
  const callTimes: number[] = [];
  /** Takes one call from the rolling-minute budget, or says there is none left. */
  const takeCall = (): boolean => {
    while (callTimes.length > 0 && (callTimes[0] as number) <= now() - 60_000) callTimes.shift();
    if (callTimes.length >= maxPerMinute) return false;
    callTimes.push(now());
    return true;
  };

  const fresh = (key: string): boolean => (cache.get(key)?.expiresAt ?? 0) > now();
  const coolingDown = (): boolean => cooldown !== undefined && cooldown.until > now();

  /** One lookup per key at a time (concurrent events share it); only resolved answers stay cached. */
  function cached(key: string, load: () => Promise<CampaignResolution>, costsCall = true): Promise<CampaignResolution> {
    const hit = cache.get(key);
    if (hit !== undefined && hit.expiresAt > now()) {
      cache.delete(key);
      cache.set(key, hit);
      return hit.value;
    }
    if (costsCall && cooldown !== undefined && cooldown.until > now()) return Promise.resolve(cooldown.resolution);
    // Over the budget: not cached, so a later event asks again once the minute has room.
    if (costsCall && !takeCall()) return Promise.resolve(RESOLVED_EMPTY);
    const value = load().catch((error: unknown) => failed(error));
    const entry = { expiresAt: now() + ttlMs, value };
    cache.set(key, entry);
    void value.then((resolution) => {
      if (resolution.status === 'unavailable' && cache.get(key) === entry) cache.delete(key);
    });
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    return value;
  }

  function failed(error: unknown): CampaignResolution {
    const failure = classifyFailure(error);
    // A missing campaign has no name to find; bad keys will not heal by waiting: send without.
    if (failure.kind === 'not_found') return RESOLVED_EMPTY;
    const resolution: CampaignResolution =
      failure.kind === 'retryable' ? { status: 'unavailable', reason: failure.reason, ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }) } : RESOLVED_EMPTY;
    cooldown = { until: now() + cooldownMs, resolution };
    return resolution;
  }

  const newsletter = (id: string): Promise<CampaignResolution> =>
    cached(`newsletter:${id}`, async () => {
      const row = await readNewsletter(rest, id);
      return { status: 'resolved', names: names(text(row?.Title), text(row?.Subject)) };
    });

  async function namesOf(row: CampaignRow | undefined): Promise<CampaignResolution> {
    const subject = text(row?.Subject);
    const newsletterId = idText(row?.NewsLetterID);
    if (newsletterId !== undefined) {
      const found = await newsletter(newsletterId);
      if (found.status !== 'resolved') return found;
      return { status: 'resolved', names: names(found.names.campaignName ?? subject, subject ?? found.names.emailSubject) };
    }
    // Transactional mail is grouped by X-Mailjet-Campaign (CustomValue) or else by subject.
    return { status: 'resolved', names: names(text(row?.CustomValue) ?? subject, subject) };
  }

  // Rows a list call brought, named only when an event asks (a newsletter's Title costs a call of its own).
  const listed = new Map<string, { expiresAt: number; row: CampaignRow }>();
  let listing: Promise<void> | undefined;
  let listRefusedUntil = 0;

  const campaign = (id: string): Promise<CampaignResolution> => {
    const row = listed.get(id);
    if (row !== undefined && row.expiresAt > now()) return cached(`campaign:${id}`, () => namesOf(row.row), false);
    return cached(`campaign:${id}`, async () => namesOf(await readCampaign(rest, id)));
  };

  function remember(rows: readonly CampaignRow[]): void {
    for (const row of rows) {
      const id = idText(row.ID);
      if (id === undefined) continue;
      listed.delete(id);
      listed.set(id, { expiresAt: now() + ttlMs, row });
    }
    while (listed.size > maxEntries) listed.delete(listed.keys().next().value as string);
  }

  /** Several unknown campaigns in one batch: one page of the recent campaigns, then calls only for those still unknown. */
  async function listUnknown(events: readonly MailjetEvent[]): Promise<void> {
    // A batch running alongside may be listing these campaigns already.
    if (listing !== undefined) await listing;
    let oldest = Number.POSITIVE_INFINITY;
    const unknown = new Set<string>();
    for (const event of events) {
      const lookup = campaignLookupFor(event);
      if (lookup?.kind !== 'campaign' || fresh(`campaign:${lookup.campaignId}`) || (listed.get(lookup.campaignId)?.expiresAt ?? 0) > now()) continue;
      unknown.add(lookup.campaignId);
      oldest = Math.min(oldest, event.time);
    }
    if (unknown.size < listFromUnknown || coolingDown() || listRefusedUntil > now() || !takeCall()) return;
    listing = listCampaignsSince(rest, oldest - listMarginMs / 1000).then(
      (rows) => remember(rows),
      (error: unknown) => {
        // A list refused as such (a filter Mailjet did not take) must not cost the names: ask by id, and
        // do not list again for a while. Down or bad keys: the calls by id would fail the same way.
        const kind = classifyFailure(error).kind;
        if (kind === 'permanent' || kind === 'not_found') listRefusedUntil = now() + ttlMs;
        else void failed(error);
      },
    );
    try {
      await listing;
    } finally {
      listing = undefined;
    }
  }

  async function resolve(event: MailjetEvent): Promise<CampaignResolution> {
    const lookup = campaignLookupFor(event);
    if (lookup?.kind === 'custom') return { status: 'resolved', names: { campaignName: lookup.name } };
    if (lookup?.kind === 'newsletter') return newsletter(lookup.newsletterId);
    if (lookup?.kind === 'campaign') return campaign(lookup.campaignId);
    // No campaign id (Mailjet gives bounce, blocked and spam events 0): a miss, without a call. Asking
    // per message cost one call per event and turned a bounce storm into rate-limit trouble.
    return RESOLVED_EMPTY;
  }

  return {
    resolve,
    async resolveMany(events) {
      await listUnknown(events);
      return Promise.all(events.map((event) => resolve(event)));
    },
  };
}

function names(campaignName: string | undefined, emailSubject: string | undefined): CampaignNames {
  const result: CampaignNames = {};
  if (campaignName !== undefined) result.campaignName = campaignName;
  if (emailSubject !== undefined) result.emailSubject = emailSubject;
  return result;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A positive id as digits (ids may arrive as numbers or, above 2^53, as digit strings). */
function idText(value: unknown): string | undefined {
  const digits = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^[1-9]\d*$/.test(digits) ? digits : undefined;
}
