// The relay on the real libsql storage: an acknowledged item is on disk with its big integers exact,
// and a database that cannot commit makes the relay answer 503 and acknowledge nothing.
import { pollUntil } from '../../support/condition-polling';
import Database from 'libsql';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage, type Storage } from '../../../main/storage/database';
import { basic, bearer, EVENTS_SECRET, postJson, RELAY_KEY, startRelay, type RunningRelay } from './relay-fixture';

const SENT = '{"event":"sent","time":1433333949,"MessageID":19421777835146491,"email":"api@mailjet.com","mj_campaign_id":7257,"mj_contact_id":4}';
const IDENTIFY = '{"type":"identify","userId":"user-7","traits":{"email":"Lin@Example.com"}}';

let dir: string;
let path: string;
let storage: Storage;
let relay: RunningRelay;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mjsc-relay-'));
  path = join(dir, 'connector.db');
  storage = openStorage({ path, busyTimeoutMs: 20 });
  relay = await startRelay({ queue: storage.queue });
});
afterEach(async () => {
  await relay.server.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

it('commits a Mailjet event with MessageID 19421777835146491 exact before answering 200', async () => {
  const response = await postJson(relay.port, '/mailjet/events', SENT, basic('mailjet', EVENTS_SECRET));
  expect(response.status).toBe(200);
  const [item] = storage.queue.claim('send', 10);
  expect(item).toMatchObject({ kind: 'sent', email: 'api@mailjet.com' });
  expect(item?.payload).toContain('"MessageID":"19421777835146491"');
});

it('lets the identity map learn userId from an identify call', async () => {
  const response = await postJson(relay.port, '/segment', IDENTIFY, bearer(RELAY_KEY));
  expect(response.status).toBe(200);
  expect(storage.identities.userIdFor('lin@example.com')).toBe('user-7');
  expect(storage.queue.counts('receive').pending).toBe(1);
});

it('answers 503 with Retry-After while the database is locked, acknowledges nothing, and recovers', async () => {
  const locker = new Database(path);
  locker.exec('BEGIN IMMEDIATE');
  let refused;
  try {
    refused = await postJson(relay.port, '/mailjet/events', SENT, basic('mailjet', EVENTS_SECRET));
  } finally {
    locker.exec('ROLLBACK');
    locker.close();
  }
  expect(refused.status).toBe(503);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect(refused.json).toMatchObject({ error: { code: 'storage_unavailable' } });
  expect(storage.queue.counts('send').pending).toBe(0);

  // Commits are refused without trying for LOCKED_HOLD_OFF_MS (under the 1 s Retry-After); the retry then goes through.
  await pollUntil(async () => (await postJson(relay.port, '/mailjet/events', SENT, basic('mailjet', EVENTS_SECRET))).status === 200, 'a retry to be accepted');
  expect(storage.queue.counts('send').pending).toBe(1);
});

it('never writes the relay key or events secret into the data dir', async () => {
  const canaryDir = mkdtempSync(join(tmpdir(), 'mjsc-canary-'));
  const canaryStorage = openStorage({ path: join(canaryDir, 'connector.db') });
  const canaryRelay = await startRelay({ queue: canaryStorage.queue });
  try {
    await postJson(canaryRelay.port, '/v1/identify', JSON.stringify({ ...JSON.parse(IDENTIFY), writeKey: RELAY_KEY }));
    // A rejected batch item (next to a good one) is stored as it arrived, minus the write key it carried.
    const good = { ...JSON.parse(IDENTIFY), messageId: 'm-2' };
    await postJson(canaryRelay.port, '/v1/batch', JSON.stringify({ writeKey: RELAY_KEY, batch: [good, { type: 'identify', writeKey: RELAY_KEY, traits: {} }] }));
    await postJson(canaryRelay.port, '/mailjet/events', SENT, basic('mailjet', EVENTS_SECRET));
    expect(canaryStorage.queue.counts('receive')).toMatchObject({ pending: 2, rejected: 1 });
  } finally {
    await canaryRelay.server.close();
    await canaryStorage.close();
  }
  for (const file of readdirSync(canaryDir)) {
    const bytes = readFileSync(join(canaryDir, file)).toString('latin1');
    expect(bytes).not.toContain(RELAY_KEY);
    expect(bytes).not.toContain(EVENTS_SECRET);
  }
  rmSync(canaryDir, { recursive: true, force: true });
});
