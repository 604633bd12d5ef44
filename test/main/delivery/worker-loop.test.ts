// The delivery loop: it drains while work is due, sleeps when idle, wakes on a nudge or the next due
// time, never runs more batches than its concurrency, and stop() waits for the batches in flight.
import { createWorkerLoop, type BatchOutcome } from '../../../main/delivery/worker-loop';
import { silentLogger } from '../../../main/logging/relay-logger';
import { pollUntil } from '../../support/condition-polling';

function fakeQueue(pending: number) {
  const state = { pending, running: 0, maxRunning: 0, batches: 0, nextDueAt: null as number | null };
  const release: Array<() => void> = [];
  const deliverBatch = async (): Promise<BatchOutcome> => {
    state.batches += 1;
    if (state.pending === 0) return { claimed: 0 };
    const claimed = Math.min(state.pending, 2);
    state.pending -= claimed;
    state.running += 1;
    state.maxRunning = Math.max(state.maxRunning, state.running);
    await new Promise<void>((resolve) => release.push(resolve));
    state.running -= 1;
    return { claimed };
  };
  return { state, release, deliverBatch };
}

const releaseAll = (release: Array<() => void>): void => release.splice(0).forEach((resolve) => resolve());

it('drains with at most `concurrency` batches at once, then sleeps until nudged', async () => {
  const queue = fakeQueue(10);
  const loop = createWorkerLoop({ name: 'send', deliverBatch: queue.deliverBatch, nextDueAt: () => null, now: Date.now, concurrency: 2, logger: silentLogger });
  loop.start();
  for (let round = 0; round < 20 && queue.state.pending + queue.state.running > 0; round++) {
    await pollUntil(() => queue.release.length > 0 || queue.state.pending + queue.state.running === 0, 'a batch in flight');
    releaseAll(queue.release);
  }
  await pollUntil(() => queue.state.pending === 0 && queue.state.running === 0, 'the queue drained');
  expect(queue.state.maxRunning).toBe(2);
  const batchesWhenIdle = queue.state.batches;

  queue.state.pending = 1;
  loop.nudge();
  await pollUntil(() => queue.release.length === 1, 'the nudged batch');
  releaseAll(queue.release);
  await loop.stop();
  expect(queue.state.batches).toBeGreaterThan(batchesWhenIdle);
  expect(queue.state.pending).toBe(0);
});

it('wakes by itself when the next retry falls due', async () => {
  const queue = fakeQueue(0);
  queue.state.nextDueAt = Date.now() + 30;
  const loop = createWorkerLoop({ name: 'send', deliverBatch: queue.deliverBatch, nextDueAt: () => queue.state.nextDueAt, now: Date.now, concurrency: 1, logger: silentLogger });
  loop.start();
  await pollUntil(() => queue.state.batches === 1, 'the first look');
  queue.state.pending = 1;
  await pollUntil(() => queue.release.length === 1, 'a batch at the due time, without a nudge');
  releaseAll(queue.release);
  await loop.stop();
});

it('stays paused until nudged', async () => {
  let calls = 0;
  let paused = true;
  const loop = createWorkerLoop({
    name: 'receive',
    deliverBatch: async () => {
      calls += 1;
      return paused ? { claimed: 0, paused: true } : { claimed: 0 };
    },
    nextDueAt: () => Date.now(),
    now: Date.now,
    concurrency: 1,
    logger: silentLogger,
    pausedRecheckMs: 60_000,
  });
  loop.start();
  await pollUntil(() => calls === 1, 'the first look');
  // Items are due (nextDueAt is now), yet a paused loop does not spin on them.
  await new Promise((resolve) => setImmediate(resolve));
  expect(calls).toBe(1);
  paused = false;
  loop.nudge();
  await pollUntil(() => calls >= 2, 'a look after the nudge');
  await loop.stop();
});

it('stop() waits for the batch in flight and starts no new one', async () => {
  const queue = fakeQueue(4);
  const loop = createWorkerLoop({ name: 'send', deliverBatch: queue.deliverBatch, nextDueAt: () => null, now: Date.now, concurrency: 1, logger: silentLogger });
  loop.start();
  await pollUntil(() => queue.release.length === 1, 'a batch in flight');
  let stopped = false;
  const stopping = loop.stop().then(() => {
    stopped = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  expect(stopped).toBe(false);
  releaseAll(queue.release);
  await stopping;
  expect(queue.state.batches).toBe(1);
  expect(queue.state.pending).toBe(2);
});

it('keeps going after an unexpected error, after a pause', async () => {
  let calls = 0;
  const loop = createWorkerLoop({
    name: 'send',
    deliverBatch: async () => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
      return { claimed: 0 };
    },
    nextDueAt: () => null,
    now: Date.now,
    concurrency: 1,
    logger: silentLogger,
    errorPauseMs: 10,
  });
  loop.start();
  await pollUntil(() => calls >= 2, 'a second look after the error');
  await loop.stop();
});

it('lets the event loop turn between batches, even when each batch settles at once', async () => {
  const order: string[] = [];
  let pending = 20;
  const loop = createWorkerLoop({
    name: 'send',
    deliverBatch: async () => {
      order.push('batch');
      if (pending === 0) return { claimed: 0 };
      pending -= 1;
      return { claimed: 1 };
    },
    nextDueAt: () => null,
    now: Date.now,
    concurrency: 1,
    logger: silentLogger,
  });
  // Stands for an incoming request: it needs a turn of the event loop to be handled.
  let turns = 0;
  const tick = (): void => {
    order.push('turn');
    turns += 1;
    if (turns < 100 && pending > 0) setImmediate(tick);
  };
  setImmediate(tick);
  loop.start();
  await pollUntil(() => pending === 0, 'the queue drained');
  await loop.stop();
  const batches = order.flatMap((what, index) => (what === 'batch' ? [index] : []));
  const turnsWhileDraining = order.slice(batches[0], batches[batches.length - 1]).filter((what) => what === 'turn').length;
  expect(turnsWhileDraining).toBeGreaterThanOrEqual(10);
});

it('logs a batch error that repeats (a full disk refusing every claim) once, and says when delivery works again', async () => {
  const lines: Array<{ level: string; message: string | undefined }> = [];
  const logger = Object.fromEntries((['debug', 'info', 'warn', 'error'] as const).map((level) => [level, (_fields: object, message?: string) => lines.push({ level, message })])) as unknown as typeof silentLogger;
  let failuresLeft = 5;
  let batches = 0;
  const deliverBatch = async (): Promise<BatchOutcome> => {
    batches += 1;
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('Could not write to connector.db (SQLITE_FULL): the disk is full; free some space.');
    }
    return { claimed: 0 };
  };
  const loop = createWorkerLoop({ name: 'send', deliverBatch, nextDueAt: () => null, now: Date.now, concurrency: 1, logger, errorPauseMs: 1 });
  loop.start();
  await pollUntil(() => failuresLeft === 0 && batches > 5, 'five refused batches and one that worked');
  await loop.stop();
  expect(lines).toEqual([
    { level: 'error', message: 'delivery batch failed unexpectedly' },
    { level: 'info', message: 'delivery works again' },
  ]);
});
