import { join } from 'node:path';
import { describeFile } from '../../../main/backfill/backfill-files';
import { createBackfillRunner } from '../../../main/backfill/backfill-runner';
import { silentLogger } from '../../../main/logging/relay-logger';
import type { Storage } from '../../../main/storage/database';
import type { BackfillProgress } from '../../../shared/api';
import { pollUntil } from '../../support/condition-polling';
import { useStorageFixture } from '../../support/storage-fixture';
import { writeHistory } from './history-fixtures';

// The import runner over real storage, with the contact sync worker played by the test: live progress
// never shows more than what happened, is read a page at a time, and the stored summary is exact.
describe('the history import runner', () => {
  const fixture = useStorageFixture();
  const CONTACTS = 2500;
  const PAGE_ROWS = 500;
  const FAILED_REASON = 'Mailjet refused the contact';

  function runnerOver(storage: Storage, nudge: () => void) {
    const pages: number[] = [];
    const store: Storage['backfill'] = {
      ...storage.backfill,
      progressPage: (...args) => {
        pages.push(args[2]);
        return storage.backfill.progressPage(...args);
      },
    };
    const runner = createBackfillRunner({ store, nudge, logger: silentLogger, pollMs: 5, progressPageRows: PAGE_ROWS });
    return { runner, pages };
  }

  /** Delivers every due import item, failing the contacts whose number ends in 7. */
  function deliverAll(storage: Storage): void {
    for (let claimed = storage.queue.claim('receive', 500); claimed.length > 0; claimed = storage.queue.claim('receive', 500)) {
      const fails = claimed.filter((item) => /7@/.test(String(item.email)));
      storage.queue.markFailed(fails.map((item) => ({ id: item.id, reason: FAILED_REASON })));
      storage.queue.markDelivered(claimed.filter((item) => !fails.includes(item)).map((item) => item.id));
    }
  }

  it('shows live counts never ahead of the queue, and stores an exact summary when the import is done', async () => {
    const storage = fixture.open();
    const file = join(fixture.dir, 'history.jsonl');
    writeHistory(file, { contacts: CONTACTS, versions: 2 });
    const { runner, pages } = runnerOver(storage, () => setImmediate(() => deliverAll(storage)));

    const started = runner.start([await describeFile(file)], { dryRun: false, listId: 7 });
    const seen: BackfillProgress[] = [];
    for (let progress = started; progress.phase === 'reading' || progress.phase === 'delivering'; ) {
      progress = (await runner.progress(Number(started.id))) as BackfillProgress;
      const counts = storage.queue.counts('receive');
      expect(progress.delivered).toBeLessThanOrEqual(counts.delivered);
      expect(progress.queued).toBeLessThanOrEqual(counts.delivered + counts.failed + counts.pending + counts.inFlight);
      seen.push(progress);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await runner.settled(Number(started.id));

    const summary = await runner.progress(Number(started.id));
    expect(summary).toMatchObject({ phase: 'done', linesRead: CONTACTS * 2, contacts: CONTACTS, queued: CONTACTS, delivered: CONTACTS - 250, created: CONTACTS - 250, updated: 0, fraction: 1 });
    expect(summary?.failed).toEqual([{ reason: FAILED_REASON, count: 250 }]);
    expect(seen.map((progress) => progress.delivered)).toEqual([...seen.map((progress) => progress.delivered)].sort((a, b) => a - b));
    expect(pages.length).toBeGreaterThanOrEqual(CONTACTS / PAGE_ROWS);
    expect(Math.max(...pages)).toBeLessThanOrEqual(PAGE_ROWS);
  });

  it('cancel waits for an exact summary: every contact queued but not sent is skipped with the reason', async () => {
    const storage = fixture.open();
    const file = join(fixture.dir, 'history.jsonl');
    writeHistory(file, { contacts: CONTACTS, versions: 1 });
    const { runner } = runnerOver(storage, () => undefined);
    const started = runner.start([await describeFile(file)], { dryRun: false, listId: 7 });
    await pollUntil(() => storage.queue.counts('receive').pending >= 1000, 'a thousand contacts queued');
    // A live identify waiting at the same time is not the import's: cancelling leaves it to be sent.
    const [liveId] = await storage.queue.commit([{ direction: 'receive', kind: 'identify', email: 'live@example.com', payload: '{"type":"identify","traits":{"email":"live@example.com"}}' }]);

    await runner.cancel(Number(started.id));
    const ended = await runner.progress(Number(started.id));
    expect(ended).toMatchObject({ phase: 'cancelled', contacts: CONTACTS, delivered: 0 });
    const cancelled = ended?.skipped.find((entry) => /cancelled before this contact went out/.test(entry.reason));
    expect(cancelled?.count).toBe(ended?.queued);
    expect(cancelled?.count).toBe(storage.queue.counts('receive').skipped);
    expect(storage.queue.recent({ direction: 'receive', status: 'pending' }).map((item) => item.id)).toEqual([String(liveId)]);
    await runner.stop();
  });
});
