// The email -> Segment userId map, fed by identify items inside the same transaction that stores them,
// so a track right after an identify already finds its userId. Lookups ignore the email's case.
import type { Connection } from './write-transaction';

export interface IdentityMap {
  userIdFor(email: string): string | undefined;
  /** One query for a whole delivery batch: each given email that has a userId, mapped to it. */
  userIdsFor(emails: readonly string[]): Map<string, string>;
}

export type IdentityWriter = (email: string, userId: string, now: number) => void;

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function createIdentityMap(db: Connection): IdentityMap {
  const select = db.prepare('SELECT user_id FROM identities WHERE email_key = ?').raw();
  const selectMany = db.prepare('SELECT email_key, user_id FROM identities WHERE email_key IN (SELECT value FROM json_each(?))').raw();
  return {
    userIdFor(email) {
      const row = select.get(emailKey(email)) as unknown[] | undefined;
      return typeof row?.[0] === 'string' ? row[0] : undefined;
    },
    userIdsFor(emails) {
      const found = new Map<string, string>();
      if (emails.length === 0) return found;
      const byKey = new Map((selectMany.all(JSON.stringify([...new Set(emails.map(emailKey))])) as unknown[][]).map(([key, userId]) => [String(key), String(userId)]));
      for (const email of emails) {
        const userId = byKey.get(emailKey(email));
        if (userId !== undefined) found.set(email, userId);
      }
      return found;
    },
  };
}

/** Returns an upsert to call inside a write transaction; the latest identify wins. */
export function prepareIdentityWriter(db: Connection): IdentityWriter {
  const upsert = db.prepare(
    `INSERT INTO identities (email_key, user_id, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (email_key) DO UPDATE SET user_id = excluded.user_id, updated_at = excluded.updated_at`,
  );
  return (email, userId, now) => {
    upsert.run(emailKey(email), userId, now);
  };
}
