// Starts mailjet-process.ts and asks it how many contacts the bench list holds and which requests it got;
// bounded waits only.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pollUntil } from '../support/condition-polling';
import { stopEmulatorChild } from './emulator-child';
import type { MailjetAnswer, MailjetQuery, MailjetRequestCounts } from './mailjet-process';

const MAILJET_PROCESS = fileURLToPath(new URL('./mailjet-process.ts', import.meta.url));
const START_TIMEOUT_MS = 15_000;

export interface MailjetState {
  listed: number;
  requests: MailjetRequestCounts;
  largestJob: number;
}

export interface RemoteMailjet {
  readonly url: string;
  readonly listId: number;
  state(): Promise<MailjetState>;
  /** Resolves with the state once the list holds `count` contacts; gives up after timeoutMs. */
  waitForListed(count: number, timeoutMs: number): Promise<MailjetState>;
  stop(): Promise<void>;
}

/** `seedFixtures`: the emulator's sample campaigns, for the event scenarios' campaign-name lookups. */
export async function startMailjetInChild(options: { seedFixtures?: boolean } = {}): Promise<RemoteMailjet> {
  const child = fork(MAILJET_PROCESS, options.seedFixtures === true ? ['--seed-fixtures'] : [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const nextAnswer = (timeoutMs: number): Promise<MailjetAnswer> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the Mailjet emulator process did not answer')), timeoutMs);
      child.once('message', (answer) => {
        clearTimeout(timer);
        resolve(answer as MailjetAnswer);
      });
    });
  const state = async (): Promise<MailjetState> => {
    const answer = nextAnswer(5_000);
    child.send({ type: 'state' } satisfies MailjetQuery);
    const { listed = 0, requests, largestJob = 0 } = await answer;
    return { listed, largestJob, requests: requests ?? { total: 0, contactMetadata: 0, bulkJobs: 0, jobPolls: 0, singleUpserts: 0 } };
  };
  const { url = '', listId = 0 } = await nextAnswer(START_TIMEOUT_MS);
  return {
    url,
    listId,
    state,
    async waitForListed(count, timeoutMs) {
      let last: MailjetState | undefined;
      await pollUntil(async () => {
        last = await state();
        return last.listed >= count;
      }, `${count} contacts in the Mailjet list`, { timeoutMs, intervalMs: 20 });
      return last as MailjetState;
    },
    stop: () => stopEmulatorChild(child, { type: 'stop' } satisfies MailjetQuery),
  };
}
