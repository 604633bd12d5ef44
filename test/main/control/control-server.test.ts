// The control API over a real socket, with a fake ConnectorApi: what a client (the console page, curl,
// an attacker's web page) gets back.
import { request as httpRequest } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectorApi, Status } from '../../../shared/api';
import { CONNECTOR_METHODS } from '../../../shared/api';
import { CONSOLE_CSP, createControlServer, type ControlLogger, type ControlServer } from '../../../main/control/control-server';
import { ContactListError } from '../../../main/upstream/mailjet/contact-lists';
import { MailjetApiError } from '../../../main/upstream/mailjet/mailjet-api-error';

const TOKEN = 'console-token-for-tests-0123456789';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => unknown;
}

function send(url: string, { method = 'POST', path = '/api/getStatus', headers = {}, body }: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: target.port, method, path, headers: { host: target.host, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const authed = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...extra });

const fakeStatus = { relayUrl: 'http://127.0.0.1:8787', publicUrl: null } as unknown as Status;

function fakeApi(overrides: Partial<ConnectorApi> = {}): { api: ConnectorApi; calls: Array<[string, unknown]> } {
  const calls: Array<[string, unknown]> = [];
  const api = Object.fromEntries(
    CONNECTOR_METHODS.map((method) => [
      method,
      async (arg: unknown) => {
        calls.push([method, arg]);
        return fakeStatus;
      },
    ]),
  ) as unknown as ConnectorApi;
  for (const [method, impl] of Object.entries(overrides)) {
    (api as unknown as Record<string, unknown>)[method] = async (arg: unknown) => {
      calls.push([method, arg]);
      return (impl as (a: unknown) => Promise<unknown>)(arg);
    };
  }
  return { api, calls };
}

let server: ControlServer;
let url: string;
let rendererDir: string;
let logged: Array<[string, Record<string, unknown>, string]>;
let calls: Array<[string, unknown]>;

async function start(overrides: Partial<ConnectorApi> = {}): Promise<void> {
  const fake = fakeApi(overrides);
  calls = fake.calls;
  logged = [];
  const logger: ControlLogger = {
    warn: (details, message) => logged.push(['warn', details, message]),
    error: (details, message) => logged.push(['error', details, message]),
  };
  server = createControlServer({ api: fake.api, token: TOKEN, port: 0, rendererDir, logger });
  url = await server.listen();
}

beforeEach(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'mjsc-renderer-'));
});

afterEach(async () => {
  await server?.close();
  await rm(rendererDir, { recursive: true, force: true });
});

describe('control API', () => {
  it('calls the method with the validated argument and answers 200 with its result', async () => {
    await start();
    const answer = await send(url, { path: '/api/setEventSelection', headers: authed(), body: JSON.stringify({ events: ['open', 'open', 'click'] }) });
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ relayUrl: 'http://127.0.0.1:8787', publicUrl: null });
    expect(calls).toEqual([['setEventSelection', { events: ['open', 'click'] }]]);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
  });

  it('accepts an empty body for a method without arguments', async () => {
    await start();
    expect((await send(url, { headers: authed() })).status).toBe(200);
    expect(calls).toEqual([['getStatus', {}]]);
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
    ['a token prefix', { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
    ['Basic instead of Bearer', { authorization: `Basic ${Buffer.from(`${TOKEN}:`).toString('base64')}` }],
  ])('refuses %s with 401 and never calls the method', async (_case, headers: Record<string, string>) => {
    await start();
    const answer = await send(url, { headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect(answer.status).toBe(401);
    expect(answer.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('Bearer') } });
    expect(calls).toEqual([]);
    expect(answer.text).not.toContain(TOKEN);
    expect(JSON.stringify(logged)).not.toContain(TOKEN);
  });

  it.each(['evil.example.com', 'evil.example.com:PORT', '127.0.0.1:1', '127.0.0.1.nip.io:PORT', '10.0.0.5:PORT'])('refuses Host %s with 403', async (hostTemplate) => {
    await start();
    const host = hostTemplate.replace('PORT', new URL(url).port);
    const api = await send(url, { headers: authed({ host }), body: '{}' });
    expect(api.status).toBe(403);
    expect(api.json()).toMatchObject({ error: { code: 'host_not_allowed' } });
    const page = await send(url, { method: 'GET', path: '/', headers: { host } });
    expect(page.status).toBe(403);
    expect(calls).toEqual([]);
  });

  it.each(['127.0.0.1:PORT', 'localhost:PORT', 'LOCALHOST:PORT', '[::1]:PORT'])('accepts Host %s', async (hostTemplate) => {
    await start();
    const host = hostTemplate.replace('PORT', new URL(url).port);
    expect((await send(url, { headers: authed({ host }), body: '{}' })).status).toBe(200);
  });

  it.each(['https://evil.example.com', 'null', 'http://127.0.0.1:1', 'http://localhost.evil.example.com:PORT'])('refuses Origin %s with 403', async (originTemplate) => {
    await start();
    const origin = originTemplate.replace('PORT', new URL(url).port);
    const answer = await send(url, { headers: authed({ origin }), body: '{}' });
    expect(answer.status).toBe(403);
    expect(answer.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    expect(calls).toEqual([]);
  });

  it.each(['http://127.0.0.1:PORT', 'http://localhost:PORT'])('accepts the same-origin Origin %s', async (originTemplate) => {
    await start();
    const origin = originTemplate.replace('PORT', new URL(url).port);
    expect((await send(url, { headers: authed({ origin }), body: '{}' })).status).toBe(200);
  });

  it.each([
    ['text/plain', '{}'],
    ['application/x-www-form-urlencoded', 'a=1'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('refuses Content-Type %s with 415', async (type, body) => {
    await start();
    const answer = await send(url, { headers: authed({ 'content-type': type }), body });
    expect(answer.status).toBe(415);
    expect(answer.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    expect(calls).toEqual([]);
  });

  it('refuses a missing Content-Type with 415', async () => {
    await start();
    const answer = await send(url, { headers: { authorization: `Bearer ${TOKEN}` }, body: '{}' });
    expect(answer.status).toBe(415);
  });

  it.each(['nope', 'constructor', '__proto__', 'toString'])('answers 404 unknown_method for /api/%s', async (method) => {
    await start();
    const answer = await send(url, { path: `/api/${method}`, headers: authed(), body: '{}' });
    expect(answer.status).toBe(404);
    expect(answer.json()).toMatchObject({ error: { code: 'unknown_method' } });
  });

  it('answers a GET on an API path with 405 in the error shape', async () => {
    await start();
    const answer = await send(url, { method: 'GET', path: '/api/getStatus', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('POST');
    expect(answer.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    expect(calls).toEqual([]);
  });

  it('answers 400 invalid_argument naming the field, without echoing the value', async () => {
    await start();
    const answer = await send(url, { path: '/api/setEventSelection', headers: authed(), body: JSON.stringify({ events: ['opened-secret-value'] }) });
    expect(answer.status).toBe(400);
    const { error } = answer.json() as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain('events');
    expect(error.message).not.toContain('opened-secret-value');
    expect(calls).toEqual([]);
  });

  it('answers 400 bad_json for a body that is not JSON', async () => {
    await start();
    const answer = await send(url, { headers: authed(), body: '{"events": [' });
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ error: { code: 'bad_json' } });
  });

  it.each([
    ['a refused Mailjet key', 400, 'mailjet_credentials_invalid', new MailjetApiError('mailjet_credentials_invalid', { kind: 'http', status: 401, method: 'GET', path: 'contactslist', resource: 'contact_list' })],
    ['Mailjet down', 502, 'mailjet_unavailable', new MailjetApiError('mailjet_unavailable', { kind: 'http', status: 503, method: 'GET', path: 'contactslist', resource: 'contact_list' })],
    ['Mailjet unreachable', 502, 'mailjet_unreachable', new MailjetApiError('mailjet_unreachable', { kind: 'network', method: 'GET', path: 'contactslist', resource: 'contact_list' })],
    ['a locked keychain', 503, 'keychain_unavailable', Object.assign(new Error('Unlock the login keyring.'), { code: 'keychain_unavailable' })],
    // The bug of issue 9: the desktop window showed this message while the console answered 500 internal_error.
    ['a list Mailjet would not create', 409, 'list_create_failed', new ContactListError('list_create_failed', 'Mailjet did not create the contact list "Leads". Pick an existing list or choose another name.')],
  ] as const)('maps %s to %i %s with its message', async (_case, status, code, thrown) => {
    await start({ listContactLists: async () => Promise.reject(thrown) });
    const answer = await send(url, { path: '/api/listContactLists', headers: authed(), body: '{}' });
    expect(answer.status).toBe(status);
    expect(answer.json()).toEqual({ error: { code, message: (thrown as Error).message } });
  });

  it('hides an unexpected error behind a generic 500 and logs it without secrets', async () => {
    await start({ getStatus: async () => Promise.reject(new Error('boom at /home/me/.config with https://mailjet:s3cr3t@x.test/e')) });
    const answer = await send(url, { headers: authed(), body: '{}' });
    expect(answer.status).toBe(500);
    expect(answer.json()).toEqual({ error: { code: 'internal_error', message: expect.stringContaining('Try again') } });
    expect(answer.text).not.toContain('boom');
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toContain('s3cr3t');
  });
});

describe('console page', () => {
  it('serves a placeholder that passes the CSP when the renderer is not built', async () => {
    await start();
    const answer = await send(url, { method: 'GET', path: '/' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('text/html');
    expect(answer.text).toContain('npm run build');
    expect(answer.text).not.toMatch(/<script|<style|style=/);
    expect(answer.headers['content-security-policy']).toBe(CONSOLE_CSP);
  });

  it('serves the built renderer and its assets, and nothing outside it', async () => {
    await mkdir(join(rendererDir, 'assets'));
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
    await start();
    const page = await send(url, { method: 'GET', path: '/' });
    expect(page.text).toContain('assets/app.js');
    const script = await send(url, { method: 'GET', path: '/assets/app.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toContain('text/javascript');
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/missing.js', '/.env']) {
      expect((await send(url, { method: 'GET', path })).status).toBe(404);
    }
  });
});
