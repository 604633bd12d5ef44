// Proves the stand-in is strict where Electron is: nothing before ready, privileged schemes only
// before ready, no second handler per channel, loadFile URLs built as Electron builds them. A lenient
// stand-in would let the shell tests pass on code that fails in Electron.
import { pathToFileURL } from 'node:url';
import { app } from './stand-in/stand-in-app';
import { ipcMain } from './stand-in/stand-in-ipc';
import { protocol } from './stand-in/stand-in-protocol';
import { session } from './stand-in/stand-in-session';
import { Tray, nativeImage, screen } from './stand-in/stand-in-ui';
import { BrowserWindow, fileUrlAsElectronBuildsIt } from './stand-in/stand-in-window';

const icon = nativeImage.createFromDataURL('data:image/png;base64,iVBORw0KGgo=');

describe('before ready', () => {
  it.each([
    ['new BrowserWindow', () => new BrowserWindow({ webPreferences: { sandbox: true, contextIsolation: true } })],
    ['new Tray', () => new Tray(icon)],
    ['session.defaultSession', () => session.defaultSession],
    ['protocol.handle', () => protocol.handle('app', () => new Response(''))],
    ['screen.getAllDisplays', () => screen.getAllDisplays()],
  ])('%s throws', (_name, use) => {
    expect(use).toThrow(/cannot be used before the app is ready/);
  });

  it('registerSchemesAsPrivileged and setPath(userData) are allowed', () => {
    expect(() => protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true } }])).not.toThrow();
    expect(() => app.setPath('userData', '/tmp/mjsc-stand-in-rules')).not.toThrow();
  });
});

describe('after ready', () => {
  beforeAll(() => app.markReady(process.cwd()));

  it('registerSchemesAsPrivileged and setPath(userData) throw', () => {
    expect(() => protocol.registerSchemesAsPrivileged([{ scheme: 'late' }])).toThrow(/must be called before the app is ready/);
    expect(() => app.setPath('userData', '/tmp/elsewhere')).toThrow(/must be called before the app is ready/);
  });

  it('a window that is not sandboxed and isolated is refused', () => {
    expect(() => new BrowserWindow({ webPreferences: { sandbox: false, contextIsolation: true } })).toThrow(/sandboxed, context-isolated/);
  });
});

it('a second ipcMain.handle for one channel throws as in Electron', () => {
  ipcMain.handle('connector:getStatus', async () => null);
  expect(() => ipcMain.handle('connector:getStatus', async () => null)).toThrow("Attempted to register a second handler for 'connector:getStatus'");
  ipcMain.removeHandler('connector:getStatus');
});

it('loadFile builds its URL with url.format, which leaves [ ] % unencoded where pathToFileURL encodes them', () => {
  const built = fileUrlAsElectronBuildsIt('/opt/Mailjet [1] 100%', 'dist/renderer/index.html');
  expect(built).toBe('file:///opt/Mailjet [1] 100%/dist/renderer/index.html');
  expect(pathToFileURL('/opt/Mailjet [1] 100%/dist/renderer/index.html').href).not.toBe(built);
});
