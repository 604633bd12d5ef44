// The activity list's search walks the queue a range of ids at a time, a turn of the event loop between
// ranges, and gives the same page as one query over every item would: the failed needles in a haystack
// of delivered items, newest first, with paging below an id, and never more than a range per statement.
import Database from 'libsql';
import { searchItems } from '../../../main/connector/item-search';
import { createItemInspection } from '../../../main/storage/item-inspection';
import type { Connection } from '../../../main/storage/write-transaction';
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

/** A clock under which every statement takes 5 ms: the range keeps its size. */
function steady() {
  let t = 0;
  return { span: 500, now: () => (t += 2.5) };
}

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
  const found = await searchItems(inspection, { status: 'failed', limit: 10 }, steady());
  expect(found.map((item) => item.id)).toEqual(failedIds);
  expect(found.every((item) => item.status === 'failed' && item.reason === 'Segment refused it')).toBe(true);
  expect(ranges.length).toBe(5);
  expect(ranges.every(([from, below]) => below - from <= 500)).toBe(true);
});

it('stops at the page size, and pages on below an id', async () => {
  const { inspection, ranges } = recorded(storage.inspection);
  const first = await searchItems(inspection, { status: 'failed', limit: 2 }, steady());
  expect(first.map((item) => item.id)).toEqual(failedIds.slice(0, 2));
  expect(ranges).toHaveLength(3);
  const next = await searchItems(inspection, { status: 'failed', limit: 2, beforeId: first.at(-1)?.id }, steady());
  expect(next.map((item) => item.id)).toEqual(failedIds.slice(2, 4));
  expect(ranges).toHaveLength(6);
});

it('finds one contact by email, as one query over every item would', async () => {
  const found = await searchItems(storage.inspection, { search: 'p1717@example.com', limit: 5 }, { span: 300 });
  expect(found.map((item) => item.email)).toEqual(['p1717@example.com']);
  expect(await searchItems(storage.inspection, { search: 'nobody@example.com', limit: 5 }, { span: 300 })).toEqual([]);
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
  await searchItems(watching, { status: 'failed', limit: 10 }, steady());
  expect(ranges).toHaveLength(5);
  expect(turnedBefore.slice(1)).toEqual([true, true, true, true]);
});

it('widens the range after cheap statements and narrows it after dear ones, with the same answer', async () => {
  const cheap = recorded(storage.inspection);
  const instant = 0;
  expect((await searchItems(cheap.inspection, { status: 'failed', limit: 10 }, { span: 100, now: () => instant })).map((item) => item.id)).toEqual(failedIds);
  expect(cheap.ranges.map(([from, below]) => below - from)).toEqual([100, 200, 400, 800, 1_000]);

  const dear = recorded(storage.inspection);
  let t = 0;
  const slow = { span: 2_000, now: () => (t += 15) };
  expect((await searchItems(dear.inspection, { status: 'failed', limit: 10 }, slow)).map((item) => item.id)).toEqual(failedIds);
  const sizes = dear.ranges.map(([from, below]) => below - from);
  // 2,000 ids took "15 ms": the next range is at most half as wide (here the queue's first 500 ids).
  expect(sizes[0]).toBe(2_000);
  expect(sizes.slice(1).every((size) => size <= 1_000)).toBe(true);
});

it('reads a status filter from the status index, not every item of the range', () => {
  const db = new Database(fixture.path);
  try {
    const texts: string[] = [];
    const recording = { prepare: (sql: string) => (texts.push(sql), db.prepare(sql)) } as unknown as Connection;
    createItemInspection(recording);
    const byStatus = texts.find((sql) => /status = \?2 AND id < \?6/.test(sql)) ?? '';
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${byStatus}`).all('send', 'failed', null, null, null, 10, null, 5, 0) as Array<{ detail: string }>).map((row) => row.detail);
    expect(plan.join('\n')).toMatch(/USING (COVERING )?INDEX items_by_status \(direction=\? AND status=\? AND id>\? AND id<\?\)/);
  } finally {
    db.close();
  }
});
