// Per-item work of a delivery batch done in slices, with a turn of the event loop between them, so a
// batch of hundreds or thousands of items never holds the relay's intake (and /healthz) for long: a
// 500-item batch in one go showed as 70-200 ms of event-loop delay (docs/benchmarks.md#product-fixes-found-by-the-benchmarks).

/** Items handled between two yields; a slice costs a few milliseconds at most. */
export const SLICE_ITEMS = 100;

/** Lets timers, I/O callbacks (new requests) and other batches run before the caller goes on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** `map` in slices of SLICE_ITEMS (a slice's items concurrently), yielding between slices; results keep the input's order. */
export async function mapInSlices<T, R>(items: readonly T[], map: (item: T) => R | Promise<R>, slice = SLICE_ITEMS): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += slice) {
    if (start > 0) await yieldToEventLoop();
    results.push(...(await Promise.all(items.slice(start, start + slice).map(map))));
  }
  return results;
}
