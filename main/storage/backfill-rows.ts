// Typed rows of the history import's tables (see backfill-schema.ts), as the store hands them out.
import type { ItemStatus } from '../../shared/api';

export type BackfillState = 'reading' | 'delivering' | 'done' | 'cancelled' | 'failed';

export interface BackfillRow {
  id: number;
  state: BackfillState;
  dryRun: boolean;
  listId: number | null;
  /** As given to create(): the runner's own description of its files. */
  files: unknown;
  /** Checkpoint: the file being read and how many of its lines are done. */
  fileIndex: number;
  lineOffset: number;
  linesRead: number;
  /** Lines not imported, by reason. */
  skipped: Record<string, number>;
  /** JSON the runner stored when the import ended. */
  summary: string | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface StagedContact {
  /** lower(trim(email)): one staged contact per key. */
  emailKey: string;
  email: string;
  /** The message's time (ms); the latest wins, a tie goes to the later line. */
  messageAt: number;
  /** The identify call as JSON text, stored verbatim like a live one. */
  payload: string;
  userId?: string;
}

/** Staged contacts of one page that progress counts alike (backfill-tally.ts). */
export interface StagedGroup {
  count: number;
  queued: boolean;
  superseded: boolean;
  /** Delivered by this connector before: when queued (a dry run: by now). */
  known: boolean;
  /** Their item's status; null while not queued (or once the item was pruned). */
  status: ItemStatus | null;
  /** Why their item failed or was skipped. */
  reason: string | null;
}

/** Up to a page's worth of an import's staged contacts in key order, grouped. */
export interface ProgressPage {
  contacts: number;
  /** The page's last key, where the next page starts; null when the page is empty. */
  lastKey: string | null;
  groups: StagedGroup[];
}
