// The stand-in's BrowserWindow: after ready only, the page in real Chromium (playwright-core), the
// preload run under a sandboxed require, load promises settled at the load event, and URLs built
// the way Electron builds them.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format } from 'node:url';
import { runInNewContext } from 'node:vm';
import type { WebContents } from 'electron';
import { chromium, type Browser, type Page } from 'playwright-core';
import { app, assertReady, ElectronRuleError, onProcessExit } from './stand-in-app';
import { callingFrame, rendererElectron } from './stand-in-ipc';
import { toChromiumUrl, toElectronUrl } from './stand-in-protocol';
import { report } from './stand-in-report';
import { decidePermission } from './stand-in-session';
import { pageInitScript } from './page-init-script';
import { WindowState } from '../../support/window-state';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

let browser: Promise<Browser> | null = null;
function sharedBrowser(): Promise<Browser> {
  browser ??= chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return browser;
}
onProcessExit(async () => void (await (await browser)?.close()));

/** Electron's own URL building for loadFile (lib/browser/api/web-contents.ts): url.format, not pathToFileURL. */
export function fileUrlAsElectronBuildsIt(appPath: string, filePath: string, options: { search?: string; hash?: string } = {}): string {
  return format({ protocol: 'file', slashes: true, pathname: resolve(appPath, filePath), search: options.search, hash: options.hash });
}

let nextId = 1;
export const windows = new Set<BrowserWindow>();

interface WebPreferences {
  preload?: string;
  sandbox?: boolean;
  contextIsolation?: boolean;
  nodeIntegration?: boolean;
}

class StandInWebContents extends EventEmitter {
  readonly id = nextId++;
  page: Page | null = null;
  private destroyed = false;
  private windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly opened: Promise<void>;

  constructor(private readonly preferences: WebPreferences) {
    super();
    if (preferences.sandbox !== true || preferences.contextIsolation !== true || preferences.nodeIntegration === true) {
      throw new ElectronRuleError('the stand-in models sandboxed, context-isolated windows without Node only');
    }
    this.opened = this.open();
  }

  private async open(): Promise<void> {
    const context = await (await sharedBrowser()).newContext({ viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    const exposed = new Map<string, Record<string, unknown>>();
    if (this.preferences.preload) runSandboxedPreload(this.preferences.preload, rendererElectron(exposed));
    const self = this as unknown as WebContents;
    await page.exposeBinding('__standInBridge', async (source, key: string, method: string, args: unknown[]) => {
      const frameUrl = toElectronUrl(source.frame.url());
      return callingFrame.run({ contents: self, frameUrl }, async () => {
        try {
          const fn = exposed.get(key)?.[method] as ((...a: unknown[]) => Promise<unknown>) | undefined;
          return { ok: true, value: await fn!(...args) };
        } catch (error) {
          return { ok: false, error: error instanceof Error ? { message: error.message } : error };
        }
      });
    });
    await page.exposeBinding('__standInPermission', (source, permission: string) => decidePermission(self, permission, toElectronUrl(source.frame.url())));
    const spec = Object.fromEntries([...exposed].map(([key, api]) => [key, Object.keys(api).filter((name) => typeof api[name] === 'function')]));
    await page.addInitScript(pageInitScript(spec));
    this.page = page;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.page ? toElectronUrl(this.page.url()) : '';
  }
  async loadURL(url: string): Promise<void> {
    await this.opened;
    const target = await toChromiumUrl(url);
    try {
      // Electron settles loadURL at did-finish-load (the load event), or rejects with did-fail-load's code.
      await this.page!.goto(target, { waitUntil: 'load' });
    } catch (error) {
      throw Object.assign(new Error(`ERR_FAILED (-2) loading '${url}'`), { code: 'ERR_FAILED', errno: -2, url, cause: error });
    }
    this.emit('did-finish-load');
    report({ event: 'page-loaded', url: this.getURL() });
  }
  loadFile(filePath: string, options: { search?: string; hash?: string } = {}): Promise<void> {
    return this.loadURL(fileUrlAsElectronBuildsIt(app.getAppPath(), filePath, options));
  }
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
    await this.page?.context().close().catch(() => undefined);
  }
}

/** Sandboxed preloads get a require that knows only `electron`, and no Node globals beyond a few. */
function runSandboxedPreload(file: string, electron: Record<string, unknown>): void {
  const sandboxRequire = (name: string): unknown => {
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} as Record<string, unknown> };
  const code = `(function (require, module, exports) {${readFileSync(file, 'utf8')}\n})`;
  const wrapper = runInNewContext(code, { console, setTimeout, clearTimeout, Promise }, { filename: file }) as (r: typeof sandboxRequire, m: typeof module, e: unknown) => void;
  wrapper(sandboxRequire, module, module.exports);
}

export class BrowserWindow extends WindowState {
  readonly webContents: StandInWebContents;

  constructor(options: { width?: number; height?: number; x?: number; y?: number; show?: boolean; webPreferences?: WebPreferences }) {
    assertReady('new BrowserWindow');
    super({ x: options.x ?? 90, y: options.y ?? 20, width: options.width ?? 800, height: options.height ?? 600 }, options.show !== false);
    this.webContents = new StandInWebContents(options.webPreferences ?? {});
    windows.add(this);
    app.emit('browser-window-created', {}, this);
    app.emit('web-contents-created', {}, this.webContents);
    this.webContents.on('did-finish-load', () => this.emit('ready-to-show'));
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  loadFile(filePath: string, options?: { search?: string; hash?: string }): Promise<void> {
    return this.webContents.loadFile(filePath, options);
  }
  isDestroyed(): boolean {
    return this.webContents.isDestroyed();
  }
  focus(): void {
    void this.webContents.page?.bringToFront();
    report({ event: 'window-focused' });
  }
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    void this.webContents.destroy();
    windows.delete(this);
    this.emit('closed');
    if (windows.size > 0) return;
    if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
    else app.quit();
  }
}
