// Parsing of Mailjet Event API bodies (docs/mailjet-segment-contracts.md#mailjet-event-api) into typed events.
// Pure: takes the value parseJsonLossless produced; never rounds an id and never fails a whole
// body for one bad item.
import { isEventType, type EventType } from './event-catalog';

export interface MailjetEvent {
  event: EventType;
  /** Unix seconds. */
  time: number;
  email: string;
  /** Always a string: the number is often above 2^53. */
  MessageID: string;
  Message_GUID?: string;
  mj_campaign_id?: string;
  mj_contact_id?: string;
  customcampaign?: string;
  CustomID?: string;
  Payload?: string;
  [key: string]: unknown;
}

export interface RejectedItem {
  /** Position in the posted array; 0 for a single-object body. */
  index: number;
  reason: string;
}

export class EventBodyShapeError extends Error {
  readonly code = 'bad_shape' as const;
  constructor(found: string) {
    super(`A Mailjet event body must be one event object or an array of them, but it is ${found}.`);
    this.name = 'EventBodyShapeError';
  }
}

/** Ids that Mailjet sends as numbers (sometimes strings in old payloads); forwarded as strings. */
const ID_FIELDS = ['mj_campaign_id', 'mj_contact_id', 'mj_list_id', 'mj_message_id'] as const;
/** Text fields that must reach Segment as strings even if an old payload sent a number. */
const TEXT_FIELDS = ['Message_GUID', 'customcampaign', 'CustomID', 'Payload'] as const;

// Unix seconds that Date can render (year 1970 .. 275760).
const MAX_TIME_SECONDS = 8_640_000_000_000;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;
const ID_DIGITS = /^-?\d+$/;

type ItemResult = { ok: true; event: MailjetEvent } | { ok: false; reason: string };

/** Mailjet posts one bare object (Version 1) or an array of mixed types (Version 2, grouped). */
export function parseMailjetEvents(body: unknown): { events: MailjetEvent[]; rejected: RejectedItem[] } {
  const items = Array.isArray(body) ? body : isPlainObject(body) ? [body] : undefined;
  if (items === undefined) throw new EventBodyShapeError(describeValue(body));
  const events: MailjetEvent[] = [];
  const rejected: RejectedItem[] = [];
  items.forEach((item: unknown, index) => {
    const result = parseMailjetEvent(item);
    if (result.ok) events.push(result.event);
    else rejected.push({ index, reason: result.reason });
  });
  return { events, rejected };
}

function parseMailjetEvent(item: unknown): ItemResult {
  if (!isPlainObject(item)) return { ok: false, reason: `not an event object (got ${describeValue(item)})` };
  const { event, time, email, MessageID } = item;
  if (!isEventType(event)) {
    return { ok: false, reason: event === undefined ? 'missing event type' : `unknown event type ${quote(event)}` };
  }
  const seconds = readTime(time);
  if (seconds === undefined) return { ok: false, reason: 'missing or invalid time (expected unix seconds)' };
  if (typeof email !== 'string' || !EMAIL_SHAPE.test(email.trim())) {
    return { ok: false, reason: 'missing or invalid email' };
  }
  if (MessageID === undefined || MessageID === null) return { ok: false, reason: 'missing MessageID' };
  const messageId = readId(MessageID);
  if (messageId === undefined) return { ok: false, reason: 'invalid MessageID (expected an integer id)' };

  const parsed: MailjetEvent = { ...item, event, time: seconds, email: email.trim(), MessageID: messageId };
  for (const field of ID_FIELDS) {
    const value = item[field];
    if (value === undefined) continue;
    if (value === null) {
      delete parsed[field];
      continue;
    }
    const id = readId(value);
    if (id === undefined) return { ok: false, reason: `invalid ${field} (expected an integer id)` };
    parsed[field] = id;
  }
  for (const field of TEXT_FIELDS) {
    const value = item[field];
    if (value === undefined) continue;
    if (value === null) delete parsed[field];
    else if (typeof value === 'number' || typeof value === 'boolean') parsed[field] = String(value);
    else if (typeof value !== 'string') return { ok: false, reason: `invalid ${field} (expected text)` };
  }
  return { ok: true, event: parsed };
}

function readTime(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  return seconds >= 0 && seconds <= MAX_TIME_SECONDS ? seconds : undefined;
}

/** Safe integers arrive as numbers, bigger ones as exact digit strings from parseJsonLossless. */
function readId(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  if (typeof value === 'string' && ID_DIGITS.test(value.trim())) return value.trim();
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
