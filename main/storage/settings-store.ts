// Non-secret settings as key -> JSON text. Defence in depth: keys that look like secrets are refused,
// so a slip elsewhere cannot put a credential into the data dir. Secrets belong to the SecretStore.
import { SecretSettingRefusedError, describeWriteFailure } from './storage-errors';
import { runWriteTransaction, type Connection, type Durability } from './write-transaction';
import { LATER_METHODS, laterOf, type Later } from './writer-protocol';

export interface SettingsStore {
  get<T>(key: string): T | undefined;
  /**
   * Throws SecretSettingRefusedError for secret-looking keys, StorageUnavailableError if it cannot write.
   * `immediate` (the default, for what the operator chose) fsyncs on the event loop; `deferred` is for
   * bookkeeping a power cut may lose (write-transaction.ts).
   */
  set(key: string, value: unknown, durability?: Durability): void;
  /** set, answered by a promise (off the event loop on the storage writer thread): for bookkeeping. */
  readonly later: Later<Omit<SettingsStore, 'later'>, 'set'>;
}

const SECRET_LOOKING_KEY = /key|secret|password|passwd|token|credential/i;

export function looksLikeSecretKey(key: string): boolean {
  return SECRET_LOOKING_KEY.test(key);
}

export function createSettingsStore(db: Connection, path: string, now: () => number): SettingsStore {
  const select = db.prepare('SELECT value FROM settings WHERE key = ?').raw();
  const upsert = db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');
  const store: Omit<SettingsStore, 'later'> = {
    get<T>(key: string): T | undefined {
      const row = select.get(key) as unknown[] | undefined;
      return typeof row?.[0] === 'string' ? (JSON.parse(row[0]) as T) : undefined;
    },
    set(key, value, durability = 'immediate') {
      if (looksLikeSecretKey(key)) throw new SecretSettingRefusedError(key);
      // undefined is not JSON: setting it clears the key.
      const text = value === undefined ? undefined : JSON.stringify(value);
      try {
        runWriteTransaction(db, () => (text === undefined ? remove.run(key) : upsert.run(key, text, now())), durability);
      } catch (error) {
        throw describeWriteFailure(path, error);
      }
    },
  };
  return { ...store, later: laterOf(store, LATER_METHODS.settings) };
}
