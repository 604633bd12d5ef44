import { createImportTally, PAGE_ROWS, type ImportTallyOptions } from '../../../main/backfill/backfill-tally';
import type { Storage } from '../../../main/storage/database';
import { identifyItem, useStorageFixture } from '../../support/storage-fixture';
import { stagedContact as contact } from './history-fixtures';

// The import's live counts, taken a page of staged contacts at a time: what the operator sees must add
// up to what the queue holds, and no synchronous read may cover more than a page.
describe('the history import progress tally', () => {
  const fixture = useStorageFixture();


  function stage(storage: Storage, id: number, from: number, to: number): void {
    for (let start = from; start < to; start += 2000) {
      const contacts = Array.from({ length: Math.min(2000, to - start) }, (_, k) => contact(start + k));
      storage.backfill.stage(id, { contacts, skipped: new Map(), fileIndex: 0, lineOffset: 0, linesRead: start + contacts.length });
    }
  }

  /** The store, with every progress page it was asked for and the contacts on it. */
  function recording(storage: Storage) {
    const pages: Array<{ limit: number; contacts: number }> = [];
    const store = {
      progressPage: (...args: Parameters<Storage['backfill']['progressPage']>) => {
        const page = storage.backfill.progressPage(...args);
        pages.push({ limit: args[2], contacts: page.contacts });
        return page;
      },
    };
    return { store, pages };
  }

  const options = (extra: Partial<ImportTallyOptions> = {}): ImportTallyOptions => ({ dryRun: false, now: () => fixture.clock.now, maxAgeMs: 1000, ...extra });

  /** Delivers live identify calls for these emails, received at `at` (before or after the history's messages). */
  async function deliverLive(storage: Storage, emails: string[], at: number): Promise<void> {
    const saved = fixture.clock.now;
    fixture.clock.now = at;
    await storage.queue.commit(emails.map((email) => identifyItem(email)));
    storage.queue.markDelivered(storage.queue.claim('receive', 100).map((item) => item.id));
    fixture.clock.now = saved;
  }

  it('counts contacts, queued, created and updated, failed and skipped with their reasons, and waiting, over many pages', async () => {
    const storage = fixture.open();
    // person1 was delivered live before the history's messages (so it updates); person2 after (so it is superseded).
    await deliverLive(storage, ['person1@example.com'], Date.UTC(2024, 0, 1));
    await deliverLive(storage, ['person2@example.com'], Date.UTC(2026, 0, 1));
    const { id } = storage.backfill.create({ files: [], dryRun: false, listId: 7 });
    stage(storage, id, 0, 9);
    expect(storage.backfill.queueNext(id, 100)).toEqual({ queued: 8, superseded: 1 });
    const items = new Map(storage.queue.claim('receive', 100).map((item) => [item.email, item.id]));
    const idOf = (n: number): number => items.get(`person${n}@example.com`) as number;
    storage.queue.markDelivered([0, 1, 3].map(idOf));
    storage.queue.markFailed([
      { id: idOf(4), reason: 'Mailjet refused the contact' },
      { id: idOf(5), reason: 'Mailjet refused the contact' },
      { id: idOf(6), reason: 'the list was deleted' },
    ]);
    const { store, pages } = recording(storage);
    const tally = createImportTally(store, id, options({ pageRows: 2 }));

    expect(await tally.exact()).toMatchObject({
      contacts: 9,
      queued: 8,
      superseded: 1,
      known: 1,
      waiting: 2,
      created: 2,
      updated: 1,
      failed: [
        { reason: 'Mailjet refused the contact', count: 2 },
        { reason: 'the list was deleted', count: 1 },
      ],
      skipped: [],
    });
    expect(pages.length).toBeGreaterThanOrEqual(5);

    storage.backfill.skipPending(id, 'the import was cancelled');
    expect(await tally.exact()).toMatchObject({ waiting: 0, created: 2, updated: 1, skipped: [{ reason: 'the import was cancelled', count: 2 }] });
  });

  it(`reads 10,500 staged contacts in pages of at most ${PAGE_ROWS}, with a turn of the event loop between pages`, async () => {
    const storage = fixture.open();
    const { id } = storage.backfill.create({ files: [], dryRun: false, listId: 7 });
    stage(storage, id, 0, 10_500);
    storage.backfill.queueNext(id, 4000);
    const { store, pages } = recording(storage);
    let turns = 0;
    const tally = createImportTally(store, id, options({ nextTurn: async () => void turns++ }));

    expect(await tally.exact()).toMatchObject({ contacts: 10_500, queued: 4000, waiting: 4000 });
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...pages.map((page) => page.limit))).toBeLessThanOrEqual(PAGE_ROWS);
    expect(Math.max(...pages.map((page) => page.contacts))).toBeLessThanOrEqual(PAGE_ROWS);
    expect(pages.reduce((sum, page) => sum + page.contacts, 0)).toBe(10_500);
    expect(turns).toBe(pages.length - 1);
  });

  it('does not read a page again once all its contacts are settled, but still reads one with a failed contact (a retry revives it)', async () => {
    const storage = fixture.open();
    const { id } = storage.backfill.create({ files: [], dryRun: false, listId: 7 });
    stage(storage, id, 0, 6);
    storage.backfill.queueNext(id, 100);
    const claimed = storage.queue.claim('receive', 100);
    const [first, ...rest] = claimed.sort((a, b) => String(a.email).localeCompare(String(b.email)));
    storage.queue.markFailed([{ id: first?.id as number, reason: 'Mailjet refused the contact' }]);
    storage.queue.markDelivered(rest.map((item) => item.id));
    const { store, pages } = recording(storage);
    const tally = createImportTally(store, id, options({ pageRows: 2 }));

    const before = await tally.exact();
    const firstWalk = pages.length;
    pages.length = 0;
    expect(await tally.exact()).toEqual({ ...before, countedAt: fixture.clock.now });
    // Only the page with the failed contact, and the (empty) read after the last page.
    expect(pages.length).toBeLessThan(firstWalk);
    expect(pages.map((page) => page.contacts)).toEqual([2, 0]);

    storage.queue.retryFailed();
    expect(await tally.exact()).toMatchObject({ failed: [], waiting: 1, created: 5 });
  });

  it('once contacts are queued, stops at the first page with none queued: the rest are the unqueued ones, counted before', async () => {
    const storage = fixture.open();
    const { id } = storage.backfill.create({ files: [], dryRun: false, listId: 7 });
    stage(storage, id, 0, 10);
    storage.backfill.queueNext(id, 3);
    const { store, pages } = recording(storage);
    const tally = createImportTally(store, id, options({ pageRows: 2 }));

    const first = await tally.exact();
    expect(first).toMatchObject({ contacts: 10, queued: 3, waiting: 3 });
    pages.length = 0;
    expect(await tally.exact()).toEqual(first);
    // Two queued, one queued and one not, then two not queued: the rest is not read.
    expect(pages.map((page) => page.contacts)).toEqual([2, 2, 2]);

    storage.backfill.queueNext(id, 4);
    storage.queue.markDelivered(storage.queue.claim('receive', 100).map((item) => item.id));
    expect(await tally.exact()).toMatchObject({ contacts: 10, queued: 7, waiting: 0, created: 7 });
  });

  it('shows the last complete count while a newer one is taken, never ahead of what happened, and counts again once it is a second old', async () => {
    const storage = fixture.open();
    const { id } = storage.backfill.create({ files: [], dryRun: false, listId: 7 });
    stage(storage, id, 0, 6);
    storage.backfill.queueNext(id, 100);
    const { store, pages } = recording(storage);
    const pendingTurns: Array<() => void> = [];
    const runTurns = async (): Promise<void> => {
      for (let turn = pendingTurns.shift(); turn !== undefined; turn = pendingTurns.shift()) {
        turn();
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const tally = createImportTally(store, id, options({ pageRows: 2, nextTurn: () => new Promise<void>((resolve) => pendingTurns.push(resolve)) }));

    // No count yet: the first call waits for a whole walk.
    const first = tally.recent();
    await runTurns();
    expect(await first).toMatchObject({ contacts: 6, waiting: 6, created: 0 });

    storage.queue.markDelivered(storage.queue.claim('receive', 4).map((item) => item.id));
    fixture.clock.now += 500;
    const readBefore = pages.length;
    expect(await tally.recent()).toMatchObject({ waiting: 6, created: 0 });
    expect(pages.length).toBe(readBefore);

    fixture.clock.now += 600;
    expect(await tally.recent()).toMatchObject({ waiting: 6, created: 0 });
    expect(pages.length).toBe(readBefore + 1);
    await runTurns();
    expect(await tally.recent()).toMatchObject({ waiting: 2, created: 4 });
  });

  it('counts a small import (one page) afresh on every call', async () => {
    const storage = fixture.open();
    const { id } = storage.backfill.create({ files: [], dryRun: false, listId: 7 });
    const tally = createImportTally(storage.backfill, id, options());
    stage(storage, id, 0, 3);
    expect((await tally.recent()).contacts).toBe(3);
    stage(storage, id, 3, 5);
    expect((await tally.recent()).contacts).toBe(5);
  });

  it('a dry run counts the staged contacts this connector has delivered before, as would-update', async () => {
    const storage = fixture.open();
    await deliverLive(storage, ['person1@example.com', 'person3@example.com'], Date.UTC(2024, 0, 1));
    const { id } = storage.backfill.create({ files: [], dryRun: true, listId: null });
    stage(storage, id, 0, 5);
    const counts = await createImportTally(storage.backfill, id, options({ dryRun: true, pageRows: 2 })).exact();
    expect(counts).toMatchObject({ contacts: 5, known: 2, queued: 0 });
  });
});
