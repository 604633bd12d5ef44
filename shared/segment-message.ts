// Parses what arrives at POST /segment and /v1/* (body already JSON-parsed) into Segment messages.
// Each bad item is rejected on its own with a reason; only a body with no usable shape throws.
import { isDecimalLiteral } from './json-lossless';

export const SEGMENT_CALL_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
export type SegmentCallType = (typeof SEGMENT_CALL_TYPES)[number];

export interface SegmentMessage {
  type: SegmentCallType;
  userId?: string;
  anonymousId?: string;
  messageId?: string;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
  timestamp?: string;
  [key: string]: unknown;
}

export interface RejectedItem {
  index: number;
  reason: string;
}

export interface ParsedSegmentPayload {
  messages: SegmentMessage[];
  rejected: RejectedItem[];
  /** With `acceptOtherTypes`: messages of a type outside the six (Segment Webhooks' `delete`, new ones). */
  otherTypes?: Array<{ index: number; type: string }>;
  writeKey?: string;
}

/** Thrown when the body is not a Segment message or batch at all (the relay answers 400). */
export class SegmentPayloadError extends Error {
  readonly code = 'bad_shape';
  constructor(message: string) {
    super(message);
    this.name = 'SegmentPayloadError';
  }
}

const SHAPE_HINT = 'Send one Segment message object or {"batch": [messages]}.';
// Loose on purpose: Mailjet is the judge of deliverability; this only refuses what cannot be an address.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const MAX_EMAIL_LENGTH = 254;

export function isSegmentCallType(value: unknown): value is SegmentCallType {
  return typeof value === 'string' && (SEGMENT_CALL_TYPES as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}

type Checked = { ok: true; message: SegmentMessage } | { ok: false; reason: string };

/** Ids may come as numbers (or as exact digit strings from the lossless parser); they are kept as text. */
function readId(value: unknown): string | undefined | false {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (isDecimalLiteral(value)) return value.value;
  return false;
}

function checkMessage(item: unknown, impliedType: SegmentCallType | undefined): Checked {
  if (!isRecord(item)) return { ok: false, reason: `not an object (got ${describeType(item)})` };
  const declared = item.type ?? impliedType;
  if (declared === undefined) return { ok: false, reason: 'missing type' };
  if (!isSegmentCallType(declared)) return { ok: false, reason: `unknown type ${JSON.stringify(declared)}` };
  if (impliedType !== undefined && declared !== impliedType) {
    return { ok: false, reason: `type "${declared}" does not match the /v1/${impliedType} endpoint` };
  }
  const message: SegmentMessage = { ...item, type: declared };
  for (const field of ['userId', 'anonymousId', 'messageId'] as const) {
    const id = readId(item[field]);
    if (id === false) return { ok: false, reason: `${field} must be a string` };
    if (id === undefined) delete message[field];
    else message[field] = id;
  }
  if (message.userId === undefined && message.anonymousId === undefined) {
    return { ok: false, reason: 'no userId or anonymousId' };
  }
  for (const field of ['traits', 'context'] as const) {
    const value = item[field];
    if (value === undefined || value === null) delete message[field];
    else if (!isRecord(value)) return { ok: false, reason: `${field} must be an object` };
  }
  if (item.timestamp === null) delete message.timestamp;
  else if (item.timestamp !== undefined && typeof item.timestamp !== 'string') {
    return { ok: false, reason: 'timestamp must be an ISO-8601 string' };
  }
  return { ok: true, message };
}

/**
 * Accepts one message or `{batch: [...]}` (batch items carry their own type). `impliedType` is the
 * call type of a /v1/<type> path. Throws SegmentPayloadError (code "bad_shape") only when the body
 * itself is unusable.
 */
export function parseSegmentPayload(
  body: unknown,
  options: { impliedType?: SegmentCallType; acceptOtherTypes?: boolean } = {},
): ParsedSegmentPayload {
  if (!isRecord(body)) throw new SegmentPayloadError(`The body is ${describeType(body)}, not an object. ${SHAPE_HINT}`);
  const isBatch = 'batch' in body;
  if (isBatch && !Array.isArray(body.batch)) {
    throw new SegmentPayloadError(`"batch" is ${describeType(body.batch)}, not an array. ${SHAPE_HINT}`);
  }
  const items: unknown[] = isBatch ? (body.batch as unknown[]) : [body];
  const impliedType = isBatch ? undefined : options.impliedType;
  const messages: SegmentMessage[] = [];
  const rejected: RejectedItem[] = [];
  const otherTypes: ParsedSegmentPayload['otherTypes'] = [];
  items.forEach((item, index) => {
    // Segment Webhooks delivers every call type (`delete` among them); only identify is used.
    if (options.acceptOtherTypes === true && isRecord(item) && typeof item.type === 'string' && !isSegmentCallType(item.type)) {
      return void otherTypes.push({ index, type: item.type });
    }
    const checked = checkMessage(item, impliedType);
    if (checked.ok) messages.push(withoutWriteKey(checked.message));
    else rejected.push({ index, reason: checked.reason });
  });
  const writeKey = typeof body.writeKey === 'string' && body.writeKey !== '' ? body.writeKey : undefined;
  const parsed: ParsedSegmentPayload = options.acceptOtherTypes === true ? { messages, rejected, otherTypes } : { messages, rejected };
  if (writeKey !== undefined) parsed.writeKey = writeKey;
  return parsed;
}

/** The write key is a credential (the relay key): it must not travel on inside a stored message, top level or context. */
function withoutWriteKey(message: SegmentMessage): SegmentMessage {
  const { writeKey: _writeKey, ...rest } = message;
  if (!isRecord(rest.context) || !('writeKey' in rest.context)) return rest as SegmentMessage;
  const { writeKey: _contextWriteKey, ...context } = rest.context;
  return { ...rest, context } as SegmentMessage;
}

function validEmail(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const email = value.trim();
  return email.length <= MAX_EMAIL_LENGTH && EMAIL.test(email) ? email : null;
}

/** The contact's email: `traits.email`, else `context.traits.email`; only a valid address counts. */
export function identifyEmail(message: SegmentMessage | Readonly<Record<string, unknown>>): string | null {
  const traits = isRecord(message.traits) ? message.traits : undefined;
  const context = isRecord(message.context) ? message.context : undefined;
  const contextTraits = context && isRecord(context.traits) ? context.traits : undefined;
  return validEmail(traits?.email) ?? validEmail(contextTraits?.email);
}
