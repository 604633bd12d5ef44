// The storage writer thread (main/storage/writer-client.ts, writer-thread.ts): intake's commits run off
// the event loop, writes that cross to the thread keep their errors and their redaction, and a thread
// that cannot start or is lost leaves the connector writing on the main connection, nothing acknowledged lost.
import Database from 'libsql';
import { clearSecrets, registerSecret } from '../../../main/logging/redaction';
import { SecretSettingRefusedError, StorageUnavailableError } from '../../../main/storage/storage-errors';
import { pollUntil } from '../../support/condition-polling';
import { eventItem, useStorageFixture } from '../../support/storage-fixture';
import { stagedContact } from '../backfill/history-fixtures';

/** A thread that says it is ready, then leaves once it is sent anything (or after `exitAfterMs`). */
function readyThenExit(exitAfterMs?: number): string {
  return `
const { workerData, parentPort } = require('node:worker_threads');
workerData.calls.postMessage({ seq: 1, ok: true, value: 'ready' });
Atomics.store(workerData.signal, 0, 1);
Atomics.notify(workerData.signal, 0);
parentPort.on('message', () => process.exit(3));
${exitAfterMs === undefined ? '' : `setTimeout(() => process.exit(3), ${exitAfterMs});`}
`;
}

describe('the storage writer thread', () => {
  const fixture = useStorageFixture();

  it('keeps the event loop turning while a commit waits for another process to release the database', async () => {
    const storage = fixture.open({ busyTimeoutMs: 1_500 });
    expect(storage.writesOn()).toBe('thread');
    await storage.queue.commit([eventItem('open', 'warm-up')]);
    const locker = new Database(fixture.path);
    locker.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => void (ticks += 1), 10);
    try {
      const committed = storage.queue.commit([eventItem('open', 'waits')]);
      // The thread waits out its busy timeout; the main thread's timers keep firing meanwhile.
      await pollUntil(() => ticks >= 20, 'timers firing while the commit waits', { timeoutMs: 10_000, intervalMs: 10 });
      locker.exec('COMMIT');
      await expect(committed).resolves.toHaveLength(1);
    } finally {
      clearInterval(ticker);
      locker.close();
    }
    expect(storage.queue.counts('send').pending).toBe(2);
  });

  it('keeps the event loop turning while a claim and its settlement wait for the lock, and answers them in order', async () => {
    const storage = fixture.open({ busyTimeoutMs: 1_500 });
    await storage.queue.commit([eventItem('open', 'a'), eventItem('click', 'b')]);
    const locker = new Database(fixture.path);
    locker.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => void (ticks += 1), 10);
    let claimed: Awaited<ReturnType<typeof storage.queue.later.claim>>;
    try {
      const claim = storage.queue.later.claim('send', 10);
      await pollUntil(() => ticks >= 20, 'timers firing while the claim waits', { timeoutMs: 10_000, intervalMs: 10 });
      locker.exec('COMMIT');
      claimed = await claim;
    } finally {
      clearInterval(ticker);
      locker.close();
    }
    expect(claimed.map((item) => item.kind)).toEqual(['open', 'click']);
    // Posted, not awaited: the synchronous write after it runs after it on the thread.
    const delivered = storage.queue.later.markDelivered(claimed.map((item) => item.id));
    storage.settings.set('receive.list_id', 7);
    expect(storage.queue.counts('send')).toMatchObject({ delivered: 2, inFlight: 0 });
    await delivered;
  });

  it("keeps the event loop turning while a history import's staging and queueing steps wait for the lock", async () => {
    const storage = fixture.open({ busyTimeoutMs: 1_500 });
    const { id } = storage.backfill.create({ files: [], dryRun: false, listId: 7 });
    const locker = new Database(fixture.path);
    locker.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => void (ticks += 1), 10);
    try {
      const staged = storage.backfill.later.stage(id, { contacts: [stagedContact(1), stagedContact(2)], skipped: new Map([['no_email', 1]]), fileIndex: 0, lineOffset: 3, linesRead: 3 });
      const queued = storage.backfill.later.queueNext(id, 10);
      await pollUntil(() => ticks >= 20, 'timers firing while the steps wait', { timeoutMs: 10_000, intervalMs: 10 });
      locker.exec('COMMIT');
      await staged;
      await expect(queued).resolves.toEqual({ queued: 2, superseded: 0 });
    } finally {
      clearInterval(ticker);
      locker.close();
    }
    expect(storage.backfill.find(id)).toMatchObject({ linesRead: 3, lineOffset: 3 });
    expect(storage.queue.counts('receive').pending).toBe(2);
  });

  it('answers the writes posted just before close, then closes', async () => {
    const storage = fixture.open();
    await storage.queue.commit([eventItem('open', 'x'), eventItem('click', 'y')]);
    const claimed = await storage.queue.later.claim('send', 10);
    const delivered = storage.queue.later.markDelivered(claimed.map((item) => item.id));
    const recorded = storage.attempts.later.record(claimed.map((item) => ({ itemId: item.id, at: fixture.clock.now, outcome: 'delivered' as const })));
    await storage.close();
    await expect(delivered).resolves.toBeUndefined();
    await expect(recorded).resolves.toBeUndefined();
    const reopened = fixture.open();
    expect(reopened.queue.counts('send')).toMatchObject({ delivered: 2, inFlight: 0, pending: 0 });
    expect(reopened.attempts.forItem(claimed[0]!.id)).toHaveLength(1);
  });

  it('holds the event loop for the same wait when writes run on the main connection (the contrast)', async () => {
    const storage = fixture.open({ busyTimeoutMs: 300, writes: 'inline' });
    expect(storage.writesOn()).toBe('inline');
    const locker = new Database(fixture.path);
    locker.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => void (ticks += 1), 10);
    try {
      await expect(storage.queue.commit([eventItem('open', 'blocked')])).rejects.toMatchObject({ code: 'storage_unavailable' });
    } finally {
      clearInterval(ticker);
      locker.close();
    }
    // The whole 300 ms busy wait ran inside one turn: at most the tick due before it started fired.
    expect(ticks).toBeLessThanOrEqual(1);
  });

  it('gives back the same error classes and codes a write throws on the thread', () => {
    const storage = fixture.open();
    let thrown: unknown;
    try {
      storage.settings.set('mailjet.api_key', 'x');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SecretSettingRefusedError);
    expect(thrown).toMatchObject({ code: 'secret_setting_refused', message: expect.stringMatching(/Refusing to store setting "mailjet.api_key"/) });
  });

  it('stores failure reasons redacted with the secrets registered on the main thread', async () => {
    const secret = 'sk-writer-thread-secret-7f3a';
    registerSecret(secret);
    try {
      const storage = fixture.open();
      await storage.queue.commit([eventItem('open', 'm1'), eventItem('click', 'm2')]);
      const [first, second] = storage.queue.claim('send', 10);
      storage.queue.markFailed([{ id: first!.id, reason: `Segment said 401 for write key ${secret}` }]);
      storage.queue.markRetry([{ id: second!.id, nextAttemptAt: fixture.clock.now + 1_000, error: `upstream echoed ${secret}` }]);
      const failed = storage.inspection.get(first!.id);
      const retried = storage.inspection.get(second!.id);
      expect(failed?.reason).toMatch(/Segment said 401 for write key \*\*\*/);
      expect(retried?.reason).toMatch(/upstream echoed \*\*\*/);
      expect(JSON.stringify([failed, retried])).not.toContain(secret);
    } finally {
      clearSecrets();
    }
  });

  it('writes on the main connection, and says why, when the thread cannot start', async () => {
    const problems: string[] = [];
    const storage = fixture.open({ writerScript: "throw new Error('libsql would not load')", onWriterProblem: (problem) => problems.push(problem) });
    expect(storage.writesOn()).toBe('inline');
    expect(problems).toEqual(['the storage writer thread could not start: libsql would not load; writes run on the event loop']);
    await expect(storage.queue.commit([eventItem('open', 'still-taken')])).resolves.toHaveLength(1);
    expect(storage.queue.counts('send').pending).toBe(1);
  });

  it('refuses the commits in flight when the thread is lost, then takes the retry on the main connection', async () => {
    const problems: string[] = [];
    const storage = fixture.open({ writerScript: readyThenExit(), onWriterProblem: (problem) => problems.push(problem) });
    expect(storage.writesOn()).toBe('thread');
    const lost = storage.queue.commit([eventItem('open', 'in-flight')]);
    await expect(lost).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(lost).rejects.toMatchObject({ code: 'storage_unavailable', message: expect.stringMatching(/nothing in flight was acknowledged/) });
    expect(storage.writesOn()).toBe('inline');
    expect(problems).toEqual([expect.stringMatching(/storage writer thread was lost \(exit code 3\)/)]);
    await expect(storage.queue.commit([eventItem('open', 'retried')])).resolves.toHaveLength(1);
    expect(storage.queue.recent({ direction: 'send' }).map((item) => item.kind)).toEqual(['open']);
  });

  it('moves the other writes to the main connection once the thread is gone', async () => {
    const problems: string[] = [];
    const storage = fixture.open({ writerScript: readyThenExit(50), onWriterProblem: (problem) => problems.push(problem) });
    await pollUntil(() => problems.length > 0, 'the thread reported lost', { timeoutMs: 10_000, intervalMs: 10 });
    storage.settings.set('receive.list_id', 42);
    expect(storage.settings.get('receive.list_id')).toBe(42);
    await storage.queue.commit([eventItem('open', 'after')]);
    expect(storage.queue.claim('send', 10)).toHaveLength(1);
  });
});
