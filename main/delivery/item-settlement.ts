// Records what happened to claimed items: delivered, retried later (with the retry policy), failed
// with a reason, or released untouched. After storage has closed (a stop that outran its grace period)
// the write is dropped: storage already put those items back to pending, and they go out again.
import type { Direction } from '../../shared/api';
import type { RelayLogger } from '../relay/relay-logger';
import type { ItemQueue, QueuedItem } from '../storage/item-queue';
import { planRetry, type RetryClock, type RetryPolicy } from './retry-policy';

export interface RetryableFailure {
  reason: string;
  retryAfterMs?: number;
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
  /** Back to pending without counting an attempt (a paused direction). */
  release(items: readonly QueuedItem[]): void;
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
}

export function createSettlement({ queue, policy, clock, logger, observer }: SettlementDeps): Settlement {
  const write = (what: string, run: () => void): boolean => {
    try {
      run();
      return true;
    } catch (error) {
      logger.warn({ what, err: error instanceof Error ? error.message : String(error) }, 'could not record a delivery outcome; the items are delivered again later');
      return false;
    }
  };
  const markFailed = (entries: ReadonlyArray<{ item: QueuedItem; reason: string }>): void => {
    if (entries.length === 0 || !write('failed', () => queue.markFailed(entries.map(({ item, reason }) => ({ id: item.id, reason }))))) return;
    for (const direction of ['receive', 'send'] as const) {
      const ofDirection = entries.filter(({ item }) => item.direction === direction);
      const latest = ofDirection.at(-1);
      if (latest !== undefined) observer?.failed(direction, ofDirection.length, latest.reason);
    }
  };
  const retryEach: Settlement['retryEach'] = (entries) => {
    const retries: Array<{ id: number; nextAttemptAt: number; error: string }> = [];
    const failures: Array<{ item: QueuedItem; reason: string }> = [];
    for (const { item, failure } of entries) {
      const plan = planRetry(policy, clock, item, failure);
      if (plan.action === 'retry') retries.push({ id: item.id, nextAttemptAt: plan.nextAttemptAt, error: failure.reason });
      else failures.push({ item, reason: plan.reason });
    }
    if (retries.length > 0) write('retry', () => queue.markRetry(retries));
    markFailed(failures);
  };
  const failEach: Settlement['failEach'] = markFailed;
  return {
    delivered(items, notes) {
      if (items.length === 0 || !write('delivered', () => queue.markDelivered(items.map((item) => item.id), notes))) return;
      for (const direction of new Set(items.map((item) => item.direction))) observer?.delivered(direction);
    },
    retry: (items, failure) => retryEach(items.map((item) => ({ item, failure }))),
    retryEach,
    fail: (items, reason) => failEach(items.map((item) => ({ item, reason }))),
    failEach,
    release(items) {
      if (items.length > 0) write('release', () => queue.release(items.map((item) => item.id)));
    },
  };
}
