// Runs history imports inside a running connector: reads each file into staged contacts (checkpointed),
// then feeds them into the item queue in windows so the contact sync worker delivers them in bulk jobs
// like live calls, and live calls never wait behind a whole import. Stopping leaves the import
// resumable; cancelling ends it and skips what was not sent yet.
import { yieldToEventLoop } from '../delivery/event-loop-slices';
import type { BackfillProgress } from '../../shared/api';
import type { RelayLogger } from '../logging/relay-logger';
import type { BackfillRow, BackfillStore } from '../storage/backfill-store';
import { BackfillError } from './backfill-errors';
import { describeProgress, type LiveCounters } from './backfill-progress';
import { checkFileUnchanged, type BackfillFile } from './backfill-files';
import { readIntoStage } from './backfill-reading';

export interface BackfillRunnerDeps {
  store: BackfillStore;
  /** Wakes the contact sync worker after contacts were queued. */
  nudge: () => void;
  logger: RelayLogger;
  now?: () => number;
  /** Lines per checkpoint (default 2000). */
  chunkLines?: number;
  /** At most this many of an import's items wait in the queue at once (default 2000). */
  queueWindow?: number;
  /** How often delivery is looked at (default 200 ms). */
  pollMs?: number;
  /** After an import ends (done, cancelled, failed): the service deletes its uploaded files. */
  onEnded?: (row: BackfillRow) => void;
}

export interface BackfillRunner {
  start(files: BackfillFile[], options: { dryRun: boolean; listId: number | null }): BackfillProgress;
  /** Continues every import an earlier process left reading or delivering. */
  resumeUnfinished(): void;
  cancel(id: number): void;
  progress(id: number): BackfillProgress | undefined;
  latestId(): number | undefined;
  /** Resolves when the import ends or this runner stops. */
  settled(id: number): Promise<void>;
  /** Stops reading and feeding; the imports stay resumable. */
  stop(): Promise<void>;
}

/**
 * Contacts per queueing step, with a turn of the event loop between steps: a step costs about 0.3 ms
 * a contact (the newer-live-call probes, linking each staged row), and 500 back to back held the loop
 * for over half a second (`npm run bench`, scenario 7). The worker still sends them in bulk jobs.
 */
const QUEUE_STEP = 100;
const LIVE_PROGRESS_MAX_AGE_MS = 1_000;

export function createBackfillRunner(deps: BackfillRunnerDeps): BackfillRunner {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const window = deps.queueWindow ?? 2000;
  const pollMs = deps.pollMs ?? 200;
  const running = new Map<number, { counters: LiveCounters; done: Promise<void>; cancelled: boolean }>();
  let stopping = false;
  /** Live progress counts every staged contact (~100 ms at 100,000): the screens and `mjsc` poll it, so it is reused for a second. */
  const recentProgress = new Map<number, { at: number; progress: BackfillProgress }>();

  const filesOf = (row: BackfillRow): BackfillFile[] => (Array.isArray(row.files) ? (row.files as BackfillFile[]) : []);
  const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, pollMs));

  function launch(row: BackfillRow): void {
    const files = filesOf(row);
    const counters: LiveCounters = { startedAt: now(), bytesRead: 0, linesAtStart: row.linesRead, deliveredAtStart: undefined, deliveringSince: undefined };
    const entry = { counters, cancelled: false, done: Promise.resolve() };
    const shouldStop = (): boolean => stopping || entry.cancelled;
    entry.done = (async () => {
      try {
        if (row.state === 'reading') {
          for (const file of files) await checkFileUnchanged(file);
          const finished = await readIntoStage({ store, row, files, chunkLines: deps.chunkLines ?? 2000, counters, shouldStop });
          if (!finished) return;
          if (row.dryRun) {
            finish(row.id, 'done');
            store.discardStaged(row.id);
            return;
          }
          store.setState(row.id, 'delivering');
        }
        await feedQueue(row.id, counters, shouldStop);
        if (!shouldStop()) finish(row.id, 'done');
      } catch (error) {
        const message = error instanceof BackfillError ? error.message : `The import stopped on an unexpected error (${error instanceof Error ? error.message : String(error)}). Start it again; it resumes where it stopped.`;
        deps.logger.warn({ importId: row.id, code: (error as { code?: unknown }).code }, 'history import failed');
        try {
          finish(row.id, 'failed', message);
        } catch {
          // Storage is gone (shutting down): the import stays resumable.
        }
      } finally {
        running.delete(row.id);
      }
    })();
    running.set(row.id, entry);
  }

  async function feedQueue(id: number, counters: LiveCounters, shouldStop: () => boolean): Promise<void> {
    for (;;) {
      if (shouldStop()) return;
      if (counters.deliveredAtStart === undefined) {
        const counts = store.counts(id);
        counters.deliveringSince ??= now();
        counters.deliveredAtStart = counts.created + counts.updated;
      }
      // Not counts(): it scans every staged contact, and this loop runs once per step of QUEUE_STEP.
      const { unqueued, waiting } = store.flow(id, QUEUE_STEP);
      if (unqueued === 0 && waiting === 0) return;
      if (unqueued > 0 && waiting < window) {
        const { queued } = store.queueNext(id, Math.min(QUEUE_STEP, window - waiting));
        if (queued > 0) deps.nudge();
        await yieldToEventLoop();
        continue;
      }
      await pause();
    }
  }

  function finish(id: number, state: 'done' | 'cancelled' | 'failed', error?: string): void {
    const row = store.find(id);
    if (row === undefined) return;
    const summary = describeProgress({ ...row, state, ...(error === undefined ? {} : { error }) }, store, undefined, now());
    store.setState(id, state, { summary: JSON.stringify(summary), ...(error === undefined ? {} : { error }) });
    const ended = store.find(id);
    if (ended !== undefined) deps.onEnded?.(ended);
  }

  return {
    start(files, options) {
      const active = [...running.keys()][0];
      if (active !== undefined) throw BackfillError.busy(active);
      const row = store.create({ files, dryRun: options.dryRun, listId: options.listId });
      launch(row);
      return describeProgress(row, store, running.get(row.id)?.counters, now());
    },
    resumeUnfinished() {
      for (const row of store.unfinished()) {
        if (running.has(row.id)) continue;
        deps.logger.info({ importId: row.id, state: row.state, linesRead: row.linesRead }, 'resuming a history import');
        launch(row);
      }
    },
    cancel(id) {
      const row = store.find(id);
      if (row === undefined) throw BackfillError.notFound(String(id));
      if (row.state === 'done' || row.state === 'cancelled' || row.state === 'failed') return;
      const entry = running.get(id);
      if (entry !== undefined) entry.cancelled = true;
      store.skipPending(id, 'Not sent to Mailjet: the history import was cancelled before this contact went out.');
      finish(id, 'cancelled');
    },
    progress(id) {
      const row = store.find(id);
      if (row === undefined) return undefined;
      const live = row.state === 'reading' || row.state === 'delivering';
      const cached = recentProgress.get(id);
      if (live && cached !== undefined && now() - cached.at < LIVE_PROGRESS_MAX_AGE_MS) return cached.progress;
      const progress = describeProgress(row, store, running.get(id)?.counters, now());
      if (live) recentProgress.set(id, { at: now(), progress });
      else recentProgress.delete(id);
      return progress;
    },
    latestId: () => store.latest()?.id,
    async settled(id) {
      await running.get(id)?.done;
    },
    async stop() {
      stopping = true;
      await Promise.all([...running.values()].map((entry) => entry.done));
    },
  };
}
