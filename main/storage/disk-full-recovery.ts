// Writes on a disk short of space (docs/architecture.md#a-full-disk): after SQLITE_FULL the WAL is
// checkpointed into the database and truncated before anything else may write, so freed space goes to
// the data; below 64 MiB free the log is kept small. It never hides SQLITE_FULL.
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Connection } from './write-transaction';

/**
 * A failed checkpoint is tried again on the next write as soon as the disk has more free space than
 * after the last try, and otherwise at most this often: a full disk answers 503 at once, not after a
 * checkpoint per request.
 */
export const RECLAIM_INTERVAL_MS = 1_000;

interface Shortage {
  since: number;
  /** The database's folder, whose file system is asked for free space. */
  dir: string | undefined;
  lastTryAt: number;
  freeAfterLastTry: number;
  /** A checkpoint went through since the last failure: writes may try again (the shortage ends with one that succeeds). */
  reclaimed: boolean;
}

const shortages = new WeakMap<Connection, Shortage>();

/**
 * Below this much free space the log is checkpointed and truncated after a write, at most once per
 * LOW_SPACE_CHECK_MS: the database file then holds the data, so a disk that fills up needs little room
 * to recover, and the log's (up to 4 MB) pages are given back before the disk is full.
 */
export const LOW_SPACE_BYTES = 64 * 1024 * 1024;
export const LOW_SPACE_CHECK_MS = 1_000;

interface SpaceWatch {
  dir: string | undefined;
  nextCheckAt: number;
}

const watches = new WeakMap<Connection, SpaceWatch>();

/** Said for writes refused because the log could not be checkpointed yet; storage-errors reads the code. */
export class DiskStillFullError extends Error {
  readonly code = 'SQLITE_FULL';
  constructor() {
    super('the disk is still full: the write-ahead log could not be checkpointed into the database yet');
    this.name = 'DiskStillFullError';
  }
}

export function isDiskFull(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_FULL');
}

/**
 * When the disk is full: since when (ms, wall clock), until a write succeeds again. A checkpoint that
 * goes through does not end it: with the log already empty it "succeeds" while the next write still
 * finds no room (seen with the writer thread, whose failed writes left nothing to copy).
 */
export function diskFullSince(db: Connection): number | undefined {
  return shortages.get(db)?.since;
}

/**
 * Called before every write. SQLite's own checkpoint after a commit gives up silently when the database
 * file cannot grow, and every later commit then appends to the log: a little freed space was eaten by
 * new log frames and the disk filled again. So nothing writes until one checkpoint has gone through.
 */
export function ensureLogRoom(db: Connection): void {
  const shortage = shortages.get(db);
  if (shortage === undefined || shortage.reclaimed) return;
  const now = Date.now();
  if ((freeBytes(shortage.dir) ?? 0) <= shortage.freeAfterLastTry && now - shortage.lastTryAt < RECLAIM_INTERVAL_MS) throw new DiskStillFullError();
  if (!tryCheckpoint(db, shortage, now)) throw new DiskStillFullError();
  shortage.reclaimed = true;
}

/** Called with a write's error after its rollback: SQLITE_FULL starts a shortage, and one checkpoint is tried at once. */
export function noteWriteFailure(db: Connection, error: unknown): void {
  if (!isDiskFull(error) || error instanceof DiskStillFullError) return;
  const now = Date.now();
  const shortage = shortages.get(db) ?? { since: now, dir: databaseDir(db), lastTryAt: now, freeAfterLastTry: 0, reclaimed: false };
  shortages.set(db, shortage);
  // The database may have room for the log's pages even when the log cannot grow.
  shortage.reclaimed = tryCheckpoint(db, shortage, now);
}

/** Called after each COMMIT: it ends a shortage; one clock read per write, and one statfs a second. */
export function noteWriteSuccess(db: Connection): void {
  shortages.delete(db);
  const now = Date.now();
  let watch = watches.get(db);
  if (watch === undefined) {
    watch = { dir: databaseDir(db), nextCheckAt: 0 };
    watches.set(db, watch);
  }
  if (now < watch.nextCheckAt) return;
  watch.nextCheckAt = now + LOW_SPACE_CHECK_MS;
  const free = freeBytes(watch.dir);
  if (free !== undefined && free < LOW_SPACE_BYTES) checkpointAndTruncate(db);
}

function tryCheckpoint(db: Connection, shortage: Shortage, now: number): boolean {
  const done = checkpointAndTruncate(db);
  shortage.lastTryAt = now;
  shortage.freeAfterLastTry = freeBytes(shortage.dir) ?? 0;
  return done;
}

function databaseDir(db: Connection): string | undefined {
  try {
    const rows = db.pragma('database_list') as Array<{ name?: string; file?: string }>;
    const file = rows.find((row) => row.name === 'main')?.file;
    return file === undefined || file === '' ? undefined : dirname(file);
  } catch {
    return undefined;
  }
}

/** Undefined when unknown (an in-memory database, statfs refused): a shortage then waits for the interval. */
function freeBytes(dir: string | undefined): number | undefined {
  if (dir === undefined) return undefined;
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

/** TRUNCATE gives the log's bytes back to the file system; busy means a reader kept part of the log. */
function checkpointAndTruncate(db: Connection): boolean {
  try {
    const rows = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy?: number }>;
    return rows[0]?.busy === 0;
  } catch {
    return false;
  }
}
