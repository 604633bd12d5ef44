// The Segment emulator in its own process, so its JSON parsing and checks never share the relay's
// event loop during a speed measurement (the real Segment is another machine). Driven over IPC by
// startSegmentInChild(); it listens on 127.0.0.1 only and exits when its parent says stop or leaves.
import { startSegmentEmulator } from '../../emulators/segment/segment-emulator';
import { BENCH_SECRETS } from './bench-traffic';
import { countBatchRequests } from './bench-upstream';

export type SegmentQuery = { type: 'unique' } | { type: 'stop' } | { type: 'outage'; requests: number } | { type: 'recover' };
export interface SegmentAnswer {
  url?: string;
  unique?: number;
  received?: number;
  requests?: number;
  duplicates?: number;
  /** /v1/batch requests, and those answered by an injected fault (503 during an outage). */
  batches?: { total: number; refused: number };
}

const segment = await startSegmentEmulator({ writeKeys: [BENCH_SECRETS.segmentWriteKey] });
process.send?.({ url: segment.url } satisfies SegmentAnswer);
process.on('disconnect', () => process.exit(0));
process.on('message', (query: SegmentQuery) => {
  if (query.type === 'stop') {
    void segment.stop().then(() => process.exit(0));
    return;
  }
  // An outage: the next `requests` /v1/batch calls are answered 503, until `recover`.
  if (query.type === 'outage') segment.inject('POST /v1/batch', { status: 503, count: query.requests });
  if (query.type === 'recover') segment.clearFaults();
  // received.length is cheap; the Set is built only once enough calls may have arrived.
  process.send?.({
    batches: countBatchRequests(segment),
    received: segment.received.length,
    unique: segment.uniqueMessageIds().size,
    requests: segment.requests.length,
    duplicates: segment.duplicateMessageIds().length,
  } satisfies SegmentAnswer);
});
