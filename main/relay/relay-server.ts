// The relay's HTTP listener (docs/architecture.md#relay-endpoints, docs/architecture.md#security-rules): Host allowlist, auth,
// size and JSON checks, then a durable commit before any 2xx. It never delivers upstream (the workers
// do) and never logs a header, a body or a secret.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { describeListenFailure } from '../config/listener-errors';
import { capConnections, fastifyTimeouts, listenerLimitsWith, type ListenerLimits } from '../config/listener-limits';
import { isLoopbackHost, type RelayConfig } from '../config/relay-config';
import type { ItemQueue } from '../storage/item-queue';
import { registerHealthRoute } from './health-route';
import { isHostAllowed } from './host-allowlist';
import type { DirectionState } from './intake';
import { registerMailjetRoutes } from './mailjet-routes';
import { relayErrors, toErrorReply, type ErrorReply } from './relay-errors';
import { describeRefusal, REFUSED_STATUSES } from './refusal-record';
import type { RefusedRequest } from '../storage/refused-log';
import type { RelayLogger } from '../logging/relay-logger';
import { registerSegmentRoutes } from './segment-routes';

export interface RelaySecrets {
  relayKey?: string;
  eventsSecret?: string;
  /** Still accepted after a rotation until Mailjet's callbacks carry the new events secret. */
  previousEventsSecret?: string;
}

export interface RelayServerDeps {
  /** The config, or a getter for the live one: host checks read it per request; body limits are fixed at creation. */
  config: RelayConfig | (() => RelayConfig);
  /** The operator's public URL (a tunnel) also allowed as Host; read per request. Default: none. */
  publicUrl?: () => string | null;
  /** Read on every request, so a rotated secret takes effect at once. */
  secrets: () => RelaySecrets;
  queue: Pick<ItemQueue, 'commit'>;
  logger: RelayLogger;
  directions: () => DirectionState;
  /** Timeouts and the connection cap (slowloris); defaults in listener-limits. */
  limits?: Partial<ListenerLimits>;
  /** Told of every 400/401/403/413/415 answer, already redacted (the inspector's refused log). */
  /** Keeps a refused request in the refused log; the answer waits for it (at most REFUSED_RECORD_WAIT_MS). */
  onRefused?: (entry: RefusedRequest) => void | Promise<void>;
  /** Writes are refused because the disk is full: /healthz says so. Default: never. */
  diskFull?: () => boolean;
}

export interface RelayAddress {
  host: string;
  port: number;
}

export interface RelayServer {
  /** Starts listening (defaults: the config's host and port) and resolves to the relay's URL. */
  listen(host?: string, port?: number): Promise<string>;
  /** Stops accepting; in-flight requests finish first. */
  close(): Promise<void>;
  /** The bound address, or null before listen. */
  address(): RelayAddress | null;
}

export function createRelayServer(deps: RelayServerDeps): RelayServer {
  const config = typeof deps.config === 'function' ? deps.config : () => deps.config as RelayConfig;
  const { bodyLimits } = config();
  const limits = listenerLimitsWith(deps.limits);
  // Our own 503 while closing, so it carries Retry-After and the relay's error shape.
  const app = Fastify({ logger: false, ...fastifyTimeouts(limits), return503OnClosing: false });
  capConnections(app.server, limits);
  let bound: RelayAddress | null = null;
  let closing = false;

  app.removeAllContentTypeParsers();
  // Keep the raw bytes: X-Signature is an HMAC over them, and JSON is parsed losslessly later.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.addContentTypeParser(/^application\/[\w.!#$&^-]+\+json$/i, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.addHook('onRequest', async (request) => {
    if (closing) throw relayErrors.stopping();
    const port = bound?.port ?? config().port;
    if (!isHostAllowed(request.headers.host, { port, publicUrl: deps.publicUrl?.() ?? null })) throw relayErrors.hostNotAllowed();
  });
  app.setErrorHandler(async (error, request, reply) => {
    const failure = describeFailure(error, request, deps.logger);
    // Recorded before the answer, so whoever was refused finds the entry once answered; the record is
    // written on the storage writer thread meanwhile, and a slow one does not hold the answer for long.
    if (deps.onRefused !== undefined && REFUSED_STATUSES.has(failure.statusCode)) await withinWait(deps.onRefused(describeRefusal(request, failure, Date.now())));
    return sendFailure(failure, request, reply);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(errorBody(request.url, { code: 'not_found', message: 'No such relay endpoint. See the connection info in the app.' }));
  });

  registerHealthRoute(app, undefined, deps.diskFull);
  const ingestDeps = { queue: deps.queue, logger: deps.logger, directions: deps.directions };
  registerSegmentRoutes(app, { ...ingestDeps, bodyLimit: bodyLimits.segment, relayKey: () => deps.secrets().relayKey });
  registerMailjetRoutes(app, { ...ingestDeps, bodyLimit: bodyLimits.mailjet, eventsSecret: () => deps.secrets().eventsSecret, previousEventsSecret: () => deps.secrets().previousEventsSecret });

  return {
    async listen(host = config().host, port = config().port) {
      if (!isLoopbackHost(host)) {
        deps.logger.warn({ host }, 'the relay listens beyond this machine; anyone who can reach it can try its keys');
      }
      try {
        await app.listen({ host, port });
      } catch (error) {
        throw describeListenFailure(error, { label: 'relay', host, port });
      }
      bound = readAddress(app);
      return formatUrl(bound);
    },
    async close() {
      closing = true;
      await app.close();
    },
    address: () => bound,
  };
}

/** The longest a refusal's answer waits for its entry in the refused log. */
export const REFUSED_RECORD_WAIT_MS = 1_000;

async function withinWait(recorded: void | Promise<void>): Promise<void> {
  if (recorded === undefined) return;
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, REFUSED_RECORD_WAIT_MS)));
  try {
    await Promise.race([recorded.catch(() => undefined), waited]);
  } finally {
    clearTimeout(timer);
  }
}

function describeFailure(error: unknown, request: FastifyRequest, logger: RelayLogger): ErrorReply {
  const failure = toErrorReply(error, request.routeOptions.bodyLimit ?? 0);
  const fields = { route: request.routeOptions.url ?? 'unknown', status: failure.statusCode, code: failure.code };
  // storage_unavailable is logged where it happens, once per interval (ingest-route.ts), not per request.
  if (failure.code !== 'storage_unavailable') {
    if (failure.statusCode >= 500) logger.warn(fields, 'relay request failed');
    else logger.info(fields, 'relay request refused');
  }
  if (failure.code === 'internal_error') logger.error({ ...fields, err: error instanceof Error ? error.message : String(error) }, 'unexpected relay error');
  return failure;
}

function sendFailure(failure: ErrorReply, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  // Refused before the body was read: close the connection, or Node would read (and discard) the rest.
  if (!request.raw.complete) void reply.header('connection', 'close');
  return reply.code(failure.statusCode).headers(failure.headers ?? {}).send(errorBody(request.url, failure));
}

/**
 * `{"error":{code,message}}` everywhere; on /v1/* also top-level `code` and `message`, which Segment's
 * libraries read (analytics-python raises KeyError without them and retries a 4xx as a network error).
 */
function errorBody(url: string, failure: { code: string; message: string }): Record<string, unknown> {
  const error = { code: failure.code, message: failure.message };
  return url.startsWith('/v1/') ? { ...error, error } : { error };
}

function readAddress(app: FastifyInstance): RelayAddress {
  const info = app.server.address() as AddressInfo | null;
  if (info === null || typeof info === 'string') throw new Error('relay listener has no TCP address');
  return { host: info.address, port: info.port };
}

function formatUrl(address: RelayAddress): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `http://${host}:${address.port}`;
}
