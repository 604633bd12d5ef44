// How `mjsc backfill` shows an import: a progress bar redrawn on one stderr line when stderr is a
// terminal, and a plain-text summary at the end (the JSON summary is the command's business).
import type { BackfillProgress, BackfillReason } from '../../shared/api';

const BAR_WIDTH = 24;
const number = (n: number): string => n.toLocaleString('en-US');

export function progressLine(progress: BackfillProgress): string {
  const filled = Math.round(progress.fraction * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(progress.fraction * 100)).padStart(3)}%`;
  const unit = progress.phase === 'reading' ? 'lines/s' : 'contacts/s';
  const left = progress.secondsLeft === null ? '' : `, ${formatDuration(progress.secondsLeft)} left`;
  return `${bar} ${progress.phase}: ${number(progress.linesRead)} lines read, ${number(progress.queued)} queued, ${number(progress.delivered)} delivered, ${number(progress.ratePerSecond)} ${unit}${left}`;
}

export function summaryLines(progress: BackfillProgress): string[] {
  const verb = progress.dryRun ? 'would be ' : '';
  const lines = [
    `${progress.dryRun ? 'Dry run' : 'Import'} ${progress.id} ${progress.phase}: ${number(progress.linesRead)} lines read from ${progress.files.join(', ')}`,
    `  ${number(progress.contacts)} contacts: ${number(progress.created)} ${verb}created, ${number(progress.updated)} ${verb}updated${progress.dryRun ? '' : `, ${number(progress.delivered)} delivered`}`,
    ...reasonLines('skipped', progress.skipped),
    ...reasonLines('failed', progress.failed),
  ];
  if (progress.problem !== undefined) lines.push(`  problem: ${progress.problem.message}`);
  return lines;
}

function reasonLines(label: string, reasons: readonly BackfillReason[]): string[] {
  const total = reasons.reduce((sum, entry) => sum + entry.count, 0);
  if (total === 0) return [];
  return [`  ${number(total)} ${label}:`, ...reasons.map((entry) => `    ${number(entry.count)}  ${entry.reason}`)];
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.ceil(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
