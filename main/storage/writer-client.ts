// The main thread's side of the storage writer thread (writer-thread.ts). Intake's commits are posted
// and answered later, so their SQLite work and fsync never hold the event loop; every other write is a
// synchronous call (Atomics.wait until the writer answers), as long as the write itself, as before.
// If the thread cannot start, dies or stops answering, openStorage writes on the main connection again.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { NewItem } from './queue-rows';
import type { GroupCommitStats } from './group-commit';
import type { CheckpointThreadOptions } from './checkpoint-thread';
import { StorageUnavailableError } from './storage-errors';
import { reviveError, type FromWriter, type SyncCall, type SyncReply, type ToWriter, type WriteStore, type WriterData } from './writer-protocol';

export interface WriterClientOptions {
  path: string;
  now: () => number;
  busyTimeoutMs: number;
  claimLeaseMs?: number;
  checkpoints?: CheckpointThreadOptions | 'inline';
  onGroupCommit?: (stats: GroupCommitStats) => void;
  /** Called once when the thread is lost after it started; later writes then run on the main connection. */
  onLost(reason: string): void;
  /** CommonJS source run as the thread instead of writer-thread.ts: tests stand in a thread that fails. */
  script?: string;
}

export interface WriterClient {
  /** False once the thread is lost: writes go to the main connection from then on. */
  readonly running: boolean;
  commit(items: NewItem[]): Promise<number[]>;
  /** Runs one write on the thread and waits for it; throws what the write threw. */
  call(store: WriteStore, method: string, args: unknown[]): unknown;
  /** Posts one write to the thread, after every call made before it; its promise settles with the answer. */
  later(store: WriteStore, method: string, args: unknown[]): Promise<unknown>;
  /** Since when the disk is full, as the writer last saw it. */
  diskFullSince(): number | undefined;
  /** Writes what is waiting, releases in-flight claims, checkpoints, closes the connection; the thread then ends. */
  close(): Promise<void>;
}

/** How long the thread may take to open the database (a first start under tsx compiles the sources). */
const START_TIMEOUT_MS = 30_000;
/**
 * How long one synchronous write may take before the thread is given up for lost. Far above any write
 * (a busy timeout of 20 ms, a fsync of at most a few hundred ms on a busy disk).
 */
const CALL_TIMEOUT_MS = 15_000;

/**
 * The writer's own V8 heap: it holds a group, a claim's rows or a staged chunk at a time (a few MiB).
 * A small young generation keeps the isolate from adding tens of MiB to the process's RSS; a thread
 * that runs out of heap exits, and the main connection takes over (commits in flight answer 503).
 */
const WRITER_HEAP = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 4 };

/** Starts the thread and waits until it has opened the database; undefined (and why) if it cannot. */
export function startWriter(options: WriterClientOptions): { writer: WriterClient } | { problem: string } {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const diskFull = new Float64Array(new SharedArrayBuffer(8));
  diskFull[0] = Number.NaN;
  const { port1: calls, port2: theirCalls } = new MessageChannel();
  const workerData: WriterData & { calls: typeof theirCalls } = {
    path: options.path,
    busyTimeoutMs: options.busyTimeoutMs,
    claimLeaseMs: options.claimLeaseMs,
    checkpoints: options.checkpoints,
    signal,
    diskFull,
    calls: theirCalls,
  };
  let worker: Worker;
  try {
    worker = new Worker(answeringFailure(options.script ?? writerLoader()), { eval: true, workerData, transferList: [theirCalls], resourceLimits: WRITER_HEAP });
  } catch (error) {
    return { problem: `the storage writer thread could not start: ${error instanceof Error ? error.message : String(error)}` };
  }
  let seq = 1;
  const wait = (target: number, timeoutMs: number): SyncReply | undefined => {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(signal, 0);
      if (seen >= target) break;
      const left = deadline - performance.now();
      if (left <= 0 || Atomics.wait(signal, 0, seen, left) === 'timed-out') break;
    }
    // Answers to `later` calls made before are settled on the way; those of calls given up on are skipped.
    for (let message = receiveMessageOnPort(calls); message !== undefined; message = receiveMessageOnPort(calls)) {
      const reply = message.message as SyncReply;
      if (reply.seq === target) return reply;
      settleLater(reply);
    }
    return undefined;
  };
  const pendingLater = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  /** Set while close() waits for the posted writes: they travel on another port than the close. */
  let laterDrained: (() => void) | undefined;
  const settleLater = (reply: SyncReply): void => {
    const waiter = pendingLater.get(reply.seq);
    if (waiter === undefined) return;
    pendingLater.delete(reply.seq);
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(reviveError(reply.error));
    if (pendingLater.size === 0) {
      calls.unref();
      laterDrained?.();
    }
  };

  const ready = wait(1, START_TIMEOUT_MS);
  if (ready?.ok !== true) {
    void worker.terminate();
    calls.close();
    return { problem: ready === undefined ? 'the storage writer thread did not start in time' : `the storage writer thread could not start: ${ready.error.message}` };
  }

  let running = true;
  let nextCommit = 0;
  const commits = new Map<number, { resolve(ids: number[]): void; reject(error: Error): void }>();
  let closed: (() => void) | undefined;
  const lose = (reason: string): void => {
    if (!running) return;
    running = false;
    void worker.terminate();
    calls.close();
    const failure = new StorageUnavailableError(`The storage writer stopped (${reason}); nothing in flight was acknowledged. Retry shortly.`);
    for (const waiter of [...commits.values(), ...pendingLater.values()]) waiter.reject(failure);
    commits.clear();
    pendingLater.clear();
    outgoing = [];
    options.onLost(reason);
  };

  calls.on('message', (reply: SyncReply) => settleLater(reply));
  calls.unref();
  worker.on('message', (message: FromWriter) => {
    switch (message.type) {
      case 'group':
        options.onGroupCommit?.(message.stats);
        return;
      case 'committed':
        commits.get(message.id)?.resolve(message.ids);
        settled(message.id);
        return;
      case 'refused':
        commits.get(message.id)?.reject(reviveError(message.error));
        settled(message.id);
        return;
      case 'closed':
        closed?.();
        return;
    }
  });
  worker.on('error', (error) => lose(error.message));
  worker.on('exit', (code) => {
    if (closed === undefined) lose(`exit code ${code}`);
  });
  // Nothing keeps the process alive for the thread; close() refs it until the connection is closed.
  worker.unref();

  /** A commit waiting for its answer keeps the process alive, as a pending fsync would. */
  const settled = (id: number): void => {
    commits.delete(id);
    if (commits.size === 0 && closed === undefined) worker.unref();
  };
  const post = (message: ToWriter): void => worker.postMessage(message);
  // The commits of one turn of the event loop go as one message, and so as one group on the writer.
  let outgoing: Array<{ id: number; items: NewItem[] }> = [];
  const sendCommits = (): void => {
    if (outgoing.length === 0 || !running) return;
    post({ type: 'commit', commits: outgoing, at: options.now() });
    outgoing = [];
  };

  return {
    writer: {
      get running() {
        return running;
      },
      commit(items) {
        return new Promise<number[]>((resolve, reject) => {
          const id = nextCommit++;
          if (commits.size === 0) worker.ref();
          commits.set(id, { resolve, reject });
          if (outgoing.length === 0) setImmediate(sendCommits);
          outgoing.push({ id, items });
        });
      },
      call(store, method, args) {
        seq += 1;
        const call: SyncCall = { seq, store, method, args, at: options.now() };
        calls.postMessage(call);
        const reply = wait(seq, CALL_TIMEOUT_MS);
        if (reply === undefined) {
          lose(`no answer to ${store}.${method} within ${CALL_TIMEOUT_MS / 1000} s`);
          throw new StorageUnavailableError(`The storage writer did not answer within ${CALL_TIMEOUT_MS / 1000} s; nothing was written. Retry shortly.`);
        }
        if (!reply.ok) throw reviveError(reply.error);
        return reply.value;
      },
      later(store, method, args) {
        if (!running) return Promise.reject(new StorageUnavailableError('The storage writer has stopped; retry shortly.'));
        seq += 1;
        const call: SyncCall = { seq, store, method, args, at: options.now() };
        return new Promise((resolve, reject) => {
          // Waiting for an answer keeps the process alive, as a pending write would.
          if (pendingLater.size === 0) calls.ref();
          pendingLater.set(call.seq, { resolve, reject });
          calls.postMessage(call);
        });
      },
      diskFullSince() {
        const since = diskFull[0] as number;
        return Number.isNaN(since) ? undefined : since;
      },
      close() {
        if (!running) return Promise.resolve();
        // What was committed this turn is written before the close.
        sendCommits();
        running = false;
        // Posted writes (settlements, attempt rows, refusals) are answered before the thread closes its
        // connection: they come on the calls port, the close on the worker's own, so their order is not given.
        const drained = new Promise<void>((resolve) => {
          if (pendingLater.size === 0) return resolve();
          laterDrained = resolve;
          worker.once('exit', () => {
            const failure = new StorageUnavailableError('The storage writer stopped before it answered; nothing in flight was acknowledged. Retry shortly.');
            for (const waiter of pendingLater.values()) waiter.reject(failure);
            pendingLater.clear();
            resolve();
          });
        });
        return drained
          .then(
            () =>
              new Promise<void>((resolve) => {
                closed = resolve;
                worker.once('exit', () => resolve());
                worker.ref();
                post({ type: 'close', at: options.now() });
              }),
          )
          .finally(() => calls.close());
      },
    },
  };
}

/**
 * The thread's script, so that a failure to load it is answered at once instead of after the start
 * timeout: the main thread waits in Atomics.wait and would not see the worker's exit event.
 */
function answeringFailure(load: string): string {
  return `
const { workerData } = require('node:worker_threads');
const fail = (error) => {
  workerData.calls.postMessage({ seq: 1, ok: false, error: { name: 'Error', message: String((error && error.message) || error) } });
  Atomics.store(workerData.signal, 0, 1);
  Atomics.notify(workerData.signal, 0);
};
try {
  ${load}
} catch (error) {
  fail(error);
}
`;
}

/**
 * Loads the bundle's storage-writer.js next to (or above) the running chunk, or, from the sources
 * (tests, tsx), writer-thread.ts through tsx.
 */
function writerLoader(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const source = join(dirname(here), 'writer-thread.ts');
    return `require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`;
  }
  for (const candidate of [join(dirname(here), 'storage-writer.js'), join(dirname(here), '..', 'storage-writer.js')]) {
    if (existsSync(candidate)) return `import(${JSON.stringify(pathToFileURL(candidate).href)}).catch(fail);`;
  }
  throw new Error(`storage-writer.js is missing next to ${here}; rebuild with npm run build`);
}
