// Test helper: the real item queue with each settling write recorded (each call is one transaction),
// with how many items it settled, and the limit of each claim.
import type { ItemQueue } from '../../../main/storage/item-queue';

export interface CountedQueue {
  queue: ItemQueue;
  /** The settling writes, in order, by name. */
  writes: string[];
  /** The same writes with the number of items each settled. */
  sizes: Array<{ write: string; items: number }>;
  /** The limit each claim asked for. */
  claims: number[];
}

export function countingQueue(queue: ItemQueue): CountedQueue {
  const writes: string[] = [];
  const sizes: CountedQueue['sizes'] = [];
  const claims: number[] = [];
  // The workers use `later` (answered by a promise); both forms are counted the same way.
  const later = { ...queue.later, claim: (direction: Parameters<ItemQueue['claim']>[0], limit: number) => (claims.push(limit), queue.later.claim(direction, limit)) };
  const counted: ItemQueue = {
    ...queue,
    claim: (direction, limit) => {
      claims.push(limit);
      return queue.claim(direction, limit);
    },
    later,
  };
  for (const name of ['markDelivered', 'markRetry', 'markFailed', 'release'] as const) {
    const original = queue[name] as (settled: unknown[], ...rest: never[]) => void;
    (counted as unknown as Record<string, unknown>)[name] = (settled: unknown[], ...rest: never[]) => {
      writes.push(name);
      sizes.push({ write: name, items: settled.length });
      original(settled, ...rest);
    };
    const originalLater = queue.later[name] as (settled: unknown[], ...rest: never[]) => Promise<void>;
    (later as unknown as Record<string, unknown>)[name] = (settled: unknown[], ...rest: never[]) => {
      writes.push(name);
      sizes.push({ write: name, items: settled.length });
      return originalLater(settled, ...rest);
    };
  }
  return { queue: counted, writes, sizes, claims };
}
