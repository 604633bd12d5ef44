// The stand-in's `app`: before-ready rules, `ready` only when the launcher says the entry module has
// loaded, a real single-instance lock between processes, and Electron's quit sequence.
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { report } from './stand-in-report';

/** Thrown where real Electron would throw or misbehave; the message says which rule was broken. */
export class ElectronRuleError extends Error {
  constructor(rule: string) {
    super(`Electron stand-in: ${rule}`);
    this.name = 'ElectronRuleError';
  }
}

let ready = false;
export function assertReady(api: string): void {
  if (!ready) throw new ElectronRuleError(`${api} cannot be used before the app is ready`);
}
export function assertNotReady(api: string): void {
  if (ready) throw new ElectronRuleError(`${api} must be called before the app is ready`);
}

type Hook = () => Promise<void>;
const beforeExitHooks: Hook[] = [];
/** The window module closes Chromium here before the process ends. */
export function onProcessExit(hook: Hook): void {
  beforeExitHooks.push(hook);
}

class StandInApp extends EventEmitter {
  private readonly paths = new Map<string, string>([['userData', join(homedir(), '.config', 'Electron')]]);
  private lockServer: Server | null = null;
  private quitting = false;
  private readyPromise: Promise<void>;
  private resolveReady: () => void = () => undefined;
  private appPath = process.cwd();

  constructor() {
    super();
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
  }

  /** Launcher only: Electron emits ready after the entry module (and its top-level awaits) finished. */
  markReady(appPath: string): void {
    this.appPath = appPath;
    ready = true;
    this.resolveReady();
    this.emit('ready', {});
    report({ event: 'ready' });
  }

  isReady(): boolean {
    return ready;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (path === undefined) throw new ElectronRuleError(`app.getPath('${name}') is not modelled`);
    return path;
  }
  setPath(name: string, path: string): void {
    // Electron: the session keeps the userData it had at ready; changing it later splits the app's state.
    if (name === 'userData') assertNotReady("app.setPath('userData')");
    this.paths.set(name, path);
  }

  /** Like Chromium's process singleton: a socket in userData; the second process hands its argv over. */
  requestSingleInstanceLock(): boolean {
    const dir = this.getPath('userData');
    mkdirSync(dir, { recursive: true });
    const socket = join(dir, 'SingletonSocket');
    // Synchronous like Electron's: ask the other process, then decide. A stale socket file is replaced.
    if (probeLock(socket) === 'taken') return false;
    rmSync(socket, { force: true });
    const server = createServer((connection) => {
      let text = '';
      connection.on('data', (chunk) => (text += chunk.toString()));
      connection.on('end', () => this.emit('second-instance', {}, JSON.parse(text || '[]') as string[], process.cwd()));
    });
    server.listen(socket);
    server.unref();
    this.lockServer = server;
    return true;
  }

  quit(): void {
    if (this.quitting) return;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.quitting = true;
    let willQuitPrevented = false;
    this.emit('will-quit', { preventDefault: () => (willQuitPrevented = true) });
    if (willQuitPrevented) {
      this.quitting = false;
      return;
    }
    this.emit('quit', {}, 0);
    void this.end(0);
  }

  exit(code = 0): void {
    this.quitting = true;
    void this.end(code);
  }

  private async end(code: number): Promise<void> {
    report({ event: 'quitting', code });
    for (const hook of beforeExitHooks) await hook().catch(() => undefined);
    this.lockServer?.close();
    process.exit(code);
  }
}

/** Connects to the lock socket from a child process, so the answer is synchronous as in Electron. */
function probeLock(socket: string): 'taken' | 'free' {
  const argv = JSON.stringify(JSON.stringify(process.argv));
  const script = `const s=require('node:net').createConnection(${JSON.stringify(socket)});s.on('connect',()=>s.end(${argv},()=>process.exit(3)));s.on('error',()=>process.exit(0));`;
  return spawnSync(process.execPath, ['-e', script], { stdio: 'ignore', timeout: 10_000 }).status === 3 ? 'taken' : 'free';
}

export const app = new StandInApp();
