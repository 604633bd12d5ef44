// POST /segment (Segment Webhooks destination) and POST /v1/<call> (HTTP Tracking API compatible, so
// an official Segment library with host = relay URL and write key = relay key just works).
import type { FastifyInstance } from 'fastify';
import { parseSegmentPayload, SEGMENT_CALL_TYPES, type SegmentCallType } from '../../shared/segment-message';
import { intakeSegmentMessages, type DirectionState } from './intake';
import { registerIngestRoute, type IngestDeps, type IngestResult } from './ingest-route';
import { isRelayKeyAuthorization, isValidSignature, matchesSecret } from './relay-auth';
import { relayErrors } from './relay-errors';
import { isRecord, parseJsonBody } from './request-body';

export interface SegmentRouteDeps extends IngestDeps {
  bodyLimit: number;
  relayKey: () => string | undefined;
  directions: () => DirectionState;
}

const SUCCESS = { success: true } as const;

export function registerSegmentRoutes(app: FastifyInstance, deps: SegmentRouteDeps): void {
  registerIngestRoute(app, {
    url: '/segment',
    bodyLimit: deps.bodyLimit,
    credentialsHint: 'send the relay key as a Bearer token or Basic user, or sign the body with X-Signature',
    judgeHeaders(headers) {
      if (isRelayKeyAuthorization(headers.authorization, deps.relayKey())) return 'granted';
      return typeof headers['x-signature'] === 'string' ? 'check_body' : 'denied';
    },
    ingest(input) {
      // The signature covers the raw bytes, so it is checked before the body is even parsed.
      const signature = input.headers['x-signature'];
      if (input.verdict === 'check_body' && !(typeof signature === 'string' && isValidSignature(signature, input.raw, deps.relayKey()))) {
        throw relayErrors.unauthorized('the X-Signature does not match the body signed with the relay key');
      }
      return ingestSegmentBody(parseJsonBody(input.raw), undefined, deps);
    },
  }, deps);

  for (const call of [...SEGMENT_CALL_TYPES, 'batch'] as const) {
    const impliedType: SegmentCallType | undefined = call === 'batch' ? undefined : call;
    registerIngestRoute(app, {
      url: `/v1/${call}`,
      bodyLimit: deps.bodyLimit,
      credentialsHint: 'use the relay key as the write key (Basic user or "writeKey" in the body)',
      judgeHeaders(headers) {
        return isRelayKeyAuthorization(headers.authorization, deps.relayKey()) ? 'granted' : 'check_body';
      },
      ingest(input) {
        const body = parseJsonBody(input.raw);
        if (input.verdict === 'check_body' && !hasRelayWriteKey(body, deps.relayKey())) {
          throw relayErrors.unauthorized('use the relay key as the write key (Basic user or "writeKey" in the body)');
        }
        return ingestSegmentBody(body, impliedType, deps);
      },
    }, deps);
  }
}

function hasRelayWriteKey(body: unknown, relayKey: string | undefined): boolean {
  const writeKey = isRecord(body) && typeof body.writeKey === 'string' ? body.writeKey : '';
  return matchesSecret(writeKey, relayKey);
}

/** A single bad message is a 400; in a batch, good messages are kept and bad ones recorded as rejected. */
function ingestSegmentBody(body: unknown, impliedType: SegmentCallType | undefined, deps: SegmentRouteDeps): IngestResult {
  const parsed = parseSegmentPayload(body, impliedType === undefined ? {} : { impliedType });
  const isBatch = isRecord(body) && Array.isArray(body.batch);
  const first = parsed.rejected[0];
  if (!isBatch && first !== undefined) throw relayErrors.badShape(`The message is not usable: ${first.reason}.`);
  const rawItems: readonly unknown[] = isBatch ? (body.batch as unknown[]) : [body];
  const items = intakeSegmentMessages(parsed.messages, parsed.rejected, rawItems, deps.directions());
  return { items, reply: SUCCESS };
}
