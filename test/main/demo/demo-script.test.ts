// `npm run demo` (scripts/demo.ts) from a new developer's seat: it starts both emulators and mjsc relay,
// prints the console URL and the guide, answers the control API, and on Ctrl-C exits 0 and removes its
// data dir. Runs the script from source with tsx on free ports; every wait is bounded.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pollUntil } from '../../support/condition-polling';
import { waitForExit } from '../../support/child-exit';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const CONSOLE_LINE = /^console (http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]+)$/m;
const GUIDE_END = 'Ctrl-C stops everything and deletes the data dir.';

let demo: ChildProcess | undefined;
afterEach(() => {
  if (demo !== undefined && demo.exitCode === null && demo.signalCode === null) demo.kill('SIGKILL');
});

it('starts, prints the console URL and the guide, serves enableReceive, and on SIGINT exits 0 and removes its data dir', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, MJSC_LOG_LEVEL: 'warn' };
  for (const name of ['MJSC_DATA_DIR', 'MJSC_CONSOLE_TOKEN']) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--port', '0', '--console-port', '0'], { cwd: projectRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
  demo = child;
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  await pollUntil(() => stdout.includes(GUIDE_END) || child.exitCode !== null, 'the console line and the guide', { timeoutMs: 45_000, intervalMs: 50 });
  expect(child.exitCode, `the demo exited early:\n${stdout}\n${stderr}`).toBeNull();
  expect(stdout).toMatch(/^relay listening on http:\/\/127\.0\.0\.1:\d+$/m);
  const [, consoleOrigin, token] = CONSOLE_LINE.exec(stdout) ?? [];
  expect(consoleOrigin).toBeDefined();
  const dataDir = /data dir (\S+)$/m.exec(stdout)?.[1] ?? '';
  expect(existsSync(join(dataDir, 'connector.db'))).toBe(true);

  const response = await fetch(`${consoleOrigin}/api/enableReceive`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ createListName: 'Segment Master List' }),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ receive: { enabled: true, listId: expect.any(Number), listName: 'Segment Master List' }, credentials: { mailjet: 'valid', source: 'env' } });

  child.kill('SIGINT');
  expect(await waitForExit(child, 30_000)).toBe(0);
  expect(existsSync(dataDir)).toBe(false);
}, 90_000);
