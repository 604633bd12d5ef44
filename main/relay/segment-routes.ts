// POST /segment (Segment Webhooks destination) and POST /v1/<call> (HTTP Tracking API compatible, so
// an official Segment library with host = relay URL and write key = relay key just works).
import type { FastifyInstance } from 'fastify';
import { parseSegmentPayload, SEGMENT_CALL_TYPES, type SegmentCallType } from '../../shared/segment-message';
import { intakeSegmentMessages, type DirectionState } from './intake';
import { registerIngestRoute, type IngestDeps, type IngestResult } from './ingest-route';
import { isRelayKeyAuthorization, isValidSignature, matchesSecret } from './relay-auth';
import { relayErrors } from './relay-errors';
import { maskKnownSecrets } from '../logging/redaction';
import { isRecord, parseJsonBody } from './request-body';

export interface SegmentRouteDeps extends IngestDeps {
  bodyLimit: number;
  relayKey: () => string | undefined;
  directions: () => DirectionState;
}

const SUCCESS = { success: true } as const;
/** A trait written `4.0` stays a float literal through intake (docs/mailjet-segment-contracts.md#segment-clients). */
const KEEP_LITERALS = { keepDecimalLiterals: true } as const;
const COPY_RELAY_KEY = 'copy the Segment Authentication Key again from the app';
const WRITE_KEY_HINT = `use the relay key as the write key (Basic user or "writeKey" in the body); ${COPY_RELAY_KEY}`;

export function registerSegmentRoutes(app: FastifyInstance, deps: SegmentRouteDeps): void {
  registerIngestRoute(app, {
    url: '/segment',
    bodyLimit: deps.bodyLimit,
    credentialsHint: `send the relay key as a Bearer token or Basic user, or sign the body with X-Signature; ${COPY_RELAY_KEY}`,
    judgeHeaders(headers) {
      if (isRelayKeyAuthorization(headers.authorization, deps.relayKey())) return 'granted';
      return typeof headers['x-signature'] === 'string' ? 'check_body' : 'denied';
    },
    ingest(input) {
      // The signature covers the raw bytes, so it is checked before the body is even parsed.
      const signature = input.headers['x-signature'];
      if (input.verdict === 'check_body' && !(typeof signature === 'string' && isValidSignature(signature, input.raw, deps.relayKey()))) {
        throw relayErrors.unauthorized(`the X-Signature does not match the body signed with the relay key; ${COPY_RELAY_KEY}`);
      }
      return ingestSegmentBody(parseJsonBody(input.raw, KEEP_LITERALS), { webhooks: true }, deps);
    },
  }, deps);

  for (const call of [...SEGMENT_CALL_TYPES, 'batch'] as const) {
    const impliedType: SegmentCallType | undefined = call === 'batch' ? undefined : call;
    registerIngestRoute(app, {
      url: `/v1/${call}`,
      bodyLimit: deps.bodyLimit,
      credentialsHint: WRITE_KEY_HINT,
      judgeHeaders(headers) {
        return isRelayKeyAuthorization(headers.authorization, deps.relayKey()) ? 'granted' : 'check_body';
      },
      ingest(input) {
        const body = parseJsonBody(input.raw, KEEP_LITERALS);
        if (input.verdict === 'check_body' && !hasRelayWriteKey(body, deps.relayKey())) {
          throw relayErrors.unauthorized(WRITE_KEY_HINT);
        }
        return ingestSegmentBody(body, { webhooks: false, ...(impliedType === undefined ? {} : { impliedType }) }, deps);
      },
    }, deps);
  }
}

function hasRelayWriteKey(body: unknown, relayKey: string | undefined): boolean {
  const writeKey = isRecord(body) && typeof body.writeKey === 'string' ? body.writeKey : '';
  return matchesSecret(writeKey, relayKey);
}

/**
 * A single bad message is a 400, and so is a batch of only bad messages; in a batch with good ones, the
 * good are kept and the bad recorded as rejected. On /segment (Segment Webhooks) a call of any other
 * type is acknowledged and skipped. The relay key never reaches storage, wherever it sits in a message.
 */
function ingestSegmentBody(body: unknown, route: { webhooks: boolean; impliedType?: SegmentCallType }, deps: SegmentRouteDeps): IngestResult {
  const parsed = parseSegmentPayload(body, route.impliedType === undefined ? { acceptOtherTypes: route.webhooks } : { impliedType: route.impliedType });
  const isBatch = isRecord(body) && Array.isArray(body.batch);
  const first = parsed.rejected[0];
  if (!isBatch && first !== undefined) throw relayErrors.badShape(`The message is not usable: ${first.reason}.`);
  const otherTypes = parsed.otherTypes ?? [];
  const usable = parsed.messages.length + otherTypes.length;
  if (usable === 0 && parsed.rejected.length > 0) throw relayErrors.nothingUsable('message', parsed.rejected);
  const rawItems: readonly unknown[] = isBatch ? (body.batch as unknown[]) : [body];
  const items = intakeSegmentMessages(parsed.messages, parsed.rejected, rawItems, deps.directions(), otherTypes);
  const relayKey = deps.relayKey();
  return { items: items.map((item) => ({ ...item, payload: maskKnownSecrets(item.payload, [relayKey]) })), reply: SUCCESS };
}
