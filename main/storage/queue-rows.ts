// The queue's row shapes, apart from item-queue.ts so its statement and commit modules can name them
// without importing the queue back (a type-only cycle otherwise).
import type { Direction } from '../../shared/api';

export interface NewItem {
  direction: Direction;
  kind: string;
  email?: string;
  /** The item's JSON text, kept verbatim (big integers live in it). */
  payload: string;
  status?: 'pending' | 'skipped' | 'rejected';
  /** Why it was skipped or rejected. */
  reason?: string;
  messageId?: string;
  /** For identify items: stored with `email` in the identity map, in the same transaction. */
  userId?: string;
  /** The carrying request as JSON {"method","path","headers"}, credentials already masked (the inspector shows it). */
  request?: string;
}

export interface QueuedItem {
  id: number;
  direction: Direction;
  kind: string;
  email: string | null;
  payload: string;
  attempts: number;
  firstAttemptAt: number | null;
  receivedAt: number;
  messageId: string | null;
}
