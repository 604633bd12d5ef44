// Prepared SQL for the item queue, and the mapping of raw rows to typed objects.
// Status changes never leave a final state (delivered, failed, skipped, rejected) except via retryFailed.
import type { ActivityItem, Direction, ItemStatus, QueueCounts } from '../../shared/api';
import type { QueuedItem } from './queue-rows';
import { runWriteTransaction, type Connection } from './write-transaction';

const QUEUED_COLUMNS =
  'id, direction, kind, email, payload, attempts, first_attempt_at, received_at, message_id, next_attempt_at';
const ACTIVITY_COLUMNS = 'id, direction, kind, email, status, attempts, last_error, received_at, updated_at';
const DEFAULT_RECENT = 50;
const MAX_RECENT = 1000;

export function prepareItemWrites(db: Connection) {
  const claim = db.prepare(
    `UPDATE items SET status = 'in_flight', updated_at = ?1, first_attempt_at = COALESCE(first_attempt_at, ?1)
     WHERE id IN (SELECT id FROM items WHERE status = 'pending' AND direction = ?2 AND next_attempt_at <= ?1
                  ORDER BY next_attempt_at, id LIMIT ?3)
     RETURNING ${QUEUED_COLUMNS}`,
  ).raw();
  // Batches arrive as one JSON array bound to one statement: one native call per batch, not per item.
  // `attempts` counts every delivery attempt, the successful one included ("delivered after 1 attempt").
  // The claim lease: a claim older than the lease was lost (its settlement write failed, its batch died
  // without settling), so its items are due again. Only in_flight rows are read: the status index keeps it small.
  const releaseStale = db.prepare(
    `UPDATE items SET status = 'pending', updated_at = ?1,
       first_attempt_at = CASE WHEN attempts = 0 THEN NULL ELSE first_attempt_at END
     WHERE id IN (SELECT id FROM items WHERE direction = ?2 AND status = 'in_flight' AND updated_at < ?3)`,
  );
  // The other pending calls of the claimed contacts, due or not: merged in received order with them.
  // INDEXED BY: left to itself the planner walked every pending receive item (items_by_status, for the
  // ORDER BY id) on each claim, so a claim cost grew with the backlog; this index finds the emails.
  const claimSameContacts = db.prepare(
    `UPDATE items SET status = 'in_flight', updated_at = ?1, first_attempt_at = COALESCE(first_attempt_at, ?1)
     WHERE id IN (SELECT id FROM items INDEXED BY items_pending_contact WHERE status = 'pending' AND direction = 'receive'
                  AND lower(trim(email)) IN (SELECT lower(trim(value)) FROM json_each(?2)) ORDER BY id LIMIT ?3)
     RETURNING ${QUEUED_COLUMNS}`,
  ).raw();
  const rememberDelivered = db.prepare(
    `INSERT INTO delivered_contacts (email_key, item_id)
     SELECT lower(trim(email)), MAX(id) FROM items
     WHERE id IN (SELECT value ->> 0 FROM json_each(?)) AND direction = 'receive' AND status = 'delivered' AND email IS NOT NULL
     GROUP BY lower(trim(email))
     ON CONFLICT (email_key) DO UPDATE SET item_id = MAX(item_id, excluded.item_id)`,
  );
  // A delivered item keeps a note in last_error when something was left out (shown as its reason).
  const delivered = db.prepare(
    `UPDATE items SET status = 'delivered', attempts = attempts + 1, updated_at = ?, last_error = u.value ->> 1
     FROM json_each(?) AS u
     WHERE items.id = u.value ->> 0 AND items.status IN ('in_flight', 'pending')`,
  );
  const retry = db.prepare(
    `UPDATE items SET status = 'pending', attempts = attempts + 1, next_attempt_at = u.value ->> '$.at',
       last_error = u.value ->> '$.error', updated_at = ?
     FROM json_each(?) AS u
     WHERE items.id = u.value ->> '$.id' AND items.status IN ('in_flight', 'pending')`,
  );
  const failed = db.prepare(
    `UPDATE items SET status = 'failed', attempts = attempts + 1, last_error = u.value ->> '$.reason', updated_at = ?
     FROM json_each(?) AS u
     WHERE items.id = u.value ->> '$.id' AND items.status IN ('in_flight', 'pending')`,
  );
  // An item released before its first attempt gets its 24 h budget back.
  const release = db.prepare(
    `UPDATE items SET status = 'pending', updated_at = ?,
       first_attempt_at = CASE WHEN attempts = 0 THEN NULL ELSE first_attempt_at END
     WHERE id IN (SELECT value FROM json_each(?)) AND status = 'in_flight'`,
  );
  // A manual retry gets a fresh 24 h budget but keeps its attempt count (the history survives retries).
  const retryOne = db.prepare(
    `UPDATE items SET status = 'pending', first_attempt_at = NULL, next_attempt_at = ?1, updated_at = ?1
     WHERE id = ?2 AND status = 'failed'`,
  );
  const retryAll = db.prepare(
    `UPDATE items SET status = 'pending', first_attempt_at = NULL, next_attempt_at = ?1, updated_at = ?1
     WHERE id IN (SELECT id FROM items WHERE direction IN ('receive', 'send') AND status = 'failed')`,
  );
  return {
    /** `checkLease`: first put back the in_flight items claimed longer than `leaseMs` ago. */
    claim(direction: Direction, limit: number, now: number, leaseMs: number, checkLease = true): QueuedItem[] {
      if (limit === 0) return [];
      if (checkLease) releaseStale.run(now, direction, now - leaseMs);
      const rows = claim.all(now, direction, limit) as unknown[][];
      const emails = direction === 'receive' ? [...new Set(rows.flatMap((row) => (typeof row[3] === 'string' ? [row[3]] : [])))] : [];
      if (emails.length > 0) rows.push(...(claimSameContacts.all(now, JSON.stringify(emails), limit) as unknown[][]));
      // RETURNING gives no order guarantee: restore "oldest due first".
      rows.sort((a, b) => Number(a[9]) - Number(b[9]) || Number(a[0]) - Number(b[0]));
      return rows.map(toQueuedItem);
    },
    markDelivered(ids: number[], notes: ReadonlyMap<number, string> | undefined, now: number): void {
      const rows = JSON.stringify(ids.map((id) => [id, notes?.get(id) ?? null]));
      delivered.run(now, rows);
      rememberDelivered.run(rows);
    },
    markRetry: (updates: Array<{ id: number; nextAttemptAt: number; error: string }>, now: number) =>
      retry.run(now, JSON.stringify(updates.map((u) => ({ id: u.id, at: u.nextAttemptAt, error: u.error })))),
    markFailed: (updates: Array<{ id: number; reason: string }>, now: number) =>
      failed.run(now, JSON.stringify(updates.map((u) => ({ id: u.id, reason: u.reason })))),
    release: (ids: number[], now: number) => release.run(now, JSON.stringify(ids)),
    retryFailed(ids: number[] | undefined, now: number): number {
      if (ids === undefined) return retryAll.run(now).changes;
      return ids.reduce((n, id) => n + retryOne.run(now, id).changes, 0);
    },
  };
}

export function prepareItemReads(db: Connection) {
  const superseded = db.prepare(
    `SELECT i.value ->> 0, d.item_id FROM json_each(?) AS i
     JOIN delivered_contacts AS d ON d.email_key = lower(trim(i.value ->> 1))
     WHERE d.item_id > i.value ->> 0`,
  ).raw();
  const nextDue = db.prepare(
    "SELECT MIN(next_attempt_at) FROM items WHERE status = 'pending' AND direction = ?",
  ).raw();
  const counts = db.prepare('SELECT status, count FROM queue_counts WHERE direction = ?').raw();
  const newest = db.prepare(`SELECT ${ACTIVITY_COLUMNS} FROM items ORDER BY id DESC LIMIT ?`).raw();
  const byDirection = db.prepare(
    `SELECT ${ACTIVITY_COLUMNS} FROM items WHERE direction = ? ORDER BY id DESC LIMIT ?`,
  ).raw();
  const byStatus = db.prepare(
    `SELECT ${ACTIVITY_COLUMNS} FROM items WHERE direction = ? AND status = ? ORDER BY id DESC LIMIT ?`,
  ).raw();
  return {
    nextDueAt(direction: Direction): number | null {
      const row = nextDue.get(direction) as unknown[] | undefined;
      return row?.[0] === null || row?.[0] === undefined ? null : Number(row[0]);
    },
    supersededByDelivered(items: ReadonlyArray<{ id: number; email: string | null }>): Map<number, number> {
      const withEmail = items.flatMap((item) => (item.email === null ? [] : [[item.id, item.email]]));
      if (withEmail.length === 0) return new Map();
      return new Map((superseded.all(JSON.stringify(withEmail)) as unknown[][]).map(([id, newer]) => [Number(id), Number(newer)]));
    },
    counts(direction: Direction): QueueCounts {
      const by = new Map((counts.all(direction) as unknown[][]).map(([status, n]) => [String(status), Number(n)]));
      const of = (status: ItemStatus): number => by.get(status) ?? 0;
      return {
        pending: of('pending'),
        inFlight: of('in_flight'),
        delivered: of('delivered'),
        failed: of('failed'),
        skipped: of('skipped'),
        rejected: of('rejected'),
        discarded: by.get('discarded') ?? 0,
      };
    },
    recent(query: { direction?: Direction; status?: ItemStatus; limit?: number }): ActivityItem[] {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_RECENT), 0), MAX_RECENT);
      const { direction, status } = query;
      let rows: unknown[][];
      if (status === undefined) {
        rows = (direction === undefined ? newest.all(limit) : byDirection.all(direction, limit)) as unknown[][];
      } else {
        // Each (direction, status) pair is one index range; merging two keeps a status-only query flat.
        const directions: Direction[] = direction === undefined ? ['receive', 'send'] : [direction];
        rows = directions
          .flatMap((d) => byStatus.all(d, status, limit) as unknown[][])
          .sort((a, b) => Number(b[0]) - Number(a[0]))
          .slice(0, limit);
      }
      return rows.map(toActivityItem);
    },
  };
}

/** Startup: a crash left these claimed but not finished; they are due again now. */
export function resumeInFlight(db: Connection, now: number): number {
  return db
    .prepare(
      `UPDATE items SET status = 'pending', updated_at = ?1,
         first_attempt_at = CASE WHEN attempts = 0 THEN NULL ELSE first_attempt_at END
       WHERE id IN (SELECT id FROM items WHERE direction IN ('receive', 'send') AND status = 'in_flight')`,
    )
    .run(now).changes;
}

/**
 * The writing connection's last act (the writer thread's, or the main one's when it writes): claims
 * are released, the log is checkpointed and truncated, and the connection closes. A failure here is
 * repaired on the next open (resumeInFlight and WAL recovery), so it is not reported.
 */
export function releaseAndClose(db: Connection, now: number): void {
  try {
    runWriteTransaction(db, () => resumeInFlight(db, now));
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Repaired on the next open.
  } finally {
    db.close();
  }
}

function toQueuedItem(row: unknown[]): QueuedItem {
  const [id, direction, kind, email, payload, attempts, firstAttemptAt, receivedAt, messageId] = row;
  return {
    id: Number(id),
    direction: direction as Direction,
    kind: String(kind),
    email: typeof email === 'string' ? email : null,
    payload: String(payload),
    attempts: Number(attempts),
    firstAttemptAt: firstAttemptAt === null ? null : Number(firstAttemptAt),
    receivedAt: Number(receivedAt),
    messageId: typeof messageId === 'string' ? messageId : null,
  };
}

function toActivityItem(row: unknown[]): ActivityItem {
  const [id, direction, kind, email, status, attempts, lastError, receivedAt, updatedAt] = row;
  const item: ActivityItem = {
    id: String(id),
    direction: direction as Direction,
    kind: String(kind),
    status: status as ItemStatus,
    attempts: Number(attempts),
    receivedAt: new Date(Number(receivedAt)).toISOString(),
    updatedAt: new Date(Number(updatedAt)).toISOString(),
  };
  if (typeof email === 'string') item.email = email;
  if (typeof lastError === 'string') item.reason = lastError;
  return item;
}
