// Runs storage retention at start and then periodically (default hourly): settled items older than 7
// days and activity minutes older than 48 h go, in small batches with a yield between them, so the
// relay's event loop is never held for long. It never touches pending, in-flight or failed items.
import type { RelayLogger } from '../logging/relay-logger';
import type { PruneResult, Retention } from '../storage/retention';

export interface RetentionPolicy {
  /** How long delivered, skipped and rejected items stay listed in Activity (default 7 days). */
  settledItemsMs: number;
  /** How long per-minute activity counts are kept (default 48 h; the chart shows the last hour). */
  activityMinutesMs: number;
  /** Time between passes (default 1 h). */
  intervalMs: number;
  /** Rows per transaction (default 500). */
  batchSize: number;
}

export const DEFAULT_RETENTION_POLICY: Readonly<RetentionPolicy> = {
  settledItemsMs: 7 * 24 * 60 * 60_000,
  activityMinutesMs: 48 * 60 * 60_000,
  intervalMs: 60 * 60_000,
  batchSize: 500,
};

/** A bound on one pass (500 × 20,000 = ten million rows); the next pass goes on where it stopped. */
const MAX_BATCHES_PER_PASS = 20_000;

export interface RetentionSchedule {
  /** Runs one pass now, then one every intervalMs. */
  start(): void;
  /** One full pass; resolves with what it deleted. */
  runPass(): Promise<PruneResult>;
  /** Cancels the next pass and waits for a running one to finish its current batch. */
  stop(): Promise<void>;
}

export interface RetentionScheduleDeps {
  retention: Retention;
  policy: RetentionPolicy;
  now: () => number;
  logger: RelayLogger;
}

export function scheduleRetention({ retention, policy, now, logger }: RetentionScheduleDeps): RetentionSchedule {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<PruneResult> | undefined;

  async function pass(): Promise<PruneResult> {
    const total: PruneResult = { items: 0, minutes: 0 };
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS && !stopped; batch += 1) {
      const at = now();
      const result = await retention.later.pruneBatch({ settledBefore: at - policy.settledItemsMs, activityBefore: at - policy.activityMinutesMs, limit: policy.batchSize });
      total.items += result.items;
      total.minutes += result.minutes;
      if (result.items < policy.batchSize && result.minutes < policy.batchSize) break;
      // Requests and deliveries run between two batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return total;
  }

  function runPass(): Promise<PruneResult> {
    running ??= pass()
      .then((total) => {
        if (total.items > 0 || total.minutes > 0) logger.info({ items: total.items, activityMinutes: total.minutes }, 'pruned old activity');
        return total;
      })
      .catch((error: unknown) => {
        // A busy or full disk: nothing is lost by pruning later.
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not prune old activity; trying again at the next pass');
        return { items: 0, minutes: 0 };
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  function scheduleNext(): void {
    if (stopped) return;
    timer = setTimeout(() => void runPass().finally(scheduleNext), policy.intervalMs);
    timer.unref();
  }

  return {
    start() {
      void runPass().finally(scheduleNext);
    },
    runPass,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
