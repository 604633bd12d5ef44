// Per-minute counts of received items by kind, written in the same transaction as the items themselves,
// so the chart never shows an item that was not committed. It never stores payloads or emails.
import type { ActivityMinute, Direction } from '../../shared/api';
import type { Connection } from './write-transaction';

export interface ActivityLog {
  /** Minutes at or after `sinceMs` that received items, oldest first; empty minutes are absent. */
  perMinute(sinceMs: number, direction?: Direction): ActivityMinute[];
}

export type ActivityWriter = (minute: number, direction: Direction, kind: string, count: number) => void;

const MINUTE_MS = 60_000;

export function minuteOf(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

export function createActivityLog(db: Connection): ActivityLog {
  const all = db.prepare(
    'SELECT minute, kind, SUM(count) FROM activity_minutes WHERE minute >= ? GROUP BY minute, kind ORDER BY minute',
  ).raw();
  const byDirection = db.prepare(
    'SELECT minute, kind, SUM(count) FROM activity_minutes WHERE minute >= ? AND direction = ? GROUP BY minute, kind ORDER BY minute',
  ).raw();
  return {
    perMinute(sinceMs, direction) {
      const since = minuteOf(sinceMs);
      const rows = (direction === undefined ? all.all(since) : byDirection.all(since, direction)) as unknown[][];
      const minutes = new Map<number, Record<string, number>>();
      for (const [minute, kind, count] of rows) {
        const key = Number(minute);
        const counts = minutes.get(key) ?? {};
        counts[String(kind)] = Number(count);
        minutes.set(key, counts);
      }
      return [...minutes].map(([minute, counts]) => ({ minute: new Date(minute).toISOString(), counts }));
    },
  };
}

/** Returns an upsert to call inside the commit transaction. */
export function prepareActivityWriter(db: Connection): ActivityWriter {
  const upsert = db.prepare(
    `INSERT INTO activity_minutes (minute, direction, kind, count) VALUES (?, ?, ?, ?)
     ON CONFLICT (minute, direction, kind) DO UPDATE SET count = count + excluded.count`,
  );
  return (minute, direction, kind, count) => {
    upsert.run(minute, direction, kind, count);
  };
}
