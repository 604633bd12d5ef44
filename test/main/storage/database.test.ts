import Database from 'libsql';
import { spawn } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrateSchema, readSchemaVersion } from '../../../main/storage/migrations';
import { eventItem, identifyItem, useStorageFixture } from '../../support/storage-fixture';

describe('openStorage', () => {
  const fixture = useStorageFixture();

  it('creates its folder and a file only the user can read, in WAL mode with synchronous=FULL', () => {
    fixture.open();
    expect(statSync(fixture.path).mode & 0o777).toBe(0o600);
    const db = new Database(fixture.path);
    expect(db.prepare('PRAGMA journal_mode').raw().get()).toEqual(['wal']);
    expect(readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('keeps committed items, identities and settings across close and reopen', async () => {
    const first = fixture.open();
    const ids = await first.queue.commit([identifyItem('Ann@Example.com', 'user-ann'), eventItem()]);
    first.settings.set('namingPreset', 'segment');
    await first.close();
    const second = fixture.open();
    expect(second.queue.counts('receive').pending).toBe(1);
    expect(second.queue.claim('send', 5).map((i) => i.id)).toEqual([ids[1]]);
    expect(second.identities.userIdFor('ann@example.com')).toBe('user-ann');
    expect(second.settings.get('namingPreset')).toBe('segment');
  });

  it('close() writes commits still waiting for their group, then refuses new ones', async () => {
    const storage = fixture.open();
    const waiting = storage.queue.commit([eventItem()]);
    await storage.close();
    await expect(waiting).resolves.toHaveLength(1);
    await expect(storage.queue.commit([eventItem()])).rejects.toMatchObject({ code: 'storage_unavailable' });
    expect(fixture.open().queue.counts('send').pending).toBe(1);
  });

  it('graceful close releases in-flight claims', async () => {
    const storage = fixture.open();
    await storage.queue.commit([eventItem()]);
    storage.queue.claim('send', 1);
    await storage.close();
    expect(fixture.open().queue.counts('send')).toMatchObject({ pending: 1, inFlight: 0 });
  });

  it('resumes items a crashed run left in flight (store never closed)', async () => {
    const crashed = fixture.open();
    await crashed.queue.commit([eventItem('open', 'a'), eventItem('open', 'b')]);
    crashed.queue.claim('send', 2);
    const reopened = fixture.open();
    expect(reopened.queue.counts('send')).toMatchObject({ pending: 2, inFlight: 0 });
    expect(reopened.queue.claim('send', 5).map((i) => i.messageId)).toEqual(['a', 'b']);
  });

  it('keeps every acknowledged item after the process is SIGKILLed', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./crash-child.mts', import.meta.url)), fixture.path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const killChild = (): void => void child.kill('SIGKILL');
    onTestFinished(killChild);
    const report = await new Promise<{ ids: number[]; claimed: number[] }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(JSON.parse(out) as { ids: number[]; claimed: number[] });
      });
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    killChild();
    await exited;
    const storage = fixture.open();
    expect(report.claimed).toHaveLength(1);
    expect(storage.queue.counts('send')).toMatchObject({ pending: 2, inFlight: 0 });
    expect(storage.queue.claim('send', 5).map((i) => i.id)).toEqual(report.ids);
  });
});

describe('migrateSchema', () => {
  const fixture = useStorageFixture();

  it('applies each migration once; running again changes nothing', async () => {
    await fixture.open().close();
    const db = new Database(fixture.path);
    expect(migrateSchema(db, fixture.path)).toEqual([]);
    expect(readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('applies later migrations in order on top of an existing database', async () => {
    const storage = fixture.open();
    await storage.queue.commit([eventItem()]);
    await storage.close();
    const next = LATEST_SCHEMA_VERSION + 1;
    const db = new Database(fixture.path);
    const added = [...MIGRATIONS, { version: next, sql: 'CREATE TABLE later_feature (id INTEGER PRIMARY KEY);' }];
    expect(migrateSchema(db, fixture.path, added)).toEqual([next]);
    expect(migrateSchema(db, fixture.path, added)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM items').raw().get()).toEqual([1]);
    db.close();
  });

  it('refuses a database written by a newer version', async () => {
    await fixture.open().close();
    const db = new Database(fixture.path);
    db.exec(`PRAGMA user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    expect(() => fixture.open()).toThrow(expect.objectContaining({ code: 'schema_too_new' }));
  });
});

describe('openStorage on an unusable data dir', () => {
  const fixture = useStorageFixture();

  it('says which database cannot be opened and how to choose another data dir (a file stands in the way)', () => {
    const blocker = join(fixture.dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const path = join(blocker, 'data', 'connector.db');
    expect(() => fixture.open({ path })).toThrow(
      expect.objectContaining({ code: 'data_dir_unusable', message: expect.stringMatching(new RegExp(`^Cannot open the connector's database ${path} \\(ENOTDIR\\): a file stands where a folder.*--data-dir or MJSC_DATA_DIR\\)\\.$`)) }),
    );
  });
});
