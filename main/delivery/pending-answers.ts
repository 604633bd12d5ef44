// Writes posted to the storage writer thread whose answers are still to come. A batch is done once
// they are all answered (Settlement.settled), including answers whose handling posts another write.

export interface PendingAnswers {
  /** Keeps `answer` until it settles; it must not reject (its handlers deal with a refused write). */
  track(answer: Promise<void>): void;
  /** Resolves once nothing tracked is left, counting what is tracked while it waits. */
  settled(): Promise<void>;
}

export function createPendingAnswers(): PendingAnswers {
  const pending = new Set<Promise<void>>();
  return {
    track(answer) {
      const tracked = answer.finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
    async settled() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}
