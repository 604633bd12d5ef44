// When a failed delivery is tried again (docs/architecture.md#delivery-rules): exponential backoff from 1 s with
// ±20 % jitter, capped at 10 min, honouring Retry-After, and a dead letter after 24 h. Pure: the clock
// and the random source are passed in, so tests can compress time instead of waiting.

export interface RetryPolicy {
  /** Delay after the first failed attempt. */
  initialDelayMs: number;
  /** No delay is longer than this, Retry-After included (a hostile header cannot park an item for days). */
  maxDelayMs: number;
  /** Fraction of the delay added or removed at random, so retries of many items do not move in lockstep. */
  jitter: number;
  /** Measured from the item's first attempt; past it the item is failed with its last reason. */
  deadLetterAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  initialDelayMs: 1_000,
  maxDelayMs: 10 * 60_000,
  jitter: 0.2,
  deadLetterAfterMs: 24 * 60 * 60_000,
};

export interface RetryClock {
  now: () => number;
  /** Uniform in [0, 1), like Math.random. */
  random: () => number;
}

export interface AttemptHistory {
  /** Attempts made before the one that just failed. */
  attempts: number;
  /** When the first attempt started; null when this was the first. */
  firstAttemptAt: number | null;
}

export type RetryPlan = { action: 'retry'; nextAttemptAt: number } | { action: 'fail'; reason: string };

/** The wait before the next attempt, after `failedAttempts` failures (1 for the first). */
export function retryDelayMs(policy: RetryPolicy, failedAttempts: number, random: () => number, retryAfterMs?: number): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 52);
  const base = Math.min(policy.initialDelayMs * 2 ** exponent, policy.maxDelayMs);
  const jittered = base * (1 + policy.jitter * (2 * random() - 1));
  const honoured = retryAfterMs === undefined ? jittered : Math.max(jittered, retryAfterMs);
  return Math.round(Math.min(Math.max(honoured, 0), policy.maxDelayMs));
}

/** Retry later, or give up once the item has been failing for longer than the dead-letter window. */
export function planRetry(
  policy: RetryPolicy,
  clock: RetryClock,
  history: AttemptHistory,
  failure: { reason: string; retryAfterMs?: number },
): RetryPlan {
  const now = clock.now();
  const firstAttemptAt = history.firstAttemptAt ?? now;
  if (now - firstAttemptAt >= policy.deadLetterAfterMs) {
    const hours = Math.round(policy.deadLetterAfterMs / 3_600_000);
    return { action: 'fail', reason: `Gave up after ${hours > 0 ? `${hours} h` : `${policy.deadLetterAfterMs} ms`} of retries. Last error: ${failure.reason}` };
  }
  const delay = retryDelayMs(policy, history.attempts + 1, clock.random, failure.retryAfterMs);
  return { action: 'retry', nextAttemptAt: now + delay };
}
