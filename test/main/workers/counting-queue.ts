// Test helper: the real item queue with each settling write recorded (each call is one transaction).
import type { ItemQueue } from '../../../main/storage/item-queue';

export function countingQueue(queue: ItemQueue): { queue: ItemQueue; writes: string[] } {
  const writes: string[] = [];
  const counted = { ...queue };
  for (const name of ['markDelivered', 'markRetry', 'markFailed', 'release'] as const) {
    const original = queue[name] as (...args: never[]) => void;
    (counted as Record<string, unknown>)[name] = (...args: never[]) => {
      writes.push(name);
      original(...args);
    };
  }
  return { queue: counted, writes };
}
