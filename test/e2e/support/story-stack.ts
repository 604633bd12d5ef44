// One end-to-end story's stack: both emulators, the spawned `mjsc relay`, and the console in Debian
// Chromium; stopped in reverse, and the relay must exit 0 on SIGTERM. Every story used to repeat this.
import type { Browser, Page } from 'playwright-core';
import { startMailjetEmulator, type MailjetEmulator, type MailjetEmulatorOptions } from '../../../emulators/mailjet/mailjet-emulator';
import { startSegmentEmulator, type SegmentEmulator } from '../../../emulators/segment/segment-emulator';
import { launchChromium, openConsole, type ConsolePage } from './browser';
import { startHeadlessHost, type HeadlessHost } from './headless-host';

export interface StoryStackOptions {
  mailjet?: MailjetEmulatorOptions;
  segmentWriteKey: string;
  consoleToken: string;
  /** The relay's environment; a function when it needs the emulator's keys. */
  env: Record<string, string> | ((mailjet: MailjetEmulator) => Record<string, string>);
  /** The Mailjet API URL the relay is given (default: the emulator's own). */
  mailjetApiUrl?: (mailjet: MailjetEmulator) => string;
  /** A browser shared by several stacks; without it the stack launches and closes its own. */
  browser?: Browser;
}

export interface StoryStack {
  mailjet: MailjetEmulator;
  segment: SegmentEmulator;
  host: HeadlessHost;
  browser: Browser;
  ui: ConsolePage;
  page: Page;
  /** Closes the page (and its own browser), stops the relay and the emulators; fails unless the relay exited 0. */
  stop(): Promise<void>;
}

export async function openStoryStack(options: StoryStackOptions): Promise<StoryStack> {
  const mailjet = await startMailjetEmulator({ jobDelayMs: 20, ...options.mailjet });
  const segment = await startSegmentEmulator({ writeKeys: [options.segmentWriteKey] });
  const host = await startHeadlessHost({
    mailjetApiUrl: options.mailjetApiUrl?.(mailjet) ?? mailjet.url,
    segmentApiUrl: segment.url,
    consoleToken: options.consoleToken,
    env: typeof options.env === 'function' ? options.env(mailjet) : options.env,
  });
  const browser = options.browser ?? (await launchChromium());
  const ui = await openConsole(browser, host.consoleUrl);
  ui.page.setDefaultTimeout(30_000);
  return {
    mailjet,
    segment,
    host,
    browser,
    ui,
    page: ui.page,
    async stop() {
      await ui.context.close();
      if (options.browser === undefined) await browser.close();
      const exitCode = await host.stop();
      await Promise.all([mailjet.stop(), segment.stop()]);
      expect(exitCode, `mjsc relay must exit 0 on SIGTERM; its log:\n${host.stderr()}`).toBe(0);
    },
  };
}
