// The bounded log of requests the relay refused at the door (400/401/403/413/415): the newest 1,000,
// with a capped body excerpt. Entries arrive already redacted; this module only stores and reads them.
import type { Direction } from '../../shared/api';
import { runWriteTransaction, type Connection } from './write-transaction';
import { LATER_METHODS, laterOf, type Later } from './writer-protocol';

export interface RefusedRequest {
  at: number;
  direction: Direction;
  method: string;
  path: string;
  status: number;
  code: string;
  reason: string;
  fix: string;
  /** Masked headers. */
  headers: Record<string, string>;
  /** Redacted body excerpt (at most MAX_REFUSED_BODY_CHARS). */
  body: string;
}

export interface StoredRefusal extends RefusedRequest {
  id: number;
}

export interface RefusedQuery {
  direction?: Direction;
  search?: string;
  since?: number;
  until?: number;
  /** Only entries with a smaller id. */
  beforeId?: number;
  limit: number;
}

export interface RefusedLog {
  record(entry: RefusedRequest): void;
  list(query: RefusedQuery): StoredRefusal[];
  get(id: number): StoredRefusal | undefined;
  perMinute(sinceMs: number, direction?: Direction): Array<{ minute: number; count: number }>;
  /** record, answered by a promise (off the event loop on the storage writer thread). */
  readonly later: Later<Omit<RefusedLog, 'later'>, 'record'>;
}

export const MAX_REFUSED_ENTRIES = 1000;
export const MAX_REFUSED_BODY_CHARS = 2048;

const COLUMNS = 'id, at, direction, method, path, status, code, reason, fix, headers, body';

export function createRefusedLog(db: Connection, keep = MAX_REFUSED_ENTRIES): RefusedLog {
  const insert = db.prepare(
    'INSERT INTO refused_requests (at, direction, method, path, status, code, reason, fix, headers, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const trim = db.prepare('DELETE FROM refused_requests WHERE id <= (SELECT MAX(id) FROM refused_requests) - ?');
  const list = db.prepare(
    `SELECT ${COLUMNS} FROM refused_requests
     WHERE (?1 IS NULL OR direction = ?1) AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR at < ?3) AND (?4 IS NULL OR id < ?4)
       AND (?5 IS NULL OR body LIKE ?5 ESCAPE '\\' OR path LIKE ?5 ESCAPE '\\' OR reason LIKE ?5 ESCAPE '\\')
     ORDER BY id DESC LIMIT ?6`,
  ).raw();
  const one = db.prepare(`SELECT ${COLUMNS} FROM refused_requests WHERE id = ?`).raw();
  const perMinute = db.prepare(
    `SELECT (at / 60000) * 60000 AS minute, COUNT(*) FROM refused_requests WHERE at >= ?1 AND (?2 IS NULL OR direction = ?2) GROUP BY minute ORDER BY minute`,
  ).raw();
  const store: Omit<RefusedLog, 'later'> = {
    // `deferred`: no fsync on the event loop for each refusal. A sender with a wrong key is refused
    // over and over, and each synchronous fsync held the loop (1,075 refusals/s against 1,648 without
    // it, docs/benchmarks.md#session-6). A power cut may lose the last few entries of this diagnostic log.
    record(entry) {
      runWriteTransaction(db, () => {
        insert.run(entry.at, entry.direction, entry.method, entry.path, entry.status, entry.code, entry.reason, entry.fix, JSON.stringify(entry.headers), entry.body.slice(0, MAX_REFUSED_BODY_CHARS));
        trim.run(keep);
      }, 'deferred');
    },
    list(query) {
      const pattern = query.search === undefined || query.search === '' ? null : likePattern(query.search);
      return (list.all(query.direction ?? null, query.since ?? null, query.until ?? null, query.beforeId ?? null, pattern, query.limit) as unknown[][]).map(toRefusal);
    },
    get(id) {
      const row = one.get(id) as unknown[] | undefined;
      return row === undefined ? undefined : toRefusal(row);
    },
    perMinute(sinceMs, direction) {
      return (perMinute.all(sinceMs, direction ?? null) as unknown[][]).map(([minute, count]) => ({ minute: Number(minute), count: Number(count) }));
    },
  };
  return { ...store, later: laterOf(store, LATER_METHODS.refused) };
}

/** `%text%` with LIKE's wildcards escaped, so a search for "50%" means 50%. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function toRefusal(row: unknown[]): StoredRefusal {
  const [id, at, direction, method, path, status, code, reason, fix, headers, body] = row;
  return {
    id: Number(id),
    at: Number(at),
    direction: direction as Direction,
    method: String(method),
    path: String(path),
    status: Number(status),
    code: String(code),
    reason: String(reason),
    fix: String(fix),
    headers: JSON.parse(String(headers)) as Record<string, string>,
    body: String(body),
  };
}
