// Runs history imports inside a running connector: reads each file into staged contacts (checkpointed),
// then feeds them into the item queue in windows so the contact sync worker delivers them in bulk jobs
// like live calls, and live calls never wait behind a whole import. Stopping leaves the import
// resumable; cancelling ends it and skips what was not sent yet.
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

/** Contacts per queueing step: at most one bulk job's worth (docs/architecture.md#delivery-rules). */
const QUEUE_STEP = 500;

export function createBackfillRunner(deps: BackfillRunnerDeps): BackfillRunner {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const window = deps.queueWindow ?? 2000;
  const pollMs = deps.pollMs ?? 200;
  const running = new Map<number, { counters: LiveCounters; done: Promise<void>; cancelled: boolean }>();
  let stopping = false;

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
      const counts = store.counts(id);
      counters.deliveringSince ??= now();
      counters.deliveredAtStart ??= counts.created + counts.updated;
      const unqueued = counts.contacts - counts.queued - counts.superseded;
      if (unqueued === 0 && counts.waiting === 0) return;
      if (unqueued > 0 && counts.waiting < window) {
        const { queued } = store.queueNext(id, Math.min(QUEUE_STEP, window - counts.waiting));
        if (queued > 0) deps.nudge();
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
      return row === undefined ? undefined : describeProgress(row, store, running.get(id)?.counters, now());
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
