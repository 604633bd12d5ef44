// Drives one direction's deliveries: up to `concurrency` batches at once, woken by nudges (after a
// commit or a settings change) and by the queue's next due time. It never spins: an idle or paused
// loop sleeps until woken, and stop() waits a bounded time for the batches in flight.
import type { RelayLogger } from '../logging/relay-logger';
import { yieldToEventLoop } from './event-loop-slices';

export interface BatchOutcome {
  /** Items this batch claimed; 0 means nothing was due. */
  claimed: number;
  /** The direction cannot go on until something changes (a list chosen, a key saved). */
  paused?: boolean;
}

export interface WorkerLoopOptions {
  /** Names the loop in log lines ("receive", "send"). */
  name: string;
  deliverBatch: () => Promise<BatchOutcome>;
  nextDueAt: () => number | null;
  now: () => number;
  concurrency: number;
  logger: RelayLogger;
  /** While paused, look again this often even without a nudge (default 60 s). */
  pausedRecheckMs?: number;
  /** The longest sleep: a safety net against a missed nudge (default 30 s). */
  maxSleepMs?: number;
  /** Wait after an unexpected error before trying again (default 1 s). */
  errorPauseMs?: number;
}

export interface WorkerLoop {
  start(): void;
  /** Something may be due now: look at once. */
  nudge(): void;
  /** Stops claiming; resolves when the batches in flight settle, or after graceMs (their items are then released by storage). */
  stop(graceMs?: number): Promise<void>;
}

const MIN_SLEEP_MS = 5;

export function createWorkerLoop(options: WorkerLoopOptions): WorkerLoop {
  const { concurrency, logger, name } = options;
  const maxSleepMs = options.maxSleepMs ?? 30_000;
  const inFlight = new Set<Promise<void>>();
  let stopped = true;
  let exhausted = false;
  let paused = false;
  let erred = false;
  /** The last error logged; the same one again (a full disk, once a second) is not logged again until a batch works. */
  let lastError: string | undefined;
  let timer: NodeJS.Timeout | undefined;

  const wake = (): void => {
    exhausted = false;
    paused = false;
    erred = false;
    pump();
  };

  function pump(): void {
    if (stopped) return;
    while (!exhausted && !paused && !erred && inFlight.size < concurrency) launch();
    if (inFlight.size === 0) sleep();
  }

  function launch(): void {
    // A new batch starts on a later turn: settling the last one and claiming the next in one turn held
    // the event loop for up to 200 ms under backlog (docs/benchmarks.md#product-fixes-found-by-the-benchmarks).
    const run = yieldToEventLoop()
      .then((): Promise<BatchOutcome> | BatchOutcome => (stopped ? { claimed: 0 } : options.deliverBatch()))
      .then(
        (outcome) => {
          if (lastError !== undefined) logger.info({ direction: name }, 'delivery works again');
          lastError = undefined;
          exhausted = outcome.claimed === 0;
          if (outcome.paused === true) paused = true;
        },
        (error: unknown) => {
          erred = true;
          const message = error instanceof Error ? error.message : String(error);
          if (message !== lastError) logger.error({ direction: name, err: message }, 'delivery batch failed unexpectedly');
          lastError = message;
        },
      )
      .finally(() => {
        inFlight.delete(run);
        pump();
      });
    inFlight.add(run);
  }

  function sleep(): void {
    clearTimeout(timer);
    let delay: number;
    if (paused) delay = options.pausedRecheckMs ?? 60_000;
    else if (erred) delay = options.errorPauseMs ?? 1_000;
    else {
      const due = options.nextDueAt();
      delay = due === null ? maxSleepMs : Math.min(Math.max(due - options.now(), MIN_SLEEP_MS), maxSleepMs);
    }
    timer = setTimeout(wake, delay);
    timer.unref();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      wake();
    },
    nudge() {
      if (stopped) return;
      clearTimeout(timer);
      wake();
    },
    async stop(graceMs = 10_000) {
      stopped = true;
      clearTimeout(timer);
      if (inFlight.size === 0) return;
      let graceTimer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        graceTimer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(graceTimer);
    },
  };
}
