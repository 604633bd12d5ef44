// The activity list's search walks the queue a range of ids at a time, a turn of the event loop between
// ranges, and gives the same page as one query over every item would: the failed needles in a haystack
// of delivered items, newest first, with paging below an id, and never more than a range per statement.
import { searchItems } from '../../../main/connector/item-search';
import type { ItemInspection } from '../../../main/storage/item-inspection';
import type { Storage } from '../../../main/storage/database';
import { useStorageFixture } from '../../support/storage-fixture';

const fixture = useStorageFixture();
let storage: Storage;
const failedIds: number[] = [];

beforeEach(async () => {
  storage = fixture.open();
  failedIds.length = 0;
  const ids = await storage.queue.commit(Array.from({ length: 2_500 }, (_, n) => ({ direction: 'send' as const, kind: 'open', email: `p${n}@example.com`, payload: JSON.stringify({ event: 'open', n }) })));
  const claimed = storage.queue.claim('send', 2_500);
  const failing = new Set([ids[3], ids[1_200], ids[1_201], ids[2_400]]);
  storage.queue.markFailed(claimed.filter((item) => failing.has(item.id)).map((item) => ({ id: item.id, reason: 'Segment refused it' })));
  storage.queue.markDelivered(claimed.filter((item) => !failing.has(item.id)).map((item) => item.id));
  failedIds.push(...[...failing].map(Number).sort((a, b) => b - a));
});

/** The store with each statement's range recorded, and a count of the turns of the event loop between them. */
function recorded(inspection: ItemInspection) {
  const ranges: Array<[number, number]> = [];
  return {
    ranges,
    inspection: {
      idBounds: () => inspection.idBounds(),
      searchRange: (...args: Parameters<ItemInspection['searchRange']>) => {
        ranges.push([args[1], args[2]]);
        return inspection.searchRange(...args);
      },
    },
  };
}

it('finds the few failed items among thousands delivered, newest first, reading at most one range per statement', async () => {
  const { inspection, ranges } = recorded(storage.inspection);
  const found = await searchItems(inspection, { status: 'failed', limit: 10 }, 500);
  expect(found.map((item) => item.id)).toEqual(failedIds);
  expect(found.every((item) => item.status === 'failed' && item.reason === 'Segment refused it')).toBe(true);
  expect(ranges.length).toBe(5);
  expect(ranges.every(([from, below]) => below - from <= 500)).toBe(true);
});

it('stops at the page size, and pages on below an id', async () => {
  const { inspection, ranges } = recorded(storage.inspection);
  const first = await searchItems(inspection, { status: 'failed', limit: 2 }, 500);
  expect(first.map((item) => item.id)).toEqual(failedIds.slice(0, 2));
  expect(ranges).toHaveLength(3);
  const next = await searchItems(inspection, { status: 'failed', limit: 2, beforeId: first.at(-1)?.id }, 500);
  expect(next.map((item) => item.id)).toEqual(failedIds.slice(2, 4));
  expect(ranges).toHaveLength(6);
});

it('finds one contact by email, as one query over every item would', async () => {
  const found = await searchItems(storage.inspection, { search: 'p1717@example.com', limit: 5 }, 300);
  expect(found.map((item) => item.email)).toEqual(['p1717@example.com']);
  expect(await searchItems(storage.inspection, { search: 'nobody@example.com', limit: 5 }, 300)).toEqual([]);
});

it('lets the event loop turn between ranges', async () => {
  const { inspection, ranges } = recorded(storage.inspection);
  const turnedBefore: boolean[] = [];
  let turned = false;
  const watching = {
    ...inspection,
    searchRange: (...args: Parameters<ItemInspection['searchRange']>) => {
      turnedBefore.push(turned);
      turned = false;
      setImmediate(() => (turned = true));
      return inspection.searchRange(...args);
    },
  };
  await searchItems(watching, { status: 'failed', limit: 10 }, 500);
  expect(ranges).toHaveLength(5);
  expect(turnedBefore.slice(1)).toEqual([true, true, true, true]);
});
