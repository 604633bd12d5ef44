// The loopback HTTP listener both emulators share: it reads and records every request, then hands it on.
// It never binds beyond 127.0.0.1: the emulators hold fake credentials and exist only for tests and demos.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the emulator received it, before any fault or validation was applied. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
  /** Set when an injected fault answered (or delayed) this request instead of the emulator. */
  fault?: string;
}

export type RecordedRequestHandler = (recorded: RecordedRequest, res: ServerResponse) => Promise<void>;

export interface LoopbackServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

// Far above any real limit, so the emulators can answer "too large" themselves, yet bounded.
const maxBodyBytes = 16 * 1024 * 1024;

export function recordRequest(req: IncomingMessage, body: string): RecordedRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  return { method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers, body };
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendBody(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const type = body === '' ? {} : { 'Content-Type': 'application/json; charset=utf-8' };
  res.writeHead(status, { ...type, ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** Starts a listener on 127.0.0.1 that appends each request to `log` and passes it to `handle`. */
export async function listenOnLoopback(
  log: RecordedRequest[],
  handle: RecordedRequestHandler,
  port = 0,
): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (body === undefined) {
        sendBody(res, 413, '', { Connection: 'close' });
        req.destroy();
        return;
      }
      const recorded = recordRequest(req, body);
      log.push(recorded);
      await handle(recorded, res);
    })().catch((error: unknown) => {
      sendBody(res, 500, JSON.stringify({ emulatorError: String(error) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
