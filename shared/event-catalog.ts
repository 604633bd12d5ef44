// The seven Mailjet event types the connector can forward, their labels, and the Segment names
// each naming preset gives them (docs/architecture.md#event-to-track). Pure data: no I/O, no Node.
// Exhaustive by type: a new event type or preset does not compile until every table below covers it.

export const EVENT_TYPES = ['sent', 'open', 'click', 'bounce', 'spam', 'blocked', 'unsub'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const NAMING_PRESETS = ['default', 'segment-spec'] as const;
export type NamingPreset = (typeof NAMING_PRESETS)[number];

/** What the UI says for each naming preset. */
export const NAMING_PRESET_LABELS = {
  default: 'Mailjet’s documented names',
  'segment-spec': 'Segment email spec names',
} as const satisfies Record<NamingPreset, string>;

export interface EventTypeEntry {
  /** UI label; accessible checkbox names start with it. */
  label: string;
  description: string;
  onByDefault: boolean;
  /** The Segment track name under each naming preset. */
  segmentName: Record<NamingPreset, string>;
}

export interface EventTypeInfo extends EventTypeEntry {
  type: EventType;
}

/** One entry per event type: `satisfies` makes a missing (or unknown) type a compile error. */
export type EventTypeTable = Record<EventType, EventTypeEntry>;

const EVENT_TYPE_TABLE = {
  sent: { label: 'Sent', description: 'Mailjet handed the email to the recipient’s server', onByDefault: true, segmentName: { default: 'Delivered', 'segment-spec': 'Email Delivered' } },
  open: { label: 'Open', description: 'The recipient opened the email', onByDefault: true, segmentName: { default: 'Email Opened', 'segment-spec': 'Email Opened' } },
  click: { label: 'Click', description: 'The recipient clicked a tracked link', onByDefault: true, segmentName: { default: 'Email Link Clicked', 'segment-spec': 'Email Link Clicked' } },
  bounce: { label: 'Bounce', description: 'The recipient’s server refused the email', onByDefault: true, segmentName: { default: 'Email Bounced', 'segment-spec': 'Email Bounced' } },
  spam: { label: 'Spam', description: 'The recipient marked the email as spam', onByDefault: true, segmentName: { default: 'Email Marked as Spam', 'segment-spec': 'Email Marked as Spam' } },
  blocked: { label: 'Blocked', description: 'Mailjet blocked the email before sending', onByDefault: true, segmentName: { default: 'Blocked', 'segment-spec': 'Email Blocked' } },
  unsub: { label: 'Unsubscribe', description: 'The recipient unsubscribed', onByDefault: true, segmentName: { default: 'Unsubscribed', 'segment-spec': 'Unsubscribed' } },
} as const satisfies EventTypeTable;

/** The table as a list, in EVENT_TYPES order (the order the UI shows). */
export const EVENT_CATALOG: readonly EventTypeInfo[] = EVENT_TYPES.map((type) => ({ type, ...EVENT_TYPE_TABLE[type] }));

export const DEFAULT_EVENT_SELECTION: readonly EventType[] = EVENT_CATALOG.filter((e) => e.onByDefault).map((e) => e.type);

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

export function segmentEventName(type: EventType, preset: NamingPreset): string {
  return EVENT_TYPE_TABLE[type].segmentName[preset];
}
