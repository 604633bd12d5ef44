// MJSC_* secrets: env values win, are never written to the base store, and memory-only values vanish.
import { createEnvSecretStore, EnvSecretPinnedError, readEnvSecrets, withEnvOverrides } from '../../../main/secrets/env-secret-store';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import type { SecretName, SecretStore } from '../../../main/secrets/secret-store';

const ENV = { MJSC_MAILJET_API_KEY: 'env-api-key', MJSC_RELAY_KEY: 'env-relay-key', MJSC_EVENTS_SECRET: '', UNRELATED: 'x' };

class SpyStore extends MemorySecretStore {
  readonly writes: Array<[string, SecretName, string?]> = [];
  override async set(name: SecretName, value: string): Promise<void> {
    this.writes.push(['set', name, value]);
    await super.set(name, value);
  }
  override async delete(name: SecretName): Promise<void> {
    this.writes.push(['delete', name]);
    await super.delete(name);
  }
}

describe('readEnvSecrets', () => {
  it('maps each MJSC_* variable to its secret and ignores empty ones', () => {
    expect(readEnvSecrets(ENV)).toEqual({ mailjetApiKey: 'env-api-key', relayKey: 'env-relay-key' });
  });
});

describe('createEnvSecretStore (headless, no keychain)', () => {
  it('serves env secrets and keeps other secrets in memory only', async () => {
    const store: SecretStore = createEnvSecretStore(ENV);
    expect(store.source).toBe('env');
    expect(await store.get('relayKey')).toBe('env-relay-key');
    expect(await store.get('eventsSecret')).toBeUndefined();
    await store.set('eventsSecret', 'rotated');
    expect(await store.get('eventsSecret')).toBe('rotated');
    expect(await createEnvSecretStore(ENV).get('eventsSecret')).toBeUndefined();
  });

  it('refuses to change an env-given secret, naming the variable but not the value', async () => {
    const store = createEnvSecretStore(ENV);
    await expect(store.set('relayKey', 'new')).rejects.toBeInstanceOf(EnvSecretPinnedError);
    await expect(store.delete('relayKey')).rejects.toThrow(/MJSC_RELAY_KEY/);
    await expect(store.set('relayKey', 'new')).rejects.not.toThrow(/env-relay-key/);
    expect(await store.get('relayKey')).toBe('env-relay-key');
  });
});

describe('withEnvOverrides', () => {
  it('lets env values win over the base store and never writes them to it', async () => {
    const base = new SpyStore({ mailjetApiKey: 'keychain-api-key', segmentWriteKey: 'keychain-write-key' });
    const store = withEnvOverrides(base, ENV);
    expect(await store.get('mailjetApiKey')).toBe('env-api-key');
    expect(await store.get('segmentWriteKey')).toBe('keychain-write-key');
    expect(base.writes).toEqual([]);
  });

  it('passes other secrets through to the base store', async () => {
    const base = new SpyStore();
    const store = withEnvOverrides(base, ENV);
    await store.set('eventsSecret', 'es-1');
    await store.delete('segmentWriteKey');
    expect(base.writes).toEqual([['set', 'eventsSecret', 'es-1'], ['delete', 'segmentWriteKey']]);
    await expect(store.set('mailjetApiKey', 'x')).rejects.toMatchObject({ code: 'secret_pinned_by_env' });
    expect(base.writes).toHaveLength(2);
  });

  it('reports the base store as the source', () => {
    const keychainLike: SecretStore = { source: 'keychain', get: async () => undefined, set: async () => {}, delete: async () => {} };
    expect(withEnvOverrides(keychainLike, ENV).source).toBe('keychain');
  });
});
