// Proves the window's webPreferences, what it loads, and that its bounds come back clamped.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMainWindow } from '../../../main/electron/window';
import { BrowserWindow, resetFakeElectron, screen } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

let dir: string;
const paths = () => ({ preload: '/app/dist-electron/preload.cjs', windowState: join(dir, 'window-state.json') });

beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'mjsc-window-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('isolates the page: context isolation and sandbox on, no Node, web security kept, our preload', async () => {
  await createMainWindow(paths());
  expect(BrowserWindow.created[0]!.options.webPreferences).toMatchObject({
    preload: '/app/dist-electron/preload.cjs',
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
  });
  // Checklist item 10: no Blink features switched on.
  expect(BrowserWindow.created[0]!.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
});

it('trusts the window from its creation, before its page starts loading', async () => {
  const seenBeforeLoad: Array<string | undefined> = [];
  await createMainWindow({ ...paths(), onCreated: (created) => seenBeforeLoad.push((created as unknown as BrowserWindow).loadedUrl) });
  expect(seenBeforeLoad).toEqual([undefined]);
});

it('loads only the app:// page and shows when ready', async () => {
  const window = (await createMainWindow(paths())) as unknown as BrowserWindow;
  expect(window.loadedUrl).toBe('app://renderer/index.html');
  expect(window.visible).toBe(true);
});

it('opens where the user left it, and saves only the bounds when closed', async () => {
  writeFileSync(join(dir, 'window-state.json'), JSON.stringify({ x: 300, y: 200, width: 1000, height: 700, maximized: false }));
  const window = (await createMainWindow(paths())) as unknown as BrowserWindow;
  expect(window.options).toMatchObject({ x: 300, y: 200, width: 1000, height: 700 });
  window.userMovesTo({ x: 50, y: 60, width: 900, height: 650 });
  window.close();
  expect(JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8'))).toEqual({ x: 50, y: 60, width: 900, height: 650, maximized: false });
});

it('pulls a window saved on an unplugged display back onto the screen, at a size that fits', async () => {
  writeFileSync(join(dir, 'window-state.json'), JSON.stringify({ x: 3000, y: 100, width: 2500, height: 1400, maximized: true }));
  screen.displays = [{ workArea: { x: 0, y: 0, width: 1280, height: 800 } }];
  const window = (await createMainWindow(paths())) as unknown as BrowserWindow;
  expect(window.options).toMatchObject({ width: 1280, height: 800 });
  expect(window.options).not.toHaveProperty('x');
  expect(window.maximized).toBe(true);
});
