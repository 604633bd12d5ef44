// What an import looks like to the operator (BackfillProgress): lines read, contacts queued and
// delivered, the rate and the time left, and the reasons for everything skipped or failed, from the
// counts the caller took (backfill-tally.ts). An ended import shows the summary stored when it ended
// (its items may since have been pruned).
import type { BackfillProgress, BackfillReason } from '../../shared/api';
import type { BackfillRow, BackfillState } from '../storage/backfill-store';
import type { BackfillFile } from './backfill-files';
import type { ImportCounts } from './backfill-tally';

/** Kept in memory by the process running the import, for the rate and the reading fraction. */
export interface LiveCounters {
  startedAt: number;
  bytesRead: number;
  linesAtStart: number;
  linesRead?: number;
  deliveredAtStart: number | undefined;
  deliveringSince: number | undefined;
}

export const SUPERSEDED_REASON = 'a newer live identify for this email was already received, and this older call would undo it';
/** Reading is this share of the bar; delivery the rest. */
const READING_SHARE = 0.2;

export function isLive(state: BackfillState): boolean {
  return state === 'reading' || state === 'delivering';
}

/** The summary an ended import stored; undefined while it runs. */
export function endedSummary(row: BackfillRow): BackfillProgress | undefined {
  if (row.summary === null || isLive(row.state)) return undefined;
  return { ...(JSON.parse(row.summary) as BackfillProgress), phase: row.state };
}

export function describeProgress(row: BackfillRow, counts: Omit<ImportCounts, 'countedAt'>, counters: LiveCounters | undefined, now: number): BackfillProgress {
  const files = Array.isArray(row.files) ? (row.files as BackfillFile[]) : [];
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  const reading = row.state === 'reading';
  const bytesRead = reading ? Math.min(counters?.bytesRead ?? 0, totalBytes) : totalBytes;
  const delivered = counts.created + counts.updated;
  const failedCount = sum(counts.failed);
  const settled = delivered + failedCount + sum(counts.skipped) + counts.superseded;
  const skipped: BackfillReason[] = [
    ...Object.entries(row.skipped).map(([reason, count]) => ({ reason, count })),
    ...(counts.superseded > 0 ? [{ reason: SUPERSEDED_REASON, count: counts.superseded }] : []),
    ...counts.skipped,
  ].sort((a, b) => b.count - a.count);
  const readFraction = totalBytes === 0 ? 1 : bytesRead / totalBytes;
  const deliverFraction = counts.contacts === 0 ? (reading ? 0 : 1) : settled / counts.contacts;
  const fraction = !isLive(row.state) ? 1 : row.dryRun ? readFraction : READING_SHARE * readFraction + (1 - READING_SHARE) * (reading ? 0 : deliverFraction);
  const pace = paceOf(reading, counters, now, bytesRead, totalBytes, row.linesRead, delivered, counts.contacts - settled);
  return {
    id: String(row.id),
    phase: row.state,
    dryRun: row.dryRun,
    files: files.map((file) => file.name),
    listId: row.listId,
    linesRead: Math.max(row.linesRead, counters?.linesRead ?? 0),
    bytesRead,
    totalBytes,
    contacts: counts.contacts,
    queued: counts.queued,
    delivered,
    created: row.dryRun ? counts.contacts - counts.known : counts.created,
    updated: row.dryRun ? counts.known : counts.updated,
    skipped,
    failed: counts.failed,
    fraction: Math.max(0, Math.min(1, fraction)),
    ...pace,
    ...(row.error === null ? {} : { problem: { code: 'backfill_failed', message: row.error } }),
  };
}

function paceOf(
  reading: boolean,
  counters: LiveCounters | undefined,
  now: number,
  bytesRead: number,
  totalBytes: number,
  linesRead: number,
  delivered: number,
  contactsLeft: number,
): { ratePerSecond: number; secondsLeft: number | null } {
  if (counters === undefined) return { ratePerSecond: 0, secondsLeft: null };
  if (reading) {
    const seconds = (now - counters.startedAt) / 1000;
    const lines = Math.max(counters.linesRead ?? linesRead, linesRead) - counters.linesAtStart;
    if (seconds <= 0 || bytesRead === 0) return { ratePerSecond: 0, secondsLeft: null };
    return { ratePerSecond: Math.round(lines / seconds), secondsLeft: Math.ceil(((totalBytes - bytesRead) / bytesRead) * seconds) };
  }
  if (counters.deliveringSince === undefined || counters.deliveredAtStart === undefined) return { ratePerSecond: 0, secondsLeft: null };
  const seconds = (now - counters.deliveringSince) / 1000;
  const rate = seconds <= 0 ? 0 : (delivered - counters.deliveredAtStart) / seconds;
  return { ratePerSecond: Math.round(rate), secondsLeft: rate > 0 ? Math.ceil(Math.max(0, contactsLeft) / rate) : null };
}

function sum(reasons: readonly BackfillReason[]): number {
  return reasons.reduce((total, entry) => total + entry.count, 0);
}
