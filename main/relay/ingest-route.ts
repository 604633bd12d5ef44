// The one path every inbound POST takes: headers are judged before the body is read (auth, 415, 413),
// then the route turns the raw body into queue items, and the reply is sent only after they commit.
import type { FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { ItemQueue, NewItem } from '../storage/item-queue';
import { contentEncodingOf, inflateBody } from './content-encoding';
import { relayErrors } from './relay-errors';
import { checkDeclaredBody, rawBodyOf } from './request-body';
import type { RelayLogger } from '../logging/relay-logger';
import { recordRequest } from './request-record';

/** `granted`: headers prove it; `check_body`: credentials may be in the body; `denied`: answer 401 now. */
export type HeaderVerdict = 'granted' | 'check_body' | 'denied';

export interface IngestInput {
  raw: Buffer;
  headers: IncomingHttpHeaders;
  verdict: Exclude<HeaderVerdict, 'denied'>;
}

export interface IngestResult {
  items: NewItem[];
  /** The 200 body, sent once the items are committed. */
  reply: Record<string, unknown>;
}

export interface IngestRoute {
  url: string;
  bodyLimit: number;
  /** Names the credentials expected, for the 401 message. */
  credentialsHint: string;
  judgeHeaders(headers: IncomingHttpHeaders): HeaderVerdict;
  /** Parses, authenticates body credentials, and maps; throws RelayHttpError or a coded parse error. */
  ingest(input: IngestInput): IngestResult;
}

export interface IngestDeps {
  queue: Pick<ItemQueue, 'commit'>;
  logger: RelayLogger;
}

/** While storage refuses commits, one log line per this interval says how many were refused, not one per request. */
const REFUSAL_LOG_INTERVAL_MS = 10_000;

export function registerIngestRoute(app: FastifyInstance, route: IngestRoute, deps: IngestDeps): void {
  const verdicts = new WeakMap<object, Exclude<HeaderVerdict, 'denied'>>();
  const refusals = { loggedAt: Number.NEGATIVE_INFINITY, since: 0 };
  app.post(route.url, {
    bodyLimit: route.bodyLimit,
    onRequest: async (request) => {
      const verdict = route.judgeHeaders(request.headers);
      if (verdict === 'denied') throw relayErrors.unauthorized(route.credentialsHint);
      checkDeclaredBody(request.headers, route.bodyLimit);
      contentEncodingOf(request.headers);
      verdicts.set(request, verdict);
    },
    // The limit applies to the inflated body, counted while inflating (README "Relay": compressed bodies).
    preParsing: async (request, _reply, payload) => {
      const encoding = contentEncodingOf(request.headers);
      return encoding === 'identity' ? payload : inflateBody(payload, encoding, route.bodyLimit);
    },
    handler: async (request, reply) => {
      const verdict = verdicts.get(request) ?? 'check_body';
      const { items, reply: body } = route.ingest({ raw: rawBodyOf(request.body), headers: request.headers, verdict });
      // The inspector shows each item's request (headers masked); one JSON text shared by the batch.
      const carrier = JSON.stringify(recordRequest(request.method, request.url, request.headers));
      await commitItems(items.map((item) => ({ ...item, request: carrier })), deps, refusals);
      return reply.code(200).send(body);
    },
  });
}

/** Never 2xx without a commit: any storage failure becomes 503 with Retry-After. */
async function commitItems(items: NewItem[], deps: IngestDeps, refusals: { loggedAt: number; since: number }): Promise<void> {
  if (items.length === 0) return;
  try {
    await deps.queue.commit(items);
  } catch (error) {
    // A locked or full disk refuses every request: thousands of identical lines a second would slow the
    // 503s down and bury the cause, so the first is logged, then a count every REFUSAL_LOG_INTERVAL_MS.
    refusals.since += 1;
    const now = Date.now();
    if (now - refusals.loggedAt >= REFUSAL_LOG_INTERVAL_MS) {
      deps.logger.error({ code: errorCode(error), err: describeError(error), refused: refusals.since }, 'storage refused commits; answered 503');
      refusals.loggedAt = now;
      refusals.since = 0;
    }
    throw relayErrors.storageUnavailable();
  }
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown';
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
