// `npm start` stops cleanly when npm gets SIGTERM (issue 11): npm runs scripts/start.js through
// `sh -c` and signals only that shell, which dies without passing the signal on. Here the same shell
// runs start.js (headless: no display) and is killed the way npm kills it; the relay must then stop,
// free its port and release the data dir's lock. Needs the built CLI bundle (npm test builds first).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pollUntil } from '../../support/condition-polling';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const built = existsSync(join(projectRoot, 'dist-electron/mjsc.js'));
let shell: ChildProcess | undefined;
let relayPid: number | undefined;
let dataDir = '';

afterEach(() => {
  shell?.kill('SIGKILL');
  if (relayPid !== undefined && isAlive(relayPid)) process.kill(relayPid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

it.skipIf(!built)('stops the relay it started when the npm shell above it is killed with SIGTERM (skipped without `npm run build`)', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mjsc-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', MJSC_LOG_LEVEL: 'warn' };
  const command = `"${process.execPath}" scripts/start.js --port 0 --console-port 0 --data-dir "${dataDir}"`;
  shell = spawn('sh', ['-c', command], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  shell.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  shell.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await pollUntil(() => /relay listening on http:\/\/127\.0\.0\.1:\d+/.test(output), 'the relay ready line', { timeoutMs: 45_000, intervalMs: 50 });
  const relayUrl = /relay listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
  const lock = join(dataDir, 'connector.lock');
  // The lock file holds "<pid> <start time>" (the start time tells a reused pid apart).
  relayPid = Number(readFileSync(lock, 'utf8').trim().split(/\s+/)[0]);
  expect((await fetch(`${relayUrl}/healthz`)).status).toBe(200);

  shell.kill('SIGTERM'); // What npm does: only the shell gets it.

  await pollUntil(() => !isAlive(relayPid ?? 0), `the relay (pid ${relayPid}) to exit; output:\n${output}`, { timeoutMs: 30_000, intervalMs: 100 });
  expect(existsSync(lock)).toBe(false);
  expect(await fetch(`${relayUrl}/healthz`).then(() => 'answered', () => 'closed')).toBe('closed');
}, 90_000);
