// Done-when of the history import: `mjsc backfill` on a 100,000-line gzipped file, SIGKILLed half-way
// through and run again, leaves exactly one contact per email in the emulator's list, each with its
// latest traits, and resends at most the one bulk job that was in flight at the kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackfillProgress } from '../../../shared/api';
import { pollUntil } from '../../support/condition-polling';
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator';
import { writeHistory } from './history-fixtures';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const entry = join(projectRoot, 'main/cli/mjsc.ts');
const KEYS = { MJSC_MAILJET_API_KEY: 'canaryResumeMjKey4821', MJSC_MAILJET_SECRET_KEY: 'canaryResumeMjSecret77' } as const;
const PLAN = { contacts: 20_000, versions: 5 };

let mailjet: MailjetEmulator;
let dir: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
  mailjet = await startMailjetEmulator({ apiKey: KEYS.MJSC_MAILJET_API_KEY, secretKey: KEYS.MJSC_MAILJET_SECRET_KEY, jobDelayMs: 20 });
  dir = mkdtempSync(join(tmpdir(), 'mjsc-backfill-resume-'));
});
afterEach(async () => {
  if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await mailjet.stop();
  rmSync(dir, { recursive: true, force: true });
});

function runBackfill(args: string[]) {
  const running = spawn(process.execPath, ['--import', 'tsx', entry, 'backfill', ...args], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      MJSC_MAILJET_API_URL: mailjet.url,
      MJSC_SEGMENT_API_URL: 'http://127.0.0.1:9',
      MJSC_SEGMENT_WRITE_KEY: 'canaryResumeSegKey5530',
      MJSC_RELAY_KEY: 'canaryResumeRelayKey9012',
      MJSC_EVENTS_SECRET: 'canaryResumeEvents3367',
      ...KEYS,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = running;
  const output = { stdout: '', stderr: '' };
  running.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  running.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => running.on('exit', (code) => resolve(code)));
  return { running, output, exited };
}

/** Contacts sent in every bulk job (and single upserts) the emulator received. */
function contactsSent(): number {
  return mailjet.requests
    .filter((r) => r.method === 'POST' && /managemanycontacts$|managecontact$/.test(r.path))
    .reduce((sum, r) => sum + ((JSON.parse(r.body) as { Contacts?: unknown[] }).Contacts?.length ?? 1), 0);
}

it('resumes after SIGKILL without resending what was delivered, one contact per email with the latest traits', async () => {
  const listId = mailjet.seedList({ Name: 'History' }).ID;
  const file = join(dir, 'identifies.jsonl.gz.part');
  writeHistory(file, PLAN, { gzip: true });
  const args = [file, '--list', String(listId), '--json', '--data-dir', join(dir, 'data')];

  const first = runBackfill(args);
  await pollUntil(() => mailjet.contacts.length >= PLAN.contacts * 0.4 || first.running.exitCode !== null, 'about half the contacts in Mailjet', { timeoutMs: 180_000, intervalMs: 20 });
  first.running.kill('SIGKILL');
  await first.exited;
  const beforeResume = mailjet.contacts.length;
  expect(beforeResume).toBeGreaterThan(0);
  expect(beforeResume).toBeLessThan(PLAN.contacts);

  const second = runBackfill(args);
  expect(await second.exited).toBe(0);
  const summary = JSON.parse(second.output.stdout.trim().split('\n').at(-1) ?? '') as BackfillProgress;

  expect(summary).toMatchObject({ phase: 'done', linesRead: PLAN.contacts * PLAN.versions, contacts: PLAN.contacts, delivered: PLAN.contacts });
  expect(mailjet.contacts).toHaveLength(PLAN.contacts);
  const emails = new Set(mailjet.contacts.map((contact) => contact.Email.toLowerCase()));
  expect(emails.size).toBe(PLAN.contacts);
  const stale = mailjet.contacts.filter((contact) => contact.Properties.plan !== `v${PLAN.versions - 1}`);
  expect(stale).toEqual([]);
  const list = mailjet.lists.find((row) => row.ID === listId);
  expect(list?.SubscriberCount).toBe(PLAN.contacts);
  // Only the bulk job in flight at the kill may go twice: at most the import's queue window of 2,000
  // contacts (a job may hold up to CONTACTS_PER_JOB, but the import never queues more than its window).
  expect(contactsSent()).toBeLessThanOrEqual(PLAN.contacts + 2_000);
}, 300_000);
