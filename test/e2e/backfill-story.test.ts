// The history import in real Chromium against the spawned `mjsc relay` and the Mailjet emulator: pick a
// gzipped Segment archive file under "Import history", read the dry run's summary, start the import,
// watch the "Import progress" bar reach the end, and find one contact per email (latest traits) in the list.
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { MailjetEmulator } from '../../emulators/mailjet/mailjet-emulator';
import { historyLines } from '../main/backfill/history-fixtures';
import type { ConsolePage } from './support/browser';
import { callControlApi, ensureFreshBuild, type HeadlessHost } from './support/headless-host';
import { openStoryStack, type StoryStack } from './support/story-stack';
import { saveScreenshot } from './support/screenshots';

const CONSOLE_TOKEN = 'e2e-backfill-console-token-71c0d2';
const PLAN = { contacts: 1200, versions: 3, tracks: 40 };
const WAIT = { timeout: 60_000, interval: 100 };

let mailjet: MailjetEmulator;
let host: HeadlessHost;
let ui: ConsolePage;
let page: Page;
let listId: number;

let stack: StoryStack;
beforeAll(async () => {
  ensureFreshBuild();
  stack = await openStoryStack({
    segmentWriteKey: 'e2e-backfill-write-key-5521',
    consoleToken: CONSOLE_TOKEN,
    env: (emulator) => ({
      MJSC_MAILJET_API_KEY: emulator.apiKey,
      MJSC_MAILJET_SECRET_KEY: emulator.secretKey,
      MJSC_RELAY_KEY: 'demo-relay-key-not-secret',
      MJSC_EVENTS_SECRET: 'demo-events-secret-not-secret',
    }),
  });
  ({ mailjet, host, ui, page } = stack);
  listId = mailjet.seedList({ Name: 'Newsletter' }).ID;
  await callControlApi(host, CONSOLE_TOKEN, 'enableReceive', { listId });
}, 180_000);

afterAll(() => stack?.stop(), 60_000);

it('imports a gzipped Segment archive from the Receive section, with a dry run first and a real progress bar', async () => {
  const receive = page.getByRole('region', { name: 'Receive data from Segment' });
  await receive.getByText('Receiving is on, into “Newsletter”').waitFor();
  await receive.getByRole('button', { name: 'Import history' }).click();
  const archive = gzipSync(`${historyLines(PLAN).join('\n')}\n`);
  await receive.getByLabel('History files').setInputFiles({ name: 'identifies-2025.jsonl.gz', mimeType: 'application/gzip', buffer: archive });

  await receive.getByRole('button', { name: 'Check files' }).click();
  await receive.getByText(/Dry run done: 3,640 lines read, 1,200 contacts/).waitFor(WAIT);
  await receive.getByText('40: a track call (only identify calls update Mailjet)').waitFor();
  expect(mailjet.contacts).toHaveLength(0);

  await receive.getByRole('button', { name: 'Start import' }).click();
  const bar = receive.getByRole('progressbar', { name: 'Import progress' });
  await bar.waitFor();
  await receive.getByText(/Import done: 3,640 lines read, 1,200 contacts, 1,200 queued, 1,200 delivered/).waitFor(WAIT);
  expect(await bar.getAttribute('value')).toBe('100');
  await saveScreenshot(page, 'history-import');

  expect(mailjet.contacts).toHaveLength(PLAN.contacts);
  expect(mailjet.contact('person42@example.com')?.Properties.plan).toBe(`v${PLAN.versions - 1}`);
  expect(mailjet.contacts.filter((contact) => contact.Properties.plan !== `v${PLAN.versions - 1}`)).toEqual([]);
  const created = receive.getByRole('definition').first();
  expect(await created.innerText()).toBe('1,200');
  expect(ui.pageErrors).toEqual([]);
}, 180_000);
