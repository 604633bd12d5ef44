// Filters for the items table: direction, status (refused included), event type, free-text search
// (email, userId, messageId, Mailjet MessageID) and a time range. Changing one starts at the newest page.
import type { ActivityQuery, ActivityStatus, Direction } from '../../shared/api';
import { EVENT_TYPES } from '../../shared/event-catalog';
import { localInputToIso } from '../date-format';

const STATUSES: ActivityStatus[] = ['pending', 'in_flight', 'delivered', 'failed', 'skipped', 'rejected', 'refused'];
const CALL_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;

interface ActivityFiltersProps {
  value: ActivityQuery;
  onChange(value: ActivityQuery): void;
}

/** The ISO instant back into a datetime-local value (local time, minutes). */
function toLocalInput(iso: string | undefined): string {
  if (iso === undefined) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function ActivityFilters({ value, onChange }: ActivityFiltersProps) {
  const change = (patch: Partial<ActivityQuery>): void => onChange({ ...value, ...patch, before: undefined });
  return (
    <div className="filters">
      <div className="field-row">
        <label htmlFor="filter-search">Search</label>
        <input id="filter-search" type="text" value={value.search ?? ''} placeholder="email, userId, messageId or MessageID"
          onChange={(e) => change({ search: e.target.value === '' ? undefined : e.target.value })} />
      </div>
      <div className="field-row">
        <label htmlFor="filter-direction">Direction</label>
        <select id="filter-direction" value={value.direction ?? ''}
          onChange={(e) => change({ direction: (e.target.value || undefined) as Direction | undefined })}>
          <option value="">Both directions</option>
          <option value="receive">Segment → Mailjet</option>
          <option value="send">Mailjet → Segment</option>
        </select>
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" value={value.status ?? ''}
          onChange={(e) => change({ status: (e.target.value || undefined) as ActivityStatus | undefined })}>
          <option value="">Any status</option>
          {STATUSES.map((s) => <option key={s} value={s}>{s.replace('_', ' ')}</option>)}
        </select>
        <label htmlFor="filter-type">Event type</label>
        <select id="filter-type" value={value.eventType ?? ''} onChange={(e) => change({ eventType: e.target.value || undefined })}>
          <option value="">Any type</option>
          <optgroup label="Mailjet events">{EVENT_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}</optgroup>
          <optgroup label="Segment calls">{CALL_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}</optgroup>
        </select>
      </div>
      <div className="field-row">
        <label htmlFor="filter-since">From</label>
        <input id="filter-since" type="datetime-local" value={toLocalInput(value.since)} onChange={(e) => change({ since: localInputToIso(e.target.value) })} />
        <label htmlFor="filter-until">To</label>
        <input id="filter-until" type="datetime-local" value={toLocalInput(value.until)} onChange={(e) => change({ until: localInputToIso(e.target.value) })} />
        <span className="hint">Times are in your time zone ({Intl.DateTimeFormat().resolvedOptions().timeZone}).</span>
      </div>
    </div>
  );
}
