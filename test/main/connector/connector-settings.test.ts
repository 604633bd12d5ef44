// The connector's settings over a settings table, and the replaced callback URLs over the secret store:
// what older versions kept in plain text moves into the secret store and out of the settings.
import { createConnectorSettings } from '../../../main/connector/connector-settings';
import { LEGACY_DISPLACED_SETTING } from '../../../main/connector/displaced-callbacks';
import { createKeychainSecretStore } from '../../../main/secrets/keychain-secret-store';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import type { SecretStore } from '../../../main/secrets/secret-store';
import { createOperatorSettings } from '../../../main/storage/operator-settings';
import type { SettingsStore } from '../../../main/storage/settings-store';

const CRM = 'https://crm:hunter2pass@crm.example.com/mj/open';

function memorySettings(initial: Record<string, unknown> = {}): SettingsStore & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial).map(([key, value]) => [key, JSON.stringify(value)]));
  return {
    values,
    get: <T>(key: string) => (values.has(key) ? (JSON.parse(values.get(key) ?? 'null') as T) : undefined),
    set(key, value) {
      if (value === undefined) values.delete(key);
      else values.set(key, JSON.stringify(value));
    },
    later: { set: async (key, value) => void (value === undefined ? values.delete(key) : values.set(key, JSON.stringify(value))) },
  };
}

function storageOver(settings: SettingsStore) {
  return { settings, operatorSettings: createOperatorSettings(settings) };
}

it('moves replaced URLs left in the settings by older versions into the secret store', async () => {
  const store = memorySettings({ [LEGACY_DISPLACED_SETTING]: { open: { url: CRM, version: 1 } }, 'send.state': 'enabled' });
  const secrets = new MemorySecretStore();
  const settings = createConnectorSettings(storageOver(store), secrets);
  expect(await settings.loadReplaced()).toEqual({ open: { url: CRM, version: 1 } });
  expect(settings.read()).toMatchObject({ sendState: 'enabled', replaced: { open: { url: CRM, version: 1 } } });
  expect(store.values.has(LEGACY_DISPLACED_SETTING)).toBe(false);
  expect([...store.values.values()].join('')).not.toContain('hunter2pass');
  expect(JSON.parse((await secrets.get('displacedCallbacks')) ?? '{}')).toEqual({ open: { url: CRM, version: 1 } });
});

it('saves to the secret store only on change, and deletes the entry when nothing is left to restore', async () => {
  const writes: string[] = [];
  const secrets = new MemorySecretStore();
  const watched: SecretStore = {
    source: 'env',
    get: (name) => secrets.get(name),
    async set(name, value) {
      writes.push(`set ${name}`);
      await secrets.set(name, value);
    },
    async delete(name) {
      writes.push(`delete ${name}`);
      await secrets.delete(name);
    },
  };
  const settings = createConnectorSettings(storageOver(memorySettings()), watched);
  await settings.saveReplaced({});
  await settings.saveReplaced({ open: { url: CRM, version: 1 } });
  await settings.saveReplaced({ open: { url: CRM, version: 1 } });
  await settings.saveReplaced({});
  expect(writes).toEqual(['set displacedCallbacks', 'delete displacedCallbacks']);
  expect(settings.read().replaced).toEqual({});
});

it('reads an unreadable stored value as nothing to restore', async () => {
  const settings = createConnectorSettings(storageOver(memorySettings()), new MemorySecretStore({ displacedCallbacks: '{not json' }));
  expect(await settings.loadReplaced()).toEqual({});
});

describe.skipIf(process.env.MJSC_TEST_KEYRING !== '1')('on a real Secret Service (needs scripts/run-tests.js)', () => {
  it('keeps the replaced URLs in the keychain across settings instances, and removes them when restored', async () => {
    const keychain = createKeychainSecretStore({ service: 'mjsc-test-displaced' });
    const store = memorySettings();
    await createConnectorSettings(storageOver(store), keychain).saveReplaced({ open: { url: CRM, version: 1 }, click: { url: 'https://hooks.example.com/c', version: 2 } });
    expect([...store.values.values()].join('')).not.toContain('hunter2pass');
    const again = createConnectorSettings(storageOver(store), keychain);
    expect(await again.loadReplaced()).toEqual({ open: { url: CRM, version: 1 }, click: { url: 'https://hooks.example.com/c', version: 2 } });
    await again.saveReplaced({});
    expect(await keychain.get('displacedCallbacks')).toBeUndefined();
  });
});
