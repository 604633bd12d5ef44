// Builds what the inspector shows for one item: the request as received (masked headers, the body
// pretty-printed with big integers exact, capped), what goes upstream for it through the shared
// mapping, and its attempts. Pure over the stored rows; mapping uses the current settings.
import { parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import type { ActivityItem, DroppedTrait, ItemAttempt, ReceivedRequest, SentUpstream } from '../../shared/api';
import type { NamingPreset } from '../../shared/event-catalog';
import { mapEventToTrack } from '../../shared/event-to-track';
import { mapIdentifyToContact } from '../../shared/identify-to-contact';
import type { FlattenMode } from '../../shared/trait-flattening';
import { parseJsonLossless } from '../../shared/json-lossless';
import type { MailjetEvent } from '../../shared/mailjet-event';
import type { AttemptRecord } from '../storage/item-attempts';
import type { InspectedItem } from '../storage/item-inspection';

/** A body above this is cut in the view (the full text stays in the database). */
export const MAX_SHOWN_BODY_CHARS = 64 * 1024;

export interface MappingSettings {
  namingPreset: NamingPreset;
  flattenMode: FlattenMode;
  listId: number | null;
  userIdFor(email: string): string | undefined;
}

export function describeRequest(row: InspectedItem): ReceivedRequest | undefined {
  const shown = prettyBody(row.payload);
  const meta = row.request === null ? undefined : (JSON.parse(row.request) as { method: string; path: string; headers: Record<string, string> });
  return { method: meta?.method ?? 'POST', path: meta?.path ?? (row.direction === 'send' ? '/mailjet/events' : '/segment'), headers: meta?.headers ?? {}, ...shown };
}

export function prettyBody(payload: string): { body: string; bodyTruncated: boolean } {
  let text: string;
  try {
    // LosslessNumber keeps every digit as written, quoted or not.
    text = stringifyLossless(parseLossless(payload), null, 2) ?? payload;
  } catch {
    text = payload;
  }
  if (text.length <= MAX_SHOWN_BODY_CHARS) return { body: text, bodyTruncated: false };
  return { body: `${text.slice(0, MAX_SHOWN_BODY_CHARS)}\n… (cut at ${MAX_SHOWN_BODY_CHARS / 1024} KB)`, bodyTruncated: true };
}

export function describeSent(row: InspectedItem, settings: MappingSettings): { sent?: SentUpstream; dropped: DroppedTrait[] } {
  if (row.status === 'rejected') return { dropped: [] };
  let body: unknown;
  try {
    body = parseJsonLossless(row.payload);
  } catch {
    return { dropped: [] };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { dropped: [] };
  if (row.direction === 'send') {
    const event = body as MailjetEvent;
    const userId = row.email === null ? undefined : settings.userIdFor(row.email);
    const call = mapEventToTrack(event, { preset: settings.namingPreset, ...(userId === undefined ? {} : { userId }), ...(row.messageId === null ? {} : { messageId: row.messageId }) });
    return { sent: { kind: 'track', call }, dropped: [] };
  }
  if (row.kind !== 'identify') return { dropped: [] };
  const mapping = mapIdentifyToContact(body as Record<string, unknown>, { flatten: settings.flattenMode, knownProperties: new Map() });
  if (mapping.email === null) return { dropped: mapping.dropped };
  return {
    sent: { kind: 'contact', listId: settings.listId, email: mapping.email, name: mapping.name, properties: mapping.properties, dropped: mapping.dropped },
    dropped: mapping.dropped,
  };
}

export function toAttempt(record: AttemptRecord): ItemAttempt {
  return {
    at: new Date(record.at).toISOString(),
    outcome: record.outcome,
    ...(record.upstreamStatus === undefined ? {} : { upstreamStatus: record.upstreamStatus }),
    ...(record.response === undefined ? {} : { response: record.response }),
    ...(record.latencyMs === undefined ? {} : { latencyMs: record.latencyMs }),
  };
}

export function toActivityItem(row: Omit<InspectedItem, 'payload' | 'request'>, retryable: boolean): ActivityItem {
  const item: ActivityItem = {
    id: String(row.id),
    direction: row.direction,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    receivedAt: new Date(row.receivedAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
  if (row.email !== null) item.email = row.email;
  if (row.reason !== null) item.reason = row.reason;
  if (row.messageId !== null) item.messageId = row.messageId;
  if (row.status === 'failed') item.retryable = retryable;
  return item;
}
