// The built app installed under a folder whose name holds "[1]" and "%": its page still loads, every
// IPC call is answered (the sender check once compared percent-encoded file URLs) and Copy works.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchShellApp, PROJECT_ROOT, type ShellApp } from './support/shell-app';
import { shellEnv } from './support/shell-env';

let scratch: string;
let app: ShellApp | null = null;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'mjsc-shell-'));
});
afterEach(async () => {
  await app?.stop();
  app = null;
  rmSync(scratch, { recursive: true, force: true });
});

it('runs from a path holding [1] and %', async () => {
  const installed = join(scratch, 'Mailjet Segment Connector [1] 100%', 'resources', 'app');
  mkdirSync(installed, { recursive: true });
  for (const part of ['package.json', 'dist', 'dist-electron']) cpSync(join(PROJECT_ROOT, part), join(installed, part), { recursive: true });
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(installed, 'node_modules'), 'dir');
  const env = shellEnv(join(scratch, 'data'));
  app = launchShellApp({ appDir: installed, env });
  await app.command('waitForText', { text: 'Segment Authentication Key' });
  expect(await app.command('evaluate', { expression: 'window.connector.getStatus({}).then((s) => typeof s.relayUrl)' })).toBe('string');
  await app.command('click', { role: 'button', name: 'Copy' });
  await app.command('waitForText', { text: 'Copied' });
  expect(await app.command('clipboard')).toBe(env.MJSC_RELAY_KEY);
  expect((await app.waitForEvent('page-loaded')).url).toBe('app://renderer/index.html');
});
