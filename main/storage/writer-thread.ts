// The storage writer thread's entry (started by writer-client.ts): it owns the one connection that
// writes. Intake's group commits, their WAL fsync and the WAL checkpoints run here, so a commit never
// holds the main thread's event loop; the other writes arrive as synchronous calls and run in the
// order they come (docs/architecture.md#the-storage-writer-thread).
import Database from 'libsql';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { startCheckpointThread, WAL_SIZE_LIMIT_BYTES } from './checkpoint-thread';
import { diskFullSince } from './disk-full-recovery';
import { createBackfillStore } from './backfill-store';
import { createItemAttempts } from './item-attempts';
import { createItemInspection } from './item-inspection';
import { createItemQueue } from './item-queue';
import { releaseAndClose } from './item-statements';
import { createRefusedLog } from './refused-log';
import { createRetention } from './retention';
import { createSettingsStore } from './settings-store';
import { sendError, WRITE_METHODS, type FromWriter, type SyncCall, type SyncReply, type ToWriter, type WriteStore, type WriterData } from './writer-protocol';

const data = workerData as WriterData & { calls: MessagePort };
const parent = parentPort as MessagePort;
const { path, signal, diskFull } = data;

/** The clock of the call being run: the main thread's, sent with every message. */
let at = Date.now();
const now = (): number => at;

const send = (message: FromWriter): void => parent.postMessage(message);

let start: () => void;
try {
  start = open();
} catch (error) {
  answer({ seq: 1, ok: false, error: sendError(error) });
  process.exit(1);
}
start();

function open(): () => void {
  const db = new Database(path);
  db.exec(`PRAGMA busy_timeout = ${data.busyTimeoutMs}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  const items = createItemQueue(db, { path, now, claimLeaseMs: data.claimLeaseMs, onGroupCommit: (stats) => send({ type: 'group', stats }) });
  const checkpointer = data.checkpoints === 'inline' ? undefined : startCheckpointThread(db, path, data.checkpoints);
  const stores: Record<WriteStore, object> = {
    queue: items.queue,
    settings: createSettingsStore(db, path, now),
    attempts: createItemAttempts(db),
    refused: createRefusedLog(db),
    inspection: createItemInspection(db),
    retention: createRetention(db, path, () => false),
    backfill: createBackfillStore(db, path, now),
  };
  const noteDiskState = (): void => {
    diskFull[0] = diskFullSince(db) ?? Number.NaN;
  };

  const run = (call: SyncCall): SyncReply => {
    at = call.at;
    const allowed = (WRITE_METHODS[call.store] as readonly string[] | undefined)?.includes(call.method) === true;
    try {
      if (!allowed) throw new TypeError(`${call.store}.${call.method} is not a write the writer thread runs`);
      const method = (stores[call.store] as Record<string, (...args: unknown[]) => unknown>)[call.method] as (...args: unknown[]) => unknown;
      return { seq: call.seq, ok: true, value: method(...call.args) };
    } catch (error) {
      return { seq: call.seq, ok: false, error: sendError(error) };
    } finally {
      noteDiskState();
    }
  };

  const close = async (): Promise<void> => {
    items.stop();
    await checkpointer?.stop();
    releaseAndClose(db, now());
    await items.drained();
  };

  return () => {
    data.calls.on('message', (call: SyncCall) => answer(run(call)));
    parent.on('message', (message: ToWriter) => {
      at = message.at;
      if (message.type === 'close') {
        void close().finally(() => {
          send({ type: 'closed' });
          data.calls.close();
          parent.close();
        });
        return;
      }
      // Submitted in one go, so the commits of one main-thread turn share a group.
      for (const { id, items: batch } of message.commits) {
        // The disk state is shared before the answer, so a status read after a 2xx sees the disk as it is.
        items.queue.commit(batch).then(
          (ids) => {
            noteDiskState();
            send({ type: 'committed', id, ids });
          },
          (error: unknown) => {
            noteDiskState();
            send({ type: 'refused', id, error: sendError(error) });
          },
        );
      }
    });
    answer({ seq: 1, ok: true, value: 'ready' });
  };
}

/** The answer first, then the signal: the main thread reads the answer once the signal has moved. */
function answer(reply: SyncReply): void {
  data.calls.postMessage(reply);
  Atomics.store(signal, 0, reply.seq);
  Atomics.notify(signal, 0);
}
