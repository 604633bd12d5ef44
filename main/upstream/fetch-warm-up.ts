// Node loads and compiles its fetch (undici) on the first call: 25–40 ms of synchronous work, which
// landed in the first Segment send after a start, in the middle of a backlog's drain
// (docs/benchmarks.md#session-6). A `data:` URL takes the same path without touching the network.

/** Loads fetch's internals on the next turn of the loop; never throws, never opens a socket. */
export function warmUpFetch(fetchImpl: typeof fetch = fetch): void {
  const immediate = setImmediate(() => {
    void fetchImpl('data:,')
      .then((response) => response.arrayBuffer())
      .catch(() => undefined);
  });
  // A process about to exit need not wait for it.
  immediate.unref();
}
