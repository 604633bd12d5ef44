// The inspector's reads and actions on queue items: one item in full, a filtered and searchable page of
// items, replay (delivered or failed, same or new messageId) and discarding failed items. Replays and
// manual retries keep the attempt history; discards count as a lifetime total per direction.
import type { Direction, ItemStatus } from '../../shared/api';
import { likePattern } from './refused-log';
import { runWriteTransaction, type Connection } from './write-transaction';

export interface InspectedItem {
  id: number;
  direction: Direction;
  kind: string;
  email: string | null;
  status: ItemStatus;
  /** Attempts made, counting those before a manual retry or replay. */
  attempts: number;
  reason: string | null;
  receivedAt: number;
  updatedAt: number;
  messageId: string | null;
  nextAttemptAt: number;
  payload: string;
  /** {"method","path","headers"} JSON, masked at intake; null for items stored before it was kept. */
  request: string | null;
}

export interface ItemSearch {
  direction?: Direction;
  status?: ItemStatus;
  kind?: string;
  search?: string;
  since?: number;
  until?: number;
  beforeId?: number;
  limit: number;
}

export interface ItemInspection {
  get(id: number): InspectedItem | undefined;
  /**
   * The matches with ids in [fromId, belowId), newest first, at most `query.limit`; the payload is left
   * out of the result (it stays in the database). One statement over a range of ids: a filter that
   * matches little read every row of a large queue in one go (item-search.ts walks the ranges).
   */
  searchRange(query: ItemSearch, fromId: number, belowId: number): Array<Omit<InspectedItem, 'payload' | 'request'>>;
  /** The lowest and highest item ids, undefined when there is none. */
  idBounds(): { lowest: number; highest: number } | undefined;
  /** Delivered or failed items back to pending, due now; `asNewMessage` gives each a new messageId. Returns the ids replayed. */
  replay(ids: readonly number[], asNewMessage: boolean, now: number): number[];
  /** Failed items by the minute they failed (failed items are never pruned, so this stays small). */
  failuresPerMinute(sinceMs: number, direction?: Direction): Array<{ minute: number; count: number }>;
  /** Deletes failed items (all when ids is omitted); returns how many per direction. */
  discardFailed(ids: readonly number[] | undefined): { receive: number; send: number };
}

const COLUMNS = `id, direction, kind, email, status,
  MAX(attempts, (SELECT COUNT(*) FROM item_attempts AS a WHERE a.item_id = items.id)),
  last_error, received_at, updated_at, message_id, next_attempt_at`;

/** The search's filters besides direction, status and the id range. */
const OTHER_FILTERS = `(?3 IS NULL OR kind = ?3) AND (?4 IS NULL OR received_at >= ?4) AND (?5 IS NULL OR received_at < ?5)
  AND (?7 IS NULL OR email LIKE ?7 ESCAPE '\\' OR message_id LIKE ?7 ESCAPE '\\' OR payload LIKE ?7 ESCAPE '\\')`;

export function createItemInspection(db: Connection): ItemInspection {
  const one = db.prepare(`SELECT ${COLUMNS}, payload, request FROM items WHERE id = ?`).raw();
  // A range of ids newest first: the rowid bounds keep each statement to the range (item-search.ts).
  const bounds = db.prepare('SELECT MIN(id), MAX(id) FROM items').raw();
  // Both statements: ?1 direction, ?2 status, ?3 kind, ?4/?5 received since/until, ?6/?9 the id range,
  // ?7 the text pattern, ?8 the limit.
  const search = db.prepare(
    `SELECT ${COLUMNS} FROM items
     WHERE (?1 IS NULL OR direction = ?1) AND id < ?6 AND id >= ?9 AND ${OTHER_FILTERS}
     ORDER BY id DESC LIMIT ?8`,
  ).raw();
  // With a status (the "Failed" filter): one (direction, status, id) index range per direction, so a few
  // failed items among a million delivered ones are found without reading the others.
  const searchByStatus = db.prepare(
    `SELECT ${COLUMNS} FROM items INDEXED BY items_by_status
     WHERE direction = ?1 AND status = ?2 AND id < ?6 AND id >= ?9 AND ${OTHER_FILTERS}
     ORDER BY id DESC LIMIT ?8`,
  ).raw();
  // A new messageId keeps the stable part and adds "-r<time>", so it stays well under Segment's 100 characters.
  const replay = db.prepare(
    `UPDATE items SET status = 'pending', next_attempt_at = ?1, first_attempt_at = NULL, updated_at = ?1,
       message_id = CASE WHEN ?2 = 1 AND message_id IS NOT NULL
         THEN substr(message_id, 1, CASE WHEN instr(message_id, '-r') > 0 THEN instr(message_id, '-r') - 1 ELSE 80 END) || '-r' || ?1
         ELSE message_id END
     WHERE id IN (SELECT value FROM json_each(?3)) AND status IN ('delivered', 'failed')
     RETURNING id`,
  ).raw();
  // A replayed identify must not be treated as older than its own earlier delivery.
  const forgetDelivered = db.prepare('DELETE FROM delivered_contacts WHERE item_id IN (SELECT value FROM json_each(?))');
  const discardSome = db.prepare(`DELETE FROM items WHERE id IN (SELECT value FROM json_each(?)) AND status = 'failed' RETURNING direction`).raw();
  const discardAll = db.prepare(`DELETE FROM items WHERE id IN (SELECT id FROM items WHERE direction IN ('receive', 'send') AND status = 'failed') RETURNING direction`).raw();
  const failures = db.prepare(
    `SELECT (updated_at / 60000) * 60000 AS minute, COUNT(*) FROM items
     WHERE status = 'failed' AND direction IN ('receive', 'send') AND (?2 IS NULL OR direction = ?2) AND updated_at >= ?1
     GROUP BY minute ORDER BY minute`,
  ).raw();
  const countDiscarded = db.prepare("UPDATE queue_counts SET count = count + ? WHERE direction = ? AND status = 'discarded'");

  return {
    get(id) {
      const row = one.get(id) as unknown[] | undefined;
      if (row === undefined) return undefined;
      return { ...toItem(row), payload: String(row[11]), request: typeof row[12] === 'string' ? row[12] : null };
    },
    searchRange(query, fromId, belowId) {
      const pattern = query.search === undefined || query.search === '' ? null : likePattern(query.search);
      const below = Math.min(belowId, query.beforeId ?? Number.MAX_SAFE_INTEGER);
      const { status } = query;
      const run = (statement: typeof search, direction: Direction | null): unknown[][] =>
        statement.all(direction, status ?? null, query.kind ?? null, query.since ?? null, query.until ?? null, below, pattern, query.limit, fromId) as unknown[][];
      if (status === undefined) return run(search, query.direction ?? null).map(toItem);
      const directions: Direction[] = query.direction === undefined ? ['receive', 'send'] : [query.direction];
      return directions
        .flatMap((direction) => run(searchByStatus, direction))
        .sort((a, b) => Number(b[0]) - Number(a[0]))
        .slice(0, query.limit)
        .map(toItem);
    },
    idBounds() {
      const [lowest, highest] = bounds.get() as unknown[];
      return lowest === null || lowest === undefined ? undefined : { lowest: Number(lowest), highest: Number(highest) };
    },
    replay(ids, asNewMessage, now) {
      if (ids.length === 0) return [];
      return runWriteTransaction(db, () => {
        forgetDelivered.run(JSON.stringify(ids));
        return (replay.all(now, asNewMessage ? 1 : 0, JSON.stringify(ids)) as unknown[][]).map((row) => Number(row[0]));
      });
    },
    failuresPerMinute(sinceMs, direction) {
      return (failures.all(sinceMs, direction ?? null) as unknown[][]).map(([minute, count]) => ({ minute: Number(minute), count: Number(count) }));
    },
    discardFailed(ids) {
      return runWriteTransaction(db, () => {
        const rows = (ids === undefined ? discardAll.all() : discardSome.all(JSON.stringify(ids))) as unknown[][];
        const byDirection = { receive: 0, send: 0 };
        for (const [direction] of rows) byDirection[direction as Direction] += 1;
        for (const direction of ['receive', 'send'] as const) if (byDirection[direction] > 0) countDiscarded.run(byDirection[direction], direction);
        return byDirection;
      });
    },
  };
}

function toItem(row: unknown[]): Omit<InspectedItem, 'payload' | 'request'> {
  const [id, direction, kind, email, status, attempts, reason, receivedAt, updatedAt, messageId, nextAttemptAt] = row;
  return {
    id: Number(id),
    direction: direction as Direction,
    kind: String(kind),
    email: typeof email === 'string' ? email : null,
    status: status as ItemStatus,
    attempts: Number(attempts),
    reason: typeof reason === 'string' ? reason : null,
    receivedAt: Number(receivedAt),
    updatedAt: Number(updatedAt),
    messageId: typeof messageId === 'string' ? messageId : null,
    nextAttemptAt: Number(nextAttemptAt),
  };
}
