// How nested traits become Mailjet properties, with the same example shown under each choice.
import type { FlattenMode } from '../../shared/api';

const EXAMPLE = '{"address":{"city":"London","street":{"name":"Baker Street"}}}';

// `properties` is null when the example yields no property at all.
const MODES: ReadonlyArray<{ mode: FlattenMode; label: string; effect: string; properties: string | null }> = [
  {
    mode: 'documented',
    label: 'Documented (as Mailjet’s own connector)',
    effect: 'One level of nesting is split; an object holding another object is dropped whole, so address loses city too.',
    properties: null,
  },
  {
    mode: 'deep',
    label: 'Deep',
    effect: 'Any depth is flattened; lists of plain values are joined with ", ".',
    properties: 'address_city = London, address_street_name = Baker Street',
  },
];

interface FlattenModeChoiceProps {
  value: FlattenMode;
  busy: boolean;
  onChange(mode: FlattenMode): void;
}

export function FlattenModeChoice({ value, busy, onChange }: FlattenModeChoiceProps) {
  return (
    <fieldset className="fieldset" aria-busy={busy || undefined}>
      <legend>Nested traits</legend>
      <p className="hint">Example trait: <code>{EXAMPLE}</code></p>
      {MODES.map(({ mode, label, effect, properties }) => (
        <div key={mode} className="choice">
          <input type="radio" id={`flatten-${mode}`} name="flatten-mode" value={mode} checked={value === mode}
            disabled={busy} onChange={() => onChange(mode)} aria-describedby={`flatten-${mode}-effect`} />
          <label htmlFor={`flatten-${mode}`}>{label}</label>
          <small id={`flatten-${mode}-effect`} className="hint">
            {effect} Result:{' '}
            {properties ? <code>{properties}</code> : 'no property: address is dropped (Preview shows why).'}
          </small>
        </div>
      ))}
    </fieldset>
  );
}
