// `mjsc relay` as the built binary (node bin/mjsc.js): exactly two stdout lines, a working console
// against the emulators, logs on stderr only, no secret in the data dir, and exit 0 on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pollUntil } from '../../support/condition-polling';
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator';
import { startSegmentEmulator, type SegmentEmulator } from '../../../emulators/segment/segment-emulator';
import { readAllFiles } from '../../support/connector-harness';
import { relayCommand } from '../../../main/cli/relay-command';
import { lockDataDir } from '../../../main/storage/data-dir-lock';
import { fakeCliIo } from './fake-cli-io';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(projectRoot, 'bin/mjsc.js');
const sourceEntry = join(projectRoot, 'main/cli/mjsc.ts');
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

/** Spawns node with these arguments as the test's child (killed after it), collecting stdout and stderr. */
function startRelayProcess(args: string[], options: { cwd?: string; env: NodeJS.ProcessEnv }) {
  const running = spawn(process.execPath, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  child = running;
  const output = { stdout: '', stderr: '' };
  running.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  running.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => running.on('exit', (code) => resolve(code)));
  const readyLines = (timeoutMs: number) =>
    pollUntil(() => output.stdout.split('\n').length >= 3 || running.exitCode !== null, 'the two ready lines', { timeoutMs });
  return { running, output, exited, readyLines };
}

/** No secret on stderr, nor in any file under the data dir. */
function expectSecretsKeptOut(stderr: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    expect(stderr).not.toContain(secret);
    for (const file of readAllFiles(dataDir)) expect(file.bytes.includes(secret), `${file.path}`).toBe(false);
  }
}

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
    const { running, output, exited, readyLines } = startRelayProcess([bin, 'relay', '--port', '0', '--console-port', '0', '--data-dir', dataDir], { env });

    await readyLines(15_000);
    const lines = output.stdout.split('\n');
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
    expect(output.stdout.split('\n')).toHaveLength(3);
    expectSecretsKeptOut(output.stderr, [...Object.values(SECRETS), mailjet.secretKey]);
    // The bundle's storage-writer.js was found and started: without it the engine warns on stderr.
    expect(output.stderr).not.toMatch(/storage writes run on the main thread/);
  });
});

describe('mjsc relay without a usable keychain (D-Bus pointed at a missing socket)', () => {
  it('refuses to save keys over the control API with 503 and what to install, and writes no secret to the data dir', async () => {
    const home = join(dataDir, 'home');
    const env = {
      PATH: process.env.PATH,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local/share'),
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mjsc-relay-command-test',
      MJSC_MAILJET_API_URL: mailjet.url,
      MJSC_SEGMENT_API_URL: segment.url,
    };
    const { running, output, exited, readyLines } = startRelayProcess(['--import', 'tsx', sourceEntry, 'relay', '--port', '0', '--console-port', '0', '--data-dir', join(dataDir, 'data')], { cwd: projectRoot, env });
    await readyLines(30_000);
    expect(output.stderr).toMatch(/^mjsc: warning: no usable OS keychain\. No Secret Service found: install and start gnome-keyring .*Until then keys cannot be saved in the console/m);

    const consoleUrl = new URL(output.stdout.split('\n')[1]?.slice('console '.length) ?? '');
    const call = async (method: string, arg: object) => {
      const response = await fetch(`${consoleUrl.origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${consoleUrl.hash.slice('#token='.length)}`, 'content-type': 'application/json' }, body: JSON.stringify(arg) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const writeKey = SECRETS.MJSC_SEGMENT_WRITE_KEY;
    const saved = await call('saveCredentials', { mailjetApiKey: mailjet.apiKey, mailjetSecretKey: mailjet.secretKey, segmentWriteKey: writeKey });
    expect(saved.status).toBe(503);
    expect(saved.body).toEqual({ error: { code: 'keychain_unavailable', message: expect.stringMatching(/^No Secret Service found: install and start gnome-keyring \(apt install gnome-keyring\).*restart the connector/) } });
    const status = await call('getStatus', {});
    expect(status.body).toMatchObject({ credentials: { mailjet: 'missing', segment: 'missing', source: 'unavailable', problem: { code: 'keychain_unavailable', message: (saved.body.error as { message: string }).message } } });

    running.kill('SIGINT');
    expect(await exited).toBe(0);
    expectSecretsKeptOut(output.stderr, [writeKey, mailjet.secretKey]);
  }, 60_000);
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

describe('mjsc relay start-up failures: one stderr line that says what to change, exit 1', () => {
  const envFor = () => ({
    MJSC_MAILJET_API_URL: mailjet.url,
    MJSC_SEGMENT_API_URL: segment.url,
    MJSC_MAILJET_API_KEY: mailjet.apiKey,
    MJSC_MAILJET_SECRET_KEY: mailjet.secretKey,
    MJSC_LOG_LEVEL: 'error',
    ...SECRETS,
  });
  const run = async (args: string[]) => {
    const io = { ...fakeCliIo(), env: envFor() };
    const { runCli } = await import('../../../main/cli/cli-dispatch');
    const code = await runCli(['relay', '--host', '127.0.0.1', ...args], io, { version: '0', commands: [relayCommand] });
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  };
  /** A port something else holds for the test's duration. */
  async function occupiedPort(): Promise<{ port: number; release(): Promise<void> }> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { port: (server.address() as AddressInfo).port, release: () => new Promise((resolve) => server.close(() => resolve())) };
  }
  async function freePort(): Promise<number> {
    const taken = await occupiedPort();
    await taken.release();
    return taken.port;
  }

  it('names the relay port in use and --port', async () => {
    const taken = await occupiedPort();
    try {
      const { code, stdout, stderr } = await run(['--port', String(taken.port), '--console-port', '0', '--data-dir', dataDir]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(`mjsc: The relay port ${taken.port} on 127.0.0.1 is already in use, perhaps by another copy of the connector: quit it, or choose another port with --port (0 picks a free one).\n`);
    } finally {
      await taken.release();
    }
  });

  it('names the console port in use and --console-port, and releases the relay port it had opened', async () => {
    const taken = await occupiedPort();
    const relayPort = await freePort();
    try {
      const { code, stdout, stderr } = await run(['--port', String(relayPort), '--console-port', String(taken.port), '--data-dir', dataDir]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(new RegExp(`^mjsc: The console port ${taken.port} on 127\\.0\\.0\\.1 is already in use.*--console-port.*\\n$`));
      const again = createServer();
      await new Promise<void>((resolve, reject) => again.once('error', reject).listen(relayPort, '127.0.0.1', resolve));
      await new Promise((resolve) => again.close(resolve));
    } finally {
      await taken.release();
    }
  });

  it('refuses a data dir another connector is using, naming its pid, before touching the database', async () => {
    const running = lockDataDir(dataDir);
    try {
      const { code, stdout, stderr } = await run(['--port', '0', '--console-port', '0', '--data-dir', dataDir]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(`mjsc: Another Mailjet Segment Connector is already using ${dataDir} (pid ${process.pid}). Quit it, or use --data-dir.\n`);
      expect(existsSync(join(dataDir, 'connector.db'))).toBe(false);
    } finally {
      running.release();
    }
  });

  it('says the data dir cannot be used, and how to choose another', async () => {
    const blocker = join(dataDir, 'a-file');
    writeFileSync(blocker, 'x');
    const { code, stdout, stderr } = await run(['--port', '0', '--console-port', '0', '--data-dir', join(blocker, 'data')]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).toMatch(/^mjsc: Cannot open the connector's database .*a-file\/data\/connector\.db \(ENOTDIR\): .*--data-dir or MJSC_DATA_DIR\)\.\n$/);
  });
});
