// Activity: items with their status and reason (refused requests included), filtered, searched and
// paged, with counts and received-per-minute over the last hour; retrying failed items wakes the
// delivery loops. Item payloads never leave the database here.
import type { Activity, ActivityItem, ActivityMinute, ConnectorArg } from '../../shared/api';
import type { StoredRefusal } from '../storage/refused-log';
import { toActivityItem } from './item-details';
import { searchItems } from './item-search';
import { isRetryable } from './retry-eligibility';
import type { ServiceContext } from './service-context';

const MINUTE_MS = 60_000;
const DEFAULT_LIMIT = 100;
const DEFAULT_CHART_MINUTES = 60;
export const REFUSED_ID_PREFIX = 'refused-';

interface Cursor {
  itemId?: number;
  refusedId?: number;
}

export async function getActivity(context: ServiceContext, arg: ConnectorArg<'getActivity'>): Promise<Activity> {
  const { engine } = context;
  const limit = arg.limit ?? DEFAULT_LIMIT;
  const cursor = readCursor(arg.before);
  const since = arg.since === undefined ? undefined : Date.parse(arg.since);
  const until = arg.until === undefined ? undefined : Date.parse(arg.until);
  const wantItems = arg.status !== 'refused';
  const wantRefused = (arg.status === undefined || arg.status === 'refused') && arg.eventType === undefined;
  // One more than the page from each source tells whether an older page exists.
  const items = wantItems
    ? (await searchItems(engine.inspection, { direction: arg.direction, status: arg.status === 'refused' ? undefined : arg.status, kind: arg.eventType, search: arg.search, since, until, beforeId: cursor.itemId, limit: limit + 1 }))
        .map((row) => ({ at: row.receivedAt, source: 'item' as const, id: row.id, item: toActivityItem(row, isRetryable(row.reason)) }))
    : [];
  const refused = wantRefused
    ? engine.refused
        .list({ direction: arg.direction, search: arg.search, since, until, beforeId: cursor.refusedId, limit: limit + 1 })
        .map((row) => ({ at: row.at, source: 'refused' as const, id: row.id, item: refusedItem(row) }))
    : [];
  const merged = [...items, ...refused].sort((a, b) => b.at - a.at || b.id - a.id);
  const page = merged.slice(0, limit);
  const chartSince = context.now() - (arg.chartMinutes ?? DEFAULT_CHART_MINUTES) * MINUTE_MS;
  const activity: Activity = {
    counts: context.engine.status().queue,
    items: page.map((entry) => entry.item),
    perMinute: engine.activityPerMinute(chartSince, arg.direction),
    problemsPerMinute: problemsPerMinute(context, chartSince, arg.direction),
  };
  if (merged.length > limit) activity.nextBefore = writeCursor(page, cursor);
  return activity;
}

function problemsPerMinute(context: ServiceContext, sinceMs: number, direction: Activity['items'][number]['direction'] | undefined): ActivityMinute[] {
  const since = Math.floor(sinceMs / MINUTE_MS) * MINUTE_MS;
  const minutes = new Map<number, Record<string, number>>();
  const add = (rows: ReadonlyArray<{ minute: number; count: number }>, key: 'failed' | 'refused'): void => {
    for (const { minute, count } of rows) minutes.set(minute, { ...minutes.get(minute), [key]: count });
  };
  add(context.engine.inspection.failuresPerMinute(since, direction), 'failed');
  add(context.engine.refused.perMinute(since, direction), 'refused');
  return [...minutes].sort(([a], [b]) => a - b).map(([minute, counts]) => ({ minute: new Date(minute).toISOString(), counts }));
}

export function refusedItem(row: StoredRefusal): ActivityItem {
  return {
    id: `${REFUSED_ID_PREFIX}${row.id}`,
    direction: row.direction,
    kind: `${row.method} ${row.path}`,
    status: 'refused',
    attempts: 0,
    reason: `${row.status} ${row.code}: ${row.reason}`,
    fix: row.fix,
    receivedAt: new Date(row.at).toISOString(),
    updatedAt: new Date(row.at).toISOString(),
  };
}

function readCursor(before: string | undefined): Cursor {
  const match = before === undefined ? null : /^i(\d*)r(\d*)$/.exec(before);
  if (match === null) return {};
  return { ...(match[1] ? { itemId: Number(match[1]) } : {}), ...(match[2] ? { refusedId: Number(match[2]) } : {}) };
}

/** Each source resumes below the last of its rows shown; a source with none shown keeps its old position. */
function writeCursor(page: ReadonlyArray<{ source: 'item' | 'refused'; id: number }>, previous: Cursor): string {
  const lowest = (source: 'item' | 'refused'): number | undefined => {
    const ids = page.filter((entry) => entry.source === source).map((entry) => entry.id);
    return ids.length === 0 ? undefined : Math.min(...ids);
  };
  return `i${lowest('item') ?? previous.itemId ?? ''}r${lowest('refused') ?? previous.refusedId ?? ''}`;
}

export async function retryFailed(context: ServiceContext, arg: ConnectorArg<'retryFailed'>): Promise<{ retried: number }> {
  const { inspection } = context.engine;
  // Only failures a retry can help: the others would fail the same way again.
  const candidates =
    arg.ids === undefined
      ? await failedIds(context)
      : arg.ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  const retryable = candidates.filter((id) => {
    const row = inspection.get(id);
    return row !== undefined && row.status === 'failed' && isRetryable(row.reason);
  });
  return { retried: retryable.length === 0 ? 0 : context.engine.retryFailed(retryable) };
}

async function failedIds(context: ServiceContext): Promise<number[]> {
  const ids: number[] = [];
  let beforeId: number | undefined;
  for (;;) {
    const page = await searchItems(context.engine.inspection, { status: 'failed', beforeId, limit: 1000 });
    ids.push(...page.map((row) => row.id));
    if (page.length < 1000) return ids;
    beforeId = page.at(-1)?.id;
  }
}
