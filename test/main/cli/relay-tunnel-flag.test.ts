// `mjsc relay --tunnel cloudflared|ngrok` (a fixed CLI interface): the cloudflared stand-in on PATH is
// started after the two ready lines; its proven URL becomes the public URL and stderr says so; the
// tunnel stops with the relay. A bad value is refused before anything starts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relayCommand } from '../../../main/cli/relay-command';
import { CliInputError } from '../../../main/cli/cli-errors';
import { pollUntil } from '../../support/condition-polling';
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator';
import { installCloudflaredStandIn, type InstalledStandIn } from '../../support/tunnel-stand-in/install-stand-in';
import { fakeCliIo } from './fake-cli-io';

let mailjet: MailjetEmulator;
let standIn: InstalledStandIn;
let dataDir: string;

beforeEach(async () => {
  mailjet = await startMailjetEmulator({ jobDelayMs: 20 });
  standIn = installCloudflaredStandIn();
  dataDir = mkdtempSync(join(tmpdir(), 'mjsc-relay-tunnel-'));
});
afterEach(async () => {
  await mailjet.stop();
  standIn.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

it('starts the tunnel after the ready lines, uses its proven URL, and stops it with the relay', async () => {
  let stop: (signal: string) => void = () => undefined;
  const io = {
    ...fakeCliIo(),
    env: {
      PATH: standIn.path,
      MJSC_MAILJET_API_URL: mailjet.url,
      MJSC_SEGMENT_API_URL: 'http://127.0.0.1:9',
      MJSC_MAILJET_API_KEY: mailjet.apiKey,
      MJSC_MAILJET_SECRET_KEY: mailjet.secretKey,
      MJSC_SEGMENT_WRITE_KEY: 'canaryTunnelFlagWriteKey',
      MJSC_RELAY_KEY: 'canaryTunnelFlagRelayKey',
      MJSC_EVENTS_SECRET: 'canaryTunnelFlagEventsSecret',
      MJSC_LOG_LEVEL: 'warn',
    },
    waitForStop: () => new Promise<string>((resolve) => (stop = resolve)),
  };
  const exit = relayCommand.run(['--port', '0', '--console-port', '0', '--data-dir', dataDir, '--tunnel', 'cloudflared'], io);
  await pollUntil(() => /^mjsc: tunnel /m.test(io.stderr()), `the tunnel line on stderr:\n${io.stderr()}`, { timeoutMs: 30_000, intervalMs: 50 });
  expect(io.stdout().split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^relay listening on /), expect.stringMatching(/^console /)]);
  const url = /^mjsc: tunnel (http:\/\/127\.0\.0\.1:\d+): \1 reaches this relay/m.exec(io.stderr())?.[1];
  expect(url, io.stderr()).toBeDefined();
  expect((await fetch(`${url}/healthz`)).status).toBe(200);

  stop('SIGTERM');
  expect(await exit).toBe(0);
  expect(await fetch(`${url}/healthz`).then(() => 'answered', () => 'closed')).toBe('closed');
}, 60_000);

it('refuses a tunnel program it does not know', async () => {
  await expect(relayCommand.run(['--tunnel', 'localtunnel', '--data-dir', dataDir], fakeCliIo())).rejects.toThrow(CliInputError);
  await expect(relayCommand.run(['--tunnel', 'localtunnel', '--data-dir', dataDir], fakeCliIo())).rejects.toThrow('--tunnel must be cloudflared or ngrok');
});
