// The seven Mailjet event types the connector can forward, their labels, and the Segment names
// each naming preset gives them (docs/architecture.md#event-to-track). Pure data: no I/O, no Node.

export const EVENT_TYPES = ['sent', 'open', 'click', 'bounce', 'spam', 'blocked', 'unsub'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const NAMING_PRESETS = ['default', 'segment-spec'] as const;
export type NamingPreset = (typeof NAMING_PRESETS)[number];

export interface EventTypeInfo {
  type: EventType;
  /** UI label; accessible checkbox names start with it. */
  label: string;
  description: string;
  onByDefault: boolean;
  segmentName: Record<NamingPreset, string>;
}

export const EVENT_CATALOG: readonly EventTypeInfo[] = [
  { type: 'sent', label: 'Sent', description: 'Mailjet handed the email to the recipient’s server', onByDefault: true, segmentName: { default: 'Delivered', 'segment-spec': 'Email Delivered' } },
  { type: 'open', label: 'Open', description: 'The recipient opened the email', onByDefault: true, segmentName: { default: 'Email Opened', 'segment-spec': 'Email Opened' } },
  { type: 'click', label: 'Click', description: 'The recipient clicked a tracked link', onByDefault: true, segmentName: { default: 'Email Link Clicked', 'segment-spec': 'Email Link Clicked' } },
  { type: 'bounce', label: 'Bounce', description: 'The recipient’s server refused the email', onByDefault: true, segmentName: { default: 'Email Bounced', 'segment-spec': 'Email Bounced' } },
  { type: 'spam', label: 'Spam', description: 'The recipient marked the email as spam', onByDefault: true, segmentName: { default: 'Email Marked as Spam', 'segment-spec': 'Email Marked as Spam' } },
  { type: 'blocked', label: 'Blocked', description: 'Mailjet blocked the email before sending', onByDefault: true, segmentName: { default: 'Blocked', 'segment-spec': 'Email Blocked' } },
  { type: 'unsub', label: 'Unsubscribe', description: 'The recipient unsubscribed', onByDefault: true, segmentName: { default: 'Unsubscribed', 'segment-spec': 'Unsubscribed' } },
];

export const DEFAULT_EVENT_SELECTION: readonly EventType[] = EVENT_CATALOG.filter((e) => e.onByDefault).map((e) => e.type);

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

export function segmentEventName(type: EventType, preset: NamingPreset): string {
  const info = EVENT_CATALOG.find((e) => e.type === type);
  if (!info) throw new Error(`unknown event type ${type}`);
  return info.segmentName[preset];
}
