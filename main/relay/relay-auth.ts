// Authentication of the relay's inbound endpoints (docs/architecture.md#relay-endpoints). Every comparison of a
// secret goes through matchesSecret: constant time whatever the lengths. Never logs or echoes a secret.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Compares SHA-256 digests, so inputs of any length take the same path and reveal nothing by timing. */
export function matchesSecret(candidate: string, secret: string | undefined): boolean {
  // Hash even without a secret, so "no key configured" is not observably faster than a wrong key.
  const expected = expectedDigest(secret ?? '');
  const equal = timingSafeEqual(digest(candidate), expected);
  return equal && secret !== undefined && secret !== '';
}

/** The configured secret's digest, kept for the next request: it changes only when the secret does. */
let lastExpected: { secret: string; digest: Buffer } | undefined;

function expectedDigest(secret: string): Buffer {
  if (lastExpected?.secret !== secret) lastExpected = { secret, digest: digest(secret) };
  return lastExpected.digest;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export interface BasicCredentials {
  user: string;
  password: string;
}

export function parseBasic(authorization: string | undefined): BasicCredentials | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? { user: decoded, password: '' } : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function parseBearer(authorization: string | undefined): string | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

/** `Bearer <relay key>` or `Basic base64(<relay key>:)`; Segment libraries put the key in the user part. */
export function isRelayKeyAuthorization(authorization: string | undefined, relayKey: string | undefined): boolean {
  const bearer = parseBearer(authorization);
  if (bearer !== undefined) return matchesSecret(bearer, relayKey);
  const basic = parseBasic(authorization);
  return basic !== undefined && matchesSecret(basic.user, relayKey);
}

/** Segment Webhooks destination: `X-Signature` = hex HMAC-SHA1(shared secret, raw body bytes). */
export function isValidSignature(signature: string, rawBody: Buffer, relayKey: string | undefined): boolean {
  if (relayKey === undefined || relayKey === '') return matchesSecret(signature, undefined);
  const expected = createHmac('sha1', relayKey).update(rawBody).digest('hex');
  return matchesSecret(signature.trim().toLowerCase(), expected);
}

/** Mailjet sends the callback URL's userinfo as `Basic base64(mailjet:<events secret>)`. */
export function isMailjetAuthorization(authorization: string | undefined, eventsSecret: string | undefined): boolean {
  const basic = parseBasic(authorization);
  const presented = basic === undefined ? '' : `${basic.user}:${basic.password}`;
  const expected = eventsSecret === undefined || eventsSecret === '' ? undefined : `mailjet:${eventsSecret}`;
  return matchesSecret(presented, expected);
}
