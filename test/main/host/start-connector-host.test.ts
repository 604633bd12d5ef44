// The host itself: secrets generated on first start and kept, status-change notifications, a clean
// stop, and (inside scripts/run-tests.js's private gnome-keyring) saveCredentials into the real keychain.
import { randomBytes } from 'node:crypto';
import { pollUntil } from '../../emulators/condition-polling';
import { loadKeytar } from '../../../main/secrets/keychain-probe';
import { createKeychainSecretStore } from '../../../main/secrets/keychain-secret-store';
import { withEnvOverrides } from '../../../main/secrets/env-secret-store';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { SECRET_NAMES } from '../../../main/secrets/secret-store';
import type { Status } from '../../../shared/api';
import { KEYS, readAllFiles, startConnectorHarness, type ConnectorHarness } from './connector-harness';

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
