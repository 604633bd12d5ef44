// The console listener of `mjsc relay`: POST /api/<method> binds each ConnectorApi method behind the
// token, Host, Origin and JSON checks, and GET / serves the renderer. Loopback only; it never logs a
// token, a request body or an unmasked secret.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { describeListenFailure } from '../config/listener-errors';
import { capConnections, fastifyTimeouts, listenerLimitsWith, type ListenerLimits } from '../config/listener-limits';
import type { ConnectorApi, ConnectorArg, ConnectorMethod, ConnectorResult } from '../../shared/api';
import { isConnectorMethod, validateArgument } from '../../shared/api-validators';
import { parseJsonLossless } from '../../shared/json-lossless';
import { redactUrlCredentials } from '../logging/secret-masking';
import { isAllowedOrigin, isConsoleTokenValid, isLoopbackHostHeader } from './control-auth';
import { describeError } from './control-errors';
import { readRendererFile } from './static-renderer';

/** The subset of pino this server uses; details never hold secrets. */
export interface ControlLogger {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface ControlServerOptions {
  api: ConnectorApi;
  token: string;
  /** 0 picks a free port; the Host check uses the real one. */
  port: number;
  host?: string;
  /** The built renderer, usually dist/renderer. */
  rendererDir: string;
  logger: ControlLogger;
  /** Default 8 MiB: the largest argument is a pasted previewEvent payload (up to 5 MiB of text, escaped). */
  bodyLimit?: number;
  /** Timeouts and the connection cap (slowloris): a console needs few connections (default 64), and an
   * operator action may wait on several Mailjet calls, so an idle socket lives longer (default 10 min). */
  limits?: Partial<ListenerLimits>;
}

export interface ControlServer {
  /** Starts listening; resolves to the base URL, e.g. http://127.0.0.1:8788. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Strict enough for the React bundle: no inline script or style, no framing, same-origin fetch only. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MIB = 1024 * 1024;

class RefusedRequest extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function createControlServer(options: ControlServerOptions): ControlServer {
  const host = options.host ?? '127.0.0.1';
  const limits = listenerLimitsWith({ maxConnections: 64, idleTimeoutMs: 10 * 60_000, ...options.limits });
  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? 8 * MIB, trustProxy: false, ...fastifyTimeouts(limits) });
  capConnections(app.server, limits);
  let port = options.port;

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    // A method without arguments may be posted with an empty body.
    try {
      done(null, String(body).trim() === '' ? {} : parseJsonLossless(String(body)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('content-security-policy', CONSOLE_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // DNS rebinding: every route, the renderer included, answers only to a loopback Host with our port.
  app.addHook('onRequest', async (request) => {
    if (!isLoopbackHostHeader(request.headers.host, port)) {
      throw new RefusedRequest(403, 'host_not_allowed', 'This console answers only on 127.0.0.1 or localhost with its own port. Open the console URL the relay printed.');
    }
  });

  app.setErrorHandler((error, request, reply) => sendError(reply, request, error, options.logger));
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return sendError(reply, request, new RefusedRequest(404, 'unknown_method', 'No such control API method. Call POST /api/<method> with one of the ConnectorApi methods.'), options.logger);
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
  });

  app.post('/api/:method', { onRequest: checkApiRequest }, async (request, reply) => {
    const { method } = request.params as { method: string };
    if (!isConnectorMethod(method)) {
      throw new RefusedRequest(404, 'unknown_method', `"${method.slice(0, 64)}" is not a control API method. Use one of the ConnectorApi method names, e.g. getStatus.`);
    }
    const result = await invoke(options.api, method, validateArgument(method, request.body));
    return reply.code(200).type('application/json; charset=utf-8').send(JSON.stringify(result ?? null));
  });

  app.get('/*', async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      reply.header('allow', 'POST');
      throw new RefusedRequest(405, 'method_not_allowed', 'Control API methods are called with POST /api/<method> and a JSON body.');
    }
    const file = await readRendererFile(options.rendererDir, request.url);
    return reply.code(file.status).type(file.contentType).send(file.body);
  });

  async function checkApiRequest(request: FastifyRequest): Promise<void> {
    if (!isAllowedOrigin(request.headers.origin, port)) {
      throw new RefusedRequest(403, 'origin_not_allowed', 'Requests from other web pages are refused. Use the console page the relay printed, or a client without an Origin header.');
    }
    if (!isConsoleTokenValid(request.headers.authorization, options.token)) {
      throw new RefusedRequest(401, 'unauthorized', 'Missing or wrong console token. Send Authorization: Bearer <token>, the token in the console URL the relay printed.');
    }
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new RefusedRequest(415, 'unsupported_media_type', 'The control API accepts only JSON. Send Content-Type: application/json with the argument object as the body.');
    }
  }

  return {
    async listen() {
      try {
        await app.listen({ host, port: options.port });
      } catch (error) {
        throw describeListenFailure(error, { label: 'console', host, port: options.port });
      }
      port = (app.server.address() as AddressInfo).port;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      return `http://${shownHost}:${port}`;
    },
    close: () => app.close(),
  };
}

function invoke<M extends ConnectorMethod>(api: ConnectorApi, method: M, arg: ConnectorArg<M>): Promise<ConnectorResult<M>> {
  const bound = api[method] as unknown as (this: ConnectorApi, argument: ConnectorArg<M>) => Promise<ConnectorResult<M>>;
  return bound.call(api, arg);
}

function sendError(reply: FastifyReply, request: FastifyRequest, error: unknown, logger: ControlLogger): FastifyReply {
  const described = describeError(error);
  const route = request.url.split('?')[0];
  if (described.unexpected) {
    const detail = error instanceof Error ? { errorName: error.name, errorMessage: redactUrlCredentials(error.message) } : { errorName: typeof error };
    logger.error({ route, ...detail }, 'control API method failed unexpectedly');
  } else if (described.status === 401 || described.status === 403) {
    logger.warn({ route, code: described.error.code }, 'control API request refused');
  }
  // Refused before the body was read: close, or Node would keep reading (and discarding) the rest.
  if (!request.raw.complete) void reply.header('connection', 'close');
  return reply.code(described.status).type('application/json; charset=utf-8').send(JSON.stringify({ error: described.error }));
}
