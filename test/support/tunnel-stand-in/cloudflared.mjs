#!/usr/bin/env node
// A stand-in for `cloudflared tunnel --url http://127.0.0.1:PORT` (a quick tunnel), for tests on a machine
// without network: it prints cloudflared's log lines on stderr, box included, and forwards every HTTP
// request to the --url target, so a proof through it really reaches the relay. The only difference from
// the real program: the URL in the box is its own http://127.0.0.1:<port>, not https://<words>.trycloudflare.com.
// CLOUDFLARED_STAND_IN=fail makes it fail the way cloudflared does when trycloudflare.com cannot be reached.
import { createServer, request } from 'node:http';

const args = process.argv.slice(2);
const target = args[0] === 'tunnel' ? args[args.indexOf('--url') + 1] : undefined;
const stamp = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const log = (level, text) => process.stderr.write(`${stamp()} ${level} ${text}\n`);

if (target === undefined || !/^http:\/\/127\.0\.0\.1:\d+$/.test(target)) {
  process.stderr.write('usage: cloudflared tunnel --url http://127.0.0.1:PORT\n');
  process.exit(2);
}

log('INF', 'Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out.');
log('INF', 'Requesting new quick Tunnel on trycloudflare.com...');
if (process.env.CLOUDFLARED_STAND_IN === 'fail') {
  process.stderr.write('failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: lookup api.trycloudflare.com: no such host\n');
  log('ERR', 'failed to request quick Tunnel: no such host');
  process.exit(1);
}

const upstream = new URL(target);
const server = createServer((incoming, outgoing) => {
  // Like cloudflared, the Host header stays the public one the client used.
  const forward = request(
    { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  forward.on('error', () => outgoing.writeHead(502).end('origin unreachable'));
  incoming.pipe(forward);
});

server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${server.address().port}`;
  const width = 92;
  const row = (text) => `|  ${text.padEnd(width - 4)}|`;
  log('INF', `+${'-'.repeat(width - 2)}+`);
  log('INF', row('Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):'));
  log('INF', row(url));
  log('INF', `+${'-'.repeat(width - 2)}+`);
  log('INF', `Settings: map[ha-connections:1 protocol:quic url:${target}]`);
  log('INF', 'Registered tunnel connection connIndex=0 event=0 ip=127.0.0.1 location=local protocol=quic');
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    log('INF', `Initiating graceful shutdown due to signal ${signal === 'SIGTERM' ? 'terminated' : 'interrupt'} ...`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
