// WAL checkpoints on a worker thread with its own connection (docs/architecture.md#durable-acknowledgement).
// SQLite's automatic checkpoint runs inside whichever COMMIT crosses 1,000 WAL pages: it copies ~4 MB into
// the database and fsyncs it, on the event loop. Here the main connection never checkpoints; the thread
// runs PASSIVE checkpoints (they never block writers) on a timer. If the thread cannot start or fails,
// the main connection checkpoints by itself again, as SQLite does by default.
// The thread also shrinks the log. With a journal size limit, the first COMMIT after a burst truncated
// a log grown past the limit, on the event loop: 60-120 ms in ftruncate on a disk mounted with `discard`
// (docs/benchmarks.md#session-6). So the main connection keeps its log whatever its size, and the thread
// truncates it once it is all copied and no frame has been added for shrinkAfterIdleMs.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Connection } from './write-transaction';

export interface CheckpointThreadOptions {
  /** How often the thread checkpoints (default 500 ms); a checkpoint with nothing to copy costs microseconds. */
  intervalMs?: number;
  /** The libsql entry the thread loads (default: the one this process uses). Tests point it elsewhere. */
  libsqlPath?: string;
  /** A fully copied log larger than this is truncated by the thread once writes have paused (default 64 MiB). */
  shrinkAboveBytes?: number;
  /** How long no frame may have been added before the thread truncates the log (default 5 s). */
  shrinkAfterIdleMs?: number;
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
/** The log size above which it is truncated: by the thread when writes pause, else by the committing connection. */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
const SHRINK_AFTER_IDLE_MS = 5_000;

// CommonJS run by the worker (eval), so it needs no bundled file of its own, in dev, tests or the asar.
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.libsqlPath);
const db = new Database(workerData.path);
db.exec('PRAGMA busy_timeout = 1000');
db.exec('PRAGMA wal_autocheckpoint = 0');
let lastFrames = -1;
let quietSince = Date.now();
const walBytes = () => {
  try {
    return statSync(workerData.path + '-wal').size;
  } catch {
    return 0;
  }
};
// TRUNCATE holds the write lock while it truncates: it does not wait for a writer (busy_timeout 0), and
// a COMMIT that comes meanwhile waits its own short busy timeout. Writes have paused, so that is rare.
const shrink = () => {
  db.exec('PRAGMA busy_timeout = 0');
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.exec('PRAGMA busy_timeout = 1000');
  }
  lastFrames = -1;
};
parentPort.on('message', (message) => {
  if (message === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    const frames = Number(row.log);
    const copied = Number(row.checkpointed);
    const now = Date.now();
    if (frames !== lastFrames) {
      lastFrames = frames;
      quietSince = now;
    }
    if (frames >= 0 && frames === copied && now - quietSince >= workerData.shrinkAfterIdleMs && walBytes() > workerData.shrinkAboveBytes) shrink();
    parentPort.postMessage({ ok: true, remaining: Math.max(0, frames - copied) });
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
  const workerData = { path, libsqlPath, shrinkAboveBytes: options.shrinkAboveBytes ?? WAL_SIZE_LIMIT_BYTES, shrinkAfterIdleMs: options.shrinkAfterIdleMs ?? SHRINK_AFTER_IDLE_MS };
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData, resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 } });
  let running = true;
  const waiting: Array<(remaining: number) => void> = [];
  db.pragma('wal_autocheckpoint = 0');
  // The thread truncates the log; the main connection never does (-1: no limit).
  db.pragma('journal_size_limit = -1');

  const fallBack = (): void => {
    if (!running) return;
    running = false;
    clearInterval(timer);
    // The main connection checkpoints and truncates by itself again: slower, but the WAL never grows without bound.
    db.pragma(`wal_autocheckpoint = ${INLINE_AUTOCHECKPOINT_PAGES}`);
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
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
