// SQLITE_FULL without root: `PRAGMA max_page_count` makes the database "full". After it, the log is
// checkpointed and truncated, and no write appends to the log until a checkpoint has gone through.
// On a real small disk (tmpfs), the log is kept small before the disk is full.
import Database from 'libsql';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskStillFullError, diskFullSince } from '../../../main/storage/disk-full-recovery';
import { runWriteTransaction } from '../../../main/storage/write-transaction';
import { fileURLToPath } from 'node:url';
import { pollUntil } from '../../support/condition-polling';
import { mountSmallDisk, rerunInMountNamespace, smallDiskPlace, type SmallDisk } from '../../support/small-disk';

let dir: string;
const opened: Database.Database[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mjsc-disk-full-'));
});
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function openDatabase(folder = dir): { db: Database.Database; path: string } {
  const path = join(folder, 'connector.db');
  const db = new Database(path);
  opened.push(db);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT)');
  return { db, path };
}

const insertRow = (db: Database.Database) => runWriteTransaction(db, () => db.prepare('INSERT INTO rows (body) VALUES (?)').run('x'.repeat(3000)));

/** Inserts until the page cap answers SQLITE_FULL (bounded: the cap is a few pages above the file's size). */
function fillToCap(db: Database.Database): unknown {
  const pages = (db.pragma('page_count') as Array<{ page_count: number }>)[0]?.page_count ?? 0;
  db.pragma(`max_page_count = ${pages + 4}`);
  for (let i = 0; i < 50; i++) {
    try {
      insertRow(db);
    } catch (error) {
      return error;
    }
  }
  throw new Error('the page cap never answered SQLITE_FULL');
}

describe('writes after SQLITE_FULL', () => {
  it('checkpoint and truncate the log at once, and work again once there is room', () => {
    const { db, path } = openDatabase();
    expect(fillToCap(db)).toMatchObject({ code: 'SQLITE_FULL' });
    // Nothing holds the log, so the checkpoint went through and gave the log's bytes back.
    expect(statSync(`${path}-wal`).size).toBe(0);
    // The next write may try (nothing is held back), but the disk counts as full until one succeeds:
    // an empty log "checkpoints" fine while the next write still finds no room.
    expect(diskFullSince(db)).toEqual(expect.any(Number));
    expect(() => insertRow(db)).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
    expect(diskFullSince(db)).toEqual(expect.any(Number));

    db.pragma('max_page_count = 100000');
    insertRow(db);
    expect(diskFullSince(db)).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM rows').get()).toMatchObject({ n: expect.any(Number) });
  });

  it('refuse to append to the log while the checkpoint cannot finish, then resume without a reopen', async () => {
    const { db, path } = openDatabase();
    // Another connection reading keeps part of the log alive: the checkpoint answers busy.
    const reader = new Database(path);
    opened.push(reader);
    insertRow(db);
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM rows').get();
    expect(fillToCap(db)).toMatchObject({ code: 'SQLITE_FULL' });
    expect(diskFullSince(db)).toEqual(expect.any(Number));

    const logBytes = statSync(`${path}-wal`).size;
    db.pragma('max_page_count = 100000');
    expect(() => insertRow(db)).toThrow(DiskStillFullError);
    expect(() => insertRow(db)).toThrow(/disk is still full/);
    expect(statSync(`${path}-wal`).size).toBe(logBytes);

    reader.exec('COMMIT');
    // The next try comes when the disk has more room or after RECLAIM_INTERVAL_MS, whichever is first.
    await pollUntil(() => {
      try {
        insertRow(db);
        return true;
      } catch (error) {
        if (!(error instanceof DiskStillFullError)) throw error;
        return false;
      }
    }, 'a write to go through once the reader is gone', { timeoutMs: 5_000, intervalMs: 50 });
    expect(diskFullSince(db)).toBeUndefined();
  });
});

const place = smallDiskPlace();
let disk: SmallDisk | undefined;
afterAll(() => disk?.unmount());

it.runIf(place === 'namespace')('(where this user may not mount) runs this file again inside `unshare --user --map-root-user --mount`', async () => {
  expect(await rerunInMountNamespace(fileURLToPath(import.meta.url), 110_000)).toBe(0);
}, 120_000);

it.runIf(place !== 'namespace')('on a disk short of space (4 MiB tmpfs), the log is checkpointed and truncated after writes', async () => {
  disk = mountSmallDisk(4);
  const { db, path } = openDatabase(disk.dir);
  // Far below SQLite's own checkpoint (1000 pages): on main this log only grew until the disk was full.
  for (let i = 0; i < 150; i++) insertRow(db);
  expect(statSync(`${path}-wal`).size).toBeGreaterThan(300_000);
  let rows = 150;
  await pollUntil(() => {
    insertRow(db);
    rows += 1;
    return statSync(`${path}-wal`).size === 0;
  }, 'a write after which the log was truncated', { timeoutMs: 5_000, intervalMs: 50 });
  expect(db.prepare('SELECT count(*) AS n FROM rows').get()).toMatchObject({ n: rows });
  expect(statSync(path).size).toBeGreaterThan(300_000);
});
