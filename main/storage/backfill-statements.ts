// Prepared SQL of the history import (backfill-store.ts). Staged contacts become ordinary receive
// identify items, so the contact sync worker delivers them exactly like live calls.
import type { BackfillRow, BackfillState } from './backfill-rows';
import type { Connection } from './write-transaction';

const IMPORT_COLUMNS = 'id, state, dry_run, list_id, files, file_index, line_offset, lines_read, skipped, summary, error, created_at, updated_at';
/** Not an item of any import: a call that came in live. */
const LIVE = 'NOT EXISTS (SELECT 1 FROM backfill_contacts AS o WHERE o.item_id = i.id)';

export function prepareBackfillStatements(db: Connection) {
  return {
    insertImport: db.prepare(
      `INSERT INTO backfill_imports (state, dry_run, list_id, files, created_at, updated_at) VALUES ('reading', ?1, ?2, ?3, ?4, ?4) RETURNING ${IMPORT_COLUMNS}`,
    ).raw(),
    selectImport: db.prepare(`SELECT ${IMPORT_COLUMNS} FROM backfill_imports WHERE id = ?`).raw(),
    selectLatest: db.prepare(`SELECT ${IMPORT_COLUMNS} FROM backfill_imports ORDER BY id DESC LIMIT 1`).raw(),
    selectUnfinished: db.prepare(
      `SELECT ${IMPORT_COLUMNS} FROM backfill_imports WHERE state IN ('reading', 'delivering') AND dry_run = 0 ORDER BY id`,
    ).raw(),
    // The latest message wins; at the same time, the one read later (a later line or file) wins.
    stageContacts: db.prepare(
      `INSERT INTO backfill_contacts (import_id, email_key, email, message_at, payload, user_id)
       SELECT ?1, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?2) WHERE true
       ON CONFLICT (import_id, email_key) DO UPDATE SET email = excluded.email, message_at = excluded.message_at,
         payload = excluded.payload, user_id = COALESCE(excluded.user_id, backfill_contacts.user_id)
       WHERE excluded.message_at >= backfill_contacts.message_at AND backfill_contacts.item_id IS NULL`,
    ),
    checkpoint: db.prepare(
      'UPDATE backfill_imports SET file_index = ?, line_offset = ?, lines_read = ?, skipped = ?, updated_at = ? WHERE id = ?',
    ),
    // INDEXED BY, here and in countUnqueued: left to itself the planner took the primary key and walked
    // past every contact queued so far (they are the first keys), so each step cost more as the import
    // went on, 20 ms per step of 100 by the end of 100,000 (docs/benchmarks.md#session-5).
    selectUnqueued: db.prepare(
      `SELECT email_key, email, message_at, payload, user_id FROM backfill_contacts INDEXED BY backfill_contacts_unqueued
       WHERE import_id = ? AND item_id IS NULL AND outcome IS NULL ORDER BY email_key LIMIT ?`,
    ).raw(),
    // A live call for the email still waiting (pending uses its partial index) and received after the message.
    newerLivePending: db.prepare(
      `SELECT DISTINCT s.value ->> 0 FROM json_each(?) AS s JOIN items AS i
         ON i.status = 'pending' AND i.direction = 'receive' AND lower(trim(i.email)) = s.value ->> 0
       WHERE i.received_at > s.value ->> 1 AND ${LIVE}`,
    ).raw(),
    // … or delivered (the newest per contact) …
    newerLiveDelivered: db.prepare(
      `SELECT s.value ->> 0 FROM json_each(?1) AS s
       WHERE EXISTS (SELECT 1 FROM delivered_contacts AS d JOIN items AS i ON i.id = d.item_id
                     WHERE d.email_key = s.value ->> 0 AND i.received_at > s.value ->> 1 AND ${LIVE})`,
    ).raw(),
    // … or in flight, or failed (it may be retried by hand later): one pass over those rows, not one per contact.
    liveInFlightOrFailed: db.prepare(
      `SELECT lower(trim(i.email)), MAX(i.received_at) FROM items AS i
       WHERE i.direction = 'receive' AND i.status IN ('in_flight', 'failed')
         AND lower(trim(i.email)) IN (SELECT value ->> 0 FROM json_each(?1)) AND ${LIVE}
       GROUP BY 1`,
    ).raw(),
    markSuperseded: db.prepare(
      `UPDATE backfill_contacts SET outcome = 'superseded' WHERE import_id = ?1 AND email_key IN (SELECT value FROM json_each(?2))`,
    ),
    insertItems: db.prepare(
      `INSERT INTO items (direction, kind, email, payload, status, next_attempt_at, received_at, updated_at, message_id)
       SELECT 'receive', 'identify', value ->> 0, value ->> 1, 'pending', ?1, ?1, ?1, value ->> 2 FROM json_each(?2) ORDER BY key
       RETURNING id`,
    ).raw(),
    // One primary-key update per contact: an UPDATE … FROM json_each scans the whole import per row.
    linkItem: db.prepare(
      `UPDATE backfill_contacts SET item_id = ?3,
         known = EXISTS (SELECT 1 FROM delivered_contacts AS d WHERE d.email_key = ?2)
       WHERE import_id = ?1 AND email_key = ?2`,
    ),
    rememberIdentity: db.prepare(
      'INSERT INTO identities (email_key, user_id, updated_at) VALUES (?, ?, ?) ON CONFLICT (email_key) DO NOTHING',
    ),
    // The feed loop's two numbers, each from a small index: the unqueued partial index, and the pending
    // receive items (a window's worth) looked up in backfill_contacts_item. Progress reads every staged
    // row instead, a page at a time (progressPage).
    // Counted up to ?2 (-1: all): the feed loop only needs to know whether a step's worth is left, and
    // counting all of 100,000 unqueued contacts on every step of 100 showed up in the import's profile.
    countUnqueued: db.prepare(
      'SELECT count(*) FROM (SELECT 1 FROM backfill_contacts INDEXED BY backfill_contacts_unqueued WHERE import_id = ?1 AND item_id IS NULL AND outcome IS NULL LIMIT ?2)',
    ).raw(),
    countWaiting: db.prepare(
      `SELECT count(*) FROM items AS i INDEXED BY items_by_status
       WHERE i.direction = 'receive' AND i.status IN ('pending', 'in_flight')
         AND EXISTS (SELECT 1 FROM backfill_contacts AS b WHERE b.item_id = i.id AND b.import_id = ?)`,
    ).raw(),
    // One page of an import's staged contacts (key order), grouped by what progress counts; every row
    // also holds the page's last key (where the next page starts, in SQLite's own order of keys).
    progressPage: db.prepare(
      `WITH page AS (
         SELECT email_key, item_id, outcome, known FROM backfill_contacts
         WHERE import_id = ?1 AND email_key > ?2 ORDER BY email_key LIMIT ?3)
       SELECT max(max(p.email_key)) OVER (), count(*), p.item_id IS NOT NULL, p.outcome IS 'superseded',
         CASE WHEN ?4 THEN EXISTS (SELECT 1 FROM delivered_contacts AS d WHERE d.email_key = p.email_key) ELSE COALESCE(p.known, 0) END,
         i.status, CASE WHEN i.status IN ('failed', 'skipped') THEN i.last_error END
       FROM page AS p LEFT JOIN items AS i ON i.id = p.item_id
       GROUP BY 3, 4, 5, 6, 7`,
    ).raw(),
    setState: db.prepare(
      'UPDATE backfill_imports SET state = ?, summary = COALESCE(?, summary), error = COALESCE(?, error), updated_at = ? WHERE id = ?',
    ),
    // In flight too: its batch's outcome then finds it settled and leaves it so (a retry never revives it).
    // Found from the waiting receive items (a window's worth, as countWaiting), not from every staged
    // contact: walking 100,000 staged rows held the event loop for about 60 ms.
    skipPending: db.prepare(
      `UPDATE items SET status = 'skipped', last_error = ?1, updated_at = ?2
       WHERE id IN (SELECT i.id FROM items AS i INDEXED BY items_by_status
                    WHERE i.direction = 'receive' AND i.status IN ('pending', 'in_flight')
                      AND EXISTS (SELECT 1 FROM backfill_contacts AS b WHERE b.item_id = i.id AND b.import_id = ?3))`,
    ),
    // A step at a time (deleting 100,000 staged rows in one statement took about 300 ms).
    discardStaged: db.prepare(
      `DELETE FROM backfill_contacts WHERE import_id = ?1
         AND email_key IN (SELECT email_key FROM backfill_contacts WHERE import_id = ?1 ORDER BY email_key LIMIT ?2)`,
    ),
  };
}

export function toBackfillRow(row: unknown[]): BackfillRow {
  const [id, state, dryRun, listId, files, fileIndex, lineOffset, linesRead, skipped, summary, error, createdAt, updatedAt] = row;
  return {
    id: Number(id),
    state: state as BackfillState,
    dryRun: Number(dryRun) === 1,
    listId: listId === null ? null : Number(listId),
    files: JSON.parse(String(files)) as unknown,
    fileIndex: Number(fileIndex),
    lineOffset: Number(lineOffset),
    linesRead: Number(linesRead),
    skipped: JSON.parse(String(skipped)) as Record<string, number>,
    summary: typeof summary === 'string' ? summary : null,
    error: typeof error === 'string' ? error : null,
    createdAt: Number(createdAt),
    updatedAt: Number(updatedAt),
  };
}
