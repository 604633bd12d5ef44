// Records what happened to claimed items: delivered, retried later (with the retry policy), failed
// with a reason, or released untouched. A write that fails (disk full, SQLITE_BUSY) is kept in memory
// and applied again by retryPending(); it is dropped after `keepFailedWritesMs`, by when the claim lease
// has put the items back to pending (so a late write never lands on items claimed again). After storage
// has closed the writes are dropped too: storage already put those items back to pending.
// The writes go through `queue.later`: on the storage writer thread they are answered by a promise and
// do not hold the event loop, so a refusal is known only once its answer comes; a write made before
// that goes through on its own. An item has one outcome outstanding at a time, so its own outcomes
// stay in order. settled() waits for every answer (the workers await it before a batch is done).
import type { Direction } from '../../shared/api';
import type { RelayLogger } from '../logging/relay-logger';
import type { ItemQueue, QueuedItem } from '../storage/item-queue';
import { createPendingAnswers } from './pending-answers';
import { planRetry, type RetryClock, type RetryPolicy } from './retry-policy';

export interface RetryableFailure {
  reason: string;
  retryAfterMs?: number;
  /** The upstream's HTTP status when known, for the attempt history. */
  status?: number;
}

export interface Settlement {
  /** `notes` by item id: what the item went without (a refused property), shown as its reason. */
  delivered(items: readonly QueuedItem[], notes?: ReadonlyMap<number, string>): void;
  /** Counts an attempt; past the dead-letter window the item fails with the reason instead. */
  retry(items: readonly QueuedItem[], failure: RetryableFailure): void;
  /** Like retry, each item with its own failure: one write for the retries, one for the dead letters. */
  retryEach(entries: ReadonlyArray<{ item: QueuedItem; failure: RetryableFailure }>): void;
  fail(items: readonly QueuedItem[], reason: string): void;
  /** Like fail, each item with its own reason, in one write. */
  failEach(entries: ReadonlyArray<{ item: QueuedItem; reason: string }>): void;
  /** Back to pending without counting an attempt (a paused direction, a batch that threw). */
  release(items: readonly QueuedItem[]): void;
  /** Applies the writes that failed earlier, oldest first; returns how many are still waiting. */
  retryPending(): number;
  /** Resolves once every write made so far has been answered (recorded, or kept to try again). */
  settled(): Promise<void>;
}

/** Told about outcomes once they are recorded (the failure-burst watch listens here). */
export interface SettlementObserver {
  delivered(direction: Direction): void;
  failed(direction: Direction, count: number, latestReason: string): void;
}

export interface SettlementDeps {
  queue: ItemQueue;
  policy: RetryPolicy;
  clock: RetryClock;
  logger: RelayLogger;
  observer?: SettlementObserver;
  /** How long a failed write is tried again; keep it well under the storage's claim lease (default 5 min). */
  keepFailedWritesMs?: number;
}

export const DEFAULT_KEEP_FAILED_WRITES_MS = 5 * 60_000;

interface WaitingWrite {
  what: string;
  /** The write; on the storage writer thread its promise settles once the write is answered. */
  run: () => void | Promise<void>;
  /** What to tell the observer once the write is recorded. */
  after?: () => void;
  failedAt: number;
}

export function createSettlement({ queue, policy, clock, logger, observer, keepFailedWritesMs = DEFAULT_KEEP_FAILED_WRITES_MS }: SettlementDeps): Settlement {
  const waiting: WaitingWrite[] = [];
  const answering = createPendingAnswers();
  const refused = (entry: Omit<WaitingWrite, 'failedAt'>, again: boolean, error: unknown): void => {
    // Said once per write: a long outage must not flood the log with the same line.
    if (!again) logger.warn({ what: entry.what, err: error instanceof Error ? error.message : String(error) }, 'could not record a delivery outcome; trying again shortly');
  };
  /** True when the write went through, or was posted: a posted write that is refused joins `waiting` then, with its first failure's time. */
  const attempt = (entry: Omit<WaitingWrite, 'failedAt'> & { failedAt?: number }, again = false): boolean => {
    let answer: void | Promise<void>;
    try {
      answer = entry.run();
    } catch (error) {
      refused(entry, again, error);
      return false;
    }
    if (answer === undefined) {
      entry.after?.();
      return true;
    }
    answering.track(
      answer.then(
        () => entry.after?.(),
        (error: unknown) => {
          refused(entry, again, error);
          waiting.push({ ...entry, failedAt: entry.failedAt ?? clock.now() });
        },
      ),
    );
    return true;
  };
  const retryPending = (): number => {
    while (waiting.length > 0) {
      const oldest = waiting[0] as WaitingWrite;
      if (clock.now() - oldest.failedAt > keepFailedWritesMs) {
        // The claim lease puts these items back to pending: they are delivered again, never lost.
        logger.warn({ what: oldest.what }, 'gave up recording a delivery outcome; the claim lease puts the items back to pending');
      } else if (!attempt(oldest, true)) {
        break;
      }
      waiting.shift();
    }
    return waiting.length;
  };
  // Earlier failed writes go first, so the outcomes of one item are recorded in order.
  const write = (what: string, run: () => void | Promise<void>, after?: () => void): void => {
    const entry = { what, run, after };
    if (retryPending() > 0 || !attempt(entry)) waiting.push({ ...entry, failedAt: clock.now() });
  };
  const markFailed = (entries: ReadonlyArray<{ item: QueuedItem; reason: string }>): void => {
    if (entries.length === 0) return;
    write('failed', () => queue.later.markFailed(entries.map(({ item, reason }) => ({ id: item.id, reason }))), () => {
      for (const direction of ['receive', 'send'] as const) {
        const ofDirection = entries.filter(({ item }) => item.direction === direction);
        const latest = ofDirection.at(-1);
        if (latest !== undefined) observer?.failed(direction, ofDirection.length, latest.reason);
      }
    });
  };
  const retryEach: Settlement['retryEach'] = (entries) => {
    const retries: Array<{ id: number; nextAttemptAt: number; error: string }> = [];
    const failures: Array<{ item: QueuedItem; reason: string }> = [];
    // Jitter is drawn once per call (one batch or bulk job), and the batch waits for its longest delay:
    // items that failed together come due together and go out as one request again.
    const draw = clock.random();
    const batchClock: RetryClock = { now: clock.now, random: () => draw };
    for (const { item, failure } of entries) {
      const plan = planRetry(policy, batchClock, item, failure);
      if (plan.action === 'retry') retries.push({ id: item.id, nextAttemptAt: plan.nextAttemptAt, error: failure.reason });
      else failures.push({ item, reason: plan.reason });
    }
    const dueAt = Math.max(...retries.map((retry) => retry.nextAttemptAt));
    for (const retry of retries) retry.nextAttemptAt = dueAt;
    if (retries.length > 0) write('retry', () => queue.later.markRetry(retries));
    markFailed(failures);
  };
  const failEach: Settlement['failEach'] = markFailed;
  return {
    delivered(items, notes) {
      if (items.length === 0) return;
      write('delivered', () => queue.later.markDelivered(items.map((item) => item.id), notes), () => {
        for (const direction of new Set(items.map((item) => item.direction))) observer?.delivered(direction);
      });
    },
    retry: (items, failure) => retryEach(items.map((item) => ({ item, failure }))),
    retryEach,
    fail: (items, reason) => failEach(items.map((item) => ({ item, reason }))),
    failEach,
    release(items) {
      if (items.length > 0) write('release', () => queue.later.release(items.map((item) => item.id)));
    },
    retryPending,
    settled: answering.settled,
  };
}
