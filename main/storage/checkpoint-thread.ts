// WAL checkpoints on a worker thread with its own connection (docs/architecture.md#durable-acknowledgement).
// SQLite's automatic checkpoint runs inside whichever COMMIT crosses 1,000 WAL pages: it copies ~4 MB into
// the database and fsyncs it, on the event loop. Here the main connection never checkpoints; the thread
// runs PASSIVE checkpoints (they never block writers) on a timer. If the thread cannot start or fails,
// the main connection checkpoints by itself again, as SQLite does by default.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Connection } from './write-transaction';

export interface CheckpointThreadOptions {
  /** How often the thread checkpoints (default 500 ms); a checkpoint with nothing to copy costs microseconds. */
  intervalMs?: number;
  /** The libsql entry the thread loads (default: the one this process uses). Tests point it elsewhere. */
  libsqlPath?: string;
}

export interface CheckpointThread {
  /** Resolves after the checkpoint it asked for, with the WAL frames still to copy (0: all copied). */
  checkpointNow(): Promise<number>;
  /** False once the thread failed and the main connection checkpoints again. */
  readonly running: boolean;
  stop(): Promise<void>;
}

/** SQLite's default: checkpoint from the committing connection once the WAL holds this many pages. */
const INLINE_AUTOCHECKPOINT_PAGES = 1000;

// CommonJS run by the worker (eval), so it needs no bundled file of its own, in dev, tests or the asar.
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.libsqlPath);
const db = new Database(workerData.path);
db.exec('PRAGMA busy_timeout = 1000');
db.exec('PRAGMA wal_autocheckpoint = 0');
parentPort.on('message', (message) => {
  if (message === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, remaining: Math.max(0, Number(row.log) - Number(row.checkpointed)) });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error && error.message) });
  }
});
parentPort.postMessage({ ready: true });
`;

type ThreadMessage = { ready: true } | { ok: true; remaining: number } | { ok: false; message: string };

export function startCheckpointThread(db: Connection, path: string, options: CheckpointThreadOptions = {}): CheckpointThread {
  const libsqlPath = options.libsqlPath ?? createRequire(import.meta.url).resolve('libsql');
  // It only runs a pragma: a small heap keeps its own isolate from adding to the relay's RSS (a thread
  // that ran out would exit, and the main connection checkpoint again).
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { path, libsqlPath }, resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 } });
  let running = true;
  const waiting: Array<(remaining: number) => void> = [];
  db.pragma('wal_autocheckpoint = 0');

  const fallBack = (): void => {
    if (!running) return;
    running = false;
    clearInterval(timer);
    // The main connection checkpoints by itself again: slower, but the WAL never grows without bound.
    db.pragma(`wal_autocheckpoint = ${INLINE_AUTOCHECKPOINT_PAGES}`);
    for (const resolve of waiting.splice(0)) resolve(-1);
  };

  worker.on('message', (message: ThreadMessage) => {
    if ('ready' in message) return;
    // A failed checkpoint (SQLITE_BUSY from a long reader) is tried again on the next tick.
    waiting.shift()?.(message.ok ? message.remaining : -1);
  });
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  worker.unref();

  const request = (): Promise<number> =>
    new Promise((resolve) => {
      if (!running) return resolve(-1);
      waiting.push(resolve);
      worker.postMessage('checkpoint');
    });
  const timer = setInterval(() => {
    if (waiting.length === 0) void request();
  }, options.intervalMs ?? 500);
  timer.unref();

  return {
    checkpointNow: request,
    get running() {
      return running;
    },
    async stop() {
      if (!running) return;
      running = false;
      clearInterval(timer);
      for (const resolve of waiting.splice(0)) resolve(-1);
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      // Unref'd, the thread would not keep the process alive until it has closed its connection: a
      // shutdown awaiting this would end with its await unsettled (exit code 13).
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
