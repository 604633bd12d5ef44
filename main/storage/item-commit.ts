// The one write behind ItemQueue.commit(): a group of callers' items, their identities and their
// per-minute activity counts, all in one transaction. Payloads are stored verbatim, never re-parsed.
import type { Direction } from '../../shared/api';
import { minuteOf, prepareActivityWriter } from './activity-log';
import { prepareIdentityWriter } from './identity-map';
import type { NewItem } from './queue-rows';
import { runWriteTransaction, type Connection } from './write-transaction';

export type GroupWriter = (batches: NewItem[][]) => number[][];

export function prepareGroupWriter(db: Connection, now: () => number): GroupWriter {
  // The whole group is one JSON array bound to one statement: one native call per group, not per item
  // (per-item INSERTs were the largest cost of grouped ingest in `npm run bench`).
  const insertAll = db.prepare(
    `INSERT INTO items (direction, kind, email, payload, status, next_attempt_at, received_at, updated_at, last_error, message_id, request)
     SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, ?1, ?1, ?1, value ->> 5, value ->> 6, value ->> 7
     FROM json_each(?2) ORDER BY key
     RETURNING id`,
  ).raw();
  const writeIdentity = prepareIdentityWriter(db);
  const writeActivity = prepareActivityWriter(db);

  // Durable by the WAL fsync that follows (wal-sync.ts), not inside COMMIT: the connection's other
  // writes keep synchronous=FULL. A pragma cannot change inside a transaction, so it brackets it.
  const writeGroup = (batches: NewItem[][]): number[][] =>
    runWriteTransaction(db, () => {
      const at = now();
      const perKind = new Map<string, { direction: Direction; kind: string; count: number }>();
      const rows: unknown[][] = [];
      for (const batch of batches) {
        for (const item of batch) {
          rows.push([item.direction, item.kind, item.email ?? null, item.payload, item.status ?? 'pending', item.reason ?? null, item.messageId ?? null, item.request ?? null]);
          if (item.userId !== undefined && item.email !== undefined) writeIdentity(item.email, item.userId, at);
          const key = `${item.direction}\u0000${item.kind}`;
          const tally = perKind.get(key) ?? { direction: item.direction, kind: item.kind, count: 0 };
          tally.count += 1;
          perKind.set(key, tally);
        }
      }
      // Rows are inserted in array order, so their ids ascend with it; RETURNING itself has no order.
      const ids = (insertAll.all(at, JSON.stringify(rows)) as unknown[][]).map((row) => Number(row[0])).sort((a, b) => a - b);
      if (ids.length !== rows.length) throw new Error(`stored ${ids.length} of ${rows.length} items in one group`);
      const minute = minuteOf(at);
      for (const { direction, kind, count } of perKind.values()) writeActivity(minute, direction, kind, count);
      let next = 0;
      return batches.map((batch) => ids.slice(next, (next += batch.length)));
    });
  return (batches) => {
    db.exec('PRAGMA synchronous = NORMAL');
    try {
      return writeGroup(batches);
    } finally {
      db.exec('PRAGMA synchronous = FULL');
    }
  };
}

const DIRECTIONS: ReadonlySet<string> = new Set(['receive', 'send']);
const NEW_STATUSES: ReadonlySet<string> = new Set(['pending', 'skipped', 'rejected']);

/** Refuses a malformed item before it joins a group, so one bad caller cannot fail everyone's commit. */
export function checkNewItem(item: NewItem): string | undefined {
  if (!DIRECTIONS.has(item.direction)) return `direction must be "receive" or "send", got ${String(item.direction)}`;
  if (typeof item.kind !== 'string' || item.kind === '') return 'kind must be a non-empty string';
  if (typeof item.payload !== 'string') return 'payload must be the JSON text, as a string';
  if (item.status !== undefined && !NEW_STATUSES.has(item.status)) return `a new item cannot be ${item.status}`;
  return undefined;
}
