// Recent items with their status and reason; failed ones get a Retry button.
import type { ActivityItem } from '../../shared/api';
import { BusyButton } from './BusyButton';

// 24-hour, like the chart's minute labels, so a row and its bar read the same.
const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

interface ActivityTableProps {
  items: ActivityItem[];
  retrying: ReadonlySet<string>;
  onRetry(id: string): void;
}

export function ActivityTable({ items, retrying, onRetry }: ActivityTableProps) {
  if (items.length === 0) return <p className="hint">No items match these filters yet.</p>;
  return (
    <table className="table">
      <caption className="visually-hidden">Recent items</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th><th scope="col">Email</th><th scope="col">Status</th>
          <th scope="col">Attempts</th><th scope="col">Reason</th><th scope="col">Time</th><th scope="col"><span className="visually-hidden">Action</span></th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td id={`item-${item.id}`} className="nowrap">{item.direction === 'receive' ? 'Segment ' : 'Mailjet '}{item.kind}</td>
            <td>{item.email ?? '—'}</td>
            <td className="nowrap"><span className={`badge badge-${item.status}`}>{item.status.replace('_', ' ')}</span></td>
            <td>{item.attempts}</td>
            <td>{item.reason ?? ''}</td>
            <td className="nowrap"><time dateTime={item.updatedAt}>{TIME_FORMAT.format(new Date(item.updatedAt))}</time></td>
            <td>
              {item.status === 'failed' && (
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
