// A batch's claim and its "delivered" settlement, written in steps of STORAGE_STEP items: one transaction
// per step and a turn of the event loop between steps. Every libsql call is synchronous on the main
// thread, and under concurrent ingest a claim of 500 items took 50–65 ms and marking them delivered
// 60–90 ms (docs/benchmarks.md#session-5), each a stretch in which no request was read and no timer ran.
import type { QueuedItem } from '../storage/queue-rows';
import { yieldToEventLoop } from './event-loop-slices';

/** Items per claim or settlement transaction: a few milliseconds each, even under load. */
export const STORAGE_STEP = 100;

/**
 * Up to `limit` items into `claimed`, STORAGE_STEP at a time, yielding between claims. Filled in place,
 * so a claim that throws half way still lets the caller release what was claimed before it. A receive
 * claim may return more than it was asked for (the other pending calls of its contacts).
 */
export async function claimInSteps(claim: (limit: number) => QueuedItem[] | Promise<QueuedItem[]>, limit: number, claimed: QueuedItem[]): Promise<void> {
  while (claimed.length < limit) {
    if (claimed.length > 0) await yieldToEventLoop();
    const step = await claim(Math.min(STORAGE_STEP, limit - claimed.length));
    claimed.push(...step);
    if (step.length === 0) break;
  }
}

/** `settle` on STORAGE_STEP items at a time, yielding between steps. */
export async function settleInSteps<T>(items: readonly T[], settle: (step: readonly T[]) => void): Promise<void> {
  for (let start = 0; start < items.length; start += STORAGE_STEP) {
    if (start > 0) await yieldToEventLoop();
    settle(items.slice(start, start + STORAGE_STEP));
  }
}
