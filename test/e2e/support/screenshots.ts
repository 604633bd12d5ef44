// Full-page PNGs of each screen under docs/screenshots/, rewritten on every run so the README shows
// the UI as it is. Only the console's own pages are captured; the address bar (and its token) is not.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

export type ScreenshotName = 'setup' | 'conflict-dialog' | 'activity' | 'list-deleted' | 'preview' | 'setup-dark';

export async function saveScreenshot(page: Page, name: ScreenshotName): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}${name}.png`;
  // Animations off: a spinner caught mid-turn would make every run's picture differ.
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  return path;
}
