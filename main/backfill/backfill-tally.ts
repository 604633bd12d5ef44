// Live counts of one history import without holding the event loop. Joining all of an import's staged
// contacts with their items in one call held the relay for 100–490 ms at 100,000 contacts; here they
// are read a page at a time in key order (at most PAGE_ROWS rows per synchronous call, a turn of the
// event loop between pages). Only what can still change is read again:
// - Contacts are staged only while reading, before any is queued: once one is queued or superseded,
//   the import's contacts are fixed, and so are the pages' bounds.
// - A page whose contacts all reached a status that never changes again (delivered, skipped, rejected,
//   superseded) is kept; failed ones are read every time (the operator may retry them).
// - Contacts are queued in key order (queueNext), so the unqueued ones are always the last keys: past
//   the first page with none queued, the rest is the fixed total minus what came before.
// The screens get the last complete walk, about a second old: contacts, queued and settled counts only
// grow, so a count taken before it is shown is never ahead of what happened. The summary stored when an
// import ends comes from a walk started after its last step (`exact`).
import type { BackfillReason, ItemStatus } from '../../shared/api';
import type { BackfillStore, StagedGroup } from '../storage/backfill-store';
import { yieldToEventLoop } from '../delivery/event-loop-slices';

/** Staged contacts per synchronous read: about 5–10 ms at 2,000 on a 2-core machine. */
export const PAGE_ROWS = 2000;
/** The most reasons shown per list (failed, skipped), the commonest first. */
const REASONS_SHOWN = 20;
const SETTLED: ReadonlySet<ItemStatus> = new Set(['delivered', 'skipped', 'rejected']);

export interface ImportCounts {
  /** Distinct contacts staged. */
  contacts: number;
  queued: number;
  /** Not queued: a newer live identify exists for the email. */
  superseded: number;
  /** Queued contacts this connector had delivered before (a dry run: staged ones it has delivered). */
  known: number;
  /** Items still pending or in flight. */
  waiting: number;
  created: number;
  updated: number;
  failed: BackfillReason[];
  skipped: BackfillReason[];
  /** When the walk behind these counts started. */
  countedAt: number;
}

/** A new import's counts: nothing staged yet. */
export const NO_COUNTS: Omit<ImportCounts, 'countedAt'> = { contacts: 0, queued: 0, superseded: 0, known: 0, waiting: 0, created: 0, updated: 0, failed: [], skipped: [] };

export interface ImportTally {
  /** Counts from a walk started now: exact for every contact that no longer moves. */
  exact(): Promise<ImportCounts>;
  /**
   * The last complete walk's counts, starting a new walk in the background once they are `maxAgeMs`
   * old. Waits for a walk when there is none yet, and while the import fits in one page (then it is exact).
   */
  recent(): Promise<ImportCounts>;
}

export interface ImportTallyOptions {
  dryRun: boolean;
  now: () => number;
  maxAgeMs: number;
  pageRows?: number;
  /** Between two pages (default: one turn of the event loop). */
  nextTurn?: () => Promise<void>;
}

/** ImportCounts while a walk adds pages up: reasons as counts by reason. */
interface Tally extends Omit<ImportCounts, 'failed' | 'skipped' | 'countedAt'> {
  failed: Map<string, number>;
  skipped: Map<string, number>;
}

export function createImportTally(store: Pick<BackfillStore, 'progressPage'>, id: number, options: ImportTallyOptions): ImportTally {
  const pageRows = options.pageRows ?? PAGE_ROWS;
  const nextTurn = options.nextTurn ?? yieldToEventLoop;
  /** Pages whose contacts are all settled, by the key they start after. */
  const settledPages = new Map<string, { lastKey: string; tally: Tally }>();
  /** All the import's contacts, once they are fixed (see above). */
  let fixedContacts: number | undefined;
  let last: ImportCounts | undefined;
  let refreshing: Promise<ImportCounts> | undefined;

  async function walk(): Promise<ImportCounts> {
    const countedAt = options.now();
    const total = emptyTally();
    let after = '';
    for (let reads = 0; ; ) {
      const kept = settledPages.get(after);
      if (kept !== undefined) {
        addTally(total, kept.tally);
        after = kept.lastKey;
        continue;
      }
      if (reads++ > 0) await nextTurn();
      const page = store.progressPage(id, after, pageRows, options.dryRun);
      if (page.lastKey === null) break;
      if (fixedContacts !== undefined && page.groups.every(isUnqueued)) return record({ ...total, contacts: fixedContacts }, countedAt);
      const tally = tallyOf(page.groups);
      addTally(total, tally);
      if (page.groups.every(isSettled)) settledPages.set(after, { lastKey: page.lastKey, tally });
      if (page.contacts < pageRows) break;
      after = page.lastKey;
    }
    if (total.queued + total.superseded > 0) fixedContacts = total.contacts;
    return record(total, countedAt);
  }

  function record(total: Tally, countedAt: number): ImportCounts {
    const counts = countsOf(total, countedAt);
    // A slower walk that started earlier never replaces a newer one's counts.
    if (last === undefined || last.countedAt <= countedAt) last = counts;
    return counts;
  }

  function refresh(): Promise<ImportCounts> {
    refreshing ??= walk().finally(() => (refreshing = undefined));
    return refreshing;
  }

  return {
    exact: walk,
    async recent() {
      if (last === undefined || last.contacts <= pageRows) return refresh();
      // A failed background walk (storage closing) leaves the last counts; the next call tries again.
      if (options.now() - last.countedAt >= options.maxAgeMs) refresh().catch(() => undefined);
      return last;
    },
  };
}

function isUnqueued(group: StagedGroup): boolean {
  return !group.queued && !group.superseded;
}

function isSettled(group: StagedGroup): boolean {
  return group.superseded || (group.status !== null && SETTLED.has(group.status));
}

function emptyTally(): Tally {
  return { contacts: 0, queued: 0, superseded: 0, known: 0, waiting: 0, created: 0, updated: 0, failed: new Map(), skipped: new Map() };
}

function tallyOf(groups: readonly StagedGroup[]): Tally {
  const tally = emptyTally();
  for (const group of groups) {
    const { count } = group;
    tally.contacts += count;
    if (group.queued) tally.queued += count;
    if (group.superseded) tally.superseded += count;
    if (group.known) tally.known += count;
    if (group.status === 'pending' || group.status === 'in_flight') tally.waiting += count;
    else if (group.status === 'delivered') tally[group.known ? 'updated' : 'created'] += count;
    else if (group.status === 'failed') addReason(tally.failed, group.reason, count);
    else if (group.status === 'skipped') addReason(tally.skipped, group.reason, count);
  }
  return tally;
}

function addTally(total: Tally, page: Tally): void {
  total.contacts += page.contacts;
  total.queued += page.queued;
  total.superseded += page.superseded;
  total.known += page.known;
  total.waiting += page.waiting;
  total.created += page.created;
  total.updated += page.updated;
  for (const [reason, count] of page.failed) addReason(total.failed, reason, count);
  for (const [reason, count] of page.skipped) addReason(total.skipped, reason, count);
}

function addReason(reasons: Map<string, number>, reason: string | null, count: number): void {
  const key = reason ?? 'no reason recorded';
  reasons.set(key, (reasons.get(key) ?? 0) + count);
}

function countsOf(tally: Tally, countedAt: number): ImportCounts {
  const reasons = (by: Map<string, number>): BackfillReason[] =>
    [...by].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count).slice(0, REASONS_SHOWN);
  const { failed, skipped, ...numbers } = tally;
  return { ...numbers, failed: reasons(failed), skipped: reasons(skipped), countedAt };
}
