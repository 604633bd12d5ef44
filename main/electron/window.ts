// The one app window: locked-down webPreferences, only the app:// page, remembered bounds.
// It must never load a remote URL or turn on node integration.
import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './app-protocol';
import { createWindowStateSaver, fitWindowStateToDisplays, loadWindowState, MIN_WINDOW_SIZE, type WindowState } from './window-state';

export interface MainWindowPaths {
  /** dist-electron/preload.cjs */
  preload: string;
  /** window-state.json in userData */
  windowState: string;
  /** Told about the window right after it is created, before its page starts loading. */
  onCreated?: (window: BrowserWindow) => void;
}

/** Electron checklist items 2–4: isolation and sandbox on, Node off, web security kept. */
export function mainWindowOptions(state: WindowState, preload: string): BrowserWindowConstructorOptions {
  return {
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Mailjet Segment Connector',
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}

export async function createMainWindow(paths: MainWindowPaths): Promise<BrowserWindow> {
  const saved = await loadWindowState(paths.windowState);
  const state = fitWindowStateToDisplays(saved, screen.getAllDisplays().map((d) => d.workArea));
  const window = new BrowserWindow(mainWindowOptions(state, paths.preload));
  paths.onCreated?.(window);
  if (state.maximized) window.maximize();

  const saver = createWindowStateSaver(paths.windowState);
  const remember = (): void => {
    if (window.isDestroyed() || window.isMinimized()) return;
    // Normal bounds, so un-maximizing after a restart returns to the size the user chose.
    saver.schedule({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  window.on('resize', remember);
  window.on('move', remember);
  window.on('maximize', remember);
  window.on('unmaximize', remember);
  window.on('close', () => {
    remember();
    saver.flushSync();
  });
  window.once('ready-to-show', () => window.show());

  await window.loadURL(APP_ENTRY_URL);
  return window;
}
