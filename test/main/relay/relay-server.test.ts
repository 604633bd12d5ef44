// The relay's front door over real sockets: Host allowlist, every auth variant, the error codes, and
// "never 2xx without a commit".
import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger } from '../../../main/logging/logger';
import { basic, bearer, EVENTS_SECRET, postJson, RecordingQueue, RELAY_KEY, send, startRelay, type RunningRelay } from './relay-fixture';

const IDENTIFY = JSON.stringify({ type: 'identify', userId: 'u-1', messageId: 'm-1', traits: { email: 'ada@example.com', name: 'Ada' } });
const SENT_EVENT = '{"event":"sent","time":1433333949,"MessageID":19421777835146491,"email":"api@mailjet.com","mj_campaign_id":7257}';
const sign = (body: string, key: string): string => createHmac('sha1', key).update(body).digest('hex');

let queue: RecordingQueue;
let relay: RunningRelay;

beforeEach(async () => {
  queue = new RecordingQueue();
  relay = await startRelay({ queue, publicUrl: 'https://relay.example.net' });
});
afterEach(async () => {
  await relay.server.close();
});

describe('GET /healthz', () => {
  it('answers ok without auth and shows no secret', async () => {
    const response = await send(relay.port, '/healthz', { method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ ok: true });
    expect(response.text).not.toContain(RELAY_KEY);
  });
});

describe('Host allowlist', () => {
  it.each([
    ['127.0.0.1 with the relay port', (port: number) => `127.0.0.1:${port}`],
    ['localhost with the relay port', (port: number) => `localhost:${port}`],
    ['[::1] with the relay port', (port: number) => `[::1]:${port}`],
    ['the public URL host', () => 'relay.example.net'],
    ['the public URL host with its port', () => 'relay.example.net:443'],
  ])('accepts %s', async (_name, host) => {
    const response = await send(relay.port, '/healthz', { method: 'GET', headers: { host: host(relay.port) } });
    expect(response.status).toBe(200);
  });

  it.each([
    ['a foreign name (DNS rebinding)', () => 'attacker.example.com'],
    ['localhost on another port', (port: number) => `localhost:${port + 1}`],
    ['the public host on another port', () => 'relay.example.net:8443'],
    ['garbage', () => 'a b c'],
  ])('refuses %s with 403 before auth', async (_name, host) => {
    const response = await postJson(relay.port, '/segment', IDENTIFY, { ...bearer(RELAY_KEY), host: host(relay.port) });
    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({ error: { code: 'host_not_allowed' } });
    expect(queue.items).toHaveLength(0);
  });
});

describe('auth', () => {
  it.each([
    ['/segment', 'Bearer relay key', bearer(RELAY_KEY)],
    ['/segment', 'Basic relay key as user', basic(RELAY_KEY)],
    ['/segment', 'X-Signature over the raw body', { 'x-signature': sign(IDENTIFY, RELAY_KEY) }],
    ['/v1/identify', 'Basic relay key as user', basic(RELAY_KEY)],
    ['/v1/identify', 'Bearer relay key', bearer(RELAY_KEY)],
  ])('%s accepts %s', async (path, _name, headers) => {
    const response = await postJson(relay.port, path, IDENTIFY, headers);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ success: true });
    expect(queue.items).toMatchObject([{ direction: 'receive', kind: 'identify', email: 'ada@example.com', status: 'pending' }]);
  });

  it('/v1/identify accepts writeKey in the body and never stores it', async () => {
    const body = JSON.stringify({ ...JSON.parse(IDENTIFY), writeKey: RELAY_KEY });
    const response = await postJson(relay.port, '/v1/identify', body);
    expect(response.status).toBe(200);
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]?.payload).not.toContain(RELAY_KEY);
  });

  it('/mailjet/events accepts Basic mailjet:<events secret>, as Mailjet sends the URL userinfo', async () => {
    const callback = new URL(`http://mailjet:${EVENTS_SECRET}@127.0.0.1:${relay.port}/mailjet/events`);
    // fetch refuses userinfo URLs, so the header is built from the URL the way Mailjet does.
    const authorization = `Basic ${Buffer.from(`${decodeURIComponent(callback.username)}:${decodeURIComponent(callback.password)}`).toString('base64')}`;
    const response = await fetch(`${callback.origin}${callback.pathname}`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: SENT_EVENT });
    expect(response.status).toBe(200);
    expect(queue.items).toMatchObject([{ direction: 'send', kind: 'sent', status: 'pending' }]);
  });

  it.each([
    ['/segment', 'no credentials', {}],
    ['/segment', 'a wrong Bearer key', bearer('wrong')],
    ['/segment', 'the relay key as a Basic password instead of user', basic('someone', RELAY_KEY)],
    ['/segment', 'a wrong X-Signature of the same length', { 'x-signature': sign(IDENTIFY, 'wrong') }],
    ['/segment', 'a wrong X-Signature of a different length', { 'x-signature': 'abc' }],
    ['/segment', 'an X-Signature of the right key over another body', { 'x-signature': sign(`${IDENTIFY} `, RELAY_KEY) }],
    ['/v1/identify', 'no credentials', {}],
    ['/v1/identify', 'a wrong Basic user', basic('wrong')],
    ['/mailjet/events', 'no credentials', {}],
    ['/mailjet/events', 'the wrong user', basic('admin', EVENTS_SECRET)],
    ['/mailjet/events', 'a wrong secret', basic('mailjet', 'nope')],
    ['/mailjet/events', 'the relay key', bearer(RELAY_KEY)],
  ])('%s refuses %s with 401 and WWW-Authenticate', async (path, _name, headers) => {
    const body = path === '/mailjet/events' ? SENT_EVENT : IDENTIFY;
    const response = await postJson(relay.port, path, body, headers);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Basic realm=/);
    expect(response.json).toMatchObject({ error: { code: 'unauthorized' } });
    expect(response.text).not.toContain(RELAY_KEY);
    expect(response.text).not.toContain(EVENTS_SECRET);
    expect(queue.items).toHaveLength(0);
  });

  it('/v1/identify refuses a wrong writeKey in the body', async () => {
    const response = await postJson(relay.port, '/v1/identify', JSON.stringify({ ...JSON.parse(IDENTIFY), writeKey: 'wrong' }));
    expect(response.status).toBe(401);
  });

  it('a rotated relay key takes effect at once, and the old one stops working', async () => {
    relay.secrets.relayKey = 'rk_rotated_1234';
    expect((await postJson(relay.port, '/segment', IDENTIFY, bearer(RELAY_KEY))).status).toBe(401);
    expect((await postJson(relay.port, '/segment', IDENTIFY, bearer('rk_rotated_1234'))).status).toBe(200);
  });

  it('refuses everything while no relay key exists, even an empty Bearer', async () => {
    relay.secrets.relayKey = undefined;
    expect((await postJson(relay.port, '/segment', IDENTIFY, { authorization: 'Bearer ' })).status).toBe(401);
    expect((await postJson(relay.port, '/v1/identify', JSON.stringify({ ...JSON.parse(IDENTIFY), writeKey: '' }))).status).toBe(401);
  });
});

describe('error codes', () => {
  it.each([
    ['text/plain', 'text/plain'],
    ['form data', 'application/x-www-form-urlencoded'],
  ])('answers 415 to %s', async (_name, type) => {
    const response = await send(relay.port, '/segment', { body: IDENTIFY, headers: { ...bearer(RELAY_KEY), 'content-type': type } });
    expect(response.status).toBe(415);
    expect(response.json).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('answers 415 when there is no content type', async () => {
    const response = await send(relay.port, '/segment', { body: IDENTIFY, headers: bearer(RELAY_KEY) });
    expect(response.status).toBe(415);
  });

  it('accepts application/json with a charset', async () => {
    const response = await send(relay.port, '/segment', { body: IDENTIFY, headers: { ...bearer(RELAY_KEY), 'content-type': 'application/json; charset=utf-8' } });
    expect(response.status).toBe(200);
  });

  it.each([
    ['/segment', '{"type":"identify",', bearer(RELAY_KEY)],
    ['/segment', '', bearer(RELAY_KEY)],
    ['/mailjet/events', '[{"event":"sent"', basic('mailjet', EVENTS_SECRET)],
  ])('%s answers 400 bad_json to %j', async (path, body, headers) => {
    const response = await postJson(relay.port, path, body, headers);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: { code: 'bad_json' } });
  });

  it.each([
    ['/segment', 'a JSON string', '"hello"', bearer(RELAY_KEY)],
    ['/segment', 'a message without any id', '{"type":"identify","traits":{}}', bearer(RELAY_KEY)],
    ['/segment', 'batch that is not an array', '{"batch":{}}', bearer(RELAY_KEY)],
    ['/v1/track', 'an identify sent to /v1/track', IDENTIFY, bearer(RELAY_KEY)],
  ])('%s answers 400 bad_shape to %s', async (path, _name, body, headers) => {
    const response = await postJson(relay.port, path, body, headers);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: { code: 'bad_shape' } });
    expect(queue.items).toHaveLength(0);
  });

  it('answers 404 with a JSON body for an unknown path', async () => {
    const response = await postJson(relay.port, '/v2/identify', IDENTIFY, bearer(RELAY_KEY));
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ error: { code: 'not_found' } });
  });

  it('answers 503 with Retry-After and acknowledges nothing when storage cannot commit', async () => {
    queue.failing = true;
    const response = await postJson(relay.port, '/mailjet/events', SENT_EVENT, basic('mailjet', EVENTS_SECRET));
    expect(response.status).toBe(503);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.json).toMatchObject({ error: { code: 'storage_unavailable' } });
    expect(queue.items).toHaveLength(0);
  });
});

describe('logging', () => {
  it('logs refusals and storage failures without any secret', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', destination: new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } }) });
    const failingQueue = new RecordingQueue();
    failingQueue.failing = true;
    const logged = await startRelay({ queue: failingQueue, logger });
    try {
      await postJson(logged.port, '/segment', IDENTIFY, bearer(`${RELAY_KEY}x`));
      await postJson(logged.port, '/v1/identify', JSON.stringify({ ...JSON.parse(IDENTIFY), writeKey: RELAY_KEY }));
      await postJson(logged.port, '/mailjet/events', SENT_EVENT, basic('mailjet', EVENTS_SECRET));
    } finally {
      await logged.server.close();
    }
    const text = lines.join('');
    expect(text).toContain('storage_unavailable');
    expect(text).toContain('unauthorized');
    expect(text).not.toContain(RELAY_KEY);
    expect(text).not.toContain(EVENTS_SECRET);
  });
});

describe('close', () => {
  it('lets an in-flight request commit and get its 200 before close resolves', async () => {
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let commits = 0;
    const slowQueue = {
      async commit(items: unknown[]): Promise<number[]> {
        commits += 1;
        await gate;
        return items.map((_item, index) => index + 1);
      },
    };
    const slow = await startRelay({ queue: slowQueue });
    const answer = postJson(slow.port, '/segment', IDENTIFY, bearer(RELAY_KEY));
    await vi.waitFor(() => expect(commits).toBe(1), { timeout: 10_000, interval: 20 });
    const closed = slow.server.close();
    release();
    expect((await answer).status).toBe(200);
    await closed;
  });

  it('stops accepting: the port refuses connections afterwards', async () => {
    const closing = await startRelay({ queue });
    await closing.server.close();
    await expect(send(closing.port, '/healthz', { method: 'GET' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
