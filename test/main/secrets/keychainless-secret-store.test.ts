// No usable keychain: MJSC_* values are served, the generated relay key and events secret live in
// memory, and any other secret is refused with the keychain's advice, never kept anywhere.
import { EnvSecretPinnedError } from '../../../main/secrets/env-secret-store';
import { createKeychainlessSecretStore } from '../../../main/secrets/keychainless-secret-store';
import { SecretStoreUnavailableError } from '../../../main/secrets/secret-store';

const ADVICE = 'No Secret Service found: install and start gnome-keyring (apt install gnome-keyring) or KeePassXC with Secret Service enabled, then try again.';
const ENV = { MJSC_SEGMENT_WRITE_KEY: 'env-write-key', MJSC_EVENTS_SECRET: '' };

it('says where secrets come from and which ones the environment pins', () => {
  const store = createKeychainlessSecretStore(ENV, ADVICE);
  expect(store.source).toBe('unavailable');
  expect(store.unavailable?.pinned).toEqual(['segmentWriteKey']);
  expect(store.unavailable?.reason).toBe(`${ADVICE} Keys cannot be saved until then: restart the connector once the keychain works, or set them as MJSC_* environment variables.`);
});

it.each(['mailjetApiKey', 'mailjetSecretKey'] as const)('refuses to keep %s, with what to install, and holds nothing', async (name) => {
  const store = createKeychainlessSecretStore(ENV, ADVICE);
  const refusal = store.set(name, 'sk-never-kept-9a1f');
  await expect(refusal).rejects.toBeInstanceOf(SecretStoreUnavailableError);
  await expect(refusal).rejects.toMatchObject({ code: 'keychain_unavailable', message: expect.stringContaining('apt install gnome-keyring') });
  await expect(refusal).rejects.not.toThrow(/sk-never-kept/);
  expect(await store.get(name)).toBeUndefined();
});

it('keeps the generated relay key and events secret in memory, and serves env values', async () => {
  const store = createKeychainlessSecretStore(ENV, ADVICE);
  await store.set('relayKey', 'generated-relay-key');
  await store.set('eventsSecret', 'generated-events-secret');
  expect(await store.get('relayKey')).toBe('generated-relay-key');
  expect(await store.get('eventsSecret')).toBe('generated-events-secret');
  expect(await store.get('segmentWriteKey')).toBe('env-write-key');
  expect(await createKeychainlessSecretStore(ENV, ADVICE).get('relayKey')).toBeUndefined();
});

it('refuses to change a pinned secret as the env store does (409 at the control API)', async () => {
  const store = createKeychainlessSecretStore(ENV, ADVICE);
  await expect(store.set('segmentWriteKey', 'other')).rejects.toBeInstanceOf(EnvSecretPinnedError);
  await expect(store.delete('segmentWriteKey')).rejects.toThrow(/MJSC_SEGMENT_WRITE_KEY/);
});
