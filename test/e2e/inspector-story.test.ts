// The inspector in real Chromium against the real `mjsc relay` and both emulators: a delivered event
// found by email and opened (exact MessageID above 2^53, the track sent), replayed and seen again at
// Segment, a wrong relay key found as refused with the fix, and a permanent failure discarded.
import type { Page } from 'playwright-core';
import type { SegmentEmulator } from '../../emulators/segment/segment-emulator';
import { callControlApi, ensureFreshBuild, type HeadlessHost } from './support/headless-host';
import { openStoryStack, type StoryStack } from './support/story-stack';
import { saveScreenshot } from './support/screenshots';

const SEGMENT_WRITE_KEY = 'e2e-inspector-write-key-7c2e';
const CONSOLE_TOKEN = 'e2e-inspector-console-token-51ab';
const RELAY_KEY = 'demo-relay-key-not-secret';
const EVENTS_SECRET = 'demo-events-secret-not-secret';
const BIG_MESSAGE_ID = '19421777835146493';
const WAIT = { timeout: 30_000, interval: 100 };

let segment: SegmentEmulator;
let host: HeadlessHost;
let page: Page;

let stack: StoryStack;
beforeAll(async () => {
  ensureFreshBuild();
  stack = await openStoryStack({
    mailjet: { seedFixtures: true },
    segmentWriteKey: SEGMENT_WRITE_KEY,
    consoleToken: CONSOLE_TOKEN,
    env: (emulator) => ({ MJSC_RELAY_KEY: RELAY_KEY, MJSC_EVENTS_SECRET: EVENTS_SECRET, MJSC_SEGMENT_WRITE_KEY: SEGMENT_WRITE_KEY, MJSC_MAILJET_API_KEY: emulator.apiKey, MJSC_MAILJET_SECRET_KEY: emulator.secretKey }),
  });
  ({ segment, host, page } = stack);
  expect(await callControlApi(host, CONSOLE_TOKEN, 'enableSend', { onConflict: 'replace' })).toMatchObject({ state: 'enabled' });
}, 180_000);

afterAll(() => stack?.stop(), 60_000);

/** Posts like Mailjet does, with the MessageID written as a bare number above 2^53. */
async function postEvent(email: string, event = 'open'): Promise<number> {
  const body = `{"event":"${event}","time":1433334600,"MessageID":${BIG_MESSAGE_ID},"email":"${email}","mj_campaign_id":7257,"mj_contact_id":4,"customcampaign":"","CustomID":"","Payload":""}`;
  const auth = Buffer.from(`mailjet:${EVENTS_SECRET}`).toString('base64');
  return (await fetch(`${host.relayUrl}/mailjet/events`, { method: 'POST', headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' }, body })).status;
}

const details = () => page.getByRole('region', { name: 'Item details' });
const items = () => page.getByRole('table', { name: 'Recent items' });
const failedSendCount = () => page.getByRole('table', { name: 'Items per direction' }).getByRole('row', { name: /Mailjet → Segment/ }).getByRole('cell').nth(3).innerText();

it('1. finds a delivered event by email and opens it: the raw body with the exact MessageID, and the track sent', async () => {
  expect(await postEvent('ada@example.com')).toBe(200);
  await expect.poll(() => segment.received.length, WAIT).toBe(1);
  await page.getByRole('link', { name: 'Activity' }).click();
  await page.getByRole('textbox', { name: 'Search' }).fill('ada@example');
  const row = items().getByRole('row', { name: /ada@example\.com/ });
  await row.getByRole('button', { name: 'Details' }).click();
  // Every digit, as intake stored it (big integers are kept as their exact digits).
  await details().getByText(new RegExp(`"MessageID": "?${BIG_MESSAGE_ID}"?`)).waitFor();
  await details().getByText('"event": "Email Opened"').waitFor();
  await details().getByText(`"email_id": "${BIG_MESSAGE_ID}"`).waitFor();
  expect(page.url()).toMatch(/#\/activity\/items\/\d+$/);
  await saveScreenshot(page, 'inspector');

  // A reload (the token now in sessionStorage) lands on the same open item.
  await page.reload();
  await details().getByText(new RegExp(`"MessageID": "?${BIG_MESSAGE_ID}"?`)).waitFor();
}, 60_000);

it('2. replays it as a new message and sees it arrive again in the Segment emulator', async () => {
  await details().getByRole('checkbox', { name: /as a new message/ }).check();
  await details().getByRole('button', { name: 'Replay' }).click();
  await details().getByText('Replayed with a new messageId: Segment records it as a new event.').waitFor();
  await expect.poll(() => segment.received.length, WAIT).toBe(2);
  expect(segment.uniqueMessageIds().size).toBe(2);
  expect(segment.received.map((m) => (m.message.properties as Record<string, unknown>).email_id)).toEqual([BIG_MESSAGE_ID, BIG_MESSAGE_ID]);
  await details().getByRole('button', { name: 'Close' }).click();
}, 60_000);

it('3. finds a request with a wrong relay key as refused, with the fix', async () => {
  const wrong = await fetch(`${host.relayUrl}/segment`, { method: 'POST', headers: { authorization: 'Bearer an-old-relay-key-3e9d', 'content-type': 'application/json' }, body: '{"type":"identify","userId":"u1"}' });
  expect(wrong.status).toBe(401);
  await page.getByRole('textbox', { name: 'Search' }).fill('');
  await page.getByRole('combobox', { name: 'Status' }).selectOption('refused');
  const row = items().getByRole('row', { name: /Refused POST \/segment/ });
  await row.getByText('Segment sends an old relay key: paste the current Segment Authentication Key into the destination.').waitFor();
  expect(await row.innerText()).not.toContain('an-old-relay-key-3e9d');
  await page.getByRole('combobox', { name: 'Status' }).selectOption('');
}, 60_000);

it('4. discards a permanent failure and sees the Failed count drop', async () => {
  segment.inject('POST /v1/batch', { status: 400, count: 1 });
  expect(await postEvent('bad@example.com', 'click')).toBe(200);
  await expect.poll(failedSendCount, WAIT).toBe('1');
  const row = items().getByRole('row', { name: /bad@example\.com/ });
  await row.getByRole('button', { name: 'Details' }).click();
  await details().getByRole('button', { name: 'Discard' }).click();
  await details().waitFor({ state: 'detached' });
  await expect.poll(failedSendCount, WAIT).toBe('0');
  await expect.poll(() => items().getByRole('row', { name: /bad@example\.com/ }).count(), WAIT).toBe(0);
  expect(await page.getByRole('button', { name: 'Discard all failed' }).isDisabled()).toBe(true);
}, 60_000);
