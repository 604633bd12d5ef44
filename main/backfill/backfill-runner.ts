// Runs history imports inside a running connector: reads each file into staged contacts (checkpointed),
// then feeds them into the item queue in windows so the contact sync worker delivers them in bulk jobs
// like live calls, and live calls never wait behind a whole import. Stopping leaves the import
// resumable; cancelling ends it and skips what was not sent yet. Its counts are taken a page at a time
// (backfill-tally.ts), so neither the screens' polling nor the summary at the end holds the event loop.
import { yieldToEventLoop } from '../delivery/event-loop-slices';
import type { BackfillProgress } from '../../shared/api';
import type { RelayLogger } from '../logging/relay-logger';
import type { BackfillRow, BackfillStore } from '../storage/backfill-store';
import { BackfillError } from './backfill-errors';
import { describeProgress, endedSummary, isLive, type LiveCounters } from './backfill-progress';
import { checkFileUnchanged, type BackfillFile } from './backfill-files';
import { readIntoStage } from './backfill-reading';
import { createImportTally, NO_COUNTS, type ImportTally } from './backfill-tally';

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
  /** Staged contacts per synchronous progress read (default PAGE_ROWS). */
  progressPageRows?: number;
}

export interface BackfillRunner {
  start(files: BackfillFile[], options: { dryRun: boolean; listId: number | null }): BackfillProgress;
  /** Continues every import an earlier process left reading or delivering. */
  resumeUnfinished(): void;
  /** Resolves once the import has ended and its summary is stored. */
  cancel(id: number): Promise<void>;
  /** While an import runs, its counts are at most about LIVE_PROGRESS_MAX_AGE_MS old (backfill-tally.ts). */
  progress(id: number): Promise<BackfillProgress | undefined>;
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
/** Live counts older than this are counted again (in the background) when progress is asked for. */
const LIVE_PROGRESS_MAX_AGE_MS = 1_000;
/** Staged contacts deleted per statement when a dry run ends: about 15 ms at 5,000. */
const DISCARD_STEP = 5_000;

export function createBackfillRunner(deps: BackfillRunnerDeps): BackfillRunner {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const window = deps.queueWindow ?? 2000;
  const pollMs = deps.pollMs ?? 200;
  const running = new Map<number, { counters: LiveCounters; done: Promise<void>; cancelled: boolean }>();
  let stopping = false;
  const tallies = new Map<number, ImportTally>();
  /** Imports whose summary is being counted; the first to end an import wins. */
  const ending = new Map<number, Promise<void>>();

  const filesOf = (row: BackfillRow): BackfillFile[] => (Array.isArray(row.files) ? (row.files as BackfillFile[]) : []);
  const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, pollMs));
  const tallyOf = (row: BackfillRow): ImportTally => {
    let tally = tallies.get(row.id);
    if (tally === undefined) {
      tally = createImportTally(store, row.id, { dryRun: row.dryRun, now, maxAgeMs: LIVE_PROGRESS_MAX_AGE_MS, pageRows: deps.progressPageRows });
      tallies.set(row.id, tally);
    }
    return tally;
  };

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
            await finish(row.id, 'done');
            await discardStaged(row.id);
            return;
          }
          store.setState(row.id, 'delivering');
        }
        await feedQueue(row, counters, shouldStop);
        if (!shouldStop()) await finish(row.id, 'done');
      } catch (error) {
        const message = error instanceof BackfillError ? error.message : `The import stopped on an unexpected error (${error instanceof Error ? error.message : String(error)}). Start it again; it resumes where it stopped.`;
        deps.logger.warn({ importId: row.id, code: (error as { code?: unknown }).code }, 'history import failed');
        try {
          await finish(row.id, 'failed', message);
        } catch {
          // Storage is gone (shutting down): the import stays resumable.
        }
      } finally {
        running.delete(row.id);
      }
    })();
    running.set(row.id, entry);
  }

  async function feedQueue(row: BackfillRow, counters: LiveCounters, shouldStop: () => boolean): Promise<void> {
    const { id } = row;
    counters.deliveringSince ??= now();
    for (;;) {
      if (shouldStop()) return;
      // Not the tally: it reads every staged contact, and this loop runs once per step of QUEUE_STEP.
      const { unqueued, waiting } = store.flow(id, QUEUE_STEP);
      if (unqueued === 0 && waiting === 0) return;
      if (unqueued > 0 && waiting < window) {
        const { queued } = await store.later.queueNext(id, Math.min(QUEUE_STEP, window - waiting));
        if (queued > 0) deps.nudge();
        await yieldToEventLoop();
      } else {
        await pause();
      }
      // After the first step: this count reads every page once, and with a contact queued it also
      // learns the import's fixed contact total, so later counts skip the unqueued ones (backfill-tally.ts).
      if (counters.deliveredAtStart === undefined) {
        const counts = await tallyOf(row).exact();
        counters.deliveredAtStart = counts.created + counts.updated;
      }
    }
  }

  /** A dry run's staged contacts go DISCARD_STEP at a time, a turn of the event loop between steps. */
  async function discardStaged(id: number): Promise<void> {
    while ((await store.later.discardStaged(id, DISCARD_STEP)) > 0) await yieldToEventLoop();
  }

  /** Counts the import afresh (a page at a time), then stores its end and summary in one write. */
  function finish(id: number, state: 'done' | 'cancelled' | 'failed', error?: string): Promise<void> {
    const already = ending.get(id);
    if (already !== undefined) return already;
    const ended = (async () => {
      const before = store.find(id);
      if (before === undefined) return;
      const counts = await tallyOf(before).exact();
      const row = store.find(id) ?? before;
      const summary = describeProgress({ ...row, state, ...(error === undefined ? {} : { error }) }, counts, undefined, now());
      store.setState(id, state, { summary: JSON.stringify(summary), ...(error === undefined ? {} : { error }) });
      tallies.delete(id);
      const stored = store.find(id);
      if (stored !== undefined) deps.onEnded?.(stored);
    })().finally(() => ending.delete(id));
    ending.set(id, ended);
    return ended;
  }

  return {
    start(files, options) {
      const active = [...running.keys()][0];
      if (active !== undefined) throw BackfillError.busy(active);
      const row = store.create({ files, dryRun: options.dryRun, listId: options.listId });
      launch(row);
      return describeProgress(row, NO_COUNTS, running.get(row.id)?.counters, now());
    },
    resumeUnfinished() {
      for (const row of store.unfinished()) {
        if (running.has(row.id)) continue;
        deps.logger.info({ importId: row.id, state: row.state, linesRead: row.linesRead }, 'resuming a history import');
        launch(row);
      }
    },
    async cancel(id) {
      if (store.find(id) === undefined) throw BackfillError.notFound(String(id));
      const entry = running.get(id);
      if (entry !== undefined) {
        entry.cancelled = true;
        // Reading or feeding stops at its next step: then nothing but delivery moves while the summary is counted.
        await entry.done;
      }
      // Ended or ending meanwhile (done, failed, or another cancel): cancelling no longer changes what it did.
      const already = ending.get(id);
      if (already !== undefined) return already;
      const row = store.find(id);
      if (row === undefined || !isLive(row.state)) return;
      store.skipPending(id, 'Not sent to Mailjet: the history import was cancelled before this contact went out.');
      await finish(id, 'cancelled');
    },
    async progress(id) {
      const before = store.find(id);
      if (before === undefined) return undefined;
      const stored = endedSummary(before);
      if (stored !== undefined) return stored;
      const counts = await tallyOf(before).recent();
      // The count took turns of the event loop: show the row as it is now (it may have ended meanwhile).
      const row = store.find(id) ?? before;
      const summary = endedSummary(row);
      if (summary === undefined) return describeProgress(row, counts, running.get(id)?.counters, now());
      tallies.delete(id);
      return summary;
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
