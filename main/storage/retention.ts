// Deletes what the connector no longer needs, one small batch per call: settled items (delivered,
// skipped, rejected) and per-minute activity rows older than their cutoffs. It never deletes a
// pending, in-flight or failed item, and it never lowers the settled counts (they are lifetime totals).
import { describeWriteFailure } from './storage-errors';
import { runWriteTransaction, type Connection } from './write-transaction';
import { LATER_METHODS, laterOf, type Later } from './writer-protocol';

export interface PruneBatch {
  /** Settled items last updated before this time (ms) are deleted. */
  settledBefore: number;
  /** Activity minutes that start before this time (ms) are deleted. */
  activityBefore: number;
  /** At most this many items, and this many activity rows, per call: one short write transaction. */
  limit: number;
}

export interface PruneResult {
  items: number;
  minutes: number;
}

export interface Retention {
  /** One batch in one transaction; a result below the limit on both counts means nothing old is left. */
  pruneBatch(batch: PruneBatch): PruneResult;
  /** pruneBatch, answered by a promise (off the event loop on the storage writer thread). */
  readonly later: Later<Omit<Retention, 'later'>, 'pruneBatch'>;
}

export function createRetention(db: Connection, path: string, isClosed: () => boolean): Retention {
  // Walks the items_settled partial index oldest first, so recent settled rows are never scanned.
  const items = db.prepare(
    `DELETE FROM items WHERE id IN (
       SELECT id FROM items WHERE status IN ('delivered', 'skipped', 'rejected') AND updated_at < ?1
       ORDER BY updated_at, id LIMIT ?2)`,
  );
  const minutes = db.prepare(
    `DELETE FROM activity_minutes WHERE (minute, direction, kind) IN (
       SELECT minute, direction, kind FROM activity_minutes WHERE minute < ?1 ORDER BY minute LIMIT ?2)`,
  );
  const store: Omit<Retention, 'later'> = {
    pruneBatch({ settledBefore, activityBefore, limit }) {
      const size = Math.max(1, Math.trunc(limit));
      if (isClosed()) return { items: 0, minutes: 0 };
      try {
        // `deferred`: a prune lost to a power cut is simply done again by the next pass, so no batch
        // waits for an fsync on the event loop.
        return runWriteTransaction(
          db,
          () => ({
            items: items.run(Math.trunc(settledBefore), size).changes,
            minutes: minutes.run(Math.trunc(activityBefore), size).changes,
          }),
          'deferred',
        );
      } catch (error) {
        throw describeWriteFailure(path, error);
      }
    },
  };
  return { ...store, later: laterOf(store, LATER_METHODS.retention) };
}
