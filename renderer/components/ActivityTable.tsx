// Items with their status, reason (or, for a refused request, the fix) and date with time zone. Every
// row has Details; a failed one has Retry only when a retry can succeed.
import type { ActivityItem } from '../../shared/api';
import { formatDateTime } from '../date-format';
import { BusyButton } from './BusyButton';

interface ActivityTableProps {
  items: ActivityItem[];
  retrying: ReadonlySet<string>;
  onRetry(id: string): void;
  onDetails(id: string): void;
}

export function ActivityTable({ items, retrying, onRetry, onDetails }: ActivityTableProps) {
  if (items.length === 0) return <p className="hint">No items match these filters yet.</p>;
  return (
    <table className="table">
      <caption className="visually-hidden">Recent items</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th><th scope="col">Email</th><th scope="col">Status</th>
          <th scope="col">Attempts</th><th scope="col">Reason</th><th scope="col">Time</th><th scope="col"><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td id={`item-${item.id}`} className="nowrap">{item.status === 'refused' ? 'Refused ' : item.direction === 'receive' ? 'Segment ' : 'Mailjet '}{item.kind}</td>
            <td>{item.email ?? '—'}</td>
            <td className="nowrap"><span className={`badge badge-${item.status}`}>{item.status.replace('_', ' ')}</span></td>
            <td>{item.attempts}</td>
            <td>
              {item.reason ?? ''}
              {item.fix !== undefined && <strong className="fix"> Fix: {item.fix}</strong>}
            </td>
            <td className="nowrap"><time dateTime={item.updatedAt}>{formatDateTime(item.updatedAt)}</time></td>
            <td className="row-actions">
              <button type="button" className="button button-small" aria-describedby={`item-${item.id}`} onClick={() => onDetails(item.id)}>Details</button>
              {item.status === 'failed' && item.retryable !== false && (
                <BusyButton busy={retrying.has(item.id)} className="button button-small" onClick={() => onRetry(item.id)}
                  aria-describedby={`item-${item.id}`}>
                  Retry
                </BusyButton>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
