// The activity list's search over the item queue, a range of ids at a time with a turn of the event loop
// between ranges. A filter that matches few items (failed ones, one email) once read every row of the
// queue in one statement: at a million rows that held the relay, and every sender with it, for seconds.
import { yieldToEventLoop } from '../delivery/event-loop-slices';
import type { InspectedItem, ItemInspection, ItemSearch } from '../storage/item-inspection';

/** Item ids read per statement: a few milliseconds with a search pattern over the payloads. */
export const SEARCH_SPAN = 20_000;

export type FoundItem = Omit<InspectedItem, 'payload' | 'request'>;

/** The same answer as one query over every item, newest first, up to `query.limit`. */
export async function searchItems(inspection: Pick<ItemInspection, 'searchRange' | 'idBounds'>, query: ItemSearch, span = SEARCH_SPAN): Promise<FoundItem[]> {
  const bounds = inspection.idBounds();
  if (bounds === undefined || query.limit <= 0) return [];
  const found: FoundItem[] = [];
  let below = Math.min(query.beforeId ?? Number.MAX_SAFE_INTEGER, bounds.highest + 1);
  for (let ranges = 0; found.length < query.limit && below > bounds.lowest; ranges += 1) {
    if (ranges > 0) await yieldToEventLoop();
    const from = Math.max(bounds.lowest, below - span);
    found.push(...inspection.searchRange({ ...query, limit: query.limit - found.length }, from, below));
    below = from;
  }
  return found;
}
