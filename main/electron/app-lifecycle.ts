// The desktop app's life: one instance, the back end started on ready, the window and tray, and a
// quit that waits for the relay to stop. No business logic here: that lives behind ConnectorHost.
import { app, dialog, ipcMain, session, type BrowserWindow } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConnectorHost, StartConnectorHost } from '../host/connector-host';
import { resolveDataDir } from '../host/default-data-dir';
import type { SecretStore } from '../secrets/secret-store';
import { bindConnectorIpc } from './ipc';
import { createProblemNotifier, showDesktopNotification } from './notifications';
import { guardWebContents, secureSession } from './security';
import { createStatusTray, type StatusTray } from './tray';
import { createMainWindow } from './window';

export interface DesktopAppOptions {
  startConnectorHost: StartConnectorHost;
  /** Usually the keychain store wrapped with the MJSC_* env overrides. */
  secrets: SecretStore;
  /** dist-electron/preload.cjs */
  preloadPath: string;
  /** dist/renderer/index.html: the only page the window may show. */
  rendererIndexPath: string;
  /** Where lifecycle problems go; never given a secret. Defaults to stderr. */
  log?: (line: string) => void;
  /** Read for MJSC_DATA_DIR and the platform's config folder; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

export async function runDesktopApp(options: DesktopAppOptions): Promise<void> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // The same data dir as `mjsc relay` (not Electron's default, named after productName), so the desktop
  // app and the headless relay share settings and queue. Before the lock, which lives in userData.
  app.setPath('userData', resolveDataDir({ env: options.env ?? process.env, platform: process.platform, homeDir: homedir() }));
  if (!app.requestSingleInstanceLock()) {
    // Another copy already runs the relay on its port; it gets focused through 'second-instance'.
    app.quit();
    return;
  }
  const appEntryUrl = pathToFileURL(options.rendererIndexPath).href;
  let window: BrowserWindow | null = null;
  let opening: Promise<void> | null = null;
  let ready = false;

  const showWindow = async (): Promise<void> => {
    if (!ready) return;
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return;
    }
    opening ??= createMainWindow({
      preload: options.preloadPath,
      rendererIndex: options.rendererIndexPath,
      windowState: join(app.getPath('userData'), 'window-state.json'),
    })
      .then((created) => {
        window = created;
      })
      .finally(() => {
        opening = null;
      });
    await opening;
  };

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, appEntryUrl));
  app.on('second-instance', () => void showWindow());
  app.on('activate', () => void showWindow());
  // Closing the window keeps the relay running in the tray: Mailjet and Segment keep posting to it.
  app.on('window-all-closed', () => undefined);

  const hostStart = (async (): Promise<ConnectorHost | null> => {
    await app.whenReady();
    ready = true;
    secureSession(session.defaultSession);
    try {
      return await options.startConnectorHost({ dataDir: app.getPath('userData'), secrets: options.secrets });
    } catch (error) {
      const message = error instanceof Error ? error.message : 'The relay could not start.';
      dialog.showErrorBox('Mailjet Segment Connector could not start', message);
      return null;
    }
  })();

  let tray: StatusTray | null = null;
  stopHostBeforeQuit(hostStart, () => tray?.destroy(), log);

  const host = await hostStart;
  if (host === null) {
    app.quit();
    return;
  }
  bindConnectorIpc({
    ipcMain,
    api: host.api,
    appEntryUrl,
    trustedContents: () => (window && !window.isDestroyed() ? window.webContents : null),
    onUnexpectedError: (method, error) => log(`connector: ${method} failed unexpectedly (${error instanceof Error ? error.name : typeof error})`),
  });
  tray = createStatusTray({ open: () => void showWindow(), quit: () => app.quit() });
  const notifyProblems = createProblemNotifier((notice) => showDesktopNotification(notice, () => void showWindow()));
  const onStatus = (status: Parameters<Parameters<ConnectorHost['onStatusChange']>[0]>[0]): void => {
    tray?.show(status);
    notifyProblems(status);
  };
  host.onStatusChange(onStatus);
  host.api.getStatus({}).then(onStatus, () => undefined);
  await showWindow();
}

/** before-quit: hold the quit once, stop the relay (finish or re-queue work, close the DB), then quit. */
function stopHostBeforeQuit(hostStart: Promise<ConnectorHost | null>, beforeExit: () => void, log: (line: string) => void): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    void hostStart
      .then((host) => host?.stop())
      .catch((error: unknown) => log(`connector: the relay did not stop cleanly (${error instanceof Error ? error.name : typeof error})`))
      .finally(() => {
        state = 'stopped';
        beforeExit();
        app.quit();
      });
  });
}
