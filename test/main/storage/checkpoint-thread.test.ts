import Database from 'libsql';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCheckpointThread, WAL_SIZE_LIMIT_BYTES, type CheckpointThread } from '../../../main/storage/checkpoint-thread';
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
  const journalSizeLimit = (): number => Number(Object.values((db.pragma('journal_size_limit') as object[])[0] ?? {})[0]);
  const walBytes = (): number => statSync(`${path}-wal`).size;
  const countRows = (): number => (db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n;
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

  it('truncates a fully copied log over the limit once writes pause, and the main connection never does', async () => {
    // A 50 ms pause counts as quiet here, so a stall of this process mid-loop may let the thread truncate
    // between two inserts: like the relay's connection, this one waits for the lock instead of failing.
    db.exec('PRAGMA busy_timeout = 2000');
    thread = startCheckpointThread(db, path, { intervalMs: 20, shrinkAboveBytes: 100_000, shrinkAfterIdleMs: 50 });
    // A COMMIT on the event loop truncating a grown log took 60-120 ms on a disk mounted with discard.
    expect(journalSizeLimit()).toBe(-1);
    writeRows(3_000);
    expect(walBytes()).toBeGreaterThan(3_000_000);
    await pollUntil(() => walBytes() === 0, 'the thread to truncate the log', { timeoutMs: 10_000, intervalMs: 20 });
    // The thread answers in order: once this one is answered, the truncating checkpoint has let go of
    // the write lock (a write during it waits its busy timeout; this connection has none).
    await thread.checkpointNow();
    expect(countRows()).toBe(3_000);
    writeRows(1);
    expect(countRows()).toBe(3_001);
  });

  it('leaves a log over the limit alone while frames keep being added', async () => {
    thread = startCheckpointThread(db, path, { intervalMs: 60_000, shrinkAboveBytes: 100_000, shrinkAfterIdleMs: 60_000 });
    writeRows(1_000);
    await expect(thread.checkpointNow()).resolves.toBe(0);
    writeRows(1_000);
    await expect(thread.checkpointNow()).resolves.toBe(0);
    expect(walBytes()).toBeGreaterThan(100_000);
  });

  it('hands checkpoints back to the main connection when the thread cannot start', async () => {
    thread = startCheckpointThread(db, path, { libsqlPath: join(dir, 'no-such-libsql.js') });
    await pollUntil(() => !thread?.running, 'the thread to fail');
    expect(autocheckpointPages()).toBe(1000);
    expect(journalSizeLimit()).toBe(WAL_SIZE_LIMIT_BYTES);
    await expect(thread.checkpointNow()).resolves.toBe(-1);
  });
});
