// queue_counts for new rows. Inserts are counted once per statement by the code that inserts (migration
// 6 dropped the per-row insert trigger: it cost about 15 % of an insert, docs/benchmarks.md#profiles).
// Status changes and deletes are still counted by triggers (migrations.ts).
import type { Direction } from '../../shared/api';
import type { Connection } from './write-transaction';

/** Adds `count` new rows of `direction`/`status`; call it in the transaction that inserted them. */
export type CountAdder = (direction: Direction, status: string, count: number) => void;

export function prepareCountAdder(db: Connection): CountAdder {
  const add = db.prepare('UPDATE queue_counts SET count = count + ?1 WHERE direction = ?2 AND status = ?3');
  return (direction, status, count) => {
    if (count > 0) add.run(count, direction, status);
  };
}
