// What the Segment emulator recorded of the relay's /v1/batch requests, for the benches that count them
// (scenario 4 asks its emulator process for this over IPC).
import type { SegmentEmulator } from '../../emulators/segment/segment-emulator';

/** /v1/batch requests the emulator recorded, split by how they were answered. */
export function countBatchRequests(segment: SegmentEmulator): { total: number; refused: number } {
  const batches = segment.requests.filter((request) => request.path === '/v1/batch');
  return { total: batches.length, refused: batches.filter((request) => request.fault !== undefined).length };
}
