// Opens the connector's SQLite database (libsql): WAL with synchronous=FULL, migrations, crash resume,
// and a graceful close. It never stores a secret; settings refuse secret-looking keys.
import Database from 'libsql';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createActivityLog, type ActivityLog } from './activity-log';
import { createBackfillStore, type BackfillStore } from './backfill-store';
import type { GroupCommitStats } from './group-commit';
import { createIdentityMap, type IdentityMap } from './identity-map';
import { createItemAttempts, type ItemAttempts } from './item-attempts';
import { createItemInspection, type ItemInspection } from './item-inspection';
import { closedError, createItemQueue, prepareCommit, prepareWriteArgs, type ItemQueue } from './item-queue';
import { releaseAndClose, resumeInFlight } from './item-statements';
import { migrateSchema } from './migrations';
import { createRefusedLog, type RefusedLog } from './refused-log';
import { createOperatorSettings, type OperatorSettingsStore } from './operator-settings';
import { createRetention, type Retention } from './retention';
import { createSettingsStore, type SettingsStore } from './settings-store';
import { diskFullSince } from './disk-full-recovery';
import { DataDirError } from './storage-errors';
import { startCheckpointThread, WAL_SIZE_LIMIT_BYTES, type CheckpointThreadOptions } from './checkpoint-thread';
import { runWriteTransaction } from './write-transaction';
import { startWriter, type WriterClient } from './writer-client';
import { LATER_METHODS, WRITE_METHODS, type WriteStore } from './writer-protocol';

/** Far under the 50 ms event-loop bound (docs/benchmarks.md). */
export const DEFAULT_BUSY_TIMEOUT_MS = 20;

export interface StorageOptions {
  /** The database file, e.g. <dataDir>/connector.db; missing folders are created. */
  path: string;
  now?: () => number;
  /**
   * How long a write waits for another process's lock before failing (default 20 ms). The wait is
   * synchronous on the event loop, so it stays short: a locked database answers 503 with Retry-After
   * at once, the client retries later, and /healthz and other requests are never held up.
   */
  busyTimeoutMs?: number;
  /** A claim older than this is presumed lost and its items are claimable again (default 30 min). */
  claimLeaseMs?: number;
  /** Called after each group-commit transaction; tests count transactions with it. */
  onGroupCommit?: (stats: GroupCommitStats) => void;
  /** Where WAL checkpoints run (default: a worker thread, so they never block the event loop). */
  checkpoints?: CheckpointThreadOptions | 'inline';
  /**
   * Where writes run (default `thread`: the storage writer thread, so intake's commits never hold the
   * event loop; docs/architecture.md#the-storage-writer-thread). `inline` writes on the main connection.
   */
  writes?: 'thread' | 'inline';
  /** Told once if the writer thread cannot start or is lost; writes then run on the main connection. */
  onWriterProblem?: (problem: string) => void;
  /** Tests only: CommonJS source run as the writer thread instead of the real one (writer-client.ts). */
  writerScript?: string;
}

export interface Storage {
  readonly queue: ItemQueue;
  readonly identities: IdentityMap;
  readonly settings: SettingsStore;
  /** The operator's settings over `settings`: one instance per database, read by the engine and the connector. */
  readonly operatorSettings: OperatorSettingsStore;
  readonly activity: ActivityLog;
  /** The inspector: attempt history, refused requests, one item in full, search, replay, discard. */
  readonly attempts: ItemAttempts;
  readonly refused: RefusedLog;
  readonly inspection: ItemInspection;
  /** Prunes settled items and old activity minutes, in batches; a no-op after close(). */
  readonly retention: Retention;
  /** The history import's checkpoints and staged contacts (main/backfill). */
  readonly backfill: BackfillStore;
  /** Since when (ms) writes are refused because the disk is full; undefined once a write can go through. */
  diskFullSince(): number | undefined;
  /** Where writes run now: `thread` until the writer thread is lost or when `inline` was asked for. */
  writesOn(): 'thread' | 'inline';
  /** Writes waiting commits, releases in-flight claims, checkpoints the WAL and closes. */
  close(): Promise<void>;
}

export function openStorage(options: StorageOptions): Storage {
  const { path } = options;
  const now = options.now ?? Date.now;
  let db: Database.Database;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    db = new Database(path);
  } catch (error) {
    throw new DataDirError(path, error);
  }
  try {
    // The queue holds people's emails: only the user may read it.
    chmodSync(path, 0o600);
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // Keep the WAL from staying large after a burst has been checkpointed (the checkpoint thread, when it
    // runs, takes this over so the truncation happens off the event loop).
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    migrateSchema(db, path);
    runWriteTransaction(db, () => resumeInFlight(db, now()));
  } catch (error) {
    db.close();
    if (error instanceof Error && 'code' in error && error.code === 'schema_too_new') throw error;
    throw new DataDirError(path, error);
  }

  const items = createItemQueue(db, { path, now, claimLeaseMs: options.claimLeaseMs, onGroupCommit: options.onGroupCommit });
  const busyTimeoutMs = Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS));
  let checkpointer: ReturnType<typeof startCheckpointThread> | undefined;
  const checkpointOnMain = (): void => {
    if (options.checkpoints !== 'inline') checkpointer ??= startCheckpointThread(db, path, options.checkpoints);
  };
  let writer: WriterClient | undefined;
  let closing = false;
  let closingDone: Promise<void> | undefined;
  if (options.writes !== 'inline') {
    const started = startWriter({
      path,
      now,
      busyTimeoutMs,
      claimLeaseMs: options.claimLeaseMs,
      checkpoints: options.checkpoints,
      onGroupCommit: options.onGroupCommit,
      script: options.writerScript,
      onLost: (reason) => {
        // The main connection writes from now on, and checkpoints as it did before the thread.
        if (!closing) checkpointOnMain();
        options.onWriterProblem?.(`the storage writer thread was lost (${reason}); writes now run on the event loop`);
      },
    });
    if ('writer' in started) writer = started.writer;
    else options.onWriterProblem?.(`${started.problem}; writes run on the event loop`);
  }
  if (writer === undefined) checkpointOnMain();
  const onThread = (): WriterClient | undefined => (writer?.running === true ? writer : undefined);

  const settings = routeWrites('settings', createSettingsStore(db, path, now));
  let closed = false;

  /** The store's write methods go to the writer thread while it runs, else to the main connection. */
  function routeWrites<T extends object>(store: WriteStore, local: T): T {
    const routed = { ...local } as Record<string, unknown>;
    const argsFor = (method: string, args: unknown[]): unknown[] => (store === 'queue' ? prepareWriteArgs(method, args) : args);
    for (const method of WRITE_METHODS[store]) {
      const inline = (local as Record<string, (...args: unknown[]) => unknown>)[method] as (...args: unknown[]) => unknown;
      routed[method] = (...args: unknown[]) => {
        // Retention answers "nothing pruned" once closed (a pass may outlive the engine).
        if (closing) return store === 'retention' ? inline(...args) : raise(closedError());
        const thread = onThread();
        return thread === undefined ? inline(...args) : thread.call(store, method, argsFor(method, args));
      };
    }
    const laterMethods: readonly string[] = (LATER_METHODS as Partial<Record<WriteStore, readonly string[]>>)[store] ?? [];
    if (laterMethods.length > 0) {
      const inlineLater = (local as { later: Record<string, (...args: unknown[]) => Promise<unknown>> }).later;
      routed.later = Object.fromEntries(
        laterMethods.map((method) => {
          const inline = inlineLater[method] as (...args: unknown[]) => Promise<unknown>;
          return [
            method,
            (...args: unknown[]) => {
              if (closing) return store === 'retention' ? inline(...args) : Promise.reject(closedError());
              const thread = onThread();
              return thread === undefined ? inline(...args) : thread.later(store, method, argsFor(method, args));
            },
          ];
        }),
      );
    }
    return routed as T;
  }

  const queue: ItemQueue = {
    ...routeWrites('queue', items.queue),
    commit(newItems) {
      const thread = onThread();
      if (thread === undefined || closing) return items.queue.commit(newItems);
      // Checked and redacted here, where the secrets are registered; the writer stores them as given.
      const checked = prepareCommit(newItems);
      return typeof checked === 'string' ? Promise.reject(new TypeError(`Cannot queue item: ${checked}`)) : checked.length === 0 ? Promise.resolve([]) : thread.commit(checked);
    },
  };

  return {
    queue,
    identities: createIdentityMap(db),
    settings,
    operatorSettings: createOperatorSettings(settings),
    activity: createActivityLog(db),
    attempts: routeWrites('attempts', createItemAttempts(db)),
    refused: routeWrites('refused', createRefusedLog(db)),
    inspection: routeWrites('inspection', createItemInspection(db)),
    retention: routeWrites('retention', createRetention(db, path, () => closed)),
    backfill: routeWrites('backfill', createBackfillStore(db, path, now)),
    diskFullSince: () => (closed ? undefined : (onThread()?.diskFullSince() ?? diskFullSince(db))),
    writesOn: () => (onThread() === undefined ? 'inline' : 'thread'),
    close() {
      // Runs synchronously up to the first await: nothing new is accepted once close() is called.
      closing = true;
      closingDone ??= (async () => {
        closed = true;
        items.stop();
        const thread = onThread();
        if (thread !== undefined) {
          await thread.close();
          db.close();
          await items.drained();
          return;
        }
        await checkpointer?.stop();
        releaseAndClose(db, now());
        await items.drained();
      })();
      return closingDone;
    },
  };
}

function raise(error: Error): never {
  throw error;
}
