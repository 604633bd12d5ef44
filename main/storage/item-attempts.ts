// Every delivery attempt of an item (time, outcome, upstream status, a redacted excerpt, latency), so
// the inspector shows the whole history and a retry never erases it. Callers redact before recording.
import type { Connection } from './write-transaction';
import { runWriteTransaction } from './write-transaction';
import { LATER_METHODS, laterOf } from './writer-protocol';

export interface AttemptRecord {
  itemId: number;
  at: number;
  outcome: 'delivered' | 'retry' | 'failed';
  upstreamStatus?: number;
  response?: string;
  latencyMs?: number;
}

export interface ItemAttempts {
  /** One write for the whole list (a batch of 500 items is one statement). */
  record(attempts: readonly AttemptRecord[]): void;
  /** Oldest first. */
  forItem(itemId: number): AttemptRecord[];
  /** record, answered by a promise (off the event loop on the storage writer thread). */
  readonly later: { record(attempts: readonly AttemptRecord[]): Promise<void> };
}

/** An attempt's excerpt is a hint, not a log: long upstream answers are cut. */
export const MAX_ATTEMPT_EXCERPT_CHARS = 500;

export function createItemAttempts(db: Connection): ItemAttempts {
  const insert = db.prepare(
    `INSERT INTO item_attempts (item_id, at, outcome, upstream_status, response, latency_ms)
     SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(?)`,
  );
  const select = db.prepare('SELECT item_id, at, outcome, upstream_status, response, latency_ms FROM item_attempts WHERE item_id = ? ORDER BY id').raw();
  const store: Omit<ItemAttempts, 'later'> = {
    record(attempts) {
      if (attempts.length === 0) return;
      const rows = attempts.map((a) => [a.itemId, a.at, a.outcome, a.upstreamStatus ?? null, a.response?.slice(0, MAX_ATTEMPT_EXCERPT_CHARS) ?? null, a.latencyMs ?? null]);
      runWriteTransaction(db, () => insert.run(JSON.stringify(rows)), 'deferred');
    },
    forItem(itemId) {
      return (select.all(itemId) as unknown[][]).map(([id, at, outcome, status, response, latency]) => ({
        itemId: Number(id),
        at: Number(at),
        outcome: outcome as AttemptRecord['outcome'],
        ...(status === null ? {} : { upstreamStatus: Number(status) }),
        ...(typeof response === 'string' ? { response } : {}),
        ...(latency === null ? {} : { latencyMs: Number(latency) }),
      }));
    },
  };
  return { ...store, later: laterOf(store, LATER_METHODS.attempts) };
}
