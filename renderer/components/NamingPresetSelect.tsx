// Which Segment names the events get: Mailjet's documented names or Segment's email spec.
import { NAMING_PRESET_LABELS, NAMING_PRESETS, type NamingPreset } from '../../shared/event-catalog';

interface NamingPresetSelectProps {
  value: NamingPreset;
  busy: boolean;
  onChange(preset: NamingPreset): void;
}

export function NamingPresetSelect({ value, busy, onChange }: NamingPresetSelectProps) {
  return (
    <div className="field">
      <label htmlFor="naming-preset">Event names</label>
      <select id="naming-preset" value={value} disabled={busy} aria-busy={busy || undefined}
        onChange={(e) => onChange(e.target.value as NamingPreset)}>
        {NAMING_PRESETS.map((preset) => (
          <option key={preset} value={preset}>{NAMING_PRESET_LABELS[preset]}</option>
        ))}
      </select>
    </div>
  );
}
