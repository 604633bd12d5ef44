// Turns a refused relay request (400/401/403/413/415) into an entry of the refused log: the reason,
// what to fix at the sender, masked headers and a redacted body excerpt. A relay key or events
// secret never survives it: everything passes the one redaction point, and credentials fields are masked.
import type { FastifyRequest } from 'fastify';
import type { Direction } from '../../shared/api';
import { redactSecrets } from '../logging/redaction';
import type { RefusedRequest } from '../storage/refused-log';
import { MAX_REFUSED_BODY_CHARS } from '../storage/refused-log';
import type { ErrorReply } from './relay-errors';
import { recordRequest } from './request-record';

export const REFUSED_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 413, 415]);

export function describeRefusal(request: FastifyRequest, failure: ErrorReply, now: number): RefusedRequest {
  const meta = recordRequest(request.method, request.url, request.headers);
  const direction: Direction = meta.path.startsWith('/mailjet') ? 'send' : 'receive';
  return {
    at: now,
    direction,
    method: meta.method,
    path: meta.path,
    status: failure.statusCode,
    code: failure.code,
    reason: redactSecrets(failure.message),
    fix: fixFor(failure, direction),
    headers: meta.headers,
    body: bodyExcerpt(request.body),
  };
}

function fixFor(failure: ErrorReply, direction: Direction): string {
  switch (failure.statusCode) {
    case 401:
      return direction === 'send'
        ? 'Mailjet posts with an old events secret: click Enable sending under Setup so the callback URL carries the current one.'
        : 'Segment sends an old relay key: paste the current Segment Authentication Key into the destination.';
    case 403:
      return 'The request named a host this relay does not serve: set the public URL under Setup to the tunnel URL the sender uses.';
    case 413:
      return 'The body is above the endpoint limit: send smaller batches.';
    case 415:
      return 'The body is not JSON: send it with Content-Type: application/json.';
    default:
      return direction === 'send'
        ? 'Mailjet sent a body the relay cannot read: check the event payload in Preview.'
        : 'Fix the body the sender posts (paste it into Preview to see why), then send it again.';
  }
}

/** Only a body the relay read in full; one refused before reading has none. JSON credential fields are masked. */
function bodyExcerpt(body: unknown): string {
  if (!Buffer.isBuffer(body)) return '';
  const text = body.subarray(0, MAX_REFUSED_BODY_CHARS * 2).toString('utf8');
  const masked = redactSecrets(text).replace(/("writeKey"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, '$1"***"');
  return masked.length > MAX_REFUSED_BODY_CHARS ? `${masked.slice(0, MAX_REFUSED_BODY_CHARS - 1)}…` : masked;
}
