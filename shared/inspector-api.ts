// The inspector's part of the ConnectorApi contract (getItem, replayItems, discardItems): one item in
// full, and what replaying or discarding did. Plain data; never a secret (headers arrive masked).
import type { ActivityItem } from './activity-item';
import type { SegmentTrack } from './event-to-track';
import type { DroppedTrait } from './identify-to-contact';

export interface ItemAttempt {
  at: string;
  outcome: 'delivered' | 'retry' | 'failed';
  /** The upstream's HTTP status when known (0: no answer). */
  upstreamStatus?: number;
  /** A redacted excerpt of the upstream's answer or the failure reason. */
  response?: string;
  latencyMs?: number;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  /** Selected headers, every credential masked. */
  headers: Record<string, string>;
  /** The item's body as received, pretty-printed with big integers exact. */
  body: string;
  /** True when `body` was cut at the display cap. */
  bodyTruncated: boolean;
}

export type SentUpstream =
  | { kind: 'track'; call: SegmentTrack }
  | { kind: 'contact'; listId: number | null; email: string; name: string | null; properties: Record<string, string | number | boolean>; dropped: DroppedTrait[] };

export interface ItemDetails {
  item: ActivityItem;
  request?: ReceivedRequest;
  /** What is (or was) sent upstream for it, mapped with the current settings. */
  sent?: SentUpstream;
  attempts: ItemAttempt[];
  /** Pending items: when the next attempt is due. */
  nextAttemptAt?: string;
  notes: string[];
  dropped: DroppedTrait[];
  /** Whether replayItems can send it again. */
  replayable: boolean;
}

export interface ReplayResult {
  replayed: number;
  /** Ids that cannot be replayed (refused, rejected, still pending), with why. */
  notReplayed: Array<{ id: string; reason: string }>;
  /** true: sent with a new messageId, so Segment keeps both; false: the same messageId, so Segment drops it as a duplicate. */
  asNewMessage: boolean;
}

export interface DiscardResult {
  discarded: number;
  byDirection: { receive: number; send: number };
}
