// Scenario 6: cold start of the built relay. Spawns `node bin/mjsc.js relay --port 0 --console-port 0`
// on a fresh data dir with MJSC_* secrets and times it to its "relay listening" line, against
// `node -e ''` spawned the same way. Builds the CLI bundle first when it is missing or stale.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NOWHERE } from './bench-engine';
import { makeDataDir, retireDataDir } from './data-dirs';
import { formatNumber, median, type ScenarioResult } from './bench-report';
import { BENCH_SECRETS } from './bench-traffic';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = join(ROOT, 'dist-electron', 'mjsc.js');
const READY_TIMEOUT_MS = 15_000;

export interface ColdStartPlan {
  rounds: number;
}

export const COLD_START_PLAN: ColdStartPlan = { rounds: 5 };

interface Startup {
  relayMs: number;
  consoleMs: number;
}

function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestSource(path) : entry.name.endsWith('.ts') ? statSync(path).mtimeMs : 0;
    return Math.max(newest, mtime);
  }, 0);
}

/** Returns a note when it had to build. */
export function ensureBundle(): string | undefined {
  const sources = Math.max(newestSource(join(ROOT, 'main')), newestSource(join(ROOT, 'shared')));
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= sources) return undefined;
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  if (build.status !== 0) throw new Error(`npm run build failed before the cold-start bench: ${build.stderr.slice(-2000)}`);
  return 'the CLI bundle was missing or older than main/ and shared/, so the bench ran `vite build` first';
}

export function benchEnv(dataDir: string, upstream: { mailjetUrl: string; segmentUrl: string } = { mailjetUrl: NOWHERE, segmentUrl: NOWHERE }): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: dataDir,
    MJSC_DATA_DIR: dataDir,
    MJSC_MAILJET_API_URL: upstream.mailjetUrl,
    MJSC_SEGMENT_API_URL: upstream.segmentUrl,
    MJSC_MAILJET_API_KEY: BENCH_SECRETS.mailjetApiKey,
    MJSC_MAILJET_SECRET_KEY: BENCH_SECRETS.mailjetSecretKey,
    MJSC_SEGMENT_WRITE_KEY: BENCH_SECRETS.segmentWriteKey,
    MJSC_RELAY_KEY: BENCH_SECRETS.relayKey,
    MJSC_EVENTS_SECRET: BENCH_SECRETS.eventsSecret,
  };
}

/** Spawns the relay, waits for both ready lines, stops it with SIGTERM and waits for its exit. */
function startRelayOnce(): Promise<Startup> {
  const dataDir = makeDataDir();
  return new Promise<Startup>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'mjsc.js'), 'relay', '--port', '0', '--console-port', '0', '--data-dir', dataDir], {
      cwd: ROOT,
      env: benchEnv(dataDir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let relayMs: number | undefined;
    let startup: Startup | undefined;
    const watchdog = setTimeout(() => child.kill('SIGKILL'), READY_TIMEOUT_MS);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (relayMs === undefined && /^relay listening on http:\/\/\S+$/m.test(stdout)) relayMs = performance.now() - started;
      if (startup === undefined && relayMs !== undefined && /^console http:\/\/127\.0\.0\.1:\d+\//m.test(stdout)) {
        startup = { relayMs, consoleMs: performance.now() - started };
        child.kill('SIGTERM');
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      retireDataDir(dataDir);
      if (startup !== undefined) resolve(startup);
      else reject(new Error(`mjsc relay did not print its ready lines (exit ${code ?? signal}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

function spawnEmptyNode(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`node -e '' exited ${code}`))));
  });
}

export async function benchColdStart(plan: ColdStartPlan = COLD_START_PLAN): Promise<ScenarioResult> {
  const buildNote = ensureBundle();
  const relay: Startup[] = [];
  const bare: number[] = [];
  // One unmeasured start warms the page cache, as a second launch of an installed app would be.
  await startRelayOnce();
  for (let round = 0; round < plan.rounds; round += 1) {
    bare.push(await spawnEmptyNode());
    relay.push(await startRelayOnce());
  }
  const relayMs = median(relay.map((s) => s.relayMs));
  const consoleMs = median(relay.map((s) => s.consoleMs));
  const bareMs = median(bare);
  return {
    scenario: '6. cold start (mjsc relay)',
    measured: `${formatNumber(relayMs)} ms`,
    baseline: `node -e '' ${formatNumber(bareMs)} ms`,
    ratio: relayMs / bareMs,
    target: '<= 1,000 ms',
    pass: relayMs <= 1_000,
    details: [
      `spawn to "relay listening": ${relay.map((s) => formatNumber(s.relayMs)).join(' / ')} ms; to the console line: ${relay.map((s) => formatNumber(s.consoleMs)).join(' / ')} ms (median ${formatNumber(consoleMs)} ms); median of ${plan.rounds} rounds after one warm-up`,
      `node -e '': ${bare.map((ms) => formatNumber(ms)).join(' / ')} ms`,
      ...(buildNote === undefined ? [] : [buildNote]),
    ],
  };
}
