// Durability for acknowledged items without blocking the event loop (docs/architecture.md#durable-acknowledgement).
// The ingest transaction commits with synchronous=NORMAL: SQLite writes its WAL frames but does not fsync.
// This fsyncs the WAL file on libuv's thread pool before any caller is answered, which is what
// synchronous=FULL does inside COMMIT, on the main thread. Concurrent commits share one fsync.
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StorageUnavailableError } from './storage-errors';

export interface WalSync {
  /** Resolves once everything written to the WAL before this call is on disk. */
  sync(): Promise<void>;
  /** Waits for the fsync in flight, then closes the file. */
  close(): Promise<void>;
}

export function createWalSync(databasePath: string): WalSync {
  const walPath = `${databasePath}-wal`;
  let handle: Promise<FileHandle> | undefined;
  let inFlight: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  /** After an I/O error the kernel may have dropped the unwritten pages: no later fsync can vouch for them. */
  let broken: Error | undefined;

  const openOnce = (): Promise<FileHandle> => {
    handle ??= (async () => {
      // r+: Windows flushes only a handle opened for writing. SQLite created the file; its directory
      // entry is made durable once, so the WAL is found again after a power loss.
      const file = await open(walPath, 'r+');
      await syncDirectory(dirname(walPath));
      return file;
    })();
    // A failed open is tried again by the next commit.
    handle.catch(() => {
      handle = undefined;
    });
    return handle;
  };

  const fsyncOnce = async (): Promise<void> => {
    if (broken !== undefined) throw broken;
    try {
      await (await openOnce()).sync();
    } catch (error) {
      const failure = describeSyncFailure(walPath, error);
      if (errnoOf(error) === 'EIO') broken = failure;
      throw failure;
    }
  };

  const sync = (): Promise<void> => {
    if (inFlight === undefined) {
      inFlight = fsyncOnce().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    }
    // The fsync in flight may have started before this caller's frames were written: take the next one.
    queued ??= inFlight
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return sync();
      });
    return queued;
  };

  return {
    sync,
    async close() {
      await Promise.allSettled([inFlight, queued]);
      const file = handle;
      handle = undefined;
      if (file !== undefined) await (await file).close().catch(() => undefined);
    },
  };
}

/**
 * EIO from fsync is sticky (as PostgreSQL learnt, "fsyncgate"): the kernel may have dropped the pages it
 * could not write, so a later fsync that succeeds proves nothing. Nothing more is acknowledged until a restart.
 */
function describeSyncFailure(walPath: string, error: unknown): StorageUnavailableError {
  const code = errnoOf(error);
  const advice =
    code === 'EIO'
      ? 'the disk reported an I/O error; check the disk, then restart the connector (until then nothing new is acknowledged)'
      : code === 'ENOSPC'
        ? 'the disk is full; free some space'
        : 'check free space and permissions';
  return new StorageUnavailableError(`Could not flush ${walPath}${code === '' ? '' : ` (${code})`}: ${advice}. Nothing was acknowledged.`, { cause: error });
}

function errnoOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

async function syncDirectory(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const directory = await open(path, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
