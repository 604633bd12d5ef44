// Turns one line of Segment history (an archive / S3 / warehouse JSON line) or one CSV row into a contact
// to stage, or a reason it is skipped. Pure: the same acceptance rules as a live identify call
// (docs/architecture.md#identify-to-contact), no I/O.
import { emailKey } from '../storage/identity-map';
import { identifyEmail, parseSegmentPayload } from '../../shared/segment-message';
import type { StagedContact } from '../storage/backfill-store';

export type HistoryRecord = { contact: StagedContact } | { skipped: string };

export const HISTORY_SKIP_REASONS = {
  notJson: 'the line is not valid JSON',
  notObject: 'the line is not a JSON object',
  noEmail: 'no valid email in traits.email or context.traits.email',
  noEmailCell: 'the row has no valid email',
  otherType: (type: string): string => `a ${type} call (only identify calls update Mailjet)`,
  bad: (reason: string): string => `not a Segment message: ${reason}`,
} as const;

/** One JSON line; the payload is the line itself (exact big integers), unless it carries a write key. */
export function readJsonLine(line: string): HistoryRecord | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { skipped: HISTORY_SKIP_REASONS.notJson };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { skipped: HISTORY_SKIP_REASONS.notObject };
  const type = (value as { type?: unknown }).type;
  if (typeof type === 'string' && type !== 'identify') return { skipped: HISTORY_SKIP_REASONS.otherType(type) };
  const parsed = parseSegmentPayload(value, { impliedType: 'identify' });
  const message = parsed.messages[0];
  if (message === undefined) return { skipped: HISTORY_SKIP_REASONS.bad(parsed.rejected[0]?.reason ?? 'unreadable') };
  const email = identifyEmail(message);
  if (email === null) return { skipped: HISTORY_SKIP_REASONS.noEmail };
  // The write key is the relay key's kind of credential: it never travels into the queue.
  const payload = 'writeKey' in value ? JSON.stringify(message) : text;
  return { contact: contactOf(email, payload, messageTime(message), message.userId) };
}

export interface CsvColumns {
  email: string;
  userId?: string;
  timestamp?: string;
}

const EMAIL_HEADER = /^(?:e-?mail|e-?mail[ _.-]?address|traits[._]email)$/i;
const USER_ID_HEADER = /^(?:user[ _-]?id)$/i;
const TIMESTAMP_HEADER = /^(?:timestamp|original_?timestamp)$/i;

/** Which header names the email, the userId and the time; undefined when no column looks like an email. */
export function findCsvColumns(header: readonly string[]): CsvColumns | undefined {
  const email = header.find((name) => EMAIL_HEADER.test(name.trim()));
  if (email === undefined) return undefined;
  const userId = header.find((name) => USER_ID_HEADER.test(name.trim()));
  const timestamp = header.find((name) => TIMESTAMP_HEADER.test(name.trim()));
  return { email, ...(userId === undefined ? {} : { userId }), ...(timestamp === undefined ? {} : { timestamp }) };
}

/** One CSV row as an identify call: the email column and the other non-empty cells become traits. */
export function readCsvRow(row: Readonly<Record<string, string>>, columns: CsvColumns): HistoryRecord {
  const traits: Record<string, string> = {};
  for (const [name, cell] of Object.entries(row)) {
    if (name === columns.email || name === columns.userId || name === columns.timestamp || cell === '') continue;
    traits[name] = cell;
  }
  const email = identifyEmail({ traits: { email: row[columns.email] } });
  if (email === null) return { skipped: HISTORY_SKIP_REASONS.noEmailCell };
  const userId = columns.userId === undefined ? '' : (row[columns.userId] ?? '');
  const timestamp = columns.timestamp === undefined ? '' : (row[columns.timestamp] ?? '');
  const message = {
    type: 'identify',
    ...(userId === '' ? { anonymousId: email } : { userId }),
    traits: { email, ...traits },
    ...(timestamp === '' ? {} : { timestamp }),
  };
  return { contact: contactOf(email, JSON.stringify(message), messageTime(message), userId === '' ? undefined : userId) };
}

function contactOf(email: string, payload: string, messageAt: number, userId: string | undefined): StagedContact {
  return { emailKey: emailKey(email), email, messageAt, payload, ...(userId === undefined ? {} : { userId }) };
}

/** When the call happened (Segment's `timestamp`, else the other times archives carry); 0 when unknown. */
export function messageTime(message: Readonly<Record<string, unknown>>): number {
  for (const field of ['timestamp', 'originalTimestamp', 'sentAt', 'receivedAt']) {
    const value = message[field];
    const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isFinite(at)) return at;
  }
  return 0;
}
