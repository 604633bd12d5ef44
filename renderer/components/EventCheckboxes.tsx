// One checkbox per Mailjet event type; each name starts with the catalog label ("Sent → Delivered")
// because outside tests find them by that first word.
import { EVENT_CATALOG, segmentEventName, type EventType, type NamingPreset } from '../../shared/event-catalog';

interface EventCheckboxesProps {
  selected: readonly EventType[];
  preset: NamingPreset;
  disabled: boolean;
  onChange(selected: EventType[]): void;
}

export function EventCheckboxes({ selected, preset, disabled, onChange }: EventCheckboxesProps) {
  const toggle = (type: EventType, on: boolean): void => {
    // Keep catalog order so the saved selection reads the same as the screen.
    onChange(EVENT_CATALOG.map((e) => e.type).filter((t) => (t === type ? on : selected.includes(t))));
  };
  return (
    <fieldset className="fieldset">
      <legend>Events to forward (Mailjet → Segment event name)</legend>
      <ul className="event-list">
        {EVENT_CATALOG.map(({ type, label, description }) => (
          <li key={type}>
            <input type="checkbox" id={`event-${type}`} checked={selected.includes(type)} disabled={disabled}
              onChange={(e) => toggle(type, e.target.checked)} aria-describedby={`event-${type}-description`} />
            <label htmlFor={`event-${type}`}>
              {label} → <span className="segment-name">{segmentEventName(type, preset)}</span>
            </label>
            <small id={`event-${type}-description`} className="hint">{description}</small>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
