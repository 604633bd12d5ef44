// The operator's whole story in real Chromium against the real `mjsc relay` process and both API
// emulators: keys, receive, identify via analytics-node, send with a conflict, events, reconcile,
// a deleted list, a failed item retried, and the preview. Each step checks the screen AND the emulators.
import type { Page } from 'playwright-core';
import type { MailjetEmulator } from '../../emulators/mailjet/mailjet-emulator';
import type { SegmentEmulator } from '../../emulators/segment/segment-emulator';
import { fixtureEvents } from '../../emulators/fixtures/mailjet-events';
import { readFixtureText } from '../fixtures/fixture-text';
import type { ConsolePage } from './support/browser';
import { callControlApi, ensureFreshBuild, type HeadlessHost } from './support/headless-host';
import { openStoryStack, type StoryStack } from './support/story-stack';
import { saveScreenshot } from './support/screenshots';
import { callbacksByType, deleteMailjetList, identifyThroughRelay, isRelayCallback, sentTracks } from './support/story-traffic';

const SEGMENT_WRITE_KEY = 'e2e-segment-write-key-4f1c9a';
const CONSOLE_TOKEN = 'e2e-console-token-8d2b6f0a91c3';
const FOREIGN_HOOK = 'https://hooks.example.com/mailjet-events';
// Fixed and obviously fake, so screenshots of Connection details show nothing worth hiding. The
// Mailjet and Segment keys are still typed into the UI and kept in the (test) keychain.
const DEMO_RELAY_KEY = 'demo-relay-key-not-secret';
const DEMO_EVENTS_SECRET = 'demo-events-secret-not-secret';
const WAIT = { timeout: 30_000, interval: 100 };

let mailjet: MailjetEmulator;
let segment: SegmentEmulator;
let host: HeadlessHost;
let ui: ConsolePage;
let page: Page;
let masterListId: number;
let relayKey: string;

let stack: StoryStack;
beforeAll(async () => {
  ensureFreshBuild();
  stack = await openStoryStack({
    mailjet: { seedFixtures: true },
    segmentWriteKey: SEGMENT_WRITE_KEY,
    consoleToken: CONSOLE_TOKEN,
    env: { MJSC_RELAY_KEY: DEMO_RELAY_KEY, MJSC_EVENTS_SECRET: DEMO_EVENTS_SECRET },
  });
  ({ mailjet, segment, host, ui, page } = stack);
}, 180_000);

afterAll(() => stack?.stop(), 60_000);

const region = (name: string) => page.getByRole('region', { name });
const statusLine = () => page.getByRole('list', { name: 'Connector status' });
const alerts = () => page.getByRole('alert');

it('1. Setup: wrong Mailjet keys are refused, the right ones are saved and shown masked', async () => {
  await page.getByRole('heading', { name: 'Keys' }).waitFor();
  expect(page.url()).not.toContain(CONSOLE_TOKEN); // The UI moved the token out of the address bar.
  await expect.poll(() => statusLine().innerText(), WAIT).toContain('Mailjet keys: not set');

  await page.getByLabel('Mailjet API key').fill('not-the-right-api-key');
  await page.getByLabel('Mailjet secret key').fill('not-the-right-secret');
  await page.getByRole('button', { name: 'Save keys' }).click();
  await alerts().filter({ hasText: 'Mailjet refused these keys' }).waitFor();
  const wrongAuth = `Basic ${Buffer.from('not-the-right-api-key:not-the-right-secret').toString('base64')}`;
  expect(mailjet.requests.some((request) => request.headers.authorization === wrongAuth)).toBe(true);
  expect(await statusLine().innerText()).toContain('Mailjet keys: not set');

  await page.getByLabel('Mailjet API key').fill(mailjet.apiKey);
  await page.getByLabel('Mailjet secret key').fill(mailjet.secretKey);
  await page.getByLabel('Segment write key').fill(SEGMENT_WRITE_KEY);
  await page.getByRole('button', { name: 'Save keys' }).click();
  await page.getByText('Mailjet keys checked with Mailjet and saved; Segment write key saved.').waitFor();
  const keys = region('Keys');
  await keys.getByText(`Stored key ••••${mailjet.apiKey.slice(-4)}. Mailjet accepted it.`).waitFor();
  await keys.getByText(`Stored key ••••${SEGMENT_WRITE_KEY.slice(-4)}. Saved. Segment checks it when the first event is delivered.`).waitFor();
  expect(await page.getByLabel('Mailjet API key').inputValue()).toBe('');
  expect(await page.content()).not.toContain(mailjet.secretKey);
  expect(await page.content()).not.toContain(SEGMENT_WRITE_KEY);
  await expect.poll(() => statusLine().innerText(), WAIT).toContain('Mailjet keys: valid');
  if (host.keychain === 'test-keyring') {
    const status = (await callControlApi(host, CONSOLE_TOKEN, 'getStatus')) as { credentials: { source: string } };
    expect(status.credentials.source).toBe('keychain');
  }
  await saveScreenshot(page, 'setup');
});

it('2. Receive: creating the Segment Master List and enabling receiving', async () => {
  const receive = region('Receive data from Segment');
  await receive.getByLabel('Contact list').selectOption({ label: 'Create and use a Segment Master List' });
  await receive.getByRole('button', { name: 'Enable receiving' }).click();
  await receive.getByText('Receiving is on, into “Segment Master List”.').waitFor();
  await expect.poll(() => statusLine().innerText(), WAIT).toContain('Receiving from Segment: on');
  const created = mailjet.lists.filter((list) => list.Name === 'Segment Master List' && !list.IsDeleted);
  expect(created).toHaveLength(1);
  masterListId = created[0]!.ID;
});

it('3. identify() calls from the official Segment client become Mailjet contacts', async () => {
  relayKey = await page.getByLabel('Segment Authentication Key').inputValue();
  expect(relayKey).toBe(DEMO_RELAY_KEY);
  expect(await page.getByLabel('Mailjet callback URL').inputValue()).toBe(`http://mailjet:${DEMO_EVENTS_SECRET}@${new URL(host.relayUrl).host}/mailjet/events`);
  expect(await callControlApi(host, CONSOLE_TOKEN, 'getConnectionInfo')).toMatchObject({ relayKey, trackingApiHost: host.relayUrl });
  const errors = await identifyThroughRelay(host.relayUrl, relayKey, [
    { userId: 'ada-1815', traits: { email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro', logins: 3, location: { city: 'London', country: 'UK' } } },
    { userId: 'grace-1906', traits: { email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper', vip: true } },
  ]);
  expect(errors).toEqual([]);

  await expect.poll(() => mailjet.contact('ada@example.com')?.Lists.map((list) => list.ListID), WAIT).toEqual([masterListId]);
  expect(mailjet.contact('ada@example.com')).toMatchObject({ Name: 'Ada Lovelace', Properties: { plan: 'pro', logins: '3', location_city: 'London', location_country: 'UK' } });
  await expect.poll(() => mailjet.contact('grace@example.com')?.Properties, WAIT).toEqual({ vip: 'true', first_name: 'Grace', last_name: 'Hopper' });
  expect(mailjet.contact('grace@example.com')?.Name).toBe('Grace Hopper');
});

it('4. Send: a foreign callback asks Keep or Replace; Replace points Mailjet at the relay and events reach Segment', async () => {
  mailjet.seedCallback({ EventType: 'open', Url: FOREIGN_HOOK, Version: 1 });
  mailjet.seedCallback({ EventType: 'spam', Url: `${FOREIGN_HOOK}?kind=spam`, Version: 1 });
  const send = region('Send data to Segment');
  await send.getByRole('button', { name: 'Enable sending' }).click();
  const dialog = page.getByRole('dialog', { name: 'Mailjet already sends these events elsewhere' });
  await dialog.waitFor();
  await dialog.getByRole('row').filter({ hasText: 'open' }).filter({ hasText: FOREIGN_HOOK }).waitFor();
  await dialog.getByRole('row').filter({ hasText: 'spam' }).filter({ hasText: `${FOREIGN_HOOK}?kind=spam` }).waitFor();
  expect(await dialog.getByRole('row').count()).toBe(3); // Header plus the two conflicts.
  await saveScreenshot(page, 'conflict-dialog', { fullPage: false });

  await dialog.getByRole('button', { name: 'Replace with Segment endpoints' }).click();
  await dialog.waitFor({ state: 'detached' });
  await send.getByText('Sending is on: Mailjet now posts the selected events to this relay.').waitFor();
  const callbacks = callbacksByType(mailjet);
  expect(Object.keys(callbacks).sort()).toEqual(['blocked', 'bounce', 'click', 'open', 'sent', 'spam', 'unsub']);
  for (const row of Object.values(callbacks)) {
    expect(isRelayCallback(row.Url, host.relayUrl, DEMO_EVENTS_SECRET), row.Url).toBe(true);
    expect(row.Version).toBe(2);
  }

  const report = await mailjet.emit(Object.values(fixtureEvents));
  expect(report.dropped).toEqual([]);
  expect(report.deliveries.every((delivery) => delivery.delivered)).toBe(true);
  await expect.poll(() => sentTracks(segment).length, WAIT).toBe(7);
  const click = sentTracks(segment).find((track) => track.event === 'Email Link Clicked');
  expect(click?.properties).toMatchObject({ email_id: '19421777836302490', link_url: 'https://mailjet.com' });
  expect(click).toMatchObject({ anonymousId: 'api@mailjet.com', context: { traits: { email: 'api@mailjet.com' } } });
  expect(sentTracks(segment).map((track) => track.event).sort()).toEqual(
    ['Blocked', 'Delivered', 'Email Bounced', 'Email Link Clicked', 'Email Marked as Spam', 'Email Opened', 'Unsubscribed'],
  );

  await page.getByRole('link', { name: 'Activity' }).click();
  const sendCounts = page.getByRole('row', { name: /Mailjet → Segment/ });
  await expect.poll(() => sendCounts.getByRole('cell').nth(2).innerText(), WAIT).toBe('7');
  await expect.poll(() => page.getByRole('row', { name: /Segment → Mailjet/ }).getByRole('cell').nth(2).innerText(), WAIT).toBe('2');
  await page.getByRole('row').filter({ hasText: 'Mailjet click' }).filter({ hasText: 'delivered' }).first().waitFor();
  await page.getByRole('row').filter({ hasText: 'ada@example.com' }).filter({ hasText: 'delivered' }).first().waitFor();
  await saveScreenshot(page, 'activity');
});

it('5. Deselecting Spam and Blocked and saving reconciles the callbacks (ours removed, the replaced one restored)', async () => {
  await page.getByRole('link', { name: 'Setup' }).click();
  const send = region('Send data to Segment');
  await send.getByRole('checkbox', { name: /^Spam/ }).uncheck();
  await send.getByRole('checkbox', { name: /^Blocked/ }).uncheck();
  await send.getByRole('button', { name: 'Save events' }).click();
  await send.getByText('Event selection saved.').waitFor();

  await expect.poll(() => Object.keys(callbacksByType(mailjet)).sort(), WAIT).toEqual(['bounce', 'click', 'open', 'sent', 'spam', 'unsub']);
  const callbacks = callbacksByType(mailjet);
  expect(callbacks.spam?.Url).toBe(`${FOREIGN_HOOK}?kind=spam`);
  expect(callbacks.spam?.Version).toBe(1);
  for (const type of ['bounce', 'click', 'open', 'sent', 'unsub'] as const) expect(isRelayCallback(callbacks[type]!.Url, host.relayUrl, DEMO_EVENTS_SECRET)).toBe(true);
  expect(await send.getByRole('checkbox', { name: /^Spam/ }).isChecked()).toBe(false);
  expect(await send.getByRole('checkbox', { name: /^Sent/ }).isChecked()).toBe(true);
});

it('6. A list deleted in Mailjet shows a banner; choosing another list drains the waiting contact into it', async () => {
  const newsletter = mailjet.seedList({ Name: 'Newsletter subscribers' });
  await deleteMailjetList(mailjet, masterListId);
  const errors = await identifyThroughRelay(host.relayUrl, relayKey, [{ userId: 'alan-1912', traits: { email: 'alan@example.com', name: 'Alan Turing' } }]);
  expect(errors).toEqual([]);

  const receive = region('Receive data from Segment');
  const banner = receive.getByRole('alert').filter({ hasText: 'Your contact list was deleted in Mailjet' });
  await banner.waitFor();
  expect(await banner.innerText()).toContain('Pick another list');
  await receive.getByText('Receiving is paused: contacts wait until you choose another list.').waitFor();
  expect(mailjet.contact('alan@example.com')?.Lists ?? []).toEqual([]);
  await saveScreenshot(page, 'list-deleted');

  await receive.getByLabel('Contact list').selectOption({ value: String(newsletter.ID) });
  await receive.getByRole('button', { name: 'Enable receiving' }).click();
  await banner.waitFor({ state: 'detached' });
  await receive.getByText('Receiving is on, into “Newsletter subscribers”.').waitFor();
  await expect.poll(() => mailjet.contact('alan@example.com')?.Lists.map((list) => list.ListID), WAIT).toEqual([newsletter.ID]);
  expect(mailjet.contact('alan@example.com')?.Name).toBe('Alan Turing');
});

it('7. An item Segment refuses shows as failed with its reason, and Retry all failed delivers it', async () => {
  segment.inject('POST /v1/batch', { status: 400, count: 1 });
  const late = { ...fixtureEvents.open, time: fixtureEvents.open.time + 3_600, email: 'retry@example.com' };
  const report = await mailjet.emit([late]);
  expect(report.deliveries.map((delivery) => delivery.delivered)).toEqual([true]);

  await page.getByRole('link', { name: 'Activity' }).click();
  const failedRow = page.getByRole('row').filter({ hasText: 'retry@example.com' }).filter({ hasText: 'failed' });
  await failedRow.waitFor();
  expect((await failedRow.getByRole('cell').nth(4).innerText()).trim()).not.toBe('');
  await expect.poll(() => page.getByRole('row', { name: /Mailjet → Segment/ }).getByRole('cell').nth(3).innerText(), WAIT).toBe('1');
  expect(sentTracks(segment).some((track) => track.anonymousId === 'retry@example.com')).toBe(false);
  await failedRow.getByRole('button', { name: 'Retry' }).waitFor();
  await saveScreenshot(page, 'activity-failed');

  segment.clearFaults();
  await page.getByRole('button', { name: 'Retry all failed' }).click();
  await page.getByText('1 item queued again.').waitFor();
  await expect.poll(() => sentTracks(segment).filter((track) => track.anonymousId === 'retry@example.com').length, WAIT).toBe(1);
  await page.getByRole('row').filter({ hasText: 'retry@example.com' }).filter({ hasText: 'delivered' }).waitFor();
  await expect.poll(() => page.getByRole('row', { name: /Mailjet → Segment/ }).getByRole('cell').nth(3).innerText(), WAIT).toBe('0');
});

it('8. Preview explains the dropped address; Setup follows a dark OS theme', async () => {
  await page.getByRole('link', { name: 'Preview' }).click();
  await page.getByLabel('Payload (JSON)').fill(readFixtureText('identify/sherlock-holmes.json'));
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const contact = page.getByRole('region', { name: 'Mailjet contact' });
  await contact.getByText('sherlock@example.com').waitFor();
  await contact.getByRole('row').filter({ hasText: 'location_latitude' }).waitFor();
  const dropped = contact.getByRole('listitem').filter({ hasText: 'address' });
  await dropped.waitFor();
  expect(await dropped.innerText()).toMatch(/^address: \S/);
  expect(await contact.innerText()).not.toContain('address_city');
  await saveScreenshot(page, 'preview');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('link', { name: 'Setup' }).click();
  await region('Keys').waitFor();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [red = 255, green = 255, blue = 255] = (background.match(/\d+/g) ?? []).map(Number);
  expect(red + green + blue, `body background ${background} should be dark`).toBeLessThan(3 * 100);
  await saveScreenshot(page, 'setup-dark');
  expect(ui.pageErrors).toEqual([]);
});
