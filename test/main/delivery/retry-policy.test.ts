// docs/architecture.md#delivery-rules as a table: backoff from 1 s doubling, ±20 % jitter, a 10 min cap,
// Retry-After honoured, and a dead letter once an item has been failing for 24 h.
import { DEFAULT_RETRY_POLICY, planRetry, retryDelayMs } from '../../../main/delivery/retry-policy';

const policy = DEFAULT_RETRY_POLICY;
const middle = (): number => 0.5;

describe('retryDelayMs', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [10, 512_000],
    [11, 600_000],
    [60, 600_000],
  ])('after %i failed attempts waits %i ms (no jitter drawn)', (failed, expected) => {
    expect(retryDelayMs(policy, failed, middle)).toBe(expected);
  });

  it.each([
    [0, 800],
    [0.999999, 1_200],
  ])('jitter stays within ±20 %% (random %f -> %i ms)', (random, expected) => {
    expect(retryDelayMs(policy, 1, () => random)).toBeCloseTo(expected, -1);
  });

  it('never exceeds the cap, even with jitter', () => {
    expect(retryDelayMs(policy, 30, () => 0.999999)).toBe(600_000);
  });

  it('honours a longer Retry-After, but no longer than the cap', () => {
    expect(retryDelayMs(policy, 1, middle, 30_000)).toBe(30_000);
    expect(retryDelayMs(policy, 1, middle, 10)).toBe(1_000);
    expect(retryDelayMs(policy, 1, middle, 86_400_000)).toBe(600_000);
  });
});

describe('planRetry', () => {
  const clock = (now: number) => ({ now: () => now, random: middle });

  it('schedules the next attempt from now', () => {
    expect(planRetry(policy, clock(5_000), { attempts: 0, firstAttemptAt: null }, { reason: 'HTTP 503' })).toEqual({ action: 'retry', nextAttemptAt: 6_000 });
    expect(planRetry(policy, clock(5_000), { attempts: 2, firstAttemptAt: 0 }, { reason: 'HTTP 503' })).toEqual({ action: 'retry', nextAttemptAt: 9_000 });
  });

  it('fails the item with its last reason once it has been failing for 24 h', () => {
    const day = 24 * 3_600_000;
    expect(planRetry(policy, clock(day - 1), { attempts: 150, firstAttemptAt: 0 }, { reason: 'x' }).action).toBe('retry');
    expect(planRetry(policy, clock(day), { attempts: 150, firstAttemptAt: 0 }, { reason: 'Segment is temporarily unavailable (HTTP 503).' })).toEqual({
      action: 'fail',
      reason: 'Gave up after 24 h of retries. Last error: Segment is temporarily unavailable (HTTP 503).',
    });
  });
});
