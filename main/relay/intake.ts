// Turns parsed inbound payloads into queue items (docs/architecture.md#directions): what to deliver,
// what to acknowledge but skip, and what to record as rejected. Pure: no I/O, no clock, no secrets.
import { createHash } from 'node:crypto';
import type { EventType } from '../../shared/event-catalog';
import type { MailjetEvent } from '../../shared/mailjet-event';
import { stringifyJsonLossless } from '../../shared/json-lossless';
import { messageIdFor, type Sha256Hex } from '../../shared/message-id';
import { identifyEmail, type SegmentMessage } from '../../shared/segment-message';
import type { NewItem } from '../storage/item-queue';

export interface DirectionState {
  receiveEnabled: boolean;
  sendEnabled: boolean;
  selectedEvents: readonly EventType[];
}

export interface RejectedInput {
  index: number;
  reason: string;
}

/** Enough of a rejected item to recognise it in the activity view, not enough to bloat the database. */
export const MAX_REJECTED_PAYLOAD_CHARS = 2048;

export const SKIP_REASONS = {
  notIdentify: 'only identify calls update Mailjet',
  noEmail: 'no valid email in traits.email or context.traits.email',
  receiveDisabled: 'receiving from Segment is disabled',
  sendDisabled: 'sending to Segment is disabled',
  eventNotSelected: (type: EventType): string => `the "${type}" event type is not selected for sending`,
} as const;

/** `otherTypes`: calls of a type outside the six (Segment Webhooks' `delete`), acknowledged and skipped. */
export function intakeSegmentMessages(
  messages: readonly SegmentMessage[],
  rejected: readonly RejectedInput[],
  rawItems: readonly unknown[],
  directions: DirectionState,
  otherTypes: ReadonlyArray<{ index: number }> = [],
): NewItem[] {
  const accepted = messages.map((message) => intakeSegmentMessage(message, directions));
  const others = otherTypes.map(({ index }): NewItem => ({ ...rejectedItem('receive', rawItems[index], SKIP_REASONS.notIdentify), status: 'skipped' }));
  return [...accepted, ...others, ...rejected.map((item) => rejectedItem('receive', rawItems[item.index], item.reason))];
}

function intakeSegmentMessage(message: SegmentMessage, directions: DirectionState): NewItem {
  // Lossless: a trait written `4.0` stays `4.0`, so the worker still sees a float literal.
  const item: NewItem = { direction: 'receive', kind: message.type, payload: stringifyJsonLossless(message) };
  if (message.messageId !== undefined) item.messageId = message.messageId;
  if (message.userId !== undefined) item.userId = message.userId;
  if (message.type !== 'identify') return { ...item, status: 'skipped', reason: SKIP_REASONS.notIdentify };
  const email = identifyEmail(message);
  if (email === null) return { ...item, status: 'skipped', reason: SKIP_REASONS.noEmail };
  // A skipped identify still carries email + userId, so the identity map learns it.
  if (!directions.receiveEnabled) return { ...item, email, status: 'skipped', reason: SKIP_REASONS.receiveDisabled };
  return { ...item, email, status: 'pending' };
}

export function intakeMailjetEvents(
  events: readonly MailjetEvent[],
  rejected: readonly RejectedInput[],
  rawItems: readonly unknown[],
  directions: DirectionState,
): NewItem[] {
  const accepted = events.map((event) => intakeMailjetEvent(event, directions));
  return [...accepted, ...rejected.map((item) => rejectedItem('send', rawItems[item.index], item.reason))];
}

/** Native SHA-256: the same ids as the portable one in shared/ (test/shared/message-id.test.ts), at a fifth of the CPU. */
export const nativeSha256Hex: Sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

function intakeMailjetEvent(event: MailjetEvent, directions: DirectionState): NewItem {
  // MessageID is already an exact digit string, so plain stringify keeps every digit. The item's
  // messageId is the stable Segment one, so every redelivery of this event carries the same id.
  const item: NewItem = { direction: 'send', kind: event.event, email: event.email, payload: JSON.stringify(event), messageId: messageIdFor(event, nativeSha256Hex), status: 'pending' };
  if (!directions.sendEnabled) {
    item.status = 'skipped';
    item.reason = SKIP_REASONS.sendDisabled;
  } else if (!directions.selectedEvents.includes(event.event)) {
    item.status = 'skipped';
    item.reason = SKIP_REASONS.eventNotSelected(event.event);
  }
  return item;
}

function rejectedItem(direction: NewItem['direction'], raw: unknown, reason: string): NewItem {
  return { direction, kind: describeKind(raw, direction), payload: truncate(stringifyRaw(withoutWriteKey(raw))), status: 'rejected', reason };
}

/** A Tracking API message may carry the relay key as `writeKey` (or `context.writeKey`); it must never reach the database. */
function withoutWriteKey(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const { writeKey: _writeKey, ...rest } = raw as Record<string, unknown>;
  const context = rest.context;
  if (typeof context !== 'object' || context === null || Array.isArray(context) || !('writeKey' in context)) return rest;
  const { writeKey: _contextWriteKey, ...contextRest } = context as Record<string, unknown>;
  return { ...rest, context: contextRest };
}

function describeKind(raw: unknown, direction: NewItem['direction']): string {
  const field = direction === 'send' ? 'event' : 'type';
  const value = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' && /^[a-z_]{1,32}$/i.test(value) ? value : 'unknown';
}

function stringifyRaw(raw: unknown): string {
  try {
    return stringifyJsonLossless(raw);
  } catch {
    return String(raw);
  }
}

function truncate(text: string): string {
  return text.length <= MAX_REJECTED_PAYLOAD_CHARS ? text : `${text.slice(0, MAX_REJECTED_PAYLOAD_CHARS)}…`;
}
