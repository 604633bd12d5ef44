// Mailjet event to Segment `track` call, following docs/architecture.md#event-to-track to the letter.
// Pure: the userId and campaign name lookups happen elsewhere and are passed in; no I/O here.
import { segmentEventName, type EventType, type NamingPreset } from './event-catalog';
import type { MailjetEvent } from './mailjet-event';
import { messageIdFor } from './message-id';

export interface SegmentTrack {
  type: 'track';
  event: string;
  userId?: string;
  anonymousId?: string;
  messageId: string;
  timestamp: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
}

export interface TrackContext {
  preset: NamingPreset;
  /** The userId last seen for this email in an identify call. */
  userId?: string;
  /** Resolved from campaignLookupFor(event); omit while unknown. */
  campaignName?: string;
  emailSubject?: string;
  /** messageIdFor(event), when the caller already has it (the relay stores it at intake); computed if omitted. */
  messageId?: string;
}

export type CampaignLookup =
  | { kind: 'custom'; name: string }
  | { kind: 'newsletter'; newsletterId: string; campaignId: string }
  | { kind: 'campaign'; campaignId: string }
  | null;

/** Mailjet field to Segment property, per event type (docs/architecture.md#event-to-track). */
const EVENT_PROPERTIES: Record<EventType, ReadonlyArray<readonly [string, string]>> = {
  sent: [['smtp_reply', 'smtp_reply']],
  open: [],
  click: [['url', 'link_url']],
  bounce: [
    ['hard_bounce', 'hard_bounce'],
    ['blocked', 'blocked'],
    ['error_related_to', 'error_related_to'],
    ['error', 'error'],
    ['comment', 'comment'],
  ],
  spam: [['source', 'source']],
  blocked: [
    ['error_related_to', 'error_related_to'],
    ['error', 'error'],
  ],
  unsub: [['mj_list_id', 'list_id']],
};

const NEWSLETTER_MARKER = /^mj\.nl=(\d+)/;

export function mapEventToTrack(event: MailjetEvent, context: TrackContext): SegmentTrack {
  const identity = context.userId ? { userId: context.userId } : { anonymousId: event.email };
  return {
    type: 'track',
    event: segmentEventName(event.event, context.preset),
    ...identity,
    messageId: context.messageId ?? messageIdFor(event),
    timestamp: new Date(event.time * 1000).toISOString(),
    properties: trackPropertiesFor(event, context),
    context: trackContextFor(event),
  };
}

/** Where campaign_name comes from: a real customcampaign, else the newsletter title, else the subject. */
export function campaignLookupFor(event: MailjetEvent): CampaignLookup {
  const custom = customCampaignName(event);
  if (custom !== undefined) return { kind: 'custom', name: custom };
  const campaignId = event.mj_campaign_id;
  if (campaignId === undefined || campaignId === '' || campaignId === '0') return null;
  const newsletter = NEWSLETTER_MARKER.exec(event.customcampaign ?? '');
  if (newsletter?.[1] !== undefined) return { kind: 'newsletter', newsletterId: newsletter[1], campaignId };
  return { kind: 'campaign', campaignId };
}

function trackPropertiesFor(event: MailjetEvent, context: TrackContext): Record<string, unknown> {
  const properties: Record<string, unknown> = { email_id: event.MessageID };
  setWhenPresent(properties, 'message_guid', event.Message_GUID);
  setWhenPresent(properties, 'campaign_id', event.mj_campaign_id);
  setWhenPresent(properties, 'contact_id', event.mj_contact_id);
  setWhenPresent(properties, 'campaign_name', context.campaignName || customCampaignName(event));
  setWhenPresent(properties, 'email_subject', context.emailSubject || undefined);
  setWhenPresent(properties, 'customcampaign', event.customcampaign);
  setWhenPresent(properties, 'CustomID', event.CustomID);
  setWhenPresent(properties, 'payload', event.Payload || undefined);
  for (const [field, property] of EVENT_PROPERTIES[event.event]) {
    setWhenPresent(properties, property, event[field]);
  }
  return properties;
}

function trackContextFor(event: MailjetEvent): Record<string, unknown> {
  const context: Record<string, unknown> = { traits: { email: event.email } };
  setWhenPresent(context, 'ip', nonEmptyText(event.ip));
  setWhenPresent(context, 'userAgent', nonEmptyText(event.agent));
  const country = nonEmptyText(event.geo);
  if (country !== undefined) context.location = { country };
  return context;
}

/** customcampaign is "" when none, and newsletters carry an `mj.nl=<id>` marker rather than a name. */
function customCampaignName(event: MailjetEvent): string | undefined {
  const name = event.customcampaign?.trim();
  return name && !name.startsWith('mj.nl=') ? name : undefined;
}

function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function setWhenPresent(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined && value !== null) target[key] = value;
}
