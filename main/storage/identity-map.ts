// The email -> Segment userId map, fed by identify items inside the same transaction that stores them,
// so a track right after an identify already finds its userId. Lookups ignore the email's case.
import type { Connection } from './write-transaction';

export interface IdentityMap {
  userIdFor(email: string): string | undefined;
}

export type IdentityWriter = (email: string, userId: string, now: number) => void;

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function createIdentityMap(db: Connection): IdentityMap {
  const select = db.prepare('SELECT user_id FROM identities WHERE email_key = ?').raw();
  return {
    userIdFor(email) {
      const row = select.get(emailKey(email)) as unknown[] | undefined;
      return typeof row?.[0] === 'string' ? row[0] : undefined;
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
