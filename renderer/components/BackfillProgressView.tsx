// One history import as the operator sees it: the "Import progress" bar, lines read, contacts queued
// and delivered, the rate and the time left; at the end, created / updated and every skip or failure with why.
import type { BackfillProgress, BackfillReason } from '../../shared/api';

const number = (n: number): string => n.toLocaleString('en-US');

export function BackfillProgressView({ progress }: { progress: BackfillProgress }) {
  const active = progress.phase === 'reading' || progress.phase === 'delivering';
  const percent = Math.floor(progress.fraction * 100);
  return (
    <div className="backfill-progress">
      <progress aria-label="Import progress" max={100} value={percent} aria-valuetext={`${percent}% (${describePhase(progress)})`} />
      <p aria-live="polite">
        {describePhase(progress)}: {number(progress.linesRead)} lines read, {number(progress.contacts)} contacts
        {!progress.dryRun && <>, {number(progress.queued)} queued, {number(progress.delivered)} delivered</>}
        {active && progress.ratePerSecond > 0 && <>, {number(progress.ratePerSecond)} {progress.phase === 'reading' ? 'lines' : 'contacts'}/s</>}
        {active && progress.secondsLeft !== null && <>, about {describeSeconds(progress.secondsLeft)} left</>}.
      </p>
      {!active && (
        <dl className="backfill-summary">
          <dt>{progress.dryRun ? 'Would be created' : 'Created'}</dt>
          <dd>{number(progress.created)}</dd>
          <dt>{progress.dryRun ? 'Would be updated' : 'Updated'}</dt>
          <dd>{number(progress.updated)}</dd>
          <ReasonList label="Skipped" reasons={progress.skipped} />
          <ReasonList label="Failed" reasons={progress.failed} />
        </dl>
      )}
      {progress.problem && (
        <p role="alert" className="alert alert-error">
          {progress.problem.message}
        </p>
      )}
    </div>
  );
}

function ReasonList({ label, reasons }: { label: string; reasons: readonly BackfillReason[] }) {
  const total = reasons.reduce((sum, entry) => sum + entry.count, 0);
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {number(total)}
        {total > 0 && (
          <ul>
            {reasons.map((entry) => (
              <li key={entry.reason}>
                {number(entry.count)}: {entry.reason}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </>
  );
}

function describePhase(progress: BackfillProgress): string {
  const what = progress.dryRun ? 'Dry run' : 'Import';
  const phases: Record<BackfillProgress['phase'], string> = {
    reading: 'reading the files',
    delivering: 'delivering to Mailjet',
    done: 'done',
    cancelled: 'cancelled',
    failed: 'stopped',
  };
  return `${what} ${phases[progress.phase]}`;
}

function describeSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} s`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.ceil((seconds % 3600) / 60)} min`;
}
