// Knobs of the delivery machinery, with the production values of docs/architecture.md#delivery-rules. Tests
// compress them (milliseconds instead of seconds); nothing here changes what is delivered, only when.
import { DEFAULT_FAILURE_BURST_POLICY, type FailureBurstPolicy } from '../delivery/failure-burst';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../delivery/retry-policy';
import { DEFAULT_CLAIM_LEASE_MS } from '../storage/item-queue';
import { DEFAULT_JOB_POLLING, type JobPolling } from '../upstream/mailjet/contact-upserts';
import { DEFAULT_LOOKUP_GRACE, type LookupGrace } from '../workers/event-forward-worker';
import { DEFAULT_RETENTION_POLICY, type RetentionPolicy } from './retention-schedule';

export interface DeliveryTuning {
  retryPolicy: RetryPolicy;
  /** Batches in flight per direction. Receive stays at 1 so updates of one contact keep their order. */
  receiveConcurrency: number;
  sendConcurrency: number;
  /** Contact upserts and property definitions. */
  mailjetTimeoutMs: number;
  /** Campaign name lookups: short, so a hung Mailjet delays events only briefly. */
  lookupTimeoutMs: number;
  lookupCooldownMs: number;
  lookupGrace: LookupGrace;
  segmentTimeoutMs: number;
  jobPolling: JobPolling;
  /** A paused direction looks again this often without being nudged. */
  pausedRecheckMs: number;
  /**
   * A claim older than this is presumed lost (its outcome could not be recorded) and its items are
   * delivered again. Longer than any batch: mailjetTimeoutMs plus jobPolling.maxWaitMs plus a replay.
   * An outcome storage refused is tried again for half of it.
   */
  claimLeaseMs: number;
  /** How long stop() waits for batches in flight before storage releases them. */
  stopGraceMs: number;
  /** How long settled items and activity minutes are kept, and how often they are pruned. */
  retention: RetentionPolicy;
  /** How many dead letters within how long make a direction's status say `failure_burst`. */
  failureBurst: FailureBurstPolicy;
  /** How often background upkeep (RelayEngine.every) runs. */
  upkeepMs: number;
}

export const DEFAULT_DELIVERY_TUNING: Readonly<DeliveryTuning> = {
  retryPolicy: DEFAULT_RETRY_POLICY,
  receiveConcurrency: 1,
  sendConcurrency: 2,
  mailjetTimeoutMs: 30_000,
  lookupTimeoutMs: 5_000,
  lookupCooldownMs: 30_000,
  lookupGrace: DEFAULT_LOOKUP_GRACE,
  segmentTimeoutMs: 15_000,
  jobPolling: DEFAULT_JOB_POLLING,
  pausedRecheckMs: 60_000,
  claimLeaseMs: DEFAULT_CLAIM_LEASE_MS,
  stopGraceMs: 10_000,
  retention: DEFAULT_RETENTION_POLICY,
  failureBurst: DEFAULT_FAILURE_BURST_POLICY,
  upkeepMs: 5_000,
};

export function tuningWith(overrides: Partial<DeliveryTuning> = {}): DeliveryTuning {
  return { ...DEFAULT_DELIVERY_TUNING, ...overrides };
}
