// The packaged app (the asar electron-builder made, extracted) under the Electron stand-in: it starts,
// shows the status, copies the key and quits cleanly. `npm run package:check` packages the app and
// runs this file with MJSC_PACKAGED_APP_DIR set; a plain `npm test` has no package to run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchShellApp, type ShellApp } from './support/shell-app';
import { shellEnv } from './support/shell-env';

const packagedAppDir = process.env.MJSC_PACKAGED_APP_DIR;
let dataDir: string;
let app: ShellApp | null = null;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mjsc-shell-'));
});
afterEach(async () => {
  await app?.stop();
  app = null;
  rmSync(dataDir, { recursive: true, force: true });
});

it.skipIf(packagedAppDir === undefined)('the packaged app starts, Copy puts the key on the clipboard, and tray Quit exits 0 (skipped unless `npm run package:check` supplies the package)', async () => {
  const env = shellEnv(dataDir);
  app = launchShellApp({ appDir: packagedAppDir!, env });
  await app.command('waitForText', { text: 'Segment Authentication Key' });
  expect(String(await app.command('text'))).toMatch(/Relay: http:\/\/127\.0\.0\.1:\d+/);
  await app.command('click', { role: 'button', name: 'Copy' });
  await app.command('waitForText', { text: 'Copied' });
  expect(await app.command('clipboard')).toBe(env.MJSC_RELAY_KEY);
  await app.command('tray', { label: 'Quit' });
  expect(await app.exited).toBe(0);
  expect(app.events.filter((e) => e.event === 'dialog' || e.event === 'stand-in-error')).toEqual([]);
  // What shipped includes the storage writer thread's script, and it started (no fallback).
  const log = app.output.join('\n');
  expect(log).toContain('relay engine started');
  expect(log).not.toContain('storage writes run on the main thread');
});
