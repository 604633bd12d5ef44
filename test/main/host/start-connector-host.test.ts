// The host itself: secrets generated on first start and kept, status-change notifications, a clean
// stop, and (inside scripts/run-tests.js's private gnome-keyring) saveCredentials into the real keychain.
import { randomBytes } from 'node:crypto';
import { pollUntil } from '../../support/condition-polling';
import { loadKeytar } from '../../../main/secrets/keychain-probe';
import { createKeychainSecretStore } from '../../../main/secrets/keychain-secret-store';
import { withEnvOverrides } from '../../../main/secrets/env-secret-store';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { SECRET_NAMES, SecretStoreUnavailableError, type SecretStore } from '../../../main/secrets/secret-store';
import { startConnectorHost } from '../../../main/host/start-connector-host';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Status } from '../../../shared/api';
import { KEYS, readAllFiles, startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';

const insidePrivateKeyring = process.env.MJSC_TEST_KEYRING === '1';

let harness: ConnectorHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

it('generates a URL-safe relay key and events secret on first start and keeps them on the next', async () => {
  const secrets = new MemorySecretStore({ ...KEYS });
  harness = await startConnectorHarness({ secrets });
  const relayKey = await secrets.get('relayKey');
  const eventsSecret = await secrets.get('eventsSecret');
  expect(relayKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(eventsSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(relayKey).not.toBe(eventsSecret);
  await harness.restart();
  expect(await secrets.get('relayKey')).toBe(relayKey);
  expect((await harness.ok('getConnectionInfo')).relayKey).toBe(relayKey);
});

it('tells listeners when the status changes (an action, the key check at start)', async () => {
  harness = await startConnectorHarness();
  const seen: Status[] = [];
  harness.host.onStatusChange((status) => seen.push(status));
  await harness.ok('enableReceive', { createListName: 'Segment Master List' });
  await pollUntil(() => seen.some((status) => status.receive.enabled), 'a status with receiving on');
  await pollUntil(() => seen.some((status) => status.credentials.mailjet === 'valid'), 'the saved keys checked at start');
});

it('stop() closes the relay listener and can be called again', async () => {
  harness = await startConnectorHarness();
  const relayUrl = harness.host.relayUrl;
  expect((await fetch(`${relayUrl}/healthz`)).status).toBe(200);
  await harness.host.stop();
  await expect(fetch(`${relayUrl}/healthz`)).rejects.toThrow();
  await expect(harness.host.stop()).resolves.toBeUndefined();
});

describe('without a usable keychain', () => {
  const NO_SERVICE = 'No Secret Service found: install and start gnome-keyring (apt install gnome-keyring), then try again.';

  it('does not start, says what to install, and writes no file', async () => {
    const unavailable: SecretStore = {
      source: 'keychain',
      get: async () => Promise.reject(new SecretStoreUnavailableError(NO_SERVICE)),
      set: async () => Promise.reject(new SecretStoreUnavailableError(NO_SERVICE)),
      delete: async () => Promise.reject(new SecretStoreUnavailableError(NO_SERVICE)),
    };
    const dataDir = mkdtempSync(join(tmpdir(), 'mjsc-no-keychain-'));
    try {
      await expect(startConnectorHost({ dataDir, port: 0, secrets: unavailable, env: {} })).rejects.toMatchObject({ code: 'keychain_unavailable', message: NO_SERVICE });
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('saveCredentials answers 503 with the keychain message once the keychain locks, and keeps nothing', async () => {
    const memory = new MemorySecretStore();
    let locked = false;
    const locking: SecretStore = {
      source: 'keychain',
      get: (name) => memory.get(name),
      set: async (name, value) => (locked ? Promise.reject(new SecretStoreUnavailableError('Your login keyring is locked: unlock it (e.g. in Seahorse) and try again.')) : memory.set(name, value)),
      delete: (name) => memory.delete(name),
    };
    harness = await startConnectorHarness({ secrets: locking });
    locked = true;
    const answer = await harness.call('saveCredentials', { ...KEYS });
    expect(answer).toMatchObject({ status: 503, error: { code: 'keychain_unavailable', message: expect.stringMatching(/locked: unlock it/) } });
    expect(await memory.get('mailjetSecretKey')).toBeUndefined();
  });
});

it('puts back the keys already written when the keychain fails half-way through a save', async () => {
  const memory = new MemorySecretStore({ mailjetSecretKey: KEYS.mailjetSecretKey, segmentWriteKey: KEYS.segmentWriteKey });
  let setsLeft = Number.POSITIVE_INFINITY;
  const flaky: SecretStore = {
    source: 'keychain',
    get: (name) => memory.get(name),
    set: async (name, value) => {
      setsLeft -= 1;
      if (setsLeft < 0) throw new SecretStoreUnavailableError('Your login keyring is locked: unlock it and try again.');
      await memory.set(name, value);
    },
    delete: (name) => memory.delete(name),
  };
  harness = await startConnectorHarness({ secrets: flaky });
  setsLeft = 1;
  const answer = await harness.call('saveCredentials', { mailjetApiKey: KEYS.mailjetApiKey, segmentWriteKey: 'a-new-write-key-1234' });
  expect(answer.status).toBe(503);
  expect(await memory.get('mailjetApiKey')).toBeUndefined();
  expect(await memory.get('segmentWriteKey')).toBe(KEYS.segmentWriteKey);
  expect((await harness.ok('getStatus')).credentials.mailjet).toBe('missing');
});

describe.runIf(insidePrivateKeyring)('with the real Secret Service (skipped outside `node scripts/run-tests.js`, which starts a private gnome-keyring)', () => {
  const service = `mjsc-host-test-${randomBytes(4).toString('hex')}`;
  afterEach(async () => {
    const keytar = await loadKeytar();
    for (const name of SECRET_NAMES) await keytar.deletePassword(service, name);
  });

  it('saveCredentials stores the keys in the keychain and nothing secret in the data dir', async () => {
    harness = await startConnectorHarness({ secrets: withEnvOverrides(createKeychainSecretStore({ service }), {}) });
    const status = await harness.ok('saveCredentials', { ...KEYS });
    expect(status.credentials).toMatchObject({ source: 'keychain', mailjet: 'valid', segment: 'present' });
    const keytar = await loadKeytar();
    expect(await keytar.getPassword(service, 'mailjetSecretKey')).toBe(KEYS.mailjetSecretKey);
    expect(await keytar.getPassword(service, 'segmentWriteKey')).toBe(KEYS.segmentWriteKey);
    const relayKey = await keytar.getPassword(service, 'relayKey');
    expect(relayKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const eventsSecret = (await keytar.getPassword(service, 'eventsSecret')) ?? 'missing';
    for (const file of readAllFiles(harness.dataDir)) {
      for (const secret of [...Object.values(KEYS), relayKey ?? 'missing', eventsSecret]) expect(file.bytes.includes(secret), file.path).toBe(false);
    }
  });
});

it('stop() stops accepting at once, even while the start-up key check still waits on Mailjet', async () => {
  harness = await startConnectorHarness();
  await pollUntil(async () => (await harness!.ok('getStatus')).credentials.mailjet === 'valid', 'the first start-up check done');
  harness.mailjet.inject('GET /v3/REST/contactslist', { delayMs: 8_000, count: 1 });
  await harness.restart();
  const relayUrl = harness.host.relayUrl;
  expect((await fetch(`${relayUrl}/healthz`)).status).toBe(200);
  let stopped = false;
  const stopping = harness.host.stop().then(() => (stopped = true));
  await pollUntil(async () => !(await fetch(`${relayUrl}/healthz`).then((r) => r.ok, () => false)), 'the relay refusing', { timeoutMs: 6_000 });
  expect(stopped).toBe(false);
  await stopping;
});
