// Body limits and content checks over real sockets: an oversize body is refused before it is read in
// full, whether it declares its length or streams chunked.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { isJsonContentType } from '../../../main/relay/request-body';
import { basic, bearer, EVENTS_SECRET, postJson, RecordingQueue, RELAY_KEY, startRelay, type RunningRelay } from './relay-fixture';

const MIB = 1024 * 1024;

/** Sends only the head and `bodyStart`, then reads until the relay closes: proves it never waited for the rest. */
function sendHeadOnly(port: number, head: string[], bodyStart: string): Promise<{ status: number; raw: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('relay kept waiting for the body')));
    socket.on('connect', () => socket.write(`${head.join('\r\n')}\r\n\r\n${bodyStart}`));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0), raw });
    });
  });
}

/** Streams chunked JSON until the relay answers or `maxBytes` went out; returns what was sent. */
function streamChunked(port: number, path: string, headers: Record<string, string>, maxBytes: number): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers } });
    req.on('response', (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, sent });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = (): void => {
      while (!answered && sent < maxBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    req.write('[');
    pump();
  });
}

let queue: RecordingQueue;
let relay: RunningRelay;

beforeEach(async () => {
  queue = new RecordingQueue();
  relay = await startRelay({ queue, config: { bodyLimits: { segment: 64 * 1024, mailjet: 256 * 1024 } } });
});
afterEach(async () => {
  await relay.server.close();
});

describe('body limits', () => {
  it.each([
    ['/segment', `Authorization: Bearer ${RELAY_KEY}`, 64 * 1024],
    ['/mailjet/events', `Authorization: Basic ${Buffer.from(`mailjet:${EVENTS_SECRET}`).toString('base64')}`, 256 * 1024],
  ])('%s answers 413 from Content-Length alone, before the body arrives', async (path, auth, limit) => {
    const head = [`POST ${path} HTTP/1.1`, `Host: 127.0.0.1:${relay.port}`, auth, 'Content-Type: application/json', `Content-Length: ${limit + 1}`];
    const response = await sendHeadOnly(relay.port, head, '{"type":');
    expect(response.status).toBe(413);
    expect(response.raw).toContain('body_too_large');
    expect(response.raw.toLowerCase()).toContain('connection: close');
  });

  it('answers 413 to a chunked body once it passes the limit, without reading the rest', async () => {
    const planned = 32 * MIB;
    const response = await streamChunked(relay.port, '/segment', bearer(RELAY_KEY), planned);
    expect(response.status).toBe(413);
    expect(response.sent).toBeLessThan(planned);
    expect(queue.items).toHaveLength(0);
  });

  it('asks for credentials before it considers the size', async () => {
    const head = ['POST /segment HTTP/1.1', `Host: 127.0.0.1:${relay.port}`, 'Content-Type: application/json', `Content-Length: ${10 * MIB}`];
    const response = await sendHeadOnly(relay.port, head, '{');
    expect(response.status).toBe(401);
  });

  it('gives /mailjet/events its own, larger limit', async () => {
    const events = Array.from({ length: 600 }, (_item, index) => ({ event: 'open', time: 1433334653 + index, MessageID: 19421777836302490 + index, email: `reader${index}@example.com`, ip: '127.0.0.1', geo: 'FR', agent: 'Mozilla/5.0 '.repeat(10) }));
    const body = JSON.stringify(events);
    expect(body.length).toBeGreaterThan(64 * 1024);
    const response = await postJson(relay.port, '/mailjet/events', body, basic('mailjet', EVENTS_SECRET));
    expect(response.status).toBe(200);
    expect(queue.items).toHaveLength(600);
  });

  it('uses 1 MiB for Segment and 5 MiB for Mailjet by default', async () => {
    const defaults = await startRelay({ queue });
    try {
      for (const [path, auth, limit] of [
        ['/v1/batch', `Authorization: Bearer ${RELAY_KEY}`, MIB],
        ['/mailjet/events', `Authorization: Basic ${Buffer.from(`mailjet:${EVENTS_SECRET}`).toString('base64')}`, 5 * MIB],
      ] as const) {
        const head = [`POST ${path} HTTP/1.1`, `Host: 127.0.0.1:${defaults.port}`, auth, 'Content-Type: application/json', `Content-Length: ${limit + 1}`];
        expect((await sendHeadOnly(defaults.port, head, '[')).status).toBe(413);
      }
    } finally {
      await defaults.server.close();
    }
  });
});

describe('isJsonContentType', () => {
  it.each([
    ['application/json', true],
    ['Application/JSON; charset=utf-8', true],
    ['application/vnd.segment+json', true],
    ['text/plain', false],
    ['application/jsonp', false],
    ['', false],
    [undefined, false],
  ])('%j -> %s', (header, expected) => {
    expect(isJsonContentType(header)).toBe(expected);
  });
});
