// Compressed bodies as Segment's other libraries send them (analytics-python with gzip=True posts a
// gzipped /v1/batch), a gzip bomb, and the error shape analytics-python reads (top-level code, message).
import { gzipSync, deflateSync, createGzip } from 'node:zlib';
import { bearer, basic, RELAY_KEY, RecordingQueue, send, startRelay, type RawResponse, type RunningRelay } from './relay-fixture';

let queue: RecordingQueue;
let relay: RunningRelay;

beforeEach(async () => {
  queue = new RecordingQueue();
  relay = await startRelay({ queue });
});
afterEach(async () => {
  await relay.server.close();
});

/** What segment-analytics-python 2.x `request.post(gzip=True)` sends: json.dumps text, GzipFile, Basic write key. */
function postLikeAnalyticsPython(body: Record<string, unknown>, writeKey = RELAY_KEY, extraHeaders: Record<string, string> = {}): Promise<RawResponse> {
  const text = JSON.stringify({ ...body, sentAt: '2026-12-01T20:00:00.000000+00:00', writeKey }).replaceAll('":', '": ').replaceAll(',"', ', "');
  return send(relay.port, '/v1/batch', {
    body: gzipSync(Buffer.from(text, 'utf8')),
    headers: { 'content-type': 'application/json', 'user-agent': 'analytics-python/2.3.3', 'content-encoding': 'gzip', ...basic(writeKey), ...extraHeaders },
  });
}

/** What analytics-python does with a non-200 answer: `APIError(status, payload['code'], payload['message'])`. */
function apiErrorOf(response: RawResponse): { status: number; code: unknown; message: unknown } {
  const payload = response.json as Record<string, unknown>;
  if (!('code' in payload) || !('message' in payload)) throw new Error(`KeyError: the body has no top-level code/message: ${response.text}`);
  return { status: response.status, code: payload.code, message: payload.message };
}

const identify = { type: 'identify', userId: 'u-42', messageId: 'py-1', traits: { email: 'ada@example.com', score: 4.0 }, context: { library: { name: 'analytics-python', version: '2.3.3' } } };

it('accepts a gzipped /v1/batch from analytics-python and keeps the JSON as written', async () => {
  // JSON.stringify writes 4.0 as 4; Python writes 4.0, so put the literal back as Python sends it.
  const response = await send(relay.port, '/v1/batch', {
    body: gzipSync(Buffer.from(`{"batch": [${JSON.stringify(identify).replace('"score":4', '"score": 4.0')}], "sentAt": "2026-12-01T20:00:00+00:00", "writeKey": "${RELAY_KEY}"}`)),
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...basic(RELAY_KEY) },
  });
  expect(response.status).toBe(200);
  expect(response.json).toEqual({ success: true });
  expect(queue.items).toMatchObject([{ direction: 'receive', kind: 'identify', email: 'ada@example.com', status: 'pending' }]);
  expect(queue.items[0]?.payload).toContain('"score":4.0');
  expect(queue.items[0]?.payload).not.toContain(RELAY_KEY);
});

it('accepts the exact request analytics-python builds (json.dumps spacing, User-Agent, Basic auth)', async () => {
  const response = await postLikeAnalyticsPython({ batch: [identify] });
  expect(response.status).toBe(200);
  expect(queue.items).toHaveLength(1);
});

it('accepts a deflate body on /segment', async () => {
  const response = await send(relay.port, '/segment', {
    body: deflateSync(Buffer.from(JSON.stringify(identify))),
    headers: { 'content-type': 'application/json', 'content-encoding': 'deflate', ...bearer(RELAY_KEY) },
  });
  expect(response.status).toBe(200);
  expect(queue.items).toMatchObject([{ kind: 'identify', email: 'ada@example.com' }]);
});

it('answers a gzip bomb (256 MiB of zeros in ~250 KB) with 413 without inflating it into memory', async () => {
  const bomb = await gzipOfZeros(256);
  expect(bomb.length).toBeLessThan(1024 * 1024);
  const before = process.memoryUsage().arrayBuffers;
  const response = await send(relay.port, '/v1/batch', { body: bomb, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...basic(RELAY_KEY) } });
  expect(response.status).toBe(413);
  expect(apiErrorOf(response)).toMatchObject({ status: 413, code: 'body_too_large' });
  // Holding the inflated body would take 256 MiB; the relay stops at its 1 MiB limit.
  expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  expect(queue.items).toHaveLength(0);
});

it('answers corrupt gzip with 400 bad_content_encoding, and an unknown coding with 415', async () => {
  const corrupt = await send(relay.port, '/v1/batch', { body: Buffer.from('not gzip at all'), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...basic(RELAY_KEY) } });
  expect(apiErrorOf(corrupt)).toMatchObject({ status: 400, code: 'bad_content_encoding' });
  const brotli = await send(relay.port, '/v1/batch', { body: Buffer.from('{}'), headers: { 'content-type': 'application/json', 'content-encoding': 'br', ...basic(RELAY_KEY) } });
  expect(apiErrorOf(brotli)).toMatchObject({ status: 415, code: 'unsupported_content_encoding' });
  expect(queue.items).toHaveLength(0);
});

describe('error bodies on /v1/* carry what analytics-python reads', () => {
  it('gives a wrong write key a 401 with top-level code and message, and keeps error.{code,message}', async () => {
    const response = await postLikeAnalyticsPython({ batch: [identify] }, 'wrong-write-key');
    expect(apiErrorOf(response)).toEqual({ status: 401, code: 'unauthorized', message: expect.stringMatching(/relay key/) });
    expect(response.json).toMatchObject({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('gives bad JSON a 400 with top-level code and message, so the library does not retry it', async () => {
    const response = await send(relay.port, '/v1/identify', { body: '{"type":', headers: { 'content-type': 'application/json', ...basic(RELAY_KEY) } });
    expect(apiErrorOf(response)).toMatchObject({ status: 400, code: 'bad_json' });
  });

  it('leaves the Mailjet and Webhooks error shape as it was', async () => {
    const response = await send(relay.port, '/segment', { body: '{}', headers: { 'content-type': 'application/json', ...bearer('wrong') } });
    expect(response.json).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });
});

async function gzipOfZeros(mebibytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < mebibytes; i += 1) gzip.write(zeros);
  gzip.end();
  await done;
  return Buffer.concat(chunks);
}
