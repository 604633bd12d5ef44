// The inbox (receive) and outbox (send): items move pending -> in_flight -> delivered | failed, or are
// stored as skipped / rejected. Only commit() acknowledges, and only after its group's durable commit.
import type { ActivityItem, Direction, ItemStatus, QueueCounts } from '../../shared/api';
import type { GroupCommitStats } from './group-commit';
import { createGroupCommitter } from './group-commit';
import { checkNewItem, prepareGroupWriter } from './item-commit';
import { createWalSync } from './wal-sync';
import { prepareItemReads, prepareItemWrites } from './item-statements';
import { createRedactionMemo, redactSecrets } from '../logging/redaction';
import { describeWriteFailure, StorageUnavailableError } from './storage-errors';
import type { NewItem, QueuedItem } from './queue-rows';
import { runWriteTransaction, type Connection, type Durability } from './write-transaction';
import { LATER_METHODS, laterOf, type Later } from './writer-protocol';

export type { Direction, ItemStatus };
export type { NewItem, QueuedItem };

export interface ItemQueue {
  /** Group commit; resolves with the ids after the durable commit, rejects with StorageUnavailableError. */
  commit(items: NewItem[]): Promise<number[]>;
  /**
   * Due pending items -> in_flight, oldest due first; in_flight items claimed longer ago than the claim
   * lease first go back to pending (a claim whose outcome was never recorded; looked at once a second at
   * most, LEASE_CHECK_INTERVAL_MS). For receive, the other pending items of each
   * claimed email come too (due or not), so a contact's calls are applied together in received order.
   */
  claim(direction: Direction, limit: number): QueuedItem[];
  /** `notes` by id: what a delivered item went without, shown as its reason. */
  markDelivered(ids: number[], notes?: ReadonlyMap<number, string>): void;
  /** Back to pending for a later attempt; counts an attempt. */
  markRetry(updates: Array<{ id: number; nextAttemptAt: number; error: string }>): void;
  /** Dead letter, with the reason shown to the user. */
  markFailed(updates: Array<{ id: number; reason: string }>): void;
  /** in_flight -> pending without counting an attempt (graceful stop, paused direction). */
  release(ids: number[]): void;
  /** failed -> pending, due now, with a fresh attempt budget; all failed items when ids is omitted. */
  retryFailed(ids?: number[]): number;
  /** Receive items older than an item already delivered for the same email, each mapped to that newer item's id. */
  supersededByDelivered(items: ReadonlyArray<{ id: number; email: string | null }>): Map<number, number>;
  nextDueAt(direction: Direction): number | null;
  counts(direction: Direction): QueueCounts;
  /** Newest first. */
  recent(query: { direction?: Direction; status?: ItemStatus; limit?: number }): ActivityItem[];
  /** The workers' writes, answered by a promise (off the event loop on the storage writer thread). */
  readonly later: Later<ItemQueueWrites, (typeof LATER_METHODS.queue)[number]>;
}

type ItemQueueWrites = Omit<ItemQueue, 'later'>;

export interface ItemQueueOptions {
  path: string;
  now: () => number;
  /** A claim older than this is presumed lost and its items are claimable again (default 30 min). */
  claimLeaseMs?: number;
  onGroupCommit?: (stats: GroupCommitStats) => void;
}

export interface ItemQueueHandle {
  queue: ItemQueue;
  /** Writes the waiting group now and refuses later commits; used by Storage.close(). */
  stop(): void;
  /** After stop(): waits for the last fsync and closes the WAL file it used. */
  drained(): Promise<void>;
}

/**
 * Longer than any batch can take: a Mailjet request timeout (30 s) plus the longest bulk-job wait
 * (10 min) plus a contact-by-contact replay. A batch that outlives it may be sent twice, which the
 * upstreams absorb (upserts are keyed by email, Segment dedupes messageIds).
 */
export const DEFAULT_CLAIM_LEASE_MS = 30 * 60_000;

/**
 * Items per intake transaction: a few milliseconds of the event loop, even under load. Eight senders'
 * bodies of 100 events arriving in one turn were one transaction of 800 rows (docs/benchmarks.md#session-5).
 */
export const MAX_GROUP_ITEMS = 256;

/** How often at most a claim first puts back the items whose lease ran out. */
export const LEASE_CHECK_INTERVAL_MS = 1_000;

/** After SQLITE_BUSY, commits are refused without trying for this long (the answer's Retry-After is longer). */
export const LOCKED_HOLD_OFF_MS = 250;

function isBusyError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return /^SQLITE_(BUSY|LOCKED)/.test(code);
}

export function createItemQueue(db: Connection, options: ItemQueueOptions): ItemQueueHandle {
  const { path, now } = options;
  const claimLeaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const reads = prepareItemReads(db);
  const writes = prepareItemWrites(db);
  const walSync = createWalSync(path);
  const committer = createGroupCommitter<NewItem, number[]>({
    writeGroup: prepareGroupWriter(db, now),
    makeDurable: walSync.sync,
    // Another process holds the write lock: answer 503 at once for a moment instead of each group
    // waiting out the busy timeout on the event loop (docs/architecture.md#durable-acknowledgement).
    holdOffAfter: (error) => (isBusyError(error) ? LOCKED_HOLD_OFF_MS : 0),
    describeFailure: (error) => describeWriteFailure(path, error),
    onGroupCommit: options.onGroupCommit,
    maxGroupItems: MAX_GROUP_ITEMS,
  });
  let stopped = false;
  // The lease is looked at once a second at most (sooner for a short lease): a claim in steps of 100
  // walked every in_flight row on each step, half of a 5,000-contact job's claim cost.
  const leaseCheckMs = Math.min(LEASE_CHECK_INTERVAL_MS, claimLeaseMs / 2);
  const leaseCheckedAt: Record<Direction, number> = { receive: Number.NEGATIVE_INFINITY, send: Number.NEGATIVE_INFINITY };

  // Claims and outcomes are `deferred`: a power cut can lose the last of them, and the items are then
  // sent again (at least once; Segment drops the repeated messageId, Mailjet upserts by email). What the
  // operator asked for (retry failed items) is `immediate`.
  const write = <T>(run: () => T, durability: Durability = 'deferred'): T => {
    if (stopped) throw closedError();
    try {
      return runWriteTransaction(db, run, durability);
    } catch (error) {
      throw describeWriteFailure(path, error);
    }
  };

  const writesHere: ItemQueueWrites = {
    commit(items) {
      if (stopped) return Promise.reject(closedError());
      const checked = prepareCommit(items);
      if (typeof checked === 'string') return Promise.reject(new TypeError(`Cannot queue item: ${checked}`));
      return checked.length === 0 ? Promise.resolve([]) : committer.submit(checked);
    },
    claim: (direction, limit) =>
      write(() => {
        const at = now();
        const checkLease = at - leaseCheckedAt[direction] >= leaseCheckMs;
        if (checkLease) leaseCheckedAt[direction] = at;
        return writes.claim(direction, Math.max(0, Math.trunc(limit)), at, claimLeaseMs, checkLease);
      }),
    // Reasons hold upstream text: the log redaction runs on them before they reach the database.
    markDelivered: (ids, notes) => void (ids.length > 0 && write(() => writes.markDelivered(ids, notes && redactNotes(notes), now()))),
    markRetry: (updates) => void (updates.length > 0 && write(() => writes.markRetry(redactRetries(updates), now()))),
    markFailed: (updates) => void (updates.length > 0 && write(() => writes.markFailed(redactFailures(updates), now()))),
    release: (ids) => void (ids.length > 0 && write(() => writes.release(ids, now()))),
    retryFailed: (ids) => write(() => writes.retryFailed(ids, now()), 'immediate'),
    supersededByDelivered: (items) => reads.supersededByDelivered(items),
    nextDueAt: (direction) => reads.nextDueAt(direction),
    counts: (direction) => reads.counts(direction),
    recent: (query) => reads.recent(query),
  };
  const queue: ItemQueue = { ...writesHere, later: laterOf(writesHere, LATER_METHODS.queue) };

  return {
    queue,
    stop() {
      committer.flush();
      stopped = true;
    },
    drained: () => walSync.close(),
  };
}

/** The items checked (a problem's description when one is malformed) and their reasons redacted. */
export function prepareCommit(items: NewItem[]): NewItem[] | string {
  for (const item of items) {
    const problem = checkNewItem(item);
    if (problem !== undefined) return problem;
  }
  return items.map((item) => (item.reason === undefined ? item : { ...item, reason: redactSecrets(item.reason) }));
}

/**
 * A queue write's arguments with the upstream text in them redacted, on the thread where the secrets
 * are registered, before they go to the storage writer thread (which redacts again, finding nothing).
 */
export function prepareWriteArgs(method: string, args: unknown[]): unknown[] {
  switch (method) {
    case 'markDelivered': {
      const [ids, notes] = args as [number[], ReadonlyMap<number, string> | undefined];
      return notes === undefined ? [ids] : [ids, redactNotes(notes)];
    }
    case 'markRetry':
      return [redactRetries(args[0] as RetryUpdate[])];
    case 'markFailed':
      return [redactFailures(args[0] as FailUpdate[])];
    default:
      return args;
  }
}

type RetryUpdate = { id: number; nextAttemptAt: number; error: string };
type FailUpdate = { id: number; reason: string };

function redactNotes(notes: ReadonlyMap<number, string>): Map<number, string> {
  return new Map([...notes].map(([id, note]) => [id, redactSecrets(note)]));
}

// A batch's items share their failure: each distinct text is redacted once (a 500-item retry
// redacted the same text 500 times, 10–15 ms of the event loop; docs/benchmarks.md#session-6).
function redactRetries(updates: RetryUpdate[]): RetryUpdate[] {
  const redact = createRedactionMemo();
  return updates.map((u) => ({ ...u, error: redact(u.error) }));
}

function redactFailures(updates: FailUpdate[]): FailUpdate[] {
  const redact = createRedactionMemo();
  return updates.map((u) => ({ ...u, reason: redact(u.reason) }));
}

export function closedError(): StorageUnavailableError {
  return new StorageUnavailableError('The connector is shutting down and no longer accepts items; retry shortly.');
}
