// One row of the activity list (a queue item or a refused request) and the words for where it stands.
// Apart from api.ts so the inspector's contract (inspector-api.ts) can name it without importing api.ts back.

export type Direction = 'receive' | 'send';
export type ItemStatus = 'pending' | 'in_flight' | 'delivered' | 'failed' | 'skipped' | 'rejected';

/** An item's status, or `refused`: a request the relay answered 400/401/403/413/415 (kept in a bounded log). */
export type ActivityStatus = ItemStatus | 'refused';

export interface ActivityItem {
  /** A queue item's id, or "refused-<n>" for a refused request. */
  id: string;
  direction: Direction;
  /** identify / track / page … for receive; the Mailjet event type for send. */
  kind: string;
  /** The contact's email when known. */
  email?: string;
  status: ActivityStatus;
  /** Segment messageId (sent, or given by the caller) when known. */
  messageId?: string;
  /** Failed items only: false when retrying cannot succeed (the item itself is the problem). */
  retryable?: boolean;
  /** Refused requests: what to fix at the sender. */
  fix?: string;
  attempts: number;
  /** Why it failed or was skipped; what to do next when the user can act. */
  reason?: string;
  receivedAt: string;
  updatedAt: string;
}
