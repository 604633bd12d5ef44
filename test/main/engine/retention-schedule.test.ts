// The retention schedule: a pass at start, then one per interval, in batches with the event loop free
// between them; failures are logged and retried at the next pass. The clock is injected.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRelayConfig } from '../../../main/config/relay-config';
import { startRelayEngine } from '../../../main/engine/relay-engine';
import { DEFAULT_RETENTION_POLICY, scheduleRetention, type RetentionPolicy } from '../../../main/engine/retention-schedule';
import { silentLogger, type RelayLogger } from '../../../main/logging/relay-logger';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { openStorage } from '../../../main/storage/database';
import type { PruneBatch, Retention } from '../../../main/storage/retention';
import { pollUntil } from '../../support/condition-polling';

const POLICY: RetentionPolicy = { settledItemsMs: 7_000, activityMinutesMs: 2_000, intervalMs: 20, batchSize: 3 };

function recordingLogger(lines: string[]): RelayLogger {
  const log = (level: string) => (fields: object, message?: string) => void lines.push(`${level} ${message ?? ''} ${JSON.stringify(fields)}`);
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') } as unknown as RelayLogger;
}

/** A store of `rows` old settled items; each batch deletes up to its limit. */
function fakeRetention(rows: number): Retention & { batches: PruneBatch[]; left(): number; failNext?: Error } {
  let left = rows;
  const fake = {
    batches: [] as PruneBatch[],
    failNext: undefined as Error | undefined,
    left: () => left,
    pruneBatch(batch: PruneBatch) {
      if (fake.failNext) {
        const error = fake.failNext;
        fake.failNext = undefined;
        throw error;
      }
      fake.batches.push(batch);
      const items = Math.min(left, batch.limit);
      left -= items;
      return { items, minutes: 0 };
    },
    later: { pruneBatch: (batch: PruneBatch) => Promise.resolve().then(() => fake.pruneBatch(batch)) },
  };
  return fake;
}

const waitFor = (condition: () => boolean): Promise<void> => pollUntil(condition, 'the retention passes');

it('runs a pass at start that deletes in batches of batchSize, with cutoffs from the injected clock', async () => {
  const retention = fakeRetention(7);
  const schedule = scheduleRetention({ retention, policy: { ...POLICY, intervalMs: 60_000 }, now: () => 100_000, logger: recordingLogger([]) });
  await expect(schedule.runPass()).resolves.toEqual({ items: 7, minutes: 0 });
  expect(retention.batches).toEqual([
    { settledBefore: 93_000, activityBefore: 98_000, limit: 3 },
    { settledBefore: 93_000, activityBefore: 98_000, limit: 3 },
    { settledBefore: 93_000, activityBefore: 98_000, limit: 3 },
  ]);
  await schedule.stop();
});

it('yields to the event loop between batches, so requests are served during a long pass', async () => {
  const retention = fakeRetention(30);
  const schedule = scheduleRetention({ retention, policy: { ...POLICY, intervalMs: 60_000 }, now: () => 0, logger: recordingLogger([]) });
  let batchesWhenTimerRan = -1;
  setImmediate(() => (batchesWhenTimerRan = retention.batches.length));
  await schedule.runPass();
  expect(batchesWhenTimerRan).toBeGreaterThan(0);
  expect(batchesWhenTimerRan).toBeLessThan(retention.batches.length);
  await schedule.stop();
});

it('starts with a pass and repeats every interval; later rows are pruned by a later pass', async () => {
  const retention = fakeRetention(2);
  const schedule = scheduleRetention({ retention, policy: POLICY, now: () => 0, logger: recordingLogger([]) });
  schedule.start();
  await waitFor(() => retention.left() === 0);
  const passesBefore = retention.batches.length;
  await waitFor(() => retention.batches.length >= passesBefore + 2);
  await schedule.stop();
  const afterStop = retention.batches.length;
  // A second schedule on the same policy proves that several intervals went by, without a fixed sleep.
  const witness = fakeRetention(0);
  const witnessSchedule = scheduleRetention({ retention: witness, policy: POLICY, now: () => 0, logger: recordingLogger([]) });
  witnessSchedule.start();
  await waitFor(() => witness.batches.length >= 3);
  await witnessSchedule.stop();
  expect(retention.batches.length).toBe(afterStop);
});

it('a failing pass is logged without the rows and retried at the next one', async () => {
  const lines: string[] = [];
  const retention = fakeRetention(2);
  retention.failNext = new Error('database is locked');
  const schedule = scheduleRetention({ retention, policy: POLICY, now: () => 0, logger: recordingLogger(lines) });
  schedule.start();
  await waitFor(() => retention.left() === 0);
  await schedule.stop();
  expect(lines.some((line) => line.startsWith('warn could not prune old activity'))).toBe(true);
});

it('the relay engine prunes at start with its injected clock: old delivered items leave Activity, their count stays', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mjsc-retention-'));
  const t0 = Date.UTC(2026, 0, 1);
  try {
    const before = openStorage({ path: join(dataDir, 'connector.db'), now: () => t0 });
    const ids = await before.queue.commit([1, 2, 3].map((n) => ({ direction: 'send' as const, kind: 'open', payload: `{"event":"open","MessageID":${n}}` })));
    before.queue.claim('send', 3);
    before.queue.markDelivered(ids);
    await before.close();

    const engine = await startRelayEngine({
      dataDir,
      config: loadRelayConfig({ host: '127.0.0.1', port: 0 }, {}),
      secrets: new MemorySecretStore(),
      logger: silentLogger,
      now: () => t0 + 8 * 24 * 60 * 60_000,
      tuning: { retention: { ...DEFAULT_RETENTION_POLICY, batchSize: 2 } },
    });
    try {
      await waitFor(() => engine.recentItems({}).length === 0);
      expect(engine.status().queue.send).toMatchObject({ delivered: 3, pending: 0 });
    } finally {
      await engine.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
