// The durable floor: a minimal node:http server that parses each body (JSON.parse) and commits its
// events in one libsql transaction (WAL, synchronous=FULL) before answering 200. No auth, no checks,
// no group commit: the limit for durable ingest on this stack, which grouped ingest is measured against.
import Database from 'libsql';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { BareServer } from './bare-server';
import { makeDataDir, retireDataDir } from './data-dirs';

export async function startDurableFloor(): Promise<BareServer> {
  const dir = makeDataDir('mjsc-floor-');
  const db = new Database(join(dir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT, payload TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO events (kind, payload) VALUES (?, ?)');
  const commit = db.transaction((events: Array<Record<string, unknown>>) => {
    for (const event of events) insert.run(typeof event.event === 'string' ? event.event : null, JSON.stringify(event));
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      commit((Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, unknown>>);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"success":true}');
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          db.close();
          retireDataDir(dir);
          resolve();
        });
      }),
  };
}
