// Records each settled delivery attempt in the item's history (outcome, upstream status when known, a
// redacted excerpt, latency since the claim), around the Settlement the workers already call. Recording
// is best effort: a failed history write never changes what happens to the item.
import type { ItemAttempts, AttemptRecord } from '../storage/item-attempts';
import type { ItemQueue, QueuedItem } from '../storage/item-queue';
import { createRedactionMemo } from '../logging/redaction';
import type { RelayLogger } from '../logging/relay-logger';
import type { RetryableFailure, Settlement } from './item-settlement';
import { createPendingAnswers } from './pending-answers';

export interface AttemptRecordingDeps {
  attempts: Pick<ItemAttempts, 'later'>;
  now: () => number;
  logger: RelayLogger;
}

export interface AttemptRecording {
  /** The queue as the workers see it: claims are timed, for each attempt's latency. */
  queue<Q extends Pick<ItemQueue, 'claim' | 'later'>>(queue: Q): Q;
  settlement(inner: Settlement): Settlement;
}

/** A failure may carry its HTTP status (classifyFailure adds it); a reason like "answered 400" gives it too. */
function statusOf(failure: RetryableFailure | string): number | undefined {
  if (typeof failure !== 'string' && failure.status !== undefined) return failure.status;
  const reason = typeof failure === 'string' ? failure : failure.reason;
  const match = /\b(?:HTTP|status|answered|returned)\s+([1-5]\d\d)\b/i.exec(reason);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export function createAttemptRecording(deps: AttemptRecordingDeps): AttemptRecording {
  const claimedAt = new Map<number, number>();
  /** One history write per settlement call, however many items it settles. */
  const record = (entries: ReadonlyArray<{ item: QueuedItem; failure?: RetryableFailure | string }>, outcome: AttemptRecord['outcome']): void => {
    if (entries.length === 0) return;
    const at = deps.now();
    // The items of a batch share one failure: its text is redacted once.
    const redact = createRedactionMemo();
    const rows = entries.map(({ item, failure }): AttemptRecord => {
      const started = claimedAt.get(item.id);
      claimedAt.delete(item.id);
      return {
        itemId: item.id,
        at,
        outcome,
        upstreamStatus: failure === undefined ? undefined : statusOf(failure),
        response: failure === undefined ? undefined : redact(typeof failure === 'string' ? failure : failure.reason),
        latencyMs: started === undefined ? undefined : at - started,
      };
    });
    recording.track(
      deps.attempts.later.record(rows).catch((error: unknown) => {
        deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not record delivery attempts in the item history');
      }),
    );
  };
  const recording = createPendingAnswers();
  const timeClaim = (items: QueuedItem[]): QueuedItem[] => {
    const at = deps.now();
    for (const item of items) claimedAt.set(item.id, at);
    return items;
  };
  return {
    queue(queue) {
      return {
        ...queue,
        claim: (direction, limit) => timeClaim(queue.claim(direction, limit)),
        later: { ...queue.later, claim: async (direction, limit) => timeClaim(await queue.later.claim(direction, limit)) },
      };
    },
    settlement(inner) {
      return {
        ...inner,
        delivered(items, notes) {
          inner.delivered(items, notes);
          record(items.map((item) => ({ item })), 'delivered');
        },
        retry(items, failure) {
          inner.retry(items, failure);
          record(items.map((item) => ({ item, failure })), 'retry');
        },
        retryEach(entries) {
          inner.retryEach(entries);
          record(entries, 'retry');
        },
        fail(items, reason) {
          inner.fail(items, reason);
          record(items.map((item) => ({ item, failure: reason })), 'failed');
        },
        failEach(entries) {
          inner.failEach(entries);
          record(entries.map(({ item, reason }) => ({ item, failure: reason })), 'failed');
        },
        release(items) {
          inner.release(items);
          for (const item of items) claimedAt.delete(item.id);
        },
        async settled() {
          await inner.settled();
          await recording.settled();
        },
      };
    },
  };
}
