// Every delivery attempt of one item: when, the outcome, the upstream status, how long it took and
// what the upstream said (redacted), with the next retry time for a pending item.
import type { ItemAttempt } from '../../shared/api';
import { formatDateTime } from '../date-format';

export function ItemAttemptsTable({ attempts, nextAttemptAt }: { attempts: ItemAttempt[]; nextAttemptAt?: string }) {
  return (
    <div>
      <h4>Attempts</h4>
      {attempts.length === 0 ? (
        <p className="hint">No delivery attempt yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Delivery attempts</caption>
          <thead>
            <tr><th scope="col">Time</th><th scope="col">Outcome</th><th scope="col">Upstream status</th><th scope="col">Latency</th><th scope="col">Answer</th></tr>
          </thead>
          <tbody>
            {attempts.map((attempt, index) => (
              <tr key={`${attempt.at}-${index}`}>
                <td className="nowrap"><time dateTime={attempt.at}>{formatDateTime(attempt.at)}</time></td>
                <td>{attempt.outcome === 'retry' ? 'will retry' : attempt.outcome}</td>
                <td>{attempt.upstreamStatus ?? (attempt.outcome === 'delivered' ? '2xx' : '—')}</td>
                <td>{attempt.latencyMs === undefined ? '—' : `${attempt.latencyMs} ms`}</td>
                <td>{attempt.response ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextAttemptAt !== undefined && <p>Next attempt: <time dateTime={nextAttemptAt}>{formatDateTime(nextAttemptAt)}</time></p>}
    </div>
  );
}
