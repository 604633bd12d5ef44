// Live queue counts per direction, as a small table so the numbers read well aloud too.
import type { Activity, QueueCounts } from '../../shared/api';

const COLUMNS: ReadonlyArray<{ field: keyof QueueCounts; label: string }> = [
  { field: 'pending', label: 'Pending' },
  { field: 'inFlight', label: 'Sending now' },
  { field: 'delivered', label: 'Delivered' },
  { field: 'failed', label: 'Failed' },
  { field: 'skipped', label: 'Skipped' },
  { field: 'rejected', label: 'Rejected' },
];

const DIRECTIONS = [
  { key: 'receive', label: 'Segment → Mailjet' },
  { key: 'send', label: 'Mailjet → Segment' },
] as const;

export function ActivityCounts({ counts }: { counts: Activity['counts'] }) {
  return (
    <table className="table counts">
      <caption>Items per direction</caption>
      <thead>
        <tr>
          <th scope="col">Direction</th>
          {COLUMNS.map((c) => <th key={c.field} scope="col">{c.label}</th>)}
        </tr>
      </thead>
      <tbody>
        {DIRECTIONS.map(({ key, label }) => (
          <tr key={key}>
            <th scope="row">{label}</th>
            {COLUMNS.map((c) => (
              <td key={c.field} className={c.field === 'failed' && counts[key].failed > 0 ? 'bad' : undefined}>
                {counts[key][c.field]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
