// Versioned schema migrations, applied in order, each in its own transaction, tracked by PRAGMA user_version.
// A migration is never edited once released: add a new one instead.
import { INSPECTOR_MIGRATION } from './inspector-migration';
import { BACKFILL_SCHEMA_SQL } from './backfill-schema';
import { SchemaTooNewError } from './storage-errors';
import { runWriteTransaction, type Connection } from './write-transaction';

export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE items (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        direction TEXT NOT NULL CHECK (direction IN ('receive', 'send')),
        kind TEXT NOT NULL,
        email TEXT,
        payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'in_flight', 'delivered', 'failed', 'skipped', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        first_attempt_at INTEGER,
        received_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_error TEXT,
        message_id TEXT
      );
      -- Claiming and nextDueAt read only pending rows, in due order: a small partial index keeps them flat.
      CREATE INDEX items_due ON items (direction, next_attempt_at, id) WHERE status = 'pending';
      -- recent() by direction and status, newest first; also finds in_flight and failed rows quickly.
      CREATE INDEX items_by_status ON items (direction, status, id);
      CREATE INDEX items_by_direction ON items (direction, id);

      -- Per-direction counts kept by triggers, so counts() never scans a million rows.
      CREATE TABLE queue_counts (
        direction TEXT NOT NULL,
        status TEXT NOT NULL,
        count INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (direction, status)
      ) WITHOUT ROWID;
      INSERT INTO queue_counts (direction, status)
        SELECT d.value, s.value
        FROM json_each('["receive","send"]') AS d,
             json_each('["pending","in_flight","delivered","failed","skipped","rejected"]') AS s;
      CREATE TRIGGER items_count_insert AFTER INSERT ON items BEGIN
        UPDATE queue_counts SET count = count + 1 WHERE direction = NEW.direction AND status = NEW.status;
      END;
      CREATE TRIGGER items_count_update AFTER UPDATE OF status ON items WHEN OLD.status <> NEW.status BEGIN
        UPDATE queue_counts SET count = count - 1 WHERE direction = OLD.direction AND status = OLD.status;
        UPDATE queue_counts SET count = count + 1 WHERE direction = NEW.direction AND status = NEW.status;
      END;
      CREATE TRIGGER items_count_delete AFTER DELETE ON items BEGIN
        UPDATE queue_counts SET count = count - 1 WHERE direction = OLD.direction AND status = OLD.status;
      END;

      CREATE TABLE activity_minutes (
        minute INTEGER NOT NULL,
        direction TEXT NOT NULL,
        kind TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (minute, direction, kind)
      ) WITHOUT ROWID;

      -- Keyed by the lower-cased email so lookups are case-insensitive.
      CREATE TABLE identities (
        email_key TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    // Retention: settled items (delivered, skipped, rejected) are pruned after a while. Their counts are
    // lifetime totals, so pruning must not lower them: the delete trigger now only follows live rows.
    version: 2,
    sql: `
      DROP TRIGGER items_count_delete;
      CREATE TRIGGER items_count_delete AFTER DELETE ON items WHEN OLD.status IN ('pending', 'in_flight', 'failed') BEGIN
        UPDATE queue_counts SET count = count - 1 WHERE direction = OLD.direction AND status = OLD.status;
      END;
      -- Pruning finds the oldest settled rows without scanning the recent ones (a million delivered rows stay flat).
      CREATE INDEX items_settled ON items (updated_at, id) WHERE status IN ('delivered', 'skipped', 'rejected');
    `,
  },
  {
    // Identify calls for one contact apply in received order. A claim takes every pending call of each
    // claimed email (a retried older call goes with the newer one), found by this small partial index;
    // delivered_contacts remembers each contact's newest delivered call, so an older one retried later
    // (a dead letter retried by hand) never overwrites it. One row per contact; keys are lower(trim(email)).
    version: 3,
    sql: `
      CREATE INDEX items_pending_contact ON items (lower(trim(email))) WHERE status = 'pending' AND direction = 'receive';
      CREATE TABLE delivered_contacts (
        email_key TEXT PRIMARY KEY,
        item_id INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO delivered_contacts (email_key, item_id)
        SELECT lower(trim(email)), MAX(id) FROM items
        WHERE direction = 'receive' AND status = 'delivered' AND email IS NOT NULL
        GROUP BY lower(trim(email));
    `,
  },
  INSPECTOR_MIGRATION,
  {
    // History import (main/backfill): one row per import with its checkpoint (file index + lines done),
    // and the staged contacts, one per email, the latest by message time. item_id links a staged contact
    // to the queue item it became, in the same transaction, so a resume never queues it twice.
    version: 5,
    sql: BACKFILL_SCHEMA_SQL,
  },
  {
    // New rows are counted once per INSERT statement by the code that inserts them (queue-counts.ts),
    // not by a trigger per row: the trigger was about 15 % of intake's insert cost. Status changes and
    // deletes keep their triggers. Every INSERT INTO items must call prepareCountAdder's adder.
    version: 6,
    sql: 'DROP TRIGGER items_count_insert;',
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((latest, m) => Math.max(latest, m.version), 0);

/** Brings the schema up to date; running it again is a no-op. Returns the versions it applied. */
export function migrateSchema(db: Connection, path: string, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const current = readSchemaVersion(db);
  if (current > latest) throw new SchemaTooNewError(path, current, latest);
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    runWriteTransaction(db, () => {
      db.exec(migration.sql);
      db.exec(`PRAGMA user_version = ${Math.trunc(migration.version)}`);
    });
    applied.push(migration.version);
  }
  return applied;
}

export function readSchemaVersion(db: Connection): number {
  const row = db.prepare('PRAGMA user_version').raw().get() as unknown[] | undefined;
  return Number(row?.[0] ?? 0);
}
