// One colour per event type, the same in every view and on every reload (the chart used to colour by
// position, so a type changed colour when another appeared). Unknown kinds (junk from rejected bodies)
// are grouped as "other". Pure.
import { EVENT_TYPES } from '../shared/event-catalog';

/** Mailjet event types first, then Segment call types; readable on light and dark backgrounds. */
const COLOURS: Readonly<Record<string, string>> = {
  sent: '#3b82f6',
  open: '#10b981',
  click: '#8b5cf6',
  bounce: '#f59e0b',
  spam: '#ec4899',
  blocked: '#a16207',
  unsub: '#64748b',
  identify: '#0ea5e9',
  track: '#14b8a6',
  page: '#84cc16',
  screen: '#a3a3a3',
  group: '#c084fc',
  alias: '#fb923c',
  other: '#9ca3af',
  failed: '#dc2626',
  refused: '#7f1d1d',
};

const SEGMENT_KINDS: ReadonlySet<string> = new Set(['identify', 'track', 'page', 'screen', 'group', 'alias']);
const MAILJET_KINDS: ReadonlySet<string> = new Set(EVENT_TYPES);

export type KindGroup = 'mailjet' | 'segment' | 'other';

/** "other" for anything that is neither a Mailjet event type nor a Segment call type. */
export function chartKind(kind: string): string {
  return MAILJET_KINDS.has(kind) || SEGMENT_KINDS.has(kind) ? kind : 'other';
}

export function kindGroup(kind: string): KindGroup {
  if (MAILJET_KINDS.has(kind)) return 'mailjet';
  if (SEGMENT_KINDS.has(kind)) return 'segment';
  return 'other';
}

export function colourFor(kind: string): string {
  return COLOURS[kind] ?? COLOURS.other ?? '#9ca3af';
}

/** Mailjet events, then Segment calls, then "other", each in catalog order. */
export function compareKinds(a: string, b: string): number {
  const order = Object.keys(COLOURS);
  return order.indexOf(a) - order.indexOf(b);
}
