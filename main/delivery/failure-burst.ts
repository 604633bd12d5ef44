// Notices when a direction keeps dead-lettering: many failed items within a short window become one
// `failure_burst` Problem, so the status (and a desktop notification) says the direction stopped working.
// It only counts and describes; it never changes what is delivered or retried.
import type { Direction, Problem } from '../../shared/api';

export interface FailureBurstPolicy {
  /** This many dead letters within windowMs make a burst. */
  threshold: number;
  windowMs: number;
}

export const DEFAULT_FAILURE_BURST_POLICY: Readonly<FailureBurstPolicy> = { threshold: 10, windowMs: 5 * 60_000 };

export interface FailureBurstWatch {
  /** Items of one direction just failed for good; `latestReason` is the last one's reason. */
  recordFailed(direction: Direction, count: number, latestReason: string): void;
  /** Something in that direction was delivered: it works again. */
  recordDelivered(direction: Direction): void;
  /** The operator retried failed items: the burst is acknowledged. */
  clear(direction: Direction): void;
  problem(direction: Direction): Problem | undefined;
}

interface DirectionWindow {
  /** Dead letters per settlement write, oldest first, inside the window. */
  failures: Array<{ at: number; count: number }>;
  burst?: Problem;
}

export function createFailureBurstWatch(policy: FailureBurstPolicy, now: () => number): FailureBurstWatch {
  const windows: Record<Direction, DirectionWindow> = { receive: { failures: [] }, send: { failures: [] } };

  return {
    recordFailed(direction, count, latestReason) {
      if (count <= 0) return;
      const window = windows[direction];
      const at = now();
      window.failures.push({ at, count });
      // Bounded: entries older than the window are dropped on every write.
      while ((window.failures[0]?.at ?? at) <= at - policy.windowMs) window.failures.shift();
      const inWindow = window.failures.reduce((sum, entry) => sum + entry.count, 0);
      if (inWindow >= policy.threshold) window.burst = describeBurst(inWindow, policy.windowMs, latestReason);
    },
    recordDelivered(direction) {
      windows[direction] = { failures: [] };
    },
    clear(direction) {
      windows[direction] = { failures: [] };
    },
    problem: (direction) => windows[direction].burst,
  };
}

function describeBurst(count: number, windowMs: number, latestReason: string): Problem {
  // The reason's first sentence says what happened; its own next step would repeat the one below.
  const reason = (latestReason.trim().split(/\.\s+(?=[A-Z])/)[0] ?? '').replace(/[.\s]+$/, '');
  return {
    code: 'failure_burst',
    message: `${count} items failed in the last ${describeWindow(windowMs)}: ${reason}. Open Activity to see why, fix the cause, then Retry all failed.`,
  };
}

function describeWindow(windowMs: number): string {
  if (windowMs >= 60_000 && windowMs % 60_000 === 0) {
    const minutes = windowMs / 60_000;
    return minutes === 1 ? 'minute' : `${minutes} minutes`;
  }
  const seconds = Math.max(1, Math.round(windowMs / 1000));
  return seconds === 1 ? 'second' : `${seconds} seconds`;
}
