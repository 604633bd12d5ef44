// Caps on new Mailjet contact properties (docs/architecture.md#identify-to-contact): a flood of
// new trait names must not create unbounded contactmetadata rows. Counts per UTC day, persisted in the
// settings table so a restart does not reset the day. Never drops a trait without a reason.
import type { Problem } from '../../shared/api';

export interface PropertyCaps {
  /** New properties one identify call may create; the rest of its new traits are dropped and reported. */
  perCall: number;
  /** New properties the connector creates per Mailjet account per UTC day. */
  perDay: number;
  /** contactmetadata creations in flight at once. */
  concurrency: number;
}

/**
 * A rich Segment identify carries a few dozen traits (the spec's reserved traits are about 20), so 50
 * new ones per call never stops a real sender; 500 a day lets a new account take its whole schema on
 * day one, while a sender inventing names (32 KB of random keys is ~1,000 names a call) stops there.
 * 4 in flight keeps creation fast without hammering an API whose rate limits are unpublished.
 */
export const DEFAULT_PROPERTY_CAPS: Readonly<PropertyCaps> = { perCall: 50, perDay: 500, concurrency: 4 };

export const PROPERTY_CAP_LIMITS = { perCall: { min: 1, max: 1000 }, perDay: { min: 1, max: 100_000 }, concurrency: { min: 1, max: 16 } } as const;

export interface DayCounterStore {
  get<T>(key: string): T | undefined;
  /** Posted: the count is kept in memory, so nothing waits for the write. */
  readonly later: { set(key: string, value: unknown, durability?: 'immediate' | 'deferred'): Promise<void> };
}

export interface DailyPropertyBudget {
  /** Grants up to `wanted` creations today; returns how many were granted. */
  take(wanted: number): number;
  /** Gives back creations that did not happen (Mailjet refused or already had the property). */
  giveBack(count: number): void;
  /** Set while today's cap is reached: shown in the receive status. */
  problem(): Problem | undefined;
}

const COUNTER_KEY = 'receive.new_properties_today';

interface DayCount {
  day: string;
  created: number;
  capped: boolean;
}

export function dailyCapReason(perDay: number): string {
  return `not created: the connector already created its ${perDay} new Mailjet properties for today (the daily cap); it is created from tomorrow on, or raise the cap in the connector's options`;
}

export function perCallCapReason(perCall: number): string {
  return `not created: this identify call brings more than ${perCall} new property names (the per-call cap); send fewer new traits per call, or raise the cap in the connector's options`;
}

export function createDailyPropertyBudget(deps: { caps: () => PropertyCaps; now: () => number; store?: DayCounterStore }): DailyPropertyBudget {
  let memory: DayCount | undefined;
  const today = (): string => new Date(deps.now()).toISOString().slice(0, 10);
  const read = (): DayCount => {
    const stored = memory ?? deps.store?.get<DayCount>(COUNTER_KEY);
    const day = today();
    return stored !== undefined && stored.day === day ? stored : { day, created: 0, capped: false };
  };
  const write = (count: DayCount): void => {
    memory = count;
    // Posted and deferred: neither the write nor an fsync holds the event loop in the middle of a contact
    // job; a power cut may lose the last counts, and the day's cap then allows a few more creations. A
    // counter that cannot be saved still caps this run from memory; the next write saves it.
    deps.store?.later.set(COUNTER_KEY, count, 'deferred').catch(() => undefined);
  };
  return {
    take(wanted) {
      const count = read();
      const granted = Math.max(0, Math.min(wanted, deps.caps().perDay - count.created));
      write({ day: count.day, created: count.created + granted, capped: count.capped || granted < wanted });
      return granted;
    },
    giveBack(count) {
      if (count <= 0) return;
      const current = read();
      write({ ...current, created: Math.max(0, current.created - count) });
    },
    problem() {
      const count = read();
      const { perDay } = deps.caps();
      // Cleared as soon as creations are possible again (a raised cap, or a creation given back).
      if (!count.capped || count.created < perDay) return undefined;
      return {
        code: 'property_cap_reached',
        message: `Today's cap of ${perDay} new Mailjet contact properties is reached, so new trait names are left out (each item in Activity says which). Contacts still sync with their existing properties. The cap resets at midnight UTC; raise it in the connector's options if these traits are wanted.`,
      };
    },
  };
}
