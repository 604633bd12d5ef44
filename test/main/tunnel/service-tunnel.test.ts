// The built-in tunnel end to end in Node: the cloudflared stand-in (test/support/tunnel-stand-in) on PATH is
// started for the relay's port; its URL is proven through it, becomes the public URL, and Mailjet's
// callbacks follow it; a restart's new URL moves them again; the tunnel stops with the relay.
import { pollUntil } from '../../support/condition-polling';
import { startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';
import { installCloudflaredStandIn, type InstalledStandIn } from '../../support/tunnel-stand-in/install-stand-in';

let standIn: InstalledStandIn;
let harness: ConnectorHarness;

afterEach(async () => {
  await harness?.stop();
  standIn?.remove();
});

const ourHosts = () => new Set(harness.mailjet.callbacks.filter((row) => !row.IsBackup).map((row) => new URL(row.Url).host));

async function answers(url: string): Promise<boolean> {
  return fetch(`${url}/healthz`).then(() => true, () => false);
}

it('starts the tunnel, proves and uses its URL, re-registers on a new URL, and stops with the relay', async () => {
  standIn = installCloudflaredStandIn();
  harness = await startConnectorHarness({ env: { PATH: standIn.path } });
  expect((await harness.ok('getStatus', {})).tunnel).toEqual({ state: 'off', available: ['cloudflared'] });

  const started = await harness.ok('startTunnel', { program: 'cloudflared' });
  const first = started.tunnel?.url ?? '';
  expect(started.tunnel).toMatchObject({ state: 'running', program: 'cloudflared' });
  expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(first).not.toBe(harness.host.relayUrl);
  expect(started.publicUrl).toBe(first);
  expect(started.publicUrlCheck).toMatchObject({ url: first, result: 'reached' });

  expect((await harness.ok('enableSend', {})).state).toBe('enabled');
  expect(ourHosts()).toEqual(new Set([new URL(first).host]));

  // Quick tunnels get a new URL on every start: the callbacks follow it.
  const restarted = await harness.ok('startTunnel', { program: 'cloudflared' });
  const second = restarted.tunnel?.url ?? '';
  expect(second).not.toBe(first);
  expect(restarted.publicUrlCheck?.message).toMatch(/callbacks were moved to it/);
  expect(ourHosts()).toEqual(new Set([new URL(second).host]));
  expect(await answers(first)).toBe(false);

  await harness.stop();
  await pollUntil(async () => !(await answers(second)), 'the tunnel to stop with the relay', { timeoutMs: 10_000, intervalMs: 50 });
  harness = undefined as unknown as ConnectorHarness;
}, 60_000);

it('a tunnel program that fails says why, and one that is missing says how to install it', async () => {
  standIn = installCloudflaredStandIn();
  harness = await startConnectorHarness({ env: { PATH: standIn.path, CLOUDFLARED_STAND_IN: 'fail' } });
  const failed = await harness.call('startTunnel', { program: 'cloudflared' });
  expect(failed.status).toBe(502);
  expect(failed.error?.code).toBe('tunnel_failed');
  expect(failed.error?.message).toMatch(/failed to request quick Tunnel/);
  expect((await harness.ok('getStatus', {})).tunnel).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/exited with code 1/) });

  const missing = await harness.call('startTunnel', { program: 'ngrok' });
  expect(missing.status).toBe(409);
  expect(missing.error).toMatchObject({ code: 'tunnel_program_missing', message: expect.stringMatching(/Install ngrok from https:\/\/ngrok\.com\/download/) });
  expect((await harness.ok('getStatus', {})).publicUrl).toBeNull();
}, 60_000);
