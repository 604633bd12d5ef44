// The history import's part of the ConnectorApi contract (shared/api.ts): its progress, start and
// upload shapes. Plain data only; never a secret.
import type { Problem } from './problem';

export type BackfillPhase = 'reading' | 'delivering' | 'done' | 'cancelled' | 'failed';

export interface BackfillReason {
  reason: string;
  count: number;
}

/** One history import (`mjsc backfill`, "Import history"): where it is, and what it did so far. */
export interface BackfillProgress {
  id: string;
  phase: BackfillPhase;
  /** A dry run reads and counts, and never queues a contact. */
  dryRun: boolean;
  /** File names, as picked or given. */
  files: string[];
  listId: number | null;
  linesRead: number;
  /** Of the files' bytes on disk (compressed for gzip), how many are read; for the reading part of the bar. */
  bytesRead: number;
  totalBytes: number;
  /** Distinct contacts (by email) found so far. */
  contacts: number;
  queued: number;
  delivered: number;
  /** Delivered contacts new to this connector, and ones it had delivered before (a dry run: would be). */
  created: number;
  updated: number;
  /** Lines or contacts not imported, and items failed in delivery, each with why. */
  skipped: BackfillReason[];
  failed: BackfillReason[];
  /** 0..1 over the whole import: reading, then delivery. */
  fraction: number;
  /** Lines per second while reading, contacts per second while delivering. */
  ratePerSecond: number;
  /** null while unknown. */
  secondsLeft: number | null;
  problem?: Problem;
}

export interface BackfillStart {
  /** Paths on the connector's machine (the CLI). */
  files?: string[];
  /** Ids returned by uploadBackfillChunk (the UI). */
  uploads?: string[];
  /** Must be the selected list, or chooses it when none is selected. */
  listId?: number;
  dryRun?: boolean;
}

export interface BackfillChunk {
  /** Left out for a file's first chunk; the answer names the upload. */
  uploadId?: string;
  name: string;
  /** Byte offset of this chunk in the file: chunks arrive in order. */
  offset: number;
  /** The bytes, base64. */
  data: string;
}

