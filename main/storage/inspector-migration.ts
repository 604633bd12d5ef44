// Schema for the inspector (issue 12): the request each item came in with, every delivery attempt,
// the bounded log of refused requests, and a lifetime count of discarded items. Never edit once released.
import type { Migration } from './migrations';

export const INSPECTOR_MIGRATION: Migration = {
  version: 4,
  sql: `
    -- {"method","path","headers"} of the request that carried the item, headers already masked.
    ALTER TABLE items ADD COLUMN request TEXT;

    CREATE TABLE item_attempts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      item_id INTEGER NOT NULL,
      at INTEGER NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed')),
      upstream_status INTEGER,
      response TEXT,
      latency_ms INTEGER
    );
    CREATE INDEX item_attempts_by_item ON item_attempts (item_id, id);
    -- Pruned and discarded items take their attempt history with them.
    CREATE TRIGGER items_attempts_delete AFTER DELETE ON items BEGIN
      DELETE FROM item_attempts WHERE item_id = OLD.id;
    END;

    -- Requests answered 400/401/403/413/415: the newest 1,000, redacted before they are written.
    CREATE TABLE refused_requests (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      direction TEXT NOT NULL,
      method TEXT NOT NULL,
      path TEXT NOT NULL,
      status INTEGER NOT NULL,
      code TEXT NOT NULL,
      reason TEXT NOT NULL,
      fix TEXT NOT NULL,
      headers TEXT NOT NULL,
      body TEXT NOT NULL
    );

    INSERT INTO queue_counts (direction, status) VALUES ('receive', 'discarded'), ('send', 'discarded');
  `,
};
