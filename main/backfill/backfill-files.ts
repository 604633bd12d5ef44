// What an import remembers of each file: where it is, its size and a fingerprint of its first bytes, so
// a resume reads the same file it checkpointed, never a different one under the same name.
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { BackfillError } from './backfill-errors';
import { detectFormat, type HistoryFormat } from './history-file-reader';

export interface BackfillFile {
  path: string;
  /** Shown to the operator (the picked name for an upload). */
  name: string;
  size: number;
  /** SHA-256 of the size and the first 64 KiB. */
  fingerprint: string;
  format: HistoryFormat;
  /** Uploaded through the UI into the data dir (deleted when the import ends). */
  uploaded?: boolean;
}

const FINGERPRINT_BYTES = 64 * 1024;

export async function describeFile(path: string, name = basename(path), uploaded = false): Promise<BackfillFile> {
  const size = await stat(path).then(
    (found) => {
      if (!found.isFile()) throw BackfillError.fileUnreadable(path, new Error('not a regular file'));
      return found.size;
    },
    (error: unknown) => {
      throw BackfillError.fileUnreadable(path, error);
    },
  );
  return { path, name, size, fingerprint: await fingerprintOf(path, size), format: await detectFormat(path), ...(uploaded ? { uploaded } : {}) };
}

/** Throws when the file is gone or no longer the one the import started on. */
export async function checkFileUnchanged(file: BackfillFile): Promise<void> {
  const now = await describeFile(file.path, file.name).catch((error: unknown) => {
    throw error instanceof BackfillError ? error : BackfillError.fileUnreadable(file.path, error);
  });
  if (now.size !== file.size || now.fingerprint !== file.fingerprint) {
    throw new BackfillError(
      'backfill_file_changed',
      `${file.name} changed since this import started, so it cannot resume where it stopped. Start a new import of the file.`,
    );
  }
}

/** Same files, same order: the import to resume rather than start again. */
export function sameFiles(a: readonly BackfillFile[], b: readonly BackfillFile[]): boolean {
  return a.length === b.length && a.every((file, index) => file.path === b[index]?.path && file.fingerprint === b[index]?.fingerprint);
}

async function fingerprintOf(path: string, size: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, FINGERPRINT_BYTES));
    await handle.read(head, 0, head.length, 0);
    return createHash('sha256').update(String(size)).update(head).digest('hex');
  } finally {
    await handle.close();
  }
}
