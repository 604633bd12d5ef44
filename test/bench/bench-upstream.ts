// Both emulators on 127.0.0.1 with the bench keys, plus a bounded wait for Segment to hold a number of
// distinct messageIds. Delivery scenarios use it; it never talks to the real Mailjet or Segment.
import { pollUntil } from '../support/condition-polling';
import { startMailjetEmulator, type MailjetEmulator } from '../../emulators/mailjet/mailjet-emulator';
import { startSegmentEmulator, type SegmentEmulator } from '../../emulators/segment/segment-emulator';
import { BENCH_SECRETS } from './bench-traffic';

export interface BenchUpstream {
  segment: SegmentEmulator;
  mailjet: MailjetEmulator;
  /** Resolves once Segment holds `count` distinct messageIds; gives up after timeoutMs. */
  waitForUnique(count: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startBenchUpstream(): Promise<BenchUpstream> {
  const segment = await startSegmentEmulator({ writeKeys: [BENCH_SECRETS.segmentWriteKey] });
  const mailjet = await startMailjetEmulator({ apiKey: BENCH_SECRETS.mailjetApiKey, secretKey: BENCH_SECRETS.mailjetSecretKey, seedFixtures: true });
  return {
    segment,
    mailjet,
    async waitForUnique(count, timeoutMs) {
      // received.length is cheap; the Set is built only once enough calls arrived.
      await pollUntil(() => segment.received.length >= count && segment.uniqueMessageIds().size >= count, `${count} distinct messageIds at Segment`, {
        timeoutMs,
        intervalMs: 20,
      });
    },
    async stop() {
      await Promise.all([segment.stop(), mailjet.stop()]);
    },
  };
}

/** /v1/batch requests the emulator recorded, split by how they were answered. */
export function countBatchRequests(segment: SegmentEmulator): { total: number; refused: number } {
  const batches = segment.requests.filter((request) => request.path === '/v1/batch');
  return { total: batches.length, refused: batches.filter((request) => request.fault !== undefined).length };
}
