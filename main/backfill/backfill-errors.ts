// The history import's errors: a stable code from the one table (shared/error-codes.ts, which gives
// the HTTP status) and a message that says what to do next. Never carries a secret; file paths are the operator's own.
import { CodedError } from '../errors/coded-error';

export class BackfillError extends CodedError {
  override readonly name = 'BackfillError';

  static csvWithoutEmail(path: string, header: readonly string[]): BackfillError {
    return new BackfillError(
      'backfill_csv_no_email',
      `${path}: no column of the CSV header (${header.slice(0, 8).join(', ')}) is an email column. Name it "email" and import again.`,
    );
  }

  static fileUnreadable(path: string, cause: unknown): BackfillError {
    const reason = (cause as { code?: unknown }).code ?? (cause instanceof Error ? cause.message : String(cause));
    return new BackfillError('backfill_file_unreadable', `${path} cannot be read (${String(reason)}). Check the path and its permissions, and import again.`);
  }

  static busy(id: number): BackfillError {
    return new BackfillError('backfill_busy', `History import ${id} is still running. Wait for it to finish, or cancel it, then start another.`);
  }

  static noList(): BackfillError {
    return new BackfillError('backfill_list_not_selected', 'No Mailjet contact list is chosen, so imported contacts would have nowhere to go. Choose a list under "Receive data from Segment" (or pass --list ID), then import.');
  }

  static listMismatch(asked: number, selected: number): BackfillError {
    return new BackfillError(
      'backfill_list_mismatch',
      `Contacts go through the same queue as live identify calls, into the selected list ${selected}, not list ${asked}. Choose list ${asked} under "Receive data from Segment" first, or import without --list.`,
    );
  }

  static noFiles(): BackfillError {
    return new BackfillError('backfill_no_files', 'No file was given. Pick one or more JSON-lines (.jsonl, .jsonl.gz) or CSV files to import.');
  }

  static notFound(id: string): BackfillError {
    return new BackfillError('backfill_not_found', `There is no history import ${id}. Start one with "Import history" or mjsc backfill.`);
  }

  static uploadUnknown(): BackfillError {
    return new BackfillError('backfill_upload_unknown', 'That uploaded file is no longer here (the connector restarted or the upload finished). Pick the file again.');
  }

  static uploadOutOfOrder(expected: number): BackfillError {
    return new BackfillError('backfill_upload_out_of_order', `The upload expected the chunk at byte ${expected}. Pick the file again to restart its upload.`);
  }

  static uploadsUnavailable(): BackfillError {
    return new BackfillError('backfill_uploads_unavailable', 'This connector has no data dir to keep uploaded files in. Import with mjsc backfill FILE instead.');
  }
}
