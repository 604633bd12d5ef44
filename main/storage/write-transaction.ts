// One helper for every write: BEGIN IMMEDIATE … COMMIT, with a rollback that never hides the first error.
// It must never swallow a failed COMMIT: the caller decides what a failure means.
// Every write MUST go through it: libsql leaves a statement that hit SQLITE_BUSY mid-step un-reset, and
// that statement then blocks every later COMMIT ("SQL statements in progress"). Taking the write lock
// up front with BEGIN IMMEDIATE (a plain exec) means prepared write statements never see SQLITE_BUSY.
// After SQLITE_FULL, no write starts until the log has been checkpointed; on a disk short of space the
// log is kept small (disk-full-recovery.ts).
import type Database from 'libsql';
import { ensureLogRoom, noteWriteFailure, noteWriteSuccess } from './disk-full-recovery';

export type Connection = Database.Database;

/**
 * `immediate` (the default): COMMIT fsyncs the WAL (synchronous=FULL), on the event loop.
 * `deferred`: COMMIT only writes the WAL (synchronous=NORMAL; never corrupting, docs/architecture.md#durable-acknowledgement),
 * and the frames reach the disk with the next fsync: intake's, which follows at once (wal-sync.ts), or
 * the next checkpoint's. For writes whose loss on a power cut is absorbed: intake (answered only after
 * its own fsync), the workers' bookkeeping, where a lost "delivered" mark means the same messageId or
 * upsert is sent again, the refused-request log (a diagnostic record) and retention's prunes (done again).
 * What stays `immediate` is what the operator did: settings, retrying or discarding failed items.
 */
export type Durability = 'immediate' | 'deferred';

export function runWriteTransaction<T>(db: Connection, write: () => T, durability: Durability = 'immediate'): T {
  if (durability === 'immediate') return runTransaction(db, write);
  // A pragma cannot change inside a transaction, so it brackets it.
  db.exec('PRAGMA synchronous = NORMAL');
  try {
    return runTransaction(db, write);
  } finally {
    db.exec('PRAGMA synchronous = FULL');
  }
}

function runTransaction<T>(db: Connection, write: () => T): T {
  ensureLogRoom(db);
  try {
    // Inside the try: BEGIN IMMEDIATE itself can fail with SQLITE_FULL (taking the write lock writes to
    // the shared-memory index), and that failure must start a shortage like any other.
    db.exec('BEGIN IMMEDIATE');
    const result = write();
    db.exec('COMMIT');
    noteWriteSuccess(db);
    return result;
  } catch (error) {
    // SQLite may already have rolled back (e.g. after SQLITE_FULL); a second ROLLBACK would throw.
    if (db.inTransaction) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // The original error is the one worth reporting.
      }
    }
    noteWriteFailure(db, error);
    throw error;
  }
}
