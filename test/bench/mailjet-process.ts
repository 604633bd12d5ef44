// The Mailjet emulator in its own process, so its bulk-job imports and campaign lookups never share the
// relay's event loop (the real Mailjet is another machine). `--seed-fixtures` adds its sample campaigns. Driven over IPC by startMailjetInChild();
// it listens on 127.0.0.1 only and exits when its parent says stop or leaves.
import { startMailjetEmulator } from '../../emulators/mailjet/mailjet-emulator';
import { BENCH_SECRETS } from './bench-traffic';

export type MailjetQuery = { type: 'state' } | { type: 'stop' };

/** Requests the emulator received so far, by what they were for. */
export interface MailjetRequestCounts {
  total: number;
  contactMetadata: number;
  bulkJobs: number;
  jobPolls: number;
  singleUpserts: number;
}

export interface MailjetAnswer {
  url?: string;
  listId?: number;
  /** Subscribed contacts in the bench list. */
  listed?: number;
  requests?: MailjetRequestCounts;
  largestJob?: number;
}

const seedFixtures = process.argv.includes('--seed-fixtures');
const mailjet = await startMailjetEmulator({ apiKey: BENCH_SECRETS.mailjetApiKey, secretKey: BENCH_SECRETS.mailjetSecretKey, seedFixtures });
const list = mailjet.seedList({ Name: 'Bench list' });
process.send?.({ url: mailjet.url, listId: list.ID } satisfies MailjetAnswer);
process.on('disconnect', () => process.exit(0));

function countRequests(): MailjetRequestCounts {
  const counts: MailjetRequestCounts = { total: 0, contactMetadata: 0, bulkJobs: 0, jobPolls: 0, singleUpserts: 0 };
  for (const { method, path } of mailjet.requests) {
    counts.total += 1;
    if (path.includes('/contactmetadata')) counts.contactMetadata += 1;
    else if (path.includes('/managemanycontacts')) {
      if (method === 'POST') counts.bulkJobs += 1;
      else counts.jobPolls += 1;
    } else if (path.includes('/managecontact')) counts.singleUpserts += 1;
  }
  return counts;
}

process.on('message', (query: MailjetQuery) => {
  if (query.type === 'stop') {
    void mailjet.stop().then(() => process.exit(0));
    return;
  }
  const jobs = mailjet.jobs;
  process.send?.({
    listed: mailjet.lists.find((row) => row.ID === list.ID)?.SubscriberCount ?? 0,
    requests: countRequests(),
    largestJob: jobs.reduce((largest, job) => Math.max(largest, job.contacts.length), 0),
  } satisfies MailjetAnswer);
});
