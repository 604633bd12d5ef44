// Issue 11 in real Chromium against real `mjsc relay` processes and the emulators. Part 1: a Mailjet
// API that is not loopback (http://mailjet-api.test:PORT, resolved to the emulator inside the relay
// process only) refuses Enable sending without a public URL, and Mailjet records no callback write.
// Part 2: the cloudflared stand-in on PATH gives a proven URL through which the callbacks are
// registered, and a new tunnel URL moves them. Every screen at 360 and 1280 px, no page-level scroll.
import type { Browser, Page } from 'playwright-core';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { MailjetEmulator } from '../../emulators/mailjet/mailjet-emulator';
import { installCloudflaredStandIn, type InstalledStandIn } from '../support/tunnel-stand-in/install-stand-in';
import { launchChromium, type ConsolePage } from './support/browser';
import { ensureFreshBuild } from './support/headless-host';
import { saveScreenshot, type ScreenshotName } from './support/screenshots';
import { openStoryStack, type StoryStack } from './support/story-stack';
import { callbacksByType } from './support/story-traffic';

const SEGMENT_WRITE_KEY = 'e2e-h11-segment-write-key-7c2e';
const CONSOLE_TOKEN = 'e2e-h11-console-token-3a9f51d2';
const STORY_ENV = { MJSC_RELAY_KEY: 'demo-relay-key-not-secret', MJSC_EVENTS_SECRET: 'demo-events-secret-not-secret' };
/**
 * Every key through MJSC_* variables: this story then never writes to the test keyring, which the
 * other e2e story (typing keys into Setup from an empty keychain) shares in the same run.
 */
const keysFor = (emulator: MailjetEmulator) => ({ MJSC_MAILJET_API_KEY: emulator.apiKey, MJSC_MAILJET_SECRET_KEY: emulator.secretKey, MJSC_SEGMENT_WRITE_KEY: SEGMENT_WRITE_KEY });
const RESOLVER = pathToFileURL(fileURLToPath(new URL('./support/resolve-test-domains.mjs', import.meta.url))).href;
const WAIT = { timeout: 30_000, interval: 100 };
const WIDTHS = [360, 1280] as const;

let browser: Browser;
let mailjet: MailjetEmulator;
let ui: ConsolePage | undefined;
let page: Page;
let standIn: InstalledStandIn;

beforeAll(async () => {
  ensureFreshBuild();
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

let stack: StoryStack | undefined;

async function openStory(options: { mailjetApiUrl: (emulator: MailjetEmulator) => string; env?: Record<string, string> }): Promise<void> {
  stack = await openStoryStack({
    mailjet: { seedFixtures: true },
    segmentWriteKey: SEGMENT_WRITE_KEY,
    consoleToken: CONSOLE_TOKEN,
    env: (emulator) => ({ ...STORY_ENV, ...keysFor(emulator), ...options.env }),
    mailjetApiUrl: options.mailjetApiUrl,
    browser,
  });
  ({ mailjet, ui, page } = stack);
}

async function closeStory(): Promise<void> {
  await stack?.stop();
}

const region = (name: string) => page.getByRole('region', { name });

/** The keys come from the environment; Setup shows them checked (Mailjet) and merely saved (Segment). */
async function keysReady(): Promise<void> {
  await region('Keys').getByText(`Stored key ••••${mailjet.apiKey.slice(-4)}. Mailjet accepted it.`).waitFor();
  await region('Keys').getByText('Saved. Segment checks it when the first event is delivered.').waitFor();
}

/**
 * The page never scrolls sideways: whatever is wide wraps or scrolls inside its own box. Polled: after
 * a resize, the chart redraws at the new width on its own schedule.
 */
async function expectNoPageScroll(what: string): Promise<void> {
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await expect.poll(overflow, { ...WAIT, message: `${what}: the page is wider than the window` }).toBeLessThanOrEqual(0);
}

async function atEachWidth(name: 'setup' | 'activity' | 'preview' | 'conflict-dialog', options: { fullPage?: boolean } = {}): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoPageScroll(`${name} at ${width} px`);
    await saveScreenshot(page, `${name}-${width}` as ScreenshotName, options);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('1. a public Mailjet API and no public URL', () => {
  beforeAll(() => openStory({ mailjetApiUrl: (emulator) => emulator.url.replace('127.0.0.1', 'mailjet-api.test'), env: { NODE_OPTIONS: `--import ${RESOLVER}` } }), 120_000);
  afterAll(closeStory, 60_000);

  it('Enable sending is refused with what to do, and Mailjet gets no callback write', async () => {
    await page.getByRole('heading', { name: 'Keys' }).waitFor();
    await keysReady();
    const send = region('Send data to Segment');
    await send.getByText(/Before you enable sending:.*cannot reach this relay/).waitFor();
    mailjet.seedCallback({ EventType: 'bounce', Url: 'https://hooks.example.com/crm/bounce', Version: 1 });
    mailjet.clearRequests();
    await send.getByRole('button', { name: 'Enable sending' }).click();
    const refusal = send.getByRole('alert').filter({ hasText: 'Set a public https URL' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/Start a tunnel/);
    expect(await refusal.innerText()).toMatch(/Nothing was changed on Mailjet/);
    expect(mailjet.requests.filter((request) => request.path.includes('eventcallbackurl') && request.method !== 'GET')).toEqual([]);
    expect(callbacksByType(mailjet).bounce?.Url).toBe('https://hooks.example.com/crm/bounce');
    await expect.poll(() => page.getByRole('list', { name: 'Connector status' }).innerText(), WAIT).toContain('Sending to Segment: off');
    await send.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'send-refused', { fullPage: false });
    expect(ui?.pageErrors).toEqual([]);
  });
});

describe('2. the built-in tunnel (cloudflared stand-in on PATH)', () => {
  beforeAll(async () => {
    standIn = installCloudflaredStandIn();
    await openStory({ mailjetApiUrl: (emulator) => emulator.url, env: { PATH: standIn.path } });
  }, 120_000);
  afterAll(async () => {
    await closeStory();
    standIn?.remove();
  }, 60_000);

  const tunnelUrl = async (): Promise<string> => {
    const line = await region('Public URL').getByText(/cloudflared is running at/).innerText();
    return /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1] ?? '';
  };
  const ourCallbackHosts = () => new Set(mailjet.callbacks.filter((row) => !row.IsBackup && row.Url.includes('/mailjet/events')).map((row) => new URL(row.Url).host));

  it('Start a tunnel gives a proven public URL, and Enable sending registers the callbacks through it', async () => {
    await page.getByRole('heading', { name: 'Keys' }).waitFor();
    await keysReady();
    await atEachWidth('setup');
    const card = region('Public URL');
    await card.getByRole('button', { name: 'Start a tunnel' }).click();
    await card.getByText(/cloudflared is running at http:\/\/127\.0\.0\.1:\d+/).waitFor();
    const first = await tunnelUrl();
    await card.getByText(`${first} reaches this relay: the proof request came back with its answer. Enable sending to register it on Mailjet.`).waitFor();
    expect(await card.getByRole('textbox', { name: 'Public URL' }).inputValue()).toBe(first);
    expect(await page.getByLabel('Segment webhook URL').inputValue()).toBe(`${first}/segment`);
    await saveScreenshot(page, 'tunnel-running');

    mailjet.seedCallback({ EventType: 'spam', Url: 'https://hooks.example.com/crm/spam', Version: 1 });
    const send = region('Send data to Segment');
    await send.getByRole('button', { name: 'Enable sending' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mailjet already sends these events elsewhere' });
    await dialog.waitFor();
    await atEachWidth('conflict-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Replace with Segment endpoints' }).click();
    await send.getByText('Sending is on: Mailjet now posts the selected events to this relay.').waitFor();
    expect(ourCallbackHosts()).toEqual(new Set([new URL(first).host]));
    await send.getByRole('checkbox', { name: 'Restore the endpoints we replaced' }).waitFor();
  });

  it('a new tunnel URL is proven and the callbacks move to it', async () => {
    const card = region('Public URL');
    const first = await tunnelUrl();
    await card.getByRole('button', { name: 'Stop the tunnel' }).click();
    await card.getByRole('button', { name: 'Start a tunnel' }).click();
    await expect.poll(tunnelUrl, WAIT).not.toBe(first);
    const second = await tunnelUrl();
    await card.getByText(`${second} reaches this relay: the proof request came back with its answer. Mailjet's event callbacks were moved to it.`).waitFor();
    expect(ourCallbackHosts()).toEqual(new Set([new URL(second).host]));
    // Mailjet posts through the new tunnel and it reaches the relay: the emulator delivers to the registered URL.
    const report = await mailjet.emit([{ event: 'open', time: Math.floor(Date.now() / 1000), email: 'ada@example.com', MessageID: 19_000_000_000_000_001n }], { retryDelaysMs: [], timeoutMs: 5000 });
    expect(report.deliveries.map((delivery) => delivery.attempts.at(-1)?.status)).toEqual([200]);
  });

  it('Activity and Preview fit every width too', async () => {
    await page.getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('button', { name: 'Retry all failed' }).waitFor();
    await atEachWidth('activity');
    await page.getByRole('link', { name: 'Preview' }).click();
    await page.getByLabel('Payload (JSON)').waitFor();
    await atEachWidth('preview');
    expect(ui?.pageErrors).toEqual([]);
  });
});
