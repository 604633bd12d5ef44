// Rotating the events secret while Mailjet cannot take the new callback URL: the relay keeps accepting
// the previous secret until a later re-registration succeeds (an action, or the throttled status poll),
// then refuses it. Driven through the HTTP control API and a service on a fake clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRelayConfig } from '../../../main/config/relay-config';
import { createConnectorService } from '../../../main/connector/connector-service';
import { ROTATION_RETRY_MS } from '../../../main/connector/events-secret-rotation';
import { startRelayEngine } from '../../../main/engine/relay-engine';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { pollUntil } from '../../support/condition-polling';
import { fixtureEvents } from '../../../emulators/fixtures/mailjet-events';
import { startMailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator';
import { FAST_TUNING } from '../../support/engine-harness';
import { capturingLogger, KEYS, startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';

const CALLBACK_PUT = 'PUT /v3/REST/eventcallbackurl/*';

/** POSTs like Mailjet does: the URL's userinfo goes into a Basic Authorization header. */
async function postToCallback(url: string, messageId: number): Promise<number> {
  const parsed = new URL(url);
  const auth = Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64');
  parsed.username = '';
  parsed.password = '';
  const response = await fetch(parsed, {
    method: 'POST',
    headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...fixtureEvents.open, MessageID: messageId }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('through the control API', () => {
  let harness: ConnectorHarness;
  beforeEach(async () => {
    harness = await startConnectorHarness();
    await harness.ok('enableSend', { events: ['sent', 'open'] });
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('keeps the old callback URL working while Mailjet is down, and refuses it once the callbacks are moved', async () => {
    const { mailjetCallbackUrl: oldUrl } = await harness.ok('getConnectionInfo');
    harness.mailjet.inject(CALLBACK_PUT, { status: 503, count: 10 });

    const answer = await harness.call('rotateSecret', { which: 'eventsSecret' });
    expect(answer.status).toBe(502);
    expect(answer.error?.code).toBe('callback_rotation_pending');
    expect(answer.error?.message).toMatch(/new events secret is active.*previous secret, which the relay still accepts.*retries by itself/);
    const { mailjetCallbackUrl: newUrl } = await harness.ok('getConnectionInfo');
    expect(newUrl).not.toBe(oldUrl);
    expect(harness.mailjet.callbacks.every((row) => row.Url === oldUrl)).toBe(true);
    expect(await postToCallback(oldUrl, 1)).toBe(200);
    expect(await postToCallback(newUrl, 2)).toBe(200);
    const logs = harness.logLines.join('\n');
    for (const url of [oldUrl, newUrl]) expect(logs).not.toContain(new URL(url).password);

    harness.mailjet.clearFaults();
    expect((await harness.ok('enableSend', {})).state).toBe('enabled');
    expect(harness.mailjet.callbacks.every((row) => row.Url === newUrl)).toBe(true);
    expect(await postToCallback(oldUrl, 3)).toBe(401);
    expect(await postToCallback(newUrl, 4)).toBe(200);
    expect(await harness.secrets.get('previousEventsSecret')).toBeUndefined();
  });

  it('a rotation Mailjet takes at once leaves no previous secret behind', async () => {
    const { mailjetCallbackUrl: oldUrl } = await harness.ok('getConnectionInfo');
    await harness.ok('rotateSecret', { which: 'eventsSecret' });
    expect(await postToCallback(oldUrl, 1)).toBe(401);
    expect(await harness.secrets.get('previousEventsSecret')).toBeUndefined();
  });
});

it('retries on the upkeep timer (never from a status read) no more than once per interval, then drops the previous secret', async () => {
  const mailjet = await startMailjetEmulator({ apiKey: KEYS.mailjetApiKey, secretKey: KEYS.mailjetSecretKey });
  const dataDir = mkdtempSync(join(tmpdir(), 'mjsc-rotation-'));
  // No Segment write key: the events posted here stay queued, nothing leaves 127.0.0.1.
  const secrets = new MemorySecretStore({ mailjetApiKey: KEYS.mailjetApiKey, mailjetSecretKey: KEYS.mailjetSecretKey, relayKey: 'relay-key-rotation-test-1', eventsSecret: 'events-secret-before-rotation' });
  let clock = 1_000_000;
  const now = () => clock;
  const logLines: string[] = [];
  const engine = await startRelayEngine({
    dataDir,
    config: loadRelayConfig({ host: '127.0.0.1', port: 0 }, { MJSC_MAILJET_API_URL: mailjet.url, MJSC_SEGMENT_API_URL: mailjet.url }),
    secrets,
    logger: capturingLogger(logLines),
    // The test runs the upkeep itself (retryPendingWork), so the engine's timer stays out of the way.
    tuning: { ...FAST_TUNING, upkeepMs: 3_600_000 },
  });
  try {
    const service = createConnectorService({ engine, secrets, logger: capturingLogger(logLines), now });
    const { api } = service;
    await api.enableSend({ events: ['open'] });
    const { mailjetCallbackUrl: oldUrl } = await api.getConnectionInfo({});
    mailjet.inject(CALLBACK_PUT, { status: 503, count: 10 });
    await expect(api.rotateSecret({ which: 'eventsSecret' })).rejects.toMatchObject({ code: 'callback_rotation_pending' });
    mailjet.clearFaults();

    const puts = () => mailjet.requests.filter((request) => request.method === 'PUT').length;
    const before = puts();
    clock += ROTATION_RETRY_MS - 1;
    // A read has no side effects: polling the status re-registers nothing.
    await api.getStatus({});
    service.retryPendingWork();
    expect(await postToCallback(oldUrl, 1)).toBe(200);
    expect(puts()).toBe(before);

    clock += 1;
    await api.getStatus({});
    expect(await postToCallback(oldUrl, 2)).toBe(200);
    expect(puts()).toBe(before);
    service.retryPendingWork();
    await pollUntil(async () => (await postToCallback(oldUrl, 3)) === 401, 'the previous secret refused after the retry');
    const { mailjetCallbackUrl: newUrl } = await api.getConnectionInfo({});
    expect(mailjet.callbacks.map((row) => row.Url)).toEqual([newUrl]);
  } finally {
    await engine.stop();
    await mailjet.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
