// The one write behind ItemQueue.commit(): a group of callers' items, their identities and their
// per-minute activity counts, all in one transaction. Payloads are stored verbatim, never re-parsed.
import type { Direction } from '../../shared/api';
import { minuteOf, prepareActivityWriter } from './activity-log';
import { prepareIdentityWriter } from './identity-map';
import { prepareCountAdder } from './queue-counts';
import type { NewItem } from './queue-rows';
import { runWriteTransaction, type Connection } from './write-transaction';

export type GroupWriter = (batches: NewItem[][]) => number[][];

const ITEM_COLUMNS = 'direction, kind, email, payload, status, next_attempt_at, received_at, updated_at, last_error, message_id, request';
const PARAMS_PER_ROW = 8;
/** Rows per INSERT: a group is written as a few statements of these sizes, largest first (≤ 1,025 parameters). */
const CHUNK_ROWS = [128, 32, 8, 1] as const;

type Insert = ReturnType<Connection['prepare']>;

/** `INSERT … VALUES (…), (…)` for `rows` rows, every value bound: ?1 is the time, then 8 per row. */
function prepareInsert(db: Connection, rows: number): Insert {
  const values = Array.from({ length: rows }, (_, row) => {
    const p = (column: number): string => `?${2 + row * PARAMS_PER_ROW + column}`;
    return `(${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ?1, ?1, ?1, ${p(5)}, ${p(6)}, ${p(7)})`;
  });
  return db.prepare(`INSERT INTO items (${ITEM_COLUMNS}) VALUES ${values.join(', ')}`);
}

export function prepareGroupWriter(db: Connection, now: () => number): GroupWriter {
  // Bound values in a few multi-row statements: no JSON text of the group to build in JS and parse
  // again in SQLite (json_each), and no RETURNING rows to read back (docs/benchmarks.md#profiles).
  const inserts = new Map(CHUNK_ROWS.map((rows) => [rows, prepareInsert(db, rows)]));
  /** Inserts the rows (8 values each, flat) in order; returns the first id. Ids ascend with the rows. */
  const insertRows = (at: number, values: unknown[], count: number): number => {
    let firstId: number | undefined;
    let done = 0;
    for (const rows of CHUNK_ROWS) {
      const insert = inserts.get(rows) as Insert;
      while (count - done >= rows) {
        const { changes, lastInsertRowid } = insert.run([at, ...values.slice(done * PARAMS_PER_ROW, (done + rows) * PARAMS_PER_ROW)]);
        if (changes !== rows) throw new Error(`stored ${changes} of ${rows} items in one statement`);
        // AUTOINCREMENT, one writer inside this transaction: a statement's rows take consecutive ids.
        firstId ??= Number(lastInsertRowid) - rows + 1;
        done += rows;
      }
    }
    return firstId as number;
  };
  const writeIdentity = prepareIdentityWriter(db);
  const writeActivity = prepareActivityWriter(db);
  const addCounts = prepareCountAdder(db);

  // Durable by the WAL fsync that follows (wal-sync.ts), not inside COMMIT on the event loop.
  return (batches) =>
    runWriteTransaction(db, () => {
      const at = now();
      // Counts keyed by "direction\u0000kind" (activity) and "direction\u0000status" (queue_counts).
      const perKind = new Map<string, number>();
      const perStatus = new Map<string, number>();
      const values: unknown[] = [];
      let count = 0;
      for (const batch of batches) {
        for (const item of batch) {
          const status = item.status ?? 'pending';
          values.push(item.direction, item.kind, item.email ?? null, item.payload, status, item.reason ?? null, item.messageId ?? null, item.request ?? null);
          count += 1;
          if (item.userId !== undefined && item.email !== undefined) writeIdentity(item.email, item.userId, at);
          countOne(perKind, `${item.direction}${KEY_SEPARATOR}${item.kind}`);
          countOne(perStatus, `${item.direction}${KEY_SEPARATOR}${status}`);
        }
      }
      let next = insertRows(at, values, count);
      for (const [key, n] of perStatus) addCounts(...splitKey(key), n);
      const minute = minuteOf(at);
      for (const [key, n] of perKind) writeActivity(minute, ...splitKey(key), n);
      return batches.map((batch) => Array.from({ length: batch.length }, () => next++));
    }, 'deferred');
}

const KEY_SEPARATOR = '\u0000';

function countOne(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function splitKey(key: string): [Direction, string] {
  const at = key.indexOf(KEY_SEPARATOR);
  return [key.slice(0, at) as Direction, key.slice(at + 1)];
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
