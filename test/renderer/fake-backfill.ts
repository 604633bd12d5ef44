// A history import's progress for component tests, with plausible defaults.
import type { BackfillProgress } from '../../shared/api';

/** A history import's progress with plausible defaults. */
export function fakeBackfill(change: Partial<BackfillProgress> = {}): BackfillProgress {
  return {
    id: '1', phase: 'reading', dryRun: false, files: ['history.jsonl.gz'], listId: 11, linesRead: 0, bytesRead: 0, totalBytes: 1000,
    contacts: 0, queued: 0, delivered: 0, created: 0, updated: 0, skipped: [], failed: [], fraction: 0, ratePerSecond: 0, secondsLeft: null,
    ...change,
  };
}
