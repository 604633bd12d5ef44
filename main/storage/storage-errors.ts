// Errors the storage layer raises, each with a stable `code` and a message that says what to check.
// Messages name the data file and the cause, never an item's payload or any secret.

/** The database cannot commit right now; callers answer 503 and the client retries later. */
export class StorageUnavailableError extends Error {
  readonly code = 'storage_unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

/** The data file was written by a newer schema than this build knows; opening it could corrupt it. */
export class SchemaTooNewError extends Error {
  readonly code = 'schema_too_new';
  constructor(path: string, found: number, known: number) {
    super(
      `The database ${path} has schema version ${found}, newer than this app's ${known}. ` +
        'Update the connector, or point it at another data directory.',
    );
    this.name = 'SchemaTooNewError';
  }
}

/** A settings key that looks like it names a secret; secrets belong in the keychain only. */
export class SecretSettingRefusedError extends Error {
  readonly code = 'secret_setting_refused';
  constructor(key: string) {
    super(
      `Refusing to store setting "${key}": its name looks like a secret. ` +
        'Secrets go to the SecretStore (keychain or MJSC_* variables), never to the database.',
    );
    this.name = 'SecretSettingRefusedError';
  }
}

/** The data directory or its database cannot be opened at start; nothing runs until it can. */
export class DataDirError extends Error {
  readonly code = 'data_dir_unusable';
  constructor(path: string, error: unknown) {
    const code = sqliteCode(error);
    const advice = OPEN_ADVICE.find(([pattern]) => pattern.test(code))?.[1] ?? ADVICE.find(([pattern]) => pattern.test(code))?.[1] ?? 'check free space and permissions';
    super(
      `Cannot open the connector's database ${path}${code === '' ? '' : ` (${code})`}: ${advice}. ` +
        'Fix it, or choose a writable data directory (mjsc relay: --data-dir or MJSC_DATA_DIR).',
      { cause: error },
    );
    this.name = 'DataDirError';
  }
}

/** Errors of mkdir and open (errno codes) at start. */
const OPEN_ADVICE: ReadonlyArray<[RegExp, string]> = [
  [/^(EACCES|EPERM)$/, 'its folder is not writable; check its permissions'],
  [/^(ENOTDIR|EEXIST)$/, 'a file stands where a folder of its path should be'],
  [/^EROFS$/, 'the disk is read-only'],
  [/^ENOSPC$/, 'the disk is full; free some space'],
];

/** SQLite result codes mapped to what a person can do about them. */
const ADVICE: ReadonlyArray<[RegExp, string]> = [
  [/FULL/, 'the disk is full; free some space'],
  [/BUSY|LOCKED/, 'the database is locked by another process; close other copies of the connector'],
  [/READONLY|PERM|CANTOPEN|AUTH/, 'the file or its folder is not writable; check its permissions'],
  [/IOERR|CORRUPT|NOTADB/, 'the disk reported an I/O error; check the disk and the file'],
];

/** Wraps any failure of a write in a StorageUnavailableError whose message says what to check. */
export function describeWriteFailure(path: string, error: unknown): StorageUnavailableError {
  if (error instanceof StorageUnavailableError) return error;
  const code = sqliteCode(error);
  const advice = ADVICE.find(([pattern]) => pattern.test(code))?.[1] ?? 'check free space and permissions';
  const detail = code === '' ? '' : ` (${code})`;
  return new StorageUnavailableError(`Could not write to ${path}${detail}: ${advice}. Nothing was acknowledged.`, {
    cause: error,
  });
}

function sqliteCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return '';
}
