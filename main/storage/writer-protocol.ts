// What the main thread and the storage writer thread (writer-thread.ts) say to each other. Every write
// of the database goes to the writer: one connection that writes, so no write ever waits for another of
// ours, and the main thread's own connection only reads (docs/architecture.md#the-storage-writer-thread).
import { DataDirError, SchemaTooNewError, SecretSettingRefusedError, StorageUnavailableError } from './storage-errors';
import type { NewItem } from './queue-rows';
import type { GroupCommitStats } from './group-commit';
import type { CheckpointThreadOptions } from './checkpoint-thread';

/** The stores whose writes run on the writer thread, and which of their methods write. */
export const WRITE_METHODS = {
  queue: ['claim', 'markDelivered', 'markRetry', 'markFailed', 'release', 'retryFailed'],
  settings: ['set'],
  attempts: ['record'],
  refused: ['record'],
  inspection: ['replay', 'discardFailed'],
  retention: ['pruneBatch'],
  backfill: ['create', 'stage', 'queueNext', 'setState', 'skipPending', 'discardStaged'],
} as const;

export type WriteStore = keyof typeof WRITE_METHODS;

/**
 * The writes the workers make on every batch (claims, settlements, attempt rows), a history import's
 * steps, retention's batches, the refused-request log's entries and bookkeeping settings, also offered
 * as `later`: answered by a promise, so on the writer thread they do not hold the event loop.
 */
export const LATER_METHODS = {
  queue: ['claim', 'markDelivered', 'markRetry', 'markFailed', 'release'],
  attempts: ['record'],
  backfill: ['stage', 'queueNext', 'discardStaged'],
  retention: ['pruneBatch'],
  refused: ['record'],
  settings: ['set'],
} as const satisfies Partial<Record<WriteStore, readonly string[]>>;

type Method = (...args: never[]) => unknown;

/** The same methods, answering with a promise. */
export type Later<T, K extends keyof T> = { [M in K]: T[M] extends Method ? (...args: Parameters<T[M]>) => Promise<Awaited<ReturnType<T[M]>>> : never };

/** `later` for a store whose writes run where it is called: each one runs now and its outcome is a promise. */
export function laterOf<T extends object, K extends keyof T>(store: T, methods: readonly K[]): Later<T, K> {
  return Object.fromEntries(
    methods.map((method) => [
      method,
      (...args: unknown[]) => {
        try {
          return Promise.resolve((store[method] as (...a: unknown[]) => unknown)(...args));
        } catch (error) {
          return Promise.reject(error);
        }
      },
    ]),
  ) as unknown as Later<T, K>;
}

export interface WriterData {
  path: string;
  busyTimeoutMs: number;
  claimLeaseMs: number | undefined;
  checkpoints: CheckpointThreadOptions | 'inline' | undefined;
  /** [0]: the sequence number of the last synchronous call answered (the startup handshake is 0 → 1). */
  signal: Int32Array;
  /** [0]: since when the disk is full (ms), NaN when it is not (diskFullSince, readable without a call). */
  diskFull: Float64Array;
}

/**
 * A call, synchronous (the main thread waits on `signal` for the answer, Atomics.wait) or not (its
 * answer settles a promise). Both go on one channel, so the writer runs them in the order they were made.
 */
export interface SyncCall {
  seq: number;
  store: WriteStore;
  method: string;
  args: unknown[];
  /** The main thread's clock at the call: the stores' `now()` on the writer (tests run fake clocks). */
  at: number;
}

export type SyncReply = { seq: number; ok: true; value: unknown } | { seq: number; ok: false; error: SentError };

/** Messages on the worker's own channel: the commits of one main-thread turn (answered later, one group), and the close. */
export type ToWriter = { type: 'commit'; commits: Array<{ id: number; items: NewItem[] }>; at: number } | { type: 'close'; at: number };

export type FromWriter =
  | { type: 'group'; stats: GroupCommitStats }
  | { type: 'committed'; id: number; ids: number[] }
  | { type: 'refused'; id: number; error: SentError }
  | { type: 'closed' };

/** An error as it crosses threads: structured clone keeps neither the class nor `code`. */
export interface SentError {
  name: string;
  message: string;
  code?: string;
  causeCode?: string;
  stack?: string;
}

export function sendError(error: unknown): SentError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = codeOf(error);
  const causeCode = codeOf(error.cause);
  return { name: error.name, message: error.message, stack: error.stack, ...(code === undefined ? {} : { code }), ...(causeCode === undefined ? {} : { causeCode }) };
}

const ERROR_CLASSES: Record<string, { prototype: Error }> = {
  StorageUnavailableError,
  SecretSettingRefusedError,
  SchemaTooNewError,
  DataDirError,
  TypeError,
  RangeError,
};

/** The error again on this side, of the same class where it is one of ours, with its code. */
export function reviveError(sent: SentError): Error {
  const error = Object.create((ERROR_CLASSES[sent.name] ?? Error).prototype) as Error & { code?: string };
  Object.defineProperties(error, {
    message: { value: sent.message, writable: true, configurable: true },
    name: { value: sent.name, writable: true, configurable: true },
    stack: { value: sent.stack ?? `${sent.name}: ${sent.message}`, writable: true, configurable: true },
  });
  if (sent.code !== undefined) Object.defineProperty(error, 'code', { value: sent.code, enumerable: true, configurable: true });
  if (sent.causeCode !== undefined) Object.defineProperty(error, 'cause', { value: { code: sent.causeCode }, configurable: true });
  return error;
}

function codeOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'string' ? value.code : undefined;
}
