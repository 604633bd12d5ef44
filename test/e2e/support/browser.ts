// Debian's Chromium driven by playwright-core, with the flags of docs/architecture.md#what-this-machine-can-and-cannot-run.
// It never downloads a browser (`npx playwright install` cannot run here) and never leaves one running.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Big enough for the Setup screen's cards side by side, small enough for light screenshots. */
export const VIEWPORT = { width: 1280, height: 900 } as const;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`The end-to-end tests need Debian's Chromium at ${CHROMIUM_PATH}: sudo apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors, except the HTTP 4xx answers the story provokes on purpose. */
  pageErrors: string[];
}

/** A fresh context (no storage shared with another test file) on the console URL. */
export async function openConsole(browser: Browser, consoleUrl: string): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // Chromium logs every non-2xx fetch; the UI shows those as alerts, which the story checks itself.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
  });
  await page.goto(consoleUrl);
  return { context, page, pageErrors };
}
