// PNGs of each screen. Every run writes them to test-results/screenshots/ (not committed) to look at;
// only `npm run screenshots` (MJSC_UPDATE_SCREENSHOTS=1) also rewrites docs/screenshots/, which the
// README shows. Only the page is captured, never the address bar (and its console token).
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));
export const DOCS_SCREENSHOT_DIR = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

export type ScreenshotName =
  | 'setup' | 'conflict-dialog' | 'activity' | 'activity-failed' | 'list-deleted' | 'preview' | 'setup-dark'
  // Issue 11: every screen at a phone's width and a desktop's, and the refused Enable sending.
  | `${'setup' | 'activity' | 'preview' | 'conflict-dialog'}-${360 | 1280}` | 'send-refused' | 'tunnel-running' | 'history-import' | 'inspector';

export interface ScreenshotOptions {
  /** The whole scrollable page (default), or just the viewport, e.g. for a modal whose backdrop covers only that. */
  fullPage?: boolean;
}

export function updatingDocsScreenshots(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.MJSC_UPDATE_SCREENSHOTS === '1';
}

export async function saveScreenshot(page: Page, name: ScreenshotName, { fullPage = true }: ScreenshotOptions = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}${name}.png`;
  // Animations off: a spinner caught mid-turn would make every run's picture differ.
  await page.screenshot({ path, fullPage, animations: 'disabled', caret: 'hide' });
  if (updatingDocsScreenshots()) {
    mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true });
    copyFileSync(path, `${DOCS_SCREENSHOT_DIR}${name}.png`);
  }
  return path;
}
