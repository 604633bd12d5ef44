// Segment Tracking API limits and per-message rules, kept apart from the HTTP plumbing.
// Size and JSON problems fail the whole request with 400; per-message problems never do (see below).

export const callTypes = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
export type CallType = (typeof callTypes)[number];

export const maxEventBytes = 32 * 1024;
export const maxBatchBytes = 500 * 1024;
export const maxBatchEvents = 2_500;

export class TrackingApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 405,
    message: string,
  ) {
    super(message);
  }
}

export function byteSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

/**
 * The reason Segment would drop this message later, or undefined when it is fine. On the real API
 * these are accepted with 200 and rejected downstream, so the emulator answers 200 and records them
 * under `rejected`: a sender that trusts the 200 alone is caught by a test reading `rejected`.
 */
export function rejectionReason(message: Record<string, unknown>, type: unknown): string | undefined {
  if (typeof type !== 'string' || !(callTypes as readonly string[]).includes(type)) return `unknown type ${JSON.stringify(type)}`;
  const hasId = (field: string): boolean => typeof message[field] === 'string' ? message[field] !== '' : typeof message[field] === 'number';
  if (!hasId('userId') && !hasId('anonymousId')) return 'missing userId or anonymousId';
  if (type === 'track' && (typeof message.event !== 'string' || message.event === '')) return 'track without event';
  if (type === 'group' && !hasId('groupId')) return 'group without groupId';
  if (type === 'alias' && !hasId('previousId')) return 'alias without previousId';
  return undefined;
}

export function parseJsonObject(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TrackingApiError(400, 'Invalid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TrackingApiError(400, 'Body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** The write key from `Authorization: Basic base64(<writeKey>:)`, if any. */
export function basicWriteKey(header: string | undefined): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? decoded : decoded.slice(0, colon);
}
