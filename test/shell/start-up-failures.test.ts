// When the built app cannot start it shows exactly one dialog that says what to do, opens no window
// and exits 1: the relay port is taken, there is no Secret Service to keep the keys in, or a module
// the app imports at start is missing from the install.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchShellApp, PROJECT_ROOT, type ShellApp } from './support/shell-app';
import { shellEnv } from './support/shell-env';

let dataDir: string;
let app: ShellApp | null = null;
let blocker: Server | null = null;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mjsc-shell-'));
});
afterEach(async () => {
  await app?.stop();
  app = null;
  blocker?.close();
  blocker = null;
  rmSync(dataDir, { recursive: true, force: true });
});

async function dialogsOf(started: ShellApp): Promise<Array<{ title: string; message: string }>> {
  expect(await started.exited).toBe(1);
  expect(started.events.map((e) => e.event)).not.toContain('page-loaded');
  return started.events.flatMap((e) => (e.event === 'dialog' ? [{ title: e.title, message: e.message }] : []));
}

it('the port is in use: one dialog naming the port and where to change it, then exit 1', async () => {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  app = launchShellApp({ appDir: PROJECT_ROOT, env: shellEnv(dataDir, { MJSC_PORT: String(port) }) });
  const dialogs = await dialogsOf(app);
  expect(dialogs).toHaveLength(1);
  expect(dialogs[0]!.title).toBe('Mailjet Segment Connector could not start');
  expect(dialogs[0]!.message).toContain(`The relay port ${port} on 127.0.0.1 is already in use`);
  expect(dialogs[0]!.message).toContain('MJSC_PORT');
  expect(dialogs[0]!.message).toContain('the Relay port field in Setup');
  expect(dialogs[0]!.message).toContain(join(dataDir, 'desktop-settings.json'));
});

it('no Secret Service: one dialog saying what to install or unlock, then exit 1', async () => {
  // No relay key from the environment either: the app must reach the keychain to start.
  app = launchShellApp({ appDir: PROJECT_ROOT, env: shellEnv(dataDir, { MJSC_RELAY_KEY: undefined, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dataDir, 'no-bus')}` }) });
  const dialogs = await dialogsOf(app);
  expect(dialogs).toHaveLength(1);
  expect(dialogs[0]!.title).toBe('Mailjet Segment Connector could not start');
  expect(dialogs[0]!.message).toMatch(/keychain|Secret Service|keyring/i);
  expect(dialogs[0]!.message).not.toMatch(/at .*\.js:\d+/);
});

it('a module missing from the install: one dialog, exit 1, not a process without window or tray', async () => {
  const installed = join(dataDir, 'install');
  mkdirSync(join(installed, 'node_modules'), { recursive: true });
  for (const part of ['package.json', 'dist', 'dist-electron']) cpSync(join(PROJECT_ROOT, part), join(installed, part), { recursive: true });
  // Every dependency but fastify, which the relay imports when the app starts.
  for (const name of readdirSync(join(PROJECT_ROOT, 'node_modules'))) {
    if (name !== 'fastify') symlinkSync(join(PROJECT_ROOT, 'node_modules', name), join(installed, 'node_modules', name));
  }
  app = launchShellApp({ appDir: installed, env: shellEnv(join(dataDir, 'data')) });
  const dialogs = await dialogsOf(app);
  expect(dialogs).toEqual([{ title: 'Mailjet Segment Connector could not start', message: expect.stringContaining('Reinstall the app') }]);
  expect(app.events.map((e) => e.event)).not.toContain('tray-menu');
});
