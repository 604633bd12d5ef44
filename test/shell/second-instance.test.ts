// A second launch of the built app hands over to the first (which focuses its window) and exits 0
// without starting another relay.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchShellApp, PROJECT_ROOT, type ShellApp } from './support/shell-app';
import { shellEnv } from './support/shell-env';

let dataDir: string;
const apps: ShellApp[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mjsc-shell-'));
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

it('a second instance focuses the first and exits 0 without a window or a relay of its own', async () => {
  const first = launchShellApp({ appDir: PROJECT_ROOT, env: shellEnv(dataDir) });
  apps.push(first);
  await first.command('waitForText', { text: 'Segment Authentication Key' });
  expect(first.events.filter((e) => e.event === 'window-focused')).toEqual([]);

  const second = launchShellApp({ appDir: PROJECT_ROOT, env: shellEnv(dataDir) });
  apps.push(second);
  expect(await second.exited).toBe(0);
  expect(second.events.map((e) => e.event)).not.toContain('page-loaded');
  expect(second.events.map((e) => e.event)).not.toContain('dialog');

  await first.waitForEvent('window-focused');
  expect(await first.command('windowCount')).toBe(1);
});
