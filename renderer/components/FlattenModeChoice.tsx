// How nested traits become Mailjet properties, with the same example shown under each choice.
import type { FlattenMode } from '../../shared/api';

const EXAMPLE = '{"address":{"city":"London","street":{"name":"Baker Street"}}}';

const MODES: ReadonlyArray<{ mode: FlattenMode; label: string; effect: string; result: string }> = [
  {
    mode: 'documented',
    label: 'Documented (as Mailjet’s own connector)',
    effect: 'One level of nesting is split; an object holding another object is dropped whole, so address loses city too.',
    result: 'no property (address is dropped and reported)',
  },
  {
    mode: 'deep',
    label: 'Deep',
    effect: 'Any depth is flattened; lists of plain values are joined with ", ".',
    result: 'address_city = London, address_street_name = Baker Street',
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
      {MODES.map(({ mode, label, effect, result }) => (
        <div key={mode} className="choice">
          <input type="radio" id={`flatten-${mode}`} name="flatten-mode" value={mode} checked={value === mode}
            disabled={busy} onChange={() => onChange(mode)} aria-describedby={`flatten-${mode}-effect`} />
          <label htmlFor={`flatten-${mode}`}>{label}</label>
          <small id={`flatten-${mode}-effect`} className="hint">
            {effect} Result: <code>{result}</code>
          </small>
        </div>
      ))}
    </fieldset>
  );
}
