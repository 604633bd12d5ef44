// Measurement script, not a test: `node --import tsx test/main/storage/measure-million-items.mts [count]`.
// Fills a fresh database with N queued items through commit() and times the hot queue operations.
import Database from 'libsql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStorage } from '../../../main/storage/database';

const total = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'mjsc-measure-'));
const path = join(dir, 'connector.db');
let groups = 0;
const storage = openStorage({ path, onGroupCommit: () => void groups++ });
const payload = '{"event":"open","MessageID":19421777396190490,"email":"jo@example.com","time":1795770403}';

const timeMs = (run: () => unknown, repeat = 20): string => {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return `median ${samples[Math.floor(repeat / 2)]!.toFixed(3)} ms, max ${samples[repeat - 1]!.toFixed(3)} ms`;
};

const fillStart = performance.now();
const perCaller = 10;
for (let done = 0; done < total; ) {
  // 1,000 concurrent callers of 10 items each: one group per loop turn.
  const callers = Array.from({ length: 1000 }, (_, c) =>
    storage.queue.commit(
      Array.from({ length: perCaller }, (_, i) => ({
        direction: (c + i) % 10 === 0 ? ('receive' as const) : ('send' as const),
        kind: 'open',
        email: `user${done + c * perCaller + i}@example.com`,
        payload,
        messageId: `m${done + c * perCaller + i}`,
      })),
    ),
  );
  await Promise.all(callers);
  done += 1000 * perCaller;
}
const fillMs = performance.now() - fillStart;
console.log(`filled ${total} items in ${groups} group commits: ${(total / (fillMs / 1000)).toFixed(0)} items/s`);

console.log('counts(send)          ', timeMs(() => storage.queue.counts('send')), storage.queue.counts('send'));
console.log('nextDueAt(send)       ', timeMs(() => storage.queue.nextDueAt('send')));
console.log('claim 500 + delivered ', timeMs(() => storage.queue.markDelivered(storage.queue.claim('send', 500).map((i) => i.id))));
console.log('claim 500 + retry     ', timeMs(() => {
  const claimed = storage.queue.claim('send', 500);
  storage.queue.markRetry(claimed.map((i) => ({ id: i.id, nextAttemptAt: Date.now() + 600_000, error: 'busy' })));
}));
console.log('recent(send, 50)      ', timeMs(() => storage.queue.recent({ direction: 'send' })));
console.log('recent(failed, 50)    ', timeMs(() => storage.queue.recent({ status: 'failed' })));
console.log('commit 1 item (fsync) ', timeMs(() => undefined, 1), await (async () => {
  const s = performance.now();
  for (let i = 0; i < 20; i++) await storage.queue.commit([{ direction: 'send', kind: 'open', payload }]);
  return `${((performance.now() - s) / 20).toFixed(3)} ms per lone commit`;
})());
await storage.close();

// The alternative to the trigger-kept counts table: COUNT(*) over the (direction, status, id) index.
const db = new Database(path);
const countPending = db.prepare("SELECT COUNT(*) FROM items WHERE direction = 'send' AND status = 'pending'").raw();
console.log('indexed COUNT(*) pending', timeMs(() => countPending.get(), 5), countPending.get());
db.close();
rmSync(dir, { recursive: true, force: true });
