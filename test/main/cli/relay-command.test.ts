// `mjsc relay` as the built binary (node bin/mjsc.js): exactly two stdout lines, a working console
// against the emulators, logs on stderr only, no secret in the data dir, and exit 0 on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pollUntil } from '../../emulators/condition-polling';
import { startMailjetEmulator, type MailjetEmulator } from '../../emulators/mailjet/mailjet-emulator';
import { startSegmentEmulator, type SegmentEmulator } from '../../emulators/segment/segment-emulator';
import { readAllFiles } from '../host/connector-harness';
import { relayCommand } from '../../../main/cli/relay-command';
import { fakeCliIo } from './fake-cli-io';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(projectRoot, 'bin/mjsc.js');
const built = existsSync(join(projectRoot, 'dist-electron/mjsc.js'));

const SECRETS = {
  MJSC_SEGMENT_WRITE_KEY: 'canaryRelayCmdWriteKey31',
  MJSC_RELAY_KEY: 'canaryRelayCmdRelayKey52',
  MJSC_EVENTS_SECRET: 'canaryRelayCmdEventsSec73',
} as const;

let mailjet: MailjetEmulator;
let segment: SegmentEmulator;
let dataDir: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
  mailjet = await startMailjetEmulator({ jobDelayMs: 20 });
  segment = await startSegmentEmulator({ writeKeys: [SECRETS.MJSC_SEGMENT_WRITE_KEY] });
  dataDir = mkdtempSync(join(tmpdir(), 'mjsc-relay-cmd-'));
});
afterEach(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  await Promise.all([mailjet.stop(), segment.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe.runIf(built)('mjsc relay as the built binary (skipped until `npm run build` has made dist-electron/mjsc.js)', () => {
  it('prints exactly the two ready lines, serves the console, and exits 0 on SIGTERM', async () => {
    const env = {
      PATH: process.env.PATH,
      HOME: dataDir,
      MJSC_MAILJET_API_URL: mailjet.url,
      MJSC_SEGMENT_API_URL: segment.url,
      MJSC_MAILJET_API_KEY: mailjet.apiKey,
      MJSC_MAILJET_SECRET_KEY: mailjet.secretKey,
      ...SECRETS,
    };
    const running = spawn(process.execPath, [bin, 'relay', '--port', '0', '--console-port', '0', '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = running;
    let stdout = '';
    let stderr = '';
    running.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    running.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => running.on('exit', (code) => resolve(code)));

    await pollUntil(() => stdout.split('\n').length >= 3 || running.exitCode !== null, 'the two ready lines', { timeoutMs: 15_000 });
    const lines = stdout.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^relay listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toMatch(/^console http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+$/);
    expect(lines[2]).toBe('');
    expect(lines[0]).not.toMatch(/:0$/);

    const consoleUrl = new URL(lines[1]?.slice('console '.length) ?? '');
    const token = consoleUrl.hash.slice('#token='.length);
    const status = await fetch(`${consoleUrl.origin}/api/getStatus`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ credentials: { source: 'env', segment: 'present' }, relayUrl: lines[0]?.slice('relay listening on '.length) });
    const page = await fetch(`${consoleUrl.origin}/`);
    expect(page.status).toBe(200);

    running.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout.split('\n')).toHaveLength(3);
    for (const secret of [...Object.values(SECRETS), mailjet.secretKey]) {
      expect(stderr).not.toContain(secret);
      for (const file of readAllFiles(dataDir)) expect(file.bytes.includes(secret), `${file.path}`).toBe(false);
    }
  });
});

describe('mjsc relay arguments', () => {
  it.each([
    [['--port', 'abc'], /--port must be a port number/],
    [['--console-port', '70000'], /--console-port must be a port number/],
    [['--nope'], /Unknown option/i],
  ])('refuses %j with exit code 2', async (args, message) => {
    const { runCli } = await import('../../../main/cli/cli-dispatch');
    const io = fakeCliIo();
    expect(await runCli(['relay', ...args], io, { version: '0', commands: [relayCommand] })).toBe(2);
    expect(io.stderr()).toMatch(message);
    expect(io.stdout()).toBe('');
  });

  it('prints its help with the fixed flags', async () => {
    const io = fakeCliIo();
    expect(await relayCommand.run(['--help'], io)).toBe(0);
    expect(io.stdout()).toContain('mjsc relay [--host 127.0.0.1] [--port 8787] [--console-port 8788] [--data-dir DIR] [--public-url URL]');
  });
});
