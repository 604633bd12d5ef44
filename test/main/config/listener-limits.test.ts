// Slowloris and connection hygiene on both listeners, over raw sockets: headers sent byte by byte, a
// body slower than the limit, and one connection too many are cut off. Small limits keep the test
// short; every wait is a bounded wait for the socket to close, never a timing assertion.
import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONNECTOR_METHODS, type ConnectorApi } from '../../../shared/api';
import { listenerLimitsWith, type ListenerLimits } from '../../../main/config/listener-limits';
import { createControlServer } from '../../../main/control/control-server';
import { RecordingQueue, RELAY_KEY, startRelay } from '../relay/relay-fixture';

const SMALL: Partial<ListenerLimits> = { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 300, idleTimeoutMs: 5_000, maxConnections: 4, checkIntervalMs: 50 };
/** Far above the limits above, far below a test timeout: a socket still open after this was not cut off. */
const BOUND_MS = 8_000;

interface Probe {
  socket: Socket;
  /** Resolves with what the server sent before it closed the socket, or rejects after BOUND_MS. */
  closed: Promise<string>;
  stop(): void;
}

function probe(port: number, hostHeader: string, drip?: { text: string; everyMs: number; prefix?: string }): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    const closed = new Promise<string>((done, fail) => {
      const bound = setTimeout(() => fail(new Error(`socket still open after ${BOUND_MS} ms; received ${JSON.stringify(received.slice(0, 60))}`)), BOUND_MS);
      socket.on('close', () => {
        clearTimeout(bound);
        clearInterval(timer);
        done(received);
      });
    });
    closed.catch(() => undefined);
    socket.once('connect', () => {
      if (drip !== undefined) {
        const text = drip.text.replace('HOST', hostHeader);
        if (drip.prefix !== undefined) socket.write(drip.prefix.replace('HOST', hostHeader));
        let next = 0;
        timer = setInterval(() => {
          if (!socket.destroyed) socket.write(text[next++ % text.length] ?? '');
        }, drip.everyMs);
      }
      resolve({ socket, closed, stop: () => (clearInterval(timer), socket.destroy()) });
    });
    socket.once('error', reject);
  });
}

const SLOW_HEADERS = { text: 'POST /segment HTTP/1.1\r\nHost: HOST\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n', everyMs: 25 };
const slowBody = (path: string, authorization: string) => ({
  prefix: `POST ${path} HTTP/1.1\r\nHost: HOST\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n`,
  text: ' ',
  everyMs: 25,
});
const CONSOLE_TOKEN = 'limits-test-token-0123456789abcdef';

const listeners = [
  {
    name: 'relay',
    path: '/segment',
    authorization: `Bearer ${RELAY_KEY}`,
    async start(limits: Partial<ListenerLimits>) {
      const relay = await startRelay({ queue: new RecordingQueue(), limits });
      return { port: relay.port, close: () => relay.server.close() };
    },
  },
  {
    name: 'console',
    path: '/api/getStatus',
    authorization: `Bearer ${CONSOLE_TOKEN}`,
    async start(limits: Partial<ListenerLimits>) {
      const api = Object.fromEntries(CONNECTOR_METHODS.map((m) => [m, async () => ({})])) as unknown as ConnectorApi;
      const dir = mkdtempSync(join(tmpdir(), 'mjsc-limits-'));
      const logger = { warn: () => undefined, error: () => undefined };
      const server = createControlServer({ api, token: CONSOLE_TOKEN, port: 0, rendererDir: dir, logger, limits });
      const url = await server.listen();
      return { port: Number(new URL(url).port), close: async () => (await server.close(), rmSync(dir, { recursive: true, force: true })) };
    },
  },
] as const;

describe.each(listeners)('$name listener', ({ start, path, authorization }) => {
  let running: { port: number; close(): Promise<void> };
  const open: Probe[] = [];
  beforeEach(async () => {
    running = await start(SMALL);
  });
  afterEach(async () => {
    open.splice(0).forEach((p) => p.stop());
    await running.close();
  });
  const host = () => `127.0.0.1:${running.port}`;

  it('answers 408 and closes a client that sends its headers byte by byte', async () => {
    const slow = await probe(running.port, host(), SLOW_HEADERS);
    open.push(slow);
    await expect(slow.closed).resolves.toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers 408 and closes an authenticated client whose body is slower than the request deadline', async () => {
    const slow = await probe(running.port, host(), slowBody(path, authorization));
    open.push(slow);
    await expect(slow.closed).resolves.toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a connection that never sends anything', async () => {
    const silent = await probe(running.port, host());
    open.push(silent);
    await expect(silent.closed).resolves.toBeDefined();
  });

  it('at the cap, a new connection evicts the oldest slow one and is served', async () => {
    const held = await Promise.all(Array.from({ length: 4 }, () => probe(running.port, host(), { text: 'P', everyMs: 1_000 })));
    open.push(...held);
    const extra = await probe(running.port, host());
    open.push(extra);
    await expect(held[0]!.closed).resolves.toBe('');
    extra.socket.write(`GET /healthz HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
    await expect(extra.closed).resolves.toMatch(/^HTTP\/1\.1 (200|404) /);
  });
});

it('never lets the header deadline exceed the request deadline (Node refuses that)', () => {
  expect(listenerLimitsWith({ headersTimeoutMs: 90_000, requestTimeoutMs: 20_000 })).toMatchObject({ headersTimeoutMs: 20_000, requestTimeoutMs: 20_000 });
});

it('the console closes a connection it refused before reading the body, instead of reading the rest', async () => {
  const consoleListener = listeners[1];
  const running = await consoleListener.start({ ...SMALL, requestTimeoutMs: 30_000, headersTimeoutMs: 30_000 });
  const refused = await probe(running.port, `127.0.0.1:${running.port}`, slowBody('/api/getStatus', 'Bearer wrong-token'));
  try {
    await expect(refused.closed).resolves.toMatch(/^HTTP\/1\.1 401 [\s\S]*connection: close/i);
  } finally {
    refused.stop();
    await running.close();
  }
});
