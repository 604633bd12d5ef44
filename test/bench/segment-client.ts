// Starts segment-process.ts and asks it how many distinct messageIds it holds; bounded waits only.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pollUntil } from '../support/condition-polling';
import { stopEmulatorChild } from './emulator-child';
import type { SegmentAnswer, SegmentQuery } from './segment-process';

const SEGMENT_PROCESS = fileURLToPath(new URL('./segment-process.ts', import.meta.url));
const START_TIMEOUT_MS = 15_000;

export interface RemoteSegment {
  readonly url: string;
  /** Resolves with the final counts once Segment holds `count` distinct messageIds; gives up after timeoutMs. */
  waitForUnique(count: number, timeoutMs: number): Promise<Required<Omit<SegmentAnswer, 'url' | 'batches'>>>;
  /** Answers the next `requests` /v1/batch calls 503 (an outage), until recover(). */
  startOutage(requests: number): Promise<void>;
  recover(): Promise<void>;
  /** /v1/batch requests so far, and how many of them the outage refused. */
  batches(): Promise<{ total: number; refused: number }>;
  stop(): Promise<void>;
}

export function startSegmentInChild(): Promise<RemoteSegment> {
  const child = fork(SEGMENT_PROCESS, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const nextAnswer = (timeoutMs: number): Promise<SegmentAnswer> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the Segment emulator process did not answer')), timeoutMs);
      child.once('message', (answer) => {
        clearTimeout(timer);
        resolve(answer as SegmentAnswer);
      });
    });
  const ask = (query: SegmentQuery): Promise<SegmentAnswer> => {
    const answer = nextAnswer(5_000);
    child.send(query);
    return answer;
  };
  return nextAnswer(START_TIMEOUT_MS).then(({ url }) => ({
    url: url ?? '',
    async waitForUnique(count, timeoutMs) {
      let answer: SegmentAnswer = {};
      await pollUntil(async () => {
        answer = await ask({ type: 'unique' });
        return (answer.unique ?? 0) >= count;
      }, `${count} distinct messageIds at Segment`, { timeoutMs, intervalMs: 20 });
      return { unique: answer.unique ?? 0, received: answer.received ?? 0, requests: answer.requests ?? 0, duplicates: answer.duplicates ?? 0 };
    },
    startOutage: async (requests) => void (await ask({ type: 'outage', requests })),
    recover: async () => void (await ask({ type: 'recover' })),
    batches: async () => (await ask({ type: 'unique' })).batches ?? { total: 0, refused: 0 },
    stop: () => stopEmulatorChild(child, { type: 'stop' } satisfies SegmentQuery),
  }));
}
