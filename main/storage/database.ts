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
import { createItemQueue, type ItemQueue } from './item-queue';
import { resumeInFlight } from './item-statements';
import { migrateSchema } from './migrations';
import { createRefusedLog, type RefusedLog } from './refused-log';
import { createOperatorSettings, type OperatorSettingsStore } from './operator-settings';
import { createRetention, type Retention } from './retention';
import { createSettingsStore, type SettingsStore } from './settings-store';
import { diskFullSince } from './disk-full-recovery';
import { DataDirError } from './storage-errors';
import { startCheckpointThread, WAL_SIZE_LIMIT_BYTES, type CheckpointThreadOptions } from './checkpoint-thread';
import { runWriteTransaction } from './write-transaction';

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
  const checkpointer = options.checkpoints === 'inline' ? undefined : startCheckpointThread(db, path, options.checkpoints);
  const settings = createSettingsStore(db, path, now);
  let closing: Promise<void> | undefined;
  let closed = false;

  return {
    queue: items.queue,
    identities: createIdentityMap(db),
    settings,
    operatorSettings: createOperatorSettings(settings),
    activity: createActivityLog(db),
    attempts: createItemAttempts(db),
    refused: createRefusedLog(db),
    inspection: createItemInspection(db),
    retention: createRetention(db, path, () => closed),
    backfill: createBackfillStore(db, path, now),
    diskFullSince: () => (closed ? undefined : diskFullSince(db)),
    close() {
      // Runs synchronously up to the first await: nothing new is accepted once close() is called.
      closing ??= (async () => {
        closed = true;
        items.stop();
        await checkpointer?.stop();
        try {
          runWriteTransaction(db, () => resumeInFlight(db, now()));
          db.pragma('wal_checkpoint(TRUNCATE)');
        } catch {
          // A failed release or checkpoint is repaired on the next open (resume + WAL recovery).
        } finally {
          db.close();
        }
        await items.drained();
      })();
      return closing;
    },
  };
}
