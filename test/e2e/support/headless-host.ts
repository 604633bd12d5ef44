// The real headless host for end-to-end tests: the built `mjsc relay` in its own process, pointed at
// the emulators. Never passes a Mailjet or Segment key: the story types them into the UI.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForExit } from '../../support/child-exit';

const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUILT_FILES = ['dist-electron/mjsc.js', 'dist/renderer/index.html'];
const SOURCE_DIRS = ['main', 'shared', 'renderer'];
const SOURCE_FILES = ['package.json', 'vite.config.ts'];
/** Keys the story must enter through the UI; an inherited value would hide the Setup flow. */
const SECRET_ENV = ['MJSC_MAILJET_API_KEY', 'MJSC_MAILJET_SECRET_KEY', 'MJSC_SEGMENT_WRITE_KEY', 'MJSC_RELAY_KEY', 'MJSC_EVENTS_SECRET'];
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

/** Builds with `npx vite build` when a bundle is missing or older than its sources (npm test builds first). */
export function ensureFreshBuild(): void {
  requireTestKeyring(); // before a build that would be wasted
  const built = BUILT_FILES.map((file) => join(PROJECT_ROOT, file));
  const sourcesChanged = Math.max(...[...SOURCE_DIRS, ...SOURCE_FILES].map((path) => newestMtime(join(PROJECT_ROOT, path))));
  if (built.every((file) => existsSync(file) && statSync(file).mtimeMs >= sourcesChanged)) return;
  const result = spawnSync('npx', ['vite', 'build'], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`npx vite build failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
}

export interface HeadlessHostOptions {
  mailjetApiUrl: string;
  segmentApiUrl: string;
  consoleToken: string;
  /** Extra environment, e.g. MJSC_RELAY_KEY when no keychain is usable. */
  env?: Record<string, string>;
}

export interface HeadlessHost {
  relayUrl: string;
  consoleUrl: string;
  dataDir: string;
  /** Where the relay keeps secrets: the private test keyring, or memory when none was provided. */
  keychain: 'test-keyring' | 'memory';
  /** Everything the process wrote to stderr so far (JSON log lines), for failure messages. */
  stderr(): string;
  /** SIGTERM, then the exit code (null when it died of a signal). Removes the data dir. */
  stop(): Promise<number | null>;
}

/** POST /api/<method> on the console with its token, as the acceptance checks do; returns the JSON answer. */
export async function callControlApi(host: HeadlessHost, token: string, method: string, arg: object = {}): Promise<unknown> {
  const response = await fetch(`${new URL(host.consoleUrl).origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(arg),
  });
  if (!response.ok) throw new Error(`${method} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

const RELAY_LINE = /^relay listening on (http:\/\/\S+)$/m;
const CONSOLE_LINE = /^console (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m;

/**
 * The story saves keys, which needs a keychain; it must never be the developer's own, and without one
 * `mjsc relay` refuses to save keys. So only scripts/run-tests.js's throwaway gnome-keyring will do.
 */
function requireTestKeyring(): void {
  if (process.env.MJSC_TEST_KEYRING !== '1') {
    throw new Error('run the e2e tests with `node scripts/run-tests.js --project e2e` or `npm test`: they need the test keyring');
  }
}

export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HeadlessHost> {
  requireTestKeyring();
  const dataDir = mkdtempSync(join(tmpdir(), 'mjsc-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SECRET_ENV) delete env[name];
  Object.assign(env, {
    MJSC_MAILJET_API_URL: options.mailjetApiUrl,
    MJSC_SEGMENT_API_URL: options.segmentApiUrl,
    MJSC_CONSOLE_TOKEN: options.consoleToken,
    ...options.env,
  });
  const child = spawn(process.execPath, ['bin/mjsc.js', 'relay', '--port', '0', '--console-port', '0', '--data-dir', dataDir], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const ready = await new Promise<{ relayUrl: string; consoleUrl: string } | string>((resolve) => {
    const timer = setTimeout(() => resolve(`no ready lines within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    const check = (): void => {
      const relay = RELAY_LINE.exec(stdout)?.[1];
      const consoleUrl = CONSOLE_LINE.exec(stdout)?.[1];
      if (relay === undefined || consoleUrl === undefined) return;
      clearTimeout(timer);
      resolve({ relayUrl: relay, consoleUrl });
    };
    child.stdout?.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(`mjsc relay exited early (code ${code}, signal ${signal})`);
    });
    check();
  });
  if (typeof ready === 'string') {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${ready}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
  }

  return {
    ...ready,
    dataDir,
    keychain: process.env.MJSC_TEST_KEYRING === '1' ? 'test-keyring' : 'memory',
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      const code = await waitForExit(child, STOP_TIMEOUT_MS);
      if (code === 'timeout') {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
        rmSync(dataDir, { recursive: true, force: true });
        throw new Error(`mjsc relay did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM\nstderr:\n${stderr}`);
      }
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
