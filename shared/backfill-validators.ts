// Validators of the history import's ConnectorApi arguments (merged into api-validators.ts). Pure; an
// error message names the field, never echoes a value.
import { z } from 'zod';
import type { ConnectorArg } from './api';

/** A base64 chunk of at most 1 MiB of file bytes (the control API's body limit is 8 MiB). */
export const MAX_BACKFILL_CHUNK_BASE64 = Math.ceil((1024 * 1024) / 3) * 4;
const MAX_FILES = 100;
const ID = 'must be an id (text from an earlier answer)';
const LIST_ID = 'must be a positive integer (a Mailjet contact list id)';

const id = z.string({ error: ID }).trim().min(1, { error: ID }).max(100, { error: ID });
const idArgument = z.strictObject({ id: id.optional() }, { error: 'must be an object with only id (optional)' });

export const BACKFILL_SCHEMAS: {
  uploadBackfillChunk: z.ZodType<ConnectorArg<'uploadBackfillChunk'>, unknown>;
  startBackfill: z.ZodType<ConnectorArg<'startBackfill'>, unknown>;
  getBackfill: z.ZodType<ConnectorArg<'getBackfill'>, unknown>;
  cancelBackfill: z.ZodType<ConnectorArg<'cancelBackfill'>, unknown>;
} = {
  uploadBackfillChunk: z.strictObject(
    {
      uploadId: id.optional(),
      name: z.string({ error: 'must be the file name (text)' }).min(1, { error: 'must not be empty' }).max(255, { error: 'must be at most 255 characters' }),
      offset: z.number({ error: 'must be a byte offset (a whole number)' }).int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' }),
      data: z
        .string({ error: 'must be the chunk as base64 text' })
        .max(MAX_BACKFILL_CHUNK_BASE64, { error: 'must be at most 1 MiB of file bytes per chunk' })
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'must be base64 text' }),
    },
    { error: 'must be an object with uploadId (optional), name, offset and data' },
  ),
  startBackfill: z
    .strictObject(
      {
        files: z.array(z.string({ error: 'must be a file path' }).min(1, { error: 'must not be empty' })).max(MAX_FILES, { error: `must list at most ${MAX_FILES} files` }).optional(),
        uploads: z.array(id).max(MAX_FILES, { error: `must list at most ${MAX_FILES} uploads` }).optional(),
        listId: z.number({ error: LIST_ID }).int({ error: LIST_ID }).positive({ error: LIST_ID }).optional(),
        dryRun: z.boolean({ error: 'must be true or false' }).optional(),
      },
      { error: 'must be an object with files or uploads, and listId and dryRun (optional)' },
    )
    .refine((arg) => (arg.files?.length ?? 0) + (arg.uploads?.length ?? 0) > 0, { error: 'needs at least one file (files) or uploaded file (uploads)' }),
  getBackfill: idArgument,
  cancelBackfill: idArgument,
};
