// The desktop app's life: one instance, the back end started on ready, the window and tray, and a
// quit that waits for the relay to stop. No business logic here: that lives behind ConnectorHost.
import { app, ipcMain, session, type BrowserWindow } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { openLocalControlSocket } from '../control/local-control-socket';
import type { ConnectorHost, StartConnectorHost } from '../host/connector-host';
import { resolveDataDir } from '../host/default-data-dir';
import type { SecretStore } from '../secrets/secret-store';
import { serveAppScheme } from './app-protocol';
import { bindDesktopIpc } from './desktop-ipc';
import { bindConnectorIpc } from './ipc';
import { createProblemNotifier, showDesktopNotification } from './notifications';
import { chooseRelayPort, desktopSettingsPath } from './relay-port-setting';
import { guardWebContents, secureSession } from './security';
import { failStartUp } from './start-up-failure';
import { createStatusTray, type StatusTray } from './tray';
import { createMainWindow } from './window';
import { createWindowTrust } from './window-trust';

export interface DesktopAppOptions {
  startConnectorHost: StartConnectorHost;
  /** Usually the keychain store wrapped with the MJSC_* env overrides. */
  secrets: SecretStore;
  /** dist-electron/preload.cjs */
  preloadPath: string;
  /** dist/renderer: the only files app:// serves. */
  rendererRoot: string;
  /** Where lifecycle problems go; never given a secret. Defaults to stderr. */
  log?: (line: string) => void;
  /** Read for MJSC_DATA_DIR, MJSC_PORT and the platform's config folder; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

export async function runDesktopApp(options: DesktopAppOptions): Promise<void> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const env = options.env ?? process.env;
  // The same data dir as `mjsc relay` (not Electron's default, named after productName), so the desktop
  // app and the headless relay share settings and queue. Before the lock, which lives in userData.
  app.setPath('userData', resolveDataDir({ env, platform: process.platform, homeDir: homedir() }));
  if (!app.requestSingleInstanceLock()) {
    // Another copy already runs the relay on its port; it gets focused through 'second-instance'.
    app.quit();
    return;
  }
  const trust = createWindowTrust();
  const settingsFile = desktopSettingsPath(app.getPath('userData'));
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
      windowState: join(app.getPath('userData'), 'window-state.json'),
      // Checklist item 17: trusted from creation, so a call made while the page loads is answered.
      onCreated: (created) => trust.trust(created.webContents),
    })
      .then((created) => {
        window = created;
      })
      .finally(() => {
        opening = null;
      });
    await opening;
  };

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('second-instance', () => void showWindow());
  app.on('activate', () => void showWindow());
  // Closing the window keeps the relay running in the tray: Mailjet and Segment keep posting to it.
  app.on('window-all-closed', () => undefined);

  const hostStart = (async (): Promise<{ host: ConnectorHost; port: Awaited<ReturnType<typeof chooseRelayPort>> } | null> => {
    await app.whenReady();
    ready = true;
    secureSession(session.defaultSession, trust.isTrusted);
    serveAppScheme(options.rendererRoot);
    try {
      const port = await chooseRelayPort(settingsFile, env);
      const dataDir = app.getPath('userData');
      const started = await options.startConnectorHost({ dataDir, secrets: options.secrets, port: port.port });
      // mjsc tail, replay and backfill reach the desktop app here (user-only, no token).
      const local = await openLocalControlSocket({ api: started.api, dataDir, logger: { warn: (_details, message) => log(message), error: (_details, message) => log(message) } });
      const host: ConnectorHost = { ...started, stop: async () => { await local?.close().catch(() => undefined); await started.stop(); } };
      return { host, port };
    } catch (error) {
      await failStartUp(error, settingsFile, log);
      return null;
    }
  })();

  let tray: StatusTray | null = null;
  stopHostBeforeQuit(hostStart.then((started) => started?.host ?? null), () => tray?.destroy(), log);

  const started = await hostStart;
  if (started === null) return;
  const { host } = started;
  bindConnectorIpc({
    ipcMain,
    api: host.api,
    isTrustedSender: trust.isTrustedSender,
    onUnexpectedError: (method, error) => log(`connector: ${method} failed unexpectedly (${error instanceof Error ? error.name : typeof error})`),
  });
  bindDesktopIpc({ ipcMain, isTrustedSender: trust.isTrustedSender, settingsFile, chosen: started.port, listeningPort: Number(new URL(host.relayUrl).port) });
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
