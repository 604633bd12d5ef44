// Group commit: every request that arrives in the same event-loop turn, or while a write is running,
// shares one transaction, up to maxGroupItems items (the rest go in the next one, a turn later), and
// the groups written while an fsync runs share the next one. No caller's promise resolves before its
// transaction commits and `makeDurable` (the fsync, off the event loop) has finished. It must never
// acknowledge part of a group: a failed write or fsync rejects every caller of the group.

export interface GroupCommitStats {
  /** Number of commit() calls that shared the transaction. */
  callers: number;
  /** Number of items written by it. */
  items: number;
}

export interface GroupCommitterOptions<T, R> {
  /** Writes all batches in ONE transaction and returns one result per batch, in order. */
  writeGroup(batches: T[][]): R[];
  /** Resolves once the committed group is on disk (without it, writeGroup's commit must be durable itself). */
  makeDurable?: () => Promise<void>;
  /** Turns a write or fsync failure into the error every caller of the group receives. */
  describeFailure(error: unknown): Error;
  /** Called after each successful group transaction (tests count transactions with it). */
  onGroupCommit?: (stats: GroupCommitStats) => void;
  /**
   * After a failed write: for how long (ms) later groups are refused with the same failure without
   * trying, e.g. while another process holds the write lock. Each try blocks the event loop for the
   * busy timeout, so trying once per group made a locked database slow to answer. Default: 0.
   */
  holdOffAfter?: (error: unknown) => number;
  /** Monotonic milliseconds (default performance.now). */
  now?: () => number;
  /**
   * At most this many items per transaction (default: no limit); the callers after them form the next
   * group, one turn of the event loop later. A caller's batch is never split. The write runs on the
   * event loop, so a group of thousands of rows held it for tens of milliseconds.
   */
  maxGroupItems?: number;
}

export interface GroupCommitter<T, R> {
  submit(batch: T[]): Promise<R>;
  /** Writes whatever is waiting now; used by close() so nothing queued is lost. */
  flush(): void;
}

interface Waiter<T, R> {
  batch: T[];
  resolve(result: R): void;
  reject(error: Error): void;
}

export function createGroupCommitter<T, R>(options: GroupCommitterOptions<T, R>): GroupCommitter<T, R> {
  const waiting: Waiter<T, R>[] = [];
  let scheduled = false;
  let writing = false;
  let heldOff: { until: number; failure: Error } | undefined;
  const now = options.now ?? (() => performance.now());
  const maxGroupItems = options.maxGroupItems ?? Number.POSITIVE_INFINITY;

  /** Writes the oldest group; the callers past maxGroupItems wait for the next turn. */
  const writeNext = (): void => {
    scheduled = false;
    if (writing || waiting.length === 0) return;
    const group = takeGroup();
    if (heldOff !== undefined && now() < heldOff.until) {
      for (const waiter of group) waiter.reject(heldOff.failure);
      if (waiting.length > 0) schedule();
      return;
    }
    heldOff = undefined;
    writing = true;
    try {
      let results: R[];
      try {
        results = options.writeGroup(group.map((w) => w.batch));
      } catch (error) {
        const failure = options.describeFailure(error);
        const holdOffMs = options.holdOffAfter?.(error) ?? 0;
        if (holdOffMs > 0) heldOff = { until: now() + holdOffMs, failure };
        for (const waiter of group) waiter.reject(failure);
        return;
      }
      options.onGroupCommit?.({ callers: group.length, items: group.reduce((n, w) => n + w.batch.length, 0) });
      const settle = (): void => group.forEach((waiter, index) => waiter.resolve(results[index] as R));
      if (options.makeDurable === undefined) settle();
      else {
        options.makeDurable().then(settle, (error: unknown) => {
          const failure = options.describeFailure(error);
          for (const waiter of group) waiter.reject(failure);
        });
      }
    } finally {
      writing = false;
      // Requests that arrived during the write form the next group.
      if (waiting.length > 0) schedule();
    }
  };

  /** The oldest callers, up to maxGroupItems items (always at least one caller). */
  const takeGroup = (): Waiter<T, R>[] => {
    let items = 0;
    let count = 0;
    while (count < waiting.length) {
      items += (waiting[count] as Waiter<T, R>).batch.length;
      if (count > 0 && items > maxGroupItems) break;
      count += 1;
    }
    return waiting.splice(0, count);
  };

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    // setImmediate runs after the current poll phase, so requests parsed in the same turn share a group.
    setImmediate(writeNext);
  };

  return {
    submit(batch) {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ batch, resolve, reject });
        schedule();
      });
    },
    flush() {
      // Everything waiting, group after group, now: close() must not leave a caller unwritten.
      while (waiting.length > 0 && !writing) writeNext();
    },
  };
}
