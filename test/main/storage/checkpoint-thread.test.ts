import Database from 'libsql';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCheckpointThread, type CheckpointThread } from '../../../main/storage/checkpoint-thread';
import { pollUntil } from '../../support/condition-polling';

// WAL checkpoints run on a worker thread with its own connection, so a COMMIT on the event loop never
// copies the WAL into the database and fsyncs it; if the thread cannot run, SQLite's own checkpoints return.
describe('checkpoint thread', () => {
  let dir: string;
  let db: Database.Database;
  let path: string;
  let thread: CheckpointThread | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mjsc-checkpoint-'));
    path = join(dir, 'connector.db');
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
  });

  afterEach(async () => {
    await thread?.stop();
    thread = undefined;
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const autocheckpointPages = (): number => Number(Object.values((db.pragma('wal_autocheckpoint') as object[])[0] ?? {})[0]);
  const writeRows = (count: number): void => {
    const insert = db.prepare('INSERT INTO items (payload) VALUES (?)');
    for (let i = 0; i < count; i += 1) insert.run('x'.repeat(1000));
  };

  it('copies every committed page into the database while the main connection never checkpoints', async () => {
    thread = startCheckpointThread(db, path, { intervalMs: 60_000 });
    expect(autocheckpointPages()).toBe(0);
    const before = statSync(path).size;
    // 3,000 commits of 1 kB: far past the 1,000 pages at which SQLite would checkpoint inside a COMMIT.
    writeRows(3_000);
    expect(statSync(path).size).toBe(before);
    await expect(thread.checkpointNow()).resolves.toBe(0);
    expect(statSync(path).size).toBeGreaterThan(before + 3_000_000);
    expect(thread.running).toBe(true);
  });

  it('hands checkpoints back to the main connection when the thread cannot start', async () => {
    thread = startCheckpointThread(db, path, { libsqlPath: join(dir, 'no-such-libsql.js') });
    await pollUntil(() => !thread?.running, 'the thread to fail');
    expect(autocheckpointPages()).toBe(1000);
    await expect(thread.checkpointNow()).resolves.toBe(-1);
  });
});
