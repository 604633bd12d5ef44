// The control API on a user-only local socket (<dataDir>/control.sock, mode 0600; a named pipe on
// Windows), so `mjsc tail`/`replay`/`backfill` reach the running desktop app or `mjsc relay`. File
// permission is the auth, so no token; the routes, validators and error bodies are the console's.
import Fastify, { type FastifyInstance } from 'fastify';
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { connect } from 'node:net';
import type { ConnectorApi, ConnectorArg, ConnectorMethod, ConnectorResult } from '../../shared/api';
import { isConnectorMethod, validateArgument } from '../../shared/api-validators';
import { parseJsonLossless } from '../../shared/json-lossless';
import { redactUrlCredentials } from '../logging/secret-masking';
import { controlSocketPath } from './control-socket-path';
import { describeError } from './control-errors';
import type { ControlLogger } from './control-server';

export interface LocalControlSocketOptions {
  api: ConnectorApi;
  dataDir: string;
  logger: ControlLogger;
  platform?: NodeJS.Platform;
}

export interface LocalControlSocket {
  /** The socket path (or pipe name) it listens on. */
  readonly path: string;
  listen(): Promise<void>;
  close(): Promise<void>;
}

const MIB = 1024 * 1024;

export function createLocalControlSocket(options: LocalControlSocketOptions): LocalControlSocket {
  const platform = options.platform ?? process.platform;
  const path = controlSocketPath(options.dataDir, platform);
  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: 8 * MIB });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, String(body).trim() === '' ? {} : parseJsonLossless(String(body)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.setErrorHandler((error, request, reply) => {
    const described = describeError(error);
    if (described.unexpected) {
      const detail = error instanceof Error ? redactUrlCredentials(error.message) : typeof error;
      options.logger.error({ route: request.url.split('?')[0], errorMessage: detail }, 'control socket method failed unexpectedly');
    }
    return reply.code(described.status).type('application/json; charset=utf-8').send(JSON.stringify({ error: described.error }));
  });
  app.post('/api/:method', async (request, reply) => {
    const { method } = request.params as { method: string };
    if (!isConnectorMethod(method)) {
      return reply.code(404).send({ error: { code: 'unknown_method', message: `"${method.slice(0, 64)}" is not a control API method. Use one of the ConnectorApi method names, e.g. getStatus.` } });
    }
    const result = await invoke(options.api, method, validateArgument(method, request.body));
    return reply.code(200).type('application/json; charset=utf-8').send(JSON.stringify(result ?? null));
  });

  return {
    path,
    async listen() {
      if (platform !== 'win32') await removeStaleSocket(path);
      await app.listen({ path });
      // The data dir is 0700 already, so the socket is private from its creation; 0600 says it again.
      if (platform !== 'win32') chmodSync(path, 0o600);
    },
    async close() {
      await app.close();
      if (platform !== 'win32' && existsSync(path)) unlinkSync(path);
    },
  };
}

/** A socket file left by a connector that died: nobody answers on it, so it is removed before listening. */
async function removeStaleSocket(path: string): Promise<void> {
  if (!existsSync(path)) return;
  if (await isListening(path)) {
    throw Object.assign(new Error(`Another connector already serves ${path}. Stop it first, or use another data dir.`), { code: 'control_socket_in_use' });
  }
  unlinkSync(path);
}

export function isListening(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function invoke<M extends ConnectorMethod>(api: ConnectorApi, method: M, arg: ConnectorArg<M>): Promise<ConnectorResult<M>> {
  const bound = api[method] as unknown as (this: ConnectorApi, argument: ConnectorArg<M>) => Promise<ConnectorResult<M>>;
  return bound.call(api, arg);
}

/** Starts the socket for a shell; a failure is logged and the connector runs on without it. */
export async function openLocalControlSocket(options: LocalControlSocketOptions): Promise<LocalControlSocket | undefined> {
  const socket = createLocalControlSocket(options);
  try {
    await socket.listen();
    return socket;
  } catch (error) {
    options.logger.warn({ path: socket.path, err: error instanceof Error ? error.message : String(error) }, 'the local control socket could not start; mjsc tail and replay will not find this connector');
    return undefined;
  }
}
