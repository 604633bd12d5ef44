// The event catalog is exhaustive by type: every event type has a label, a description and a Segment
// name under every naming preset, and a table that leaves one out does not compile (checked by tsc).
import { EVENT_CATALOG, EVENT_TYPES, NAMING_PRESET_LABELS, NAMING_PRESETS, segmentEventName, type EventTypeEntry, type EventTypeTable } from '../../shared/event-catalog';

const ENTRY: EventTypeEntry = { label: 'Sent', description: 'd', onByDefault: true, segmentName: { default: 'Delivered', 'segment-spec': 'Email Delivered' } };

describe('event catalog', () => {
  it('lists every event type once, in the order the UI shows them', () => {
    expect(EVENT_CATALOG.map((entry) => entry.type)).toEqual([...EVENT_TYPES]);
  });

  it.each(EVENT_CATALOG.map((entry) => [entry.type, entry] as const))('gives %s a label, a description and both Segment names', (type, entry) => {
    expect(entry.label.trim()).not.toBe('');
    expect(entry.description.trim()).not.toBe('');
    for (const preset of NAMING_PRESETS) expect(segmentEventName(type, preset)).toBe(entry.segmentName[preset]);
    for (const preset of NAMING_PRESETS) expect(entry.segmentName[preset].trim()).not.toBe('');
  });

  it('labels every naming preset', () => {
    expect(NAMING_PRESETS.map((preset) => NAMING_PRESET_LABELS[preset].trim() !== '')).toEqual(NAMING_PRESETS.map(() => true));
  });

  it('refuses, at compile time, a table without an entry for every type or a name for every preset', () => {
    const complete = Object.fromEntries(EVENT_TYPES.map((type) => [type, ENTRY])) as EventTypeTable;
    const { unsub: _unsub, ...withoutUnsub } = complete;
    // @ts-expect-error -- an event type without its entry
    const missingType: EventTypeTable = withoutUnsub;
    // @ts-expect-error -- an entry without the segment-spec name
    const missingName: EventTypeEntry = { label: 'Sent', description: 'd', onByDefault: true, segmentName: { default: 'Delivered' } };
    expect(Object.keys(missingType)).not.toContain('unsub');
    expect(Object.keys(missingName.segmentName)).toEqual(['default']);
  });
});
