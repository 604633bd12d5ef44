// Files picked in the UI arrive in ordered base64 chunks and are written to <dataDir>/imports (user-only),
// so an import of them can resume after a restart like one of a local path. Deleted when the import ends.
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackfillChunk } from '../../shared/api';
import { BackfillError } from './backfill-errors';

export interface BackfillUploads {
  receive(chunk: BackfillChunk): Promise<{ uploadId: string; bytes: number }>;
  /** The file of a finished upload: its path and picked name. */
  resolve(uploadId: string): Promise<{ path: string; name: string }>;
  remove(path: string): Promise<void>;
}

const UPLOAD_ID = /^[0-9a-f-]{36}$/;

export function createBackfillUploads(dataDir: string | undefined): BackfillUploads {
  const dir = dataDir === undefined ? undefined : join(dataDir, 'imports');
  const names = new Map<string, string>();
  const pathOf = (uploadId: string): string => {
    if (dir === undefined) throw BackfillError.uploadsUnavailable();
    if (!UPLOAD_ID.test(uploadId)) throw BackfillError.uploadUnknown();
    return join(dir, `${uploadId}.upload`);
  };
  return {
    async receive(chunk) {
      const bytes = Buffer.from(chunk.data, 'base64');
      if (chunk.uploadId === undefined) {
        if (chunk.offset !== 0) throw BackfillError.uploadOutOfOrder(0);
        const uploadId = randomUUID();
        const path = pathOf(uploadId);
        await mkdir(dir as string, { recursive: true, mode: 0o700 });
        // The file holds people's emails: only the user may read it.
        await writeFile(path, bytes, { mode: 0o600 });
        names.set(uploadId, chunk.name);
        return { uploadId, bytes: bytes.length };
      }
      const path = pathOf(chunk.uploadId);
      const size = await stat(path).then((found) => found.size, () => {
        throw BackfillError.uploadUnknown();
      });
      if (chunk.offset !== size) throw BackfillError.uploadOutOfOrder(size);
      await appendFile(path, bytes);
      return { uploadId: chunk.uploadId, bytes: size + bytes.length };
    },
    async resolve(uploadId) {
      const path = pathOf(uploadId);
      await stat(path).catch(() => {
        throw BackfillError.uploadUnknown();
      });
      return { path, name: names.get(uploadId) ?? 'uploaded file' };
    },
    remove: (path) => rm(path, { force: true }),
  };
}
