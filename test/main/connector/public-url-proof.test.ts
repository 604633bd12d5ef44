// The public URL proof: GET <url>/healthz?nonce=… must come back with this relay's answer. Real servers
// on 127.0.0.1 for reached / another server / unreachable / timeout; DNS and TLS failures are given as
// undici's fetch reports them (error.cause.code), since neither can be provoked offline here.
import Fastify from 'fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { provePublicUrl } from '../../../main/connector/public-url-proof';
import { createHealthProof } from '../../../main/relay/health-proof';
import { registerHealthRoute } from '../../../main/relay/health-route';

const servers: Array<{ close(): unknown }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function relayHealth(proof = createHealthProof()): Promise<{ url: string; proof: typeof proof }> {
  const app = Fastify();
  registerHealthRoute(app, proof);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  servers.push(app);
  return { url, proof };
}

async function plainServer(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => new Promise((resolve) => server.close(resolve)) });
  server.on('connection', (socket) => servers.push({ close: () => socket.destroy() }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function failingFetch(code: string): typeof fetch {
  return async () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
  };
}

it('plain /healthz stays {"ok":true}; with a nonce it adds a proof only this process can make', async () => {
  const { url, proof } = await relayHealth();
  const plain = await fetch(`${url}/healthz`);
  expect(plain.status).toBe(200);
  expect(await plain.json()).toEqual({ ok: true });
  const nonce = 'n0nce-for-the-proof-test-1234';
  const answer = (await (await fetch(`${url}/healthz?nonce=${nonce}`)).json()) as { ok: boolean; proof: string };
  expect(answer.ok).toBe(true);
  expect(proof.verify(nonce, answer.proof)).toBe(true);
  expect(createHealthProof().verify(nonce, answer.proof)).toBe(false);
});

it('reached: the answer came from this relay', async () => {
  const { url, proof } = await relayHealth();
  const check = await provePublicUrl(url, { proof });
  expect(check).toMatchObject({ url, result: 'reached' });
  expect(check.message).toContain('reaches this relay');
});

it('another relay (another process key) is "another server", and so is any other 200', async () => {
  const other = await relayHealth(createHealthProof());
  expect((await provePublicUrl(other.url, { proof: createHealthProof() })).result).toBe('other_server');
  const url = await plainServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  const check = await provePublicUrl(url, { proof: createHealthProof() });
  expect(check.result).toBe('other_server');
  expect(check.message).toMatch(/not as this relay/);
});

it('a closed port is unreachable; a server that never answers times out', async () => {
  const spare = createServer();
  await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
  const closed = `http://127.0.0.1:${(spare.address() as AddressInfo).port}`;
  await new Promise((resolve) => spare.close(resolve));
  expect((await provePublicUrl(closed)).result).toBe('unreachable');
  const silent = await plainServer(() => undefined);
  const check = await provePublicUrl(silent, { timeoutMs: 300 });
  expect(check.result).toBe('timeout');
  expect(check.message).toMatch(/did not answer/);
});

it('DNS and TLS failures say which, and what to do', async () => {
  const dns = await provePublicUrl('https://quiet-fox-lake.trycloudflare.com', { fetch: failingFetch('ENOTFOUND') });
  expect(dns.result).toBe('dns');
  expect(dns.message).toMatch(/does not resolve/);
  const tls = await provePublicUrl('https://relay.example.org', { fetch: failingFetch('DEPTH_ZERO_SELF_SIGNED_CERT') });
  expect(tls.result).toBe('tls');
  expect(tls.message).toMatch(/certificate/);
});
