// A hand-written stand-in for the `electron` module (no Electron binary can run here). Each test file
// does vi.mock('electron', () => import('./fake-electron')) and inspects what the shell asked of it.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import { WindowState, type Bounds } from '../../support/window-state';

export type { Bounds };

export interface PreventableEvent {
  preventDefault(): void;
}

/** Emits an Electron-style event whose first argument can be prevented; returns whether it was. */
function emitPreventable(emitter: EventEmitter, name: string, ...args: unknown[]): boolean {
  let prevented = false;
  emitter.emit(name, { preventDefault: () => (prevented = true) } satisfies PreventableEvent, ...args);
  return prevented;
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

let nextContentsId = 1;
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  isDestroyed(): boolean {
    return false;
  }
  windowOpenHandler: WindowOpenHandler | undefined;
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  /** What Electron does when a page navigates: true means the shell blocked it. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    return emitPreventable(this, event, url);
  }
  attachWebview(): boolean {
    return emitPreventable(this, 'will-attach-webview', {}, {});
  }
}

export class BrowserWindow extends WindowState {
  static created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> };
  loadedFile: string | undefined;
  loadedUrl: string | undefined;
  destroyed = false;
  focusCount = 0;

  constructor(options: Record<string, unknown>) {
    const n = (key: string, fallback: number): number => (typeof options[key] === 'number' ? (options[key] as number) : fallback);
    super({ x: n('x', 100), y: n('y', 100), width: n('width', 800), height: n('height', 600) }, false);
    this.options = options;
    BrowserWindow.created.push(this);
  }
  async loadFile(path: string): Promise<void> {
    this.loadedFile = path;
    this.emit('ready-to-show');
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.emit('ready-to-show');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  focus(): void {
    this.focusCount += 1;
  }
  /** Test helper: the user drags or resizes the window. */
  userMovesTo(bounds: Bounds): void {
    this.bounds = { ...bounds };
    this.emit('move');
    this.emit('resize');
  }
  close(): void {
    this.emit('close', { preventDefault: () => undefined });
    this.destroyed = true;
  }
}

class FakeApp extends EventEmitter {
  hasSingleInstanceLock = true;
  userData = '/nonexistent/user-data';
  quitCount = 0;
  requestSingleInstanceLock = vi.fn(() => this.hasSingleInstanceLock);
  whenReady = vi.fn(async () => undefined);
  getPath = vi.fn((_name: string) => this.userData);
  setPath = vi.fn((name: string, path: string) => {
    if (name === 'userData') this.userData = path;
  });
  /** Like Electron: 'before-quit' first; the app really quits only if nobody prevented it. */
  exitCode: number | undefined;
  exit = vi.fn((code = 0) => void (this.exitCode = code));
  quit = vi.fn(() => {
    if (!emitPreventable(this, 'before-quit')) this.quitCount += 1;
  });
}

export const app = new FakeApp();

let headersListener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders?: Record<string, string[]> }) => void) => void) | undefined;
export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: vi.fn((listener: typeof headersListener) => void (headersListener = listener)) },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
  },
};
/** Runs the registered onHeadersReceived listener on a response and returns the headers it produced. */
export function respondWith(responseHeaders: Record<string, string[]>): Record<string, string[]> | undefined {
  let produced: Record<string, string[]> | undefined;
  headersListener?.({ responseHeaders }, (r) => (produced = r.responseHeaders));
  return produced;
}

export const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

export const screen = {
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getAllDisplays: vi.fn(() => screen.displays),
};

type InvokeHandler = (event: unknown, arg: unknown) => Promise<unknown>;
export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle: vi.fn((channel: string, handler: InvokeHandler) => void ipcMain.handlers.set(channel, handler)),
  removeHandler: vi.fn((channel: string) => void ipcMain.handlers.delete(channel)),
};
export const ipcRenderer = { invoke: vi.fn(async (_channel: string, _arg: unknown): Promise<unknown> => undefined) };
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => void contextBridge.exposed.set(key, api)),
};

export interface MenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
}
export const Menu = { buildFromTemplate: vi.fn((template: MenuItem[]) => ({ template })) };
export const nativeImage = { createFromDataURL: vi.fn((url: string) => ({ url })) };

export class Tray extends EventEmitter {
  static created: Tray[] = [];
  menu: { template: MenuItem[] } | undefined;
  tooltip = '';
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
    Tray.created.push(this);
  }
  setContextMenu(menu: { template: MenuItem[] }): void {
    this.menu = menu;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class Notification extends EventEmitter {
  static supported = true;
  static shown: Array<{ title: string; body: string }> = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    Notification.shown.push(this.options);
  }
}

export const dialog = { showErrorBox: vi.fn() };

/** Fresh fakes for each test. */
export function resetFakeElectron(): void {
  app.removeAllListeners();
  Object.assign(app, { hasSingleInstanceLock: true, userData: '/nonexistent/user-data', quitCount: 0, exitCode: undefined });
  headersListener = undefined;
  BrowserWindow.created = [];
  Tray.created = [];
  Notification.shown = [];
  Notification.supported = true;
  ipcMain.handlers.clear();
  contextBridge.exposed.clear();
  screen.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
  vi.clearAllMocks();
}
