// A database locked by another process: with storage's default settings every write answers 503 with
// Retry-After at once instead of waiting out a long busy timeout on the event loop, so the relay keeps
// answering (/healthz included) for as long as the lock is held. The test timeout is the only bound:
// 30 refused writes under the old 2 s busy wait took a minute.
import Database from 'libsql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type RelayLogger } from '../../../main/logging/relay-logger';
import { openStorage, type Storage } from '../../../main/storage/database';
import { pollUntil } from '../../support/condition-polling';
import { basic, EVENTS_SECRET, postJson, send, startRelay, type RunningRelay } from './relay-fixture';

const SENT = '{"event":"sent","time":1433333949,"MessageID":19421777835146491,"email":"api@mailjet.com","mj_campaign_id":7257,"mj_contact_id":4}';

let dir: string;
let path: string;
let storage: Storage;
let relay: RunningRelay;
let logged: Array<{ level: string; message: string; fields: object }>;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mjsc-locked-'));
  path = join(dir, 'connector.db');
  storage = openStorage({ path });
  logged = [];
  const record = (level: string) => (fields: object, message?: string) => void logged.push({ level, message: message ?? '', fields });
  relay = await startRelay({ queue: storage.queue, logger: { ...silentLogger, error: record('error'), warn: record('warn') } as RelayLogger });
});
afterEach(async () => {
  await relay.server.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

it('refuses writes with 503 and Retry-After, and still answers /healthz, while another process holds the lock', { timeout: 15_000 }, async () => {
  const locker = new Database(path);
  locker.exec('BEGIN IMMEDIATE');
  const statuses: number[] = [];
  let health;
  try {
    for (let round = 0; round < 30; round += 1) {
      const refused = await postJson(relay.port, '/mailjet/events', SENT, basic('mailjet', EVENTS_SECRET));
      expect(refused.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      statuses.push(refused.status);
    }
    health = await send(relay.port, '/healthz', { method: 'GET' });
  } finally {
    locker.exec('ROLLBACK');
    locker.close();
  }
  expect(new Set(statuses)).toEqual(new Set([503]));
  // One line says why, not thirty: a flood of identical lines would slow the 503s and bury the cause.
  expect(logged).toEqual([{ level: 'error', message: 'storage refused commits; answered 503', fields: expect.objectContaining({ code: 'storage_unavailable', refused: 1 }) }]);
  expect(health.status).toBe(200);
  expect(storage.queue.counts('send').pending).toBe(0);
  // Refusals hold off new tries for a moment after the lock (LOCKED_HOLD_OFF_MS), then writes go through again.
  let accepted = 0;
  await pollUntil(async () => {
    accepted = (await postJson(relay.port, '/mailjet/events', SENT, basic('mailjet', EVENTS_SECRET))).status === 200 ? 1 : 0;
    return accepted === 1;
  }, 'a write to be accepted once the lock is released');
  expect(storage.queue.counts('send').pending).toBe(1);
});
