import Database from 'libsql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWriteTransaction } from '../../../main/storage/write-transaction';

// `deferred` writes (intake, answered after its own WAL fsync; the workers' claims and outcomes) commit
// without an fsync on the event loop; every other write keeps synchronous=FULL, also after a deferred one fails.
describe('write durability', () => {
  let dir: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mjsc-durability-'));
    db = new Database(join(dir, 'connector.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (v TEXT)');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // 2 is FULL, 1 is NORMAL (https://sqlite.org/pragma.html#pragma_synchronous).
  const level = (): number => Number(Object.values((db.pragma('synchronous') as object[])[0] ?? {})[0]);

  it('commits a deferred write with synchronous=NORMAL and puts FULL back after it', () => {
    const inside = runWriteTransaction(db, () => {
      db.prepare('INSERT INTO t (v) VALUES (?)').run('deferred');
      return level();
    }, 'deferred');
    expect(inside).toBe(1);
    expect(level()).toBe(2);
    expect(runWriteTransaction(db, level)).toBe(2);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toMatchObject({ n: 1 });
  });

  it('puts FULL back when a deferred write fails, and keeps nothing of it', () => {
    expect(() => runWriteTransaction(db, () => {
      db.prepare('INSERT INTO t (v) VALUES (?)').run('lost');
      throw new Error('the write failed half way');
    }, 'deferred')).toThrow('the write failed half way');
    expect(level()).toBe(2);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toMatchObject({ n: 0 });
  });
});
