// The history import's durable state: each import's checkpoint (file index + lines done), its contacts
// staged one per email (the latest by message time wins), and the move of staged contacts into the item
// queue. Every step is one transaction, so a crash (even SIGKILL) resumes without queueing a contact twice.
import type { ItemStatus } from '../../shared/api';
import type { BackfillRow, BackfillState, ProgressPage, StagedContact, StagedGroup } from './backfill-rows';
import { prepareBackfillStatements, toBackfillRow } from './backfill-statements';
import { prepareCountAdder } from './queue-counts';
import { describeWriteFailure } from './storage-errors';
import { runWriteTransaction, type Connection, type Durability } from './write-transaction';
import { LATER_METHODS, laterOf, type Later } from './writer-protocol';

export type { BackfillRow, BackfillState, ProgressPage, StagedContact, StagedGroup };

export interface StageChunk {
  contacts: readonly StagedContact[];
  /** Lines skipped in this chunk, by reason. */
  skipped: ReadonlyMap<string, number>;
  /** The checkpoint after this chunk: which file, how many of its lines are done, how many lines in all. */
  fileIndex: number;
  lineOffset: number;
  linesRead: number;
}

export interface BackfillStore {
  create(input: { files: unknown; dryRun: boolean; listId: number | null }): BackfillRow;
  find(id: number): BackfillRow | undefined;
  latest(): BackfillRow | undefined;
  /** Real imports still reading or delivering (an interrupted process left them). */
  unfinished(): BackfillRow[];
  stage(id: number, chunk: StageChunk): void;
  /**
   * Up to `limit` staged contacts into the item queue as pending identify items, in one transaction.
   * A contact whose email has a live identify received after its message time is not queued
   * (`superseded`): a historical call never overwrites a newer live one.
   */
  queueNext(id: number, limit: number): { queued: number; superseded: number };
  /**
   * Up to `limit` staged contacts after `afterKey` in key order, grouped by what progress counts
   * (queued, superseded, known, their item's status and reason): live progress reads an import a page
   * at a time. `knownNow` (a dry run) looks each email up in the contacts delivered so far.
   */
  progressPage(id: number, afterKey: string, limit: number, knownNow: boolean): ProgressPage;
  /**
   * What the feed loop needs, cheaply: staged contacts not yet queued (counted up to `upTo`, all when
   * omitted), and this import's items waiting for delivery.
   */
  flow(id: number, upTo?: number): { unqueued: number; waiting: number };
  setState(id: number, state: BackfillState, detail?: { summary?: string; error?: string }): void;
  /** Pending and in-flight items of this import become skipped with `reason`; returns how many. */
  skipPending(id: number, reason: string): number;
  /** Drops up to `limit` staged contacts (a dry run keeps only its summary); returns how many went. */
  discardStaged(id: number, limit: number): number;
  /** The import's steps, answered by a promise (off the event loop on the storage writer thread). */
  readonly later: Later<BackfillWrites, (typeof LATER_METHODS.backfill)[number]>;
}

type BackfillWrites = Omit<BackfillStore, 'later'>;

export function createBackfillStore(db: Connection, path: string, now: () => number): BackfillStore {
  const sql = prepareBackfillStatements(db);
  const addCounts = prepareCountAdder(db);
  // The import's own steps (staging a chunk, queueing a step) are `deferred`: no fsync on the event loop,
  // a thousand times per 100,000 contacts. A power cut may lose the last steps, and the import then redoes
  // them from its last checkpoint on disk: staging is keyed by email, and a lost queueing step lost its
  // items with it (one transaction), so nothing is queued twice or skipped. State changes stay `immediate`.
  const write = <T>(run: () => T, durability: Durability = 'immediate'): T => {
    try {
      return runWriteTransaction(db, run, durability);
    } catch (error) {
      throw describeWriteFailure(path, error);
    }
  };
  const rowOf = (raw: unknown[] | undefined): BackfillRow | undefined => (raw === undefined ? undefined : toBackfillRow(raw));

  const store: BackfillWrites = {
    create: ({ files, dryRun, listId }) =>
      write(() => {
        const at = now();
        const row = sql.insertImport.get(dryRun ? 1 : 0, listId, JSON.stringify(files), at) as unknown[];
        return toBackfillRow(row);
      }),
    find: (id) => rowOf(sql.selectImport.get(id) as unknown[] | undefined),
    latest: () => rowOf(sql.selectLatest.get() as unknown[] | undefined),
    unfinished: () => (sql.selectUnfinished.all() as unknown[][]).map(toBackfillRow),
    stage: (id, chunk) =>
      write(() => {
        const current = rowOf(sql.selectImport.get(id) as unknown[] | undefined);
        if (current === undefined) return;
        const skipped = new Map(Object.entries(current.skipped));
        for (const [reason, count] of chunk.skipped) skipped.set(reason, (skipped.get(reason) ?? 0) + count);
        if (chunk.contacts.length > 0) {
          sql.stageContacts.run(
            id,
            JSON.stringify(chunk.contacts.map((c) => [c.emailKey, c.email, c.messageAt, c.payload, c.userId ?? null])),
          );
        }
        sql.checkpoint.run(chunk.fileIndex, chunk.lineOffset, chunk.linesRead, JSON.stringify(Object.fromEntries(skipped)), now(), id);
      }, 'deferred'),
    queueNext: (id, limit) =>
      write(() => {
        const staged = sql.selectUnqueued.all(id, limit) as unknown[][];
        if (staged.length === 0) return { queued: 0, superseded: 0 };
        const probe = JSON.stringify(staged.map((row) => [row[0], row[2]]));
        const messageAt = new Map(staged.map((row) => [String(row[0]), Number(row[2])]));
        const newer = new Set([
          ...(sql.newerLivePending.all(probe) as unknown[][]).map((row) => String(row[0])),
          ...(sql.newerLiveDelivered.all(probe) as unknown[][]).map((row) => String(row[0])),
          ...(sql.liveInFlightOrFailed.all(probe) as unknown[][]).filter(([key, at]) => Number(at) > (messageAt.get(String(key)) ?? 0)).map((row) => String(row[0])),
        ]);
        const toQueue = staged.filter((row) => !newer.has(String(row[0])));
        if (newer.size > 0) sql.markSuperseded.run(id, JSON.stringify([...newer]));
        if (toQueue.length > 0) {
          const at = now();
          const ids = (sql.insertItems.all(at, JSON.stringify(toQueue.map((row) => [row[1], row[3], messageIdOf(row[3])]))) as unknown[][])
            .map((row) => Number(row[0]))
            .sort((a, b) => a - b);
          addCounts('receive', 'pending', ids.length);
          toQueue.forEach((row, index) => sql.linkItem.run(id, row[0], ids[index]));
          // The identity map learns a historical userId only where it knows none: a live identify's is newer.
          for (const row of toQueue) if (typeof row[4] === 'string') sql.rememberIdentity.run(row[0], row[4], at);
        }
        return { queued: toQueue.length, superseded: newer.size };
      }, 'deferred'),
    progressPage(id, afterKey, limit, knownNow) {
      const rows = sql.progressPage.all(id, afterKey, limit, knownNow ? 1 : 0) as unknown[][];
      const groups = rows.map(([, count, queued, superseded, known, status, reason]) => ({
        count: Number(count),
        queued: Number(queued) === 1,
        superseded: Number(superseded) === 1,
        known: Number(known) === 1,
        status: typeof status === 'string' ? (status as ItemStatus) : null,
        reason: typeof reason === 'string' ? reason : null,
      }));
      const lastKey = rows[0] === undefined ? null : String(rows[0][0]);
      return { contacts: groups.reduce((n, group) => n + group.count, 0), lastKey, groups };
    },
    flow: (id, upTo) => ({
      unqueued: Number((sql.countUnqueued.get(id, upTo === undefined ? -1 : Math.max(0, Math.trunc(upTo))) as unknown[])[0] ?? 0),
      waiting: Number((sql.countWaiting.get(id) as unknown[])[0] ?? 0),
    }),
    setState: (id, state, detail = {}) => write(() => void sql.setState.run(state, detail.summary ?? null, detail.error ?? null, now(), id)),
    skipPending: (id, reason) => write(() => sql.skipPending.run(reason, now(), id).changes),
    discardStaged: (id, limit) => write(() => sql.discardStaged.run(id, Math.max(0, Math.trunc(limit))).changes),
  };
  return { ...store, later: laterOf(store, LATER_METHODS.backfill) };
}

/** The Segment messageId of a stored identify, if it has one (kept on the item like a live call's). */
function messageIdOf(payload: unknown): string | null {
  try {
    const parsed = JSON.parse(String(payload)) as { messageId?: unknown };
    return typeof parsed.messageId === 'string' ? parsed.messageId : null;
  } catch {
    return null;
  }
}
