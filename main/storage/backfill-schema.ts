// The tables of the history import (migration 5): imports with their resume checkpoint, and contacts
// staged one per email before they join the item queue. Emails only, never a secret.

export const BACKFILL_SCHEMA_SQL = `
  CREATE TABLE backfill_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    state TEXT NOT NULL CHECK (state IN ('reading', 'delivering', 'done', 'cancelled', 'failed')),
    dry_run INTEGER NOT NULL,
    list_id INTEGER,
    files TEXT NOT NULL,
    file_index INTEGER NOT NULL DEFAULT 0,
    line_offset INTEGER NOT NULL DEFAULT 0,
    lines_read INTEGER NOT NULL DEFAULT 0,
    skipped TEXT NOT NULL DEFAULT '{}',
    summary TEXT,
    error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE backfill_contacts (
    import_id INTEGER NOT NULL,
    email_key TEXT NOT NULL,
    email TEXT NOT NULL,
    message_at INTEGER NOT NULL,
    payload TEXT NOT NULL,
    user_id TEXT,
    known INTEGER,
    item_id INTEGER,
    outcome TEXT,
    PRIMARY KEY (import_id, email_key)
  ) WITHOUT ROWID;
  CREATE INDEX backfill_contacts_item ON backfill_contacts (item_id) WHERE item_id IS NOT NULL;
  CREATE INDEX backfill_contacts_unqueued ON backfill_contacts (import_id, email_key) WHERE item_id IS NULL AND outcome IS NULL;
`;
