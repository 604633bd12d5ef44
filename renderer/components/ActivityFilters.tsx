// Direction and status filters for the recent-items table.
import type { ActivityQuery, Direction, ItemStatus } from '../../shared/api';

const STATUSES: ItemStatus[] = ['pending', 'in_flight', 'delivered', 'failed', 'skipped', 'rejected'];

interface ActivityFiltersProps {
  value: ActivityQuery;
  onChange(value: ActivityQuery): void;
}

export function ActivityFilters({ value, onChange }: ActivityFiltersProps) {
  return (
    <div className="field-row">
      <label htmlFor="filter-direction">Direction</label>
      <select id="filter-direction" value={value.direction ?? ''}
        onChange={(e) => onChange({ ...value, direction: (e.target.value || undefined) as Direction | undefined })}>
        <option value="">Both directions</option>
        <option value="receive">Segment → Mailjet</option>
        <option value="send">Mailjet → Segment</option>
      </select>
      <label htmlFor="filter-status">Status</label>
      <select id="filter-status" value={value.status ?? ''}
        onChange={(e) => onChange({ ...value, status: (e.target.value || undefined) as ItemStatus | undefined })}>
        <option value="">Any status</option>
        {STATUSES.map((s) => <option key={s} value={s}>{s.replace('_', ' ')}</option>)}
      </select>
    </div>
  );
}
