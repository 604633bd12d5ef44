import Database from 'libsql';
import { createImportTally } from '../../../main/backfill/backfill-tally';
import { prepareBackfillStatements } from '../../../main/storage/backfill-statements';
import type { Connection } from '../../../main/storage/write-transaction';
import { useStorageFixture } from '../../support/storage-fixture';
import { stagedContact as contact } from '../backfill/history-fixtures';

// The history import's feed loop reads flow() once per step: staged contacts not yet queued, and the
// import's items still waiting for delivery. It must agree with the full count the screens show.
describe('backfill flow counts', () => {
  const fixture = useStorageFixture();


  it('counts what is left to queue and what waits for delivery, as the progress tally does', async () => {
    const storage = fixture.open();
    const { id } = storage.backfill.create({ files: [], dryRun: false, listId: 7 });
    storage.backfill.stage(id, { contacts: [1, 2, 3, 4, 5].map(contact), skipped: new Map(), fileIndex: 0, lineOffset: 0, linesRead: 5 });
    expect(storage.backfill.flow(id)).toEqual({ unqueued: 5, waiting: 0 });
    // The feed loop counts only up to one step's worth.
    expect(storage.backfill.flow(id, 2)).toEqual({ unqueued: 2, waiting: 0 });

    expect(storage.backfill.queueNext(id, 3).queued).toBe(3);
    expect(storage.backfill.flow(id)).toEqual({ unqueued: 2, waiting: 3 });

    const claimed = storage.queue.claim('receive', 2);
    expect(storage.backfill.flow(id)).toEqual({ unqueued: 2, waiting: 3 });
    storage.queue.markDelivered(claimed.map((item) => item.id));
    const flow = storage.backfill.flow(id);
    const counts = await createImportTally(storage.backfill, id, { dryRun: false, now: () => fixture.clock.now, maxAgeMs: 1000 }).exact();
    expect(flow).toEqual({ unqueued: 2, waiting: 1 });
    expect(flow).toEqual({ unqueued: counts.contacts - counts.queued - counts.superseded, waiting: counts.waiting });
  });

  it('drops a finished dry run\'s staged contacts a step at a time, and only that import\'s', async () => {
    const storage = fixture.open();
    const dry = storage.backfill.create({ files: [], dryRun: true, listId: 7 });
    const other = storage.backfill.create({ files: [], dryRun: false, listId: 7 });
    storage.backfill.stage(dry.id, { contacts: Array.from({ length: 12 }, (_, n) => contact(n)), skipped: new Map(), fileIndex: 0, lineOffset: 0, linesRead: 12 });
    storage.backfill.stage(other.id, { contacts: [100, 101].map(contact), skipped: new Map(), fileIndex: 0, lineOffset: 0, linesRead: 2 });
    const steps: number[] = [];
    for (let dropped = storage.backfill.discardStaged(dry.id, 5); dropped > 0; dropped = storage.backfill.discardStaged(dry.id, 5)) steps.push(dropped);
    expect(steps).toEqual([5, 5, 2]);
    expect(storage.backfill.flow(dry.id)).toEqual({ unqueued: 0, waiting: 0 });
    expect(storage.backfill.flow(other.id)).toEqual({ unqueued: 2, waiting: 0 });
  });

  it('finds the next contacts to queue in the unqueued index, so a step costs the same at the end of an import as at its start', () => {
    fixture.open();
    const db = new Database(fixture.path);
    try {
      // The SQL of each statement, as the store prepares it.
      const texts = new Map<unknown, string>();
      const recording = { prepare: (sql: string) => { const statement = db.prepare(sql); texts.set(statement, sql); return statement; } } as unknown as Connection;
      const sql = prepareBackfillStatements(recording);
      for (const statement of [sql.selectUnqueued, sql.countUnqueued]) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${texts.get(statement) ?? ''}`).all(1, 100) as Array<{ detail: string }>).map((row) => row.detail);
        // Not the primary key: queued contacts are the first keys, and walking past them grew with every step.
        expect(plan.join('\n')).toMatch(/INDEX backfill_contacts_unqueued/);
      }
    } finally {
      db.close();
    }
  });
});
