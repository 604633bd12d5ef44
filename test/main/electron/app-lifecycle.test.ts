// Proves the desktop app's lifecycle: one instance, the back end started with userData and the
// secrets, the guarded window and tray, notifications, and a quit that stops the relay exactly once.
import type { Mock } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONNECTOR_METHODS, type ConnectorApi, type Status } from '../../../shared/api';
import type { ConnectorHost, HostOptions } from '../../../main/host/connector-host';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { runDesktopApp } from '../../../main/electron/app-lifecycle';
import { app, BrowserWindow, dialog, FakeWebContents, ipcMain, Notification, resetFakeElectron, respondWith, Tray, type MenuItem } from './fake-electron';
import { statusWith } from './status-fixture';
import { pollUntil } from '../../support/condition-polling';

vi.mock('electron', () => import('./fake-electron'));

interface FakeHost extends ConnectorHost {
  stop: Mock<() => Promise<void>>;
  emitStatus(status: Status): void;
}

function fakeHost(): FakeHost {
  const listeners = new Set<(s: Status) => void>();
  const api = Object.fromEntries(CONNECTOR_METHODS.map((m) => [m, vi.fn(async () => statusWith())])) as unknown as ConnectorApi;
  return {
    api,
    relayUrl: 'http://127.0.0.1:8787',
    onStatusChange: (l) => (listeners.add(l), () => listeners.delete(l)),
    stop: vi.fn(async () => undefined),
    emitStatus: (s) => listeners.forEach((l) => l(s)),
  };
}

let userData: string;
let host: FakeHost;
const secrets = new MemorySecretStore();
const startConnectorHost = vi.fn(async (_options: HostOptions): Promise<ConnectorHost> => host);
const start = (env: Record<string, string | undefined> = { MJSC_DATA_DIR: userData }) =>
  runDesktopApp({ startConnectorHost, secrets, preloadPath: '/app/dist-electron/preload.cjs', rendererIndexPath: '/app/dist/renderer/index.html', log: () => undefined, env });

const waitFor = (condition: () => boolean): Promise<void> => pollUntil(condition, 'the app lifecycle step');

beforeEach(() => {
  resetFakeElectron();
  userData = mkdtempSync(join(tmpdir(), 'mjsc-userdata-'));
  app.userData = userData;
  host = fakeHost();
  startConnectorHost.mockClear();
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

it('uses the data dir of `mjsc relay` (MJSC_DATA_DIR, else the config folder), set before the single-instance lock', async () => {
  await start();
  expect(app.setPath).toHaveBeenCalledWith('userData', userData);
  expect(app.setPath.mock.invocationCallOrder[0]!).toBeLessThan(app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
  expect(startConnectorHost).toHaveBeenCalledWith(expect.objectContaining({ dataDir: userData }));
});

it('without MJSC_DATA_DIR, userData is the same platform config folder `mjsc relay` defaults to', async () => {
  app.hasSingleInstanceLock = false;
  const configHome = join(userData, 'config-home');
  await start({ XDG_CONFIG_HOME: configHome, APPDATA: configHome });
  const expected = process.platform === 'darwin' ? expect.stringMatching(/Library\/Application Support\/mailjet-segment-connector$/) : join(configHome, 'mailjet-segment-connector');
  expect(app.setPath).toHaveBeenCalledWith('userData', expected);
});

it('a second copy quits at once without starting another relay', async () => {
  app.hasSingleInstanceLock = false;
  await start();
  expect(startConnectorHost).not.toHaveBeenCalled();
  expect(BrowserWindow.created).toHaveLength(0);
  expect(app.quitCount).toBe(1);
});

it('starts the relay with userData and the secrets, then the guarded window, the IPC handlers and the tray', async () => {
  await start();
  expect(startConnectorHost).toHaveBeenCalledWith({ dataDir: userData, secrets });
  expect(BrowserWindow.created).toHaveLength(1);
  expect(BrowserWindow.created[0]!.loadedFile).toBe('/app/dist/renderer/index.html');
  expect(BrowserWindow.created[0]!.options.webPreferences).toMatchObject({ preload: '/app/dist-electron/preload.cjs', sandbox: true, contextIsolation: true });
  expect(ipcMain.handlers.size).toBe(16);
  expect(respondWith({})).toHaveProperty('Content-Security-Policy');
  expect(Tray.created).toHaveLength(1);
});

it('the second instance brings the existing window forward instead of opening another', async () => {
  await start();
  const window = BrowserWindow.created[0]!;
  window.minimized = true;
  app.emit('second-instance');
  await waitFor(() => window.focusCount > 0);
  expect(window.minimized).toBe(false);
  expect(BrowserWindow.created).toHaveLength(1);
});

it('guards every web contents the app creates', async () => {
  await start();
  const contents = new FakeWebContents();
  app.emit('web-contents-created', {}, contents);
  expect(contents.navigate('https://evil.example/')).toBe(true);
  expect(contents.attachWebview()).toBe(true);
});

it('quitting stops the relay once, waits for it, then really quits', async () => {
  let finishStop: () => void = () => undefined;
  host.stop.mockImplementation(() => new Promise<void>((resolve) => (finishStop = resolve)));
  await start();
  app.quit();
  app.quit();
  await waitFor(() => host.stop.mock.calls.length > 0);
  app.quit();
  expect(app.quitCount).toBe(0);
  finishStop();
  await waitFor(() => app.quitCount === 1);
  expect(host.stop).toHaveBeenCalledTimes(1);
  expect(Tray.created[0]!.destroyed).toBe(true);
});

it('still quits when the relay fails to stop', async () => {
  host.stop.mockRejectedValue(new Error('database is locked'));
  await start();
  app.quit();
  await waitFor(() => app.quitCount === 1);
});

it('says why and quits when the relay cannot start', async () => {
  startConnectorHost.mockRejectedValueOnce(new Error('Port 8787 is in use: quit the other relay or pick another port.'));
  await start();
  expect(dialog.showErrorBox).toHaveBeenCalledWith('Mailjet Segment Connector could not start', 'Port 8787 is in use: quit the other relay or pick another port.');
  expect(BrowserWindow.created).toHaveLength(0);
  await waitFor(() => app.quitCount === 1);
});

it('keeps running in the tray when the window closes, and Open brings a window back', async () => {
  await start();
  BrowserWindow.created[0]!.close();
  app.emit('window-all-closed');
  expect(app.quitCount).toBe(0);
  Tray.created[0]!.menu!.template.find((i: MenuItem) => i.label === 'Open')!.click!();
  await waitFor(() => BrowserWindow.created.length === 2);
});

it('status changes reach the tray and raise one notification per problem', async () => {
  await start();
  const stopped = statusWith({ receive: { enabled: true, listId: 3, flattenMode: 'documented', problem: { code: 'list_deleted', message: 'The list was deleted. Pick another list.' } } });
  host.emitStatus(stopped);
  host.emitStatus(stopped);
  expect(Tray.created[0]!.menu!.template.map((i: MenuItem) => i.label)).toContain('Receiving: on (needs attention)');
  expect(Notification.shown).toEqual([{ title: 'Receiving from Segment stopped', body: 'The list was deleted. Pick another list.' }]);
});
