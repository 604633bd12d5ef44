// `mjsc relay`: the relay and the web console without Electron (docs/architecture.md#command-line). stdout gets
// exactly the two ready lines; logs and warnings go to stderr. Secrets come from the keychain with
// MJSC_* overrides; without a usable keychain it runs on env, refuses to save keys (saying what to
// install or unlock), and keeps only the generated relay key and events secret in memory.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ListenerError } from '../config/listener-errors';
import { isLoopbackHost } from '../config/relay-config';
import { createControlServer } from '../control/control-server';
import { generateConsoleToken } from '../control/control-auth';
import { resolveDataDir } from '../host/default-data-dir';
import { startConnectorHost } from '../host/start-connector-host';
import { createLogger } from '../logging/logger';
import { registerSecret } from '../logging/redaction';
import { createEnvSecretStore, readEnvSecrets, withEnvOverrides } from '../secrets/env-secret-store';
import { probeKeychain } from '../secrets/keychain-probe';
import { createKeychainSecretStore } from '../secrets/keychain-secret-store';
import { createKeychainlessSecretStore } from '../secrets/keychainless-secret-store';
import { SECRET_ENV_VARS, SECRET_NAMES, type SecretName, type SecretStore } from '../secrets/secret-store';
import type { CliCommand, CliIo } from './cli-command';
import { CliInputError, EXIT_OK } from './cli-errors';

const USAGE = ['mjsc relay [--host 127.0.0.1] [--port 8787] [--console-port 8788] [--data-dir DIR] [--public-url URL]'] as const;

const HELP = `Usage:
  ${USAGE[0]}
      Runs the relay (Segment and Mailjet post to it) and the web console (loopback only).
      When both listen it prints:
        relay listening on http://HOST:PORT
        console http://127.0.0.1:CPORT/#token=TOKEN
      Port 0 picks a free port. Ctrl-C (SIGINT) or SIGTERM stops it cleanly.

Data dir: --data-dir, else MJSC_DATA_DIR, else the platform's config folder
  (Linux: $XDG_CONFIG_HOME or ~/.config, macOS: ~/Library/Application Support, Windows: %APPDATA%)
  /mailjet-segment-connector. It holds settings and the queue, never a secret.
Secrets: the OS keychain; MJSC_MAILJET_API_KEY, MJSC_MAILJET_SECRET_KEY, MJSC_SEGMENT_WRITE_KEY,
  MJSC_RELAY_KEY and MJSC_EVENTS_SECRET override it and are never written. Without a usable
  keychain the relay runs on those variables; saving keys in the console is refused with what to
  install or unlock, and a generated relay key and events secret last only until it stops.
Console token: MJSC_CONSOLE_TOKEN, else a new random token per start.
Upstream: MJSC_MAILJET_API_URL, MJSC_SEGMENT_API_URL. Logs: JSON lines on stderr (MJSC_LOG_LEVEL).
`;

export const relayCommand: CliCommand = {
  name: 'relay',
  summary: 'Run the relay and the web console without Electron',
  usage: USAGE,
  help: HELP,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8787' },
        'console-port': { type: 'string', default: '8788' },
        'data-dir': { type: 'string' },
        'public-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      io.writeOut(HELP);
      return EXIT_OK;
    }
    const port = readPort('--port', values.port);
    const consolePort = readPort('--console-port', values['console-port']);
    const dataDir = resolveDataDir({ flag: values['data-dir'], env: io.env, platform: process.platform, homeDir: homedir() });
    const logger = createLogger({ level: io.env.MJSC_LOG_LEVEL ?? 'info', destination: stderrStream(io) });
    if (!isLoopbackHost(values.host)) {
      io.writeErr(`mjsc: warning: the relay binds ${values.host}, beyond this machine's loopback; anyone who can reach it can try the relay key. Prefer a tunnel to 127.0.0.1.\n`);
    }

    const secrets = await chooseSecretStore(io);
    const host = await startConnectorHost({ dataDir, host: values.host, port, publicUrl: values['public-url'], secrets, env: io.env, logger }).catch((error: unknown) => {
      throw error instanceof ListenerError ? error.withFlag('--port') : error;
    });
    const token = nonEmpty(io.env.MJSC_CONSOLE_TOKEN) ?? generateConsoleToken();
    registerSecret(token);
    const control = createControlServer({ api: host.api, token, port: consolePort, rendererDir: rendererDir(), logger: logger.child({ listener: 'console' }) });
    let consoleUrl: string;
    try {
      consoleUrl = await control.listen();
    } catch (error) {
      await host.stop();
      throw error instanceof ListenerError ? error.withFlag('--console-port') : error;
    }
    io.writeOut(`relay listening on ${host.relayUrl}\nconsole ${consoleUrl}/#token=${token}\n`);

    const signal = await io.waitForStop();
    logger.info({ signal }, 'stopping');
    try {
      await control.close();
    } finally {
      // The relay stops (and the database closes) even if the console did not close cleanly.
      await host.stop();
    }
    return EXIT_OK;
  },
};

/** Keychain with env overrides; env only when it gives every secret; without a usable keychain, no saving. */
async function chooseSecretStore(io: CliIo): Promise<SecretStore> {
  const fromEnv = readEnvSecrets(io.env);
  const missing = SECRET_NAMES.filter((name) => fromEnv[name] === undefined);
  if (missing.length === 0) return createEnvSecretStore(io.env);
  const probe = await probeKeychain();
  if (probe.usable) return withEnvOverrides(createKeychainSecretStore(), io.env);
  const unsavable = missing.filter((name) => name !== 'relayKey' && name !== 'eventsSecret');
  const generated = missing.filter((name) => name === 'relayKey' || name === 'eventsSecret');
  const envNames = (names: readonly SecretName[]): string => names.map((name) => SECRET_ENV_VARS[name]).join(' and ');
  const lines = [`mjsc: warning: no usable OS keychain. ${probe.reason}`];
  if (unsavable.length > 0) lines.push(`Until then keys cannot be saved in the console; set ${envNames(unsavable)} instead.`);
  if (generated.length > 0) {
    const what = generated.map((name) => (name === 'relayKey' ? 'relay key' : 'events secret')).join(' and ');
    lines.push(`A new ${what} is made at every start and kept in memory only; set ${envNames(generated)} to keep ${generated.length === 1 ? 'it' : 'them'} fixed.`);
  }
  io.writeErr(`${lines.join(' ')}\n`);
  return createKeychainlessSecretStore(io.env, probe.reason);
}

function readPort(flag: string, value: string | undefined): number {
  const port = Number(value);
  if (value === undefined || !/^\d{1,5}$/.test(value) || port > 65_535) throw new CliInputError('bad_arguments', `${flag} must be a port number from 0 to 65535`);
  return port;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Log lines go to the command's stderr, never to stdout (which holds only the two ready lines). */
function stderrStream(io: CliIo): NodeJS.WritableStream {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      io.writeErr(String(chunk));
      done();
    },
  });
}

/** dist/renderer next to the bundle (dist-electron/mjsc.js) or, when run from source with tsx, at the root. */
function rendererDir(): string {
  const candidates = ['../dist/renderer', '../../dist/renderer'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0] ?? 'dist/renderer';
}
