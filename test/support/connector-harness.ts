// Test harness: both emulators, a real connector host on a temp data dir, and the HTTP control API in
// front of it, all on 127.0.0.1. Tests drive the product the way the console does: POST /api/<method>.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectorArg, ConnectorMethod, ConnectorResult } from '../../shared/api';
import { createControlServer, type ControlServer } from '../../main/control/control-server';
import type { ConnectorHost } from '../../main/host/connector-host';
import { startConnectorHost } from '../../main/host/start-connector-host';
import type { Logger } from '../../main/logging/logger';
import { redactSecrets } from '../../main/logging/redaction';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store';
import type { SecretStore } from '../../main/secrets/secret-store';
import { startMailjetEmulator, type MailjetEmulator } from '../../emulators/mailjet/mailjet-emulator';
import { startSegmentEmulator, type SegmentEmulator } from '../../emulators/segment/segment-emulator';
import { FAST_TUNING } from './engine-harness';

export const KEYS = {
  mailjetApiKey: 'canaryHostMjApiKey81f2',
  mailjetSecretKey: 'canaryHostMjSecret63a9',
  segmentWriteKey: 'canaryHostSegWrite47c1',
} as const;

export const TOKEN = 'console-token-host-tests-5f1e9a';

export interface ApiAnswer<M extends ConnectorMethod> {
  status: number;
  result: ConnectorResult<M>;
  error?: { code: string; message: string };
}

export interface ConnectorHarness {
  mailjet: MailjetEmulator;
  segment: SegmentEmulator;
  dataDir: string;
  secrets: SecretStore;
  host: ConnectorHost;
  consoleUrl: string;
  logLines: string[];
  call<M extends ConnectorMethod>(method: M, arg?: ConnectorArg<M>): Promise<ApiAnswer<M>>;
  /** Like call, but fails the test on a non-200 answer. */
  ok<M extends ConnectorMethod>(method: M, arg?: ConnectorArg<M>): Promise<ConnectorResult<M>>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export function capturingLogger(lines: string[]): Logger {
  const write = (level: string) => (fields: object | string, message?: string) =>
    void lines.push(redactSecrets(JSON.stringify({ level, ...(typeof fields === 'string' ? { msg: fields } : fields), message })));
  const logger: Logger = { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), child: () => logger };
  return logger;
}

export interface HarnessOptions {
  secrets?: SecretStore;
  withKeys?: boolean;
  /** Extra environment for the host (MJSC_MAILJET_API_URL, PATH for a tunnel stand-in, …). */
  env?: Record<string, string>;
  /** The host's outgoing HTTP, e.g. one that routes a public-looking Mailjet API URL to the emulator. */
  fetch?: typeof fetch;
  /** An existing folder for the data (a small tmpfs, say), left in place by stop(); default: a fresh temporary folder. */
  dataDir?: string;
}

export async function startConnectorHarness(options: HarnessOptions = {}): Promise<ConnectorHarness> {
  const mailjet = await startMailjetEmulator({ apiKey: KEYS.mailjetApiKey, secretKey: KEYS.mailjetSecretKey, jobDelayMs: 20, seedFixtures: true });
  const segment = await startSegmentEmulator({ writeKeys: [KEYS.segmentWriteKey] });
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mjsc-host-'));
  const secrets = options.secrets ?? new MemorySecretStore(options.withKeys === false ? {} : { ...KEYS });
  const logLines: string[] = [];
  const env = { MJSC_MAILJET_API_URL: mailjet.url, MJSC_SEGMENT_API_URL: segment.url, ...options.env };
  let control: ControlServer;

  const harness: ConnectorHarness = {
    mailjet,
    segment,
    dataDir,
    secrets,
    logLines,
    host: undefined as unknown as ConnectorHost,
    consoleUrl: '',
    async call(method, arg) {
      const response = await fetch(`${harness.consoleUrl}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(arg ?? {}),
      });
      const body = (await response.json()) as { error?: { code: string; message: string } };
      return { status: response.status, result: body as never, error: response.ok ? undefined : body.error };
    },
    async ok(method, arg) {
      const answer = await harness.call(method, arg);
      if (answer.status !== 200) throw new Error(`${method} answered ${answer.status}: ${JSON.stringify(answer.error)}`);
      return answer.result as ConnectorResult<typeof method>;
    },
    async restart() {
      await control.close();
      await harness.host.stop();
      await start();
    },
    async stop() {
      await control.close();
      await harness.host.stop();
      await Promise.all([mailjet.stop(), segment.stop()]);
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };

  async function start(): Promise<void> {
    harness.host = await startConnectorHost({ dataDir, host: '127.0.0.1', port: 0, secrets, env, logger: capturingLogger(logLines), tuning: FAST_TUNING, statusPollMs: 50, fetch: options.fetch });
    control = createControlServer({ api: harness.host.api, token: TOKEN, port: 0, rendererDir: join(dataDir, 'no-renderer'), logger: capturingLogger(logLines) });
    harness.consoleUrl = await control.listen();
  }
  await start();
  return harness;
}

/** Every regular file under dir, recursively, as raw bytes: tests grep them for secrets. The control socket holds no bytes. */
export function readAllFiles(dir: string): Array<{ path: string; bytes: Buffer }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const found = statSync(path);
    if (found.isDirectory()) return readAllFiles(path);
    // The local control socket (control.sock) is no file to read: it holds nothing.
    return found.isFile() ? [{ path, bytes: readFileSync(path) }] : [];
  });
}

/** Our callback URL as Mailjet holds it, with the events secret. */
export function registeredUrl(mailjet: MailjetEmulator, eventType: string): string | undefined {
  return mailjet.callbacks.find((row) => row.EventType === eventType && !row.IsBackup)?.Url;
}
