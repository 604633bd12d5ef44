// The activity list's search over the item queue, a range of ids at a time with a turn of the event loop
// between ranges. A filter that matches few items (failed ones, one email) once read every row of the
// queue in one statement: at a million rows that held the relay, and every sender with it, for seconds.
// The range adapts to what a statement costs: a status filter reads its index and takes microseconds
// over 20,000 ids, so its ranges grow (a few turns for a million items); a text search over payloads
// takes milliseconds, so its ranges stay near the size that keeps a statement to about 5 ms.
import { yieldToEventLoop } from '../delivery/event-loop-slices';
import type { InspectedItem, ItemInspection, ItemSearch } from '../storage/item-inspection';

/** Item ids read by the first statement. */
export const SEARCH_SPAN = 20_000;
const MIN_SPAN = 1_000;
const MAX_SPAN = 2_000_000;
/** What one statement may take: the range doubles below half of it and halves above twice it. */
const STATEMENT_MS = 5;

export type FoundItem = Omit<InspectedItem, 'payload' | 'request'>;

export interface SearchPacing {
  /** Ids read by the first statement (default SEARCH_SPAN). */
  span?: number;
  /** Monotonic milliseconds (default performance.now): how long each statement took. */
  now?: () => number;
}

/** The same answer as one query over every item, newest first, up to `query.limit`. */
export async function searchItems(inspection: Pick<ItemInspection, 'searchRange' | 'idBounds'>, query: ItemSearch, pacing: SearchPacing = {}): Promise<FoundItem[]> {
  const now = pacing.now ?? (() => performance.now());
  const bounds = inspection.idBounds();
  if (bounds === undefined || query.limit <= 0) return [];
  const found: FoundItem[] = [];
  let span = pacing.span ?? SEARCH_SPAN;
  let below = Math.min(query.beforeId ?? Number.MAX_SAFE_INTEGER, bounds.highest + 1);
  for (let ranges = 0; found.length < query.limit && below > bounds.lowest; ranges += 1) {
    if (ranges > 0) await yieldToEventLoop();
    const from = Math.max(bounds.lowest, below - span);
    const started = now();
    found.push(...inspection.searchRange({ ...query, limit: query.limit - found.length }, from, below));
    const took = now() - started;
    if (took < STATEMENT_MS / 2) span = Math.min(span * 2, MAX_SPAN);
    else if (took > STATEMENT_MS * 2) span = Math.max(Math.floor(span / 2), Math.min(MIN_SPAN, span));
    below = from;
  }
  return found;
}
