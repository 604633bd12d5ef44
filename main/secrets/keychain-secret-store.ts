// The SecretStore on the OS keychain (keytar): one item per SecretName under one service name.
// Where no keychain is usable it throws SecretStoreUnavailableError; it never falls back to a file.
import { type SecretName, type SecretStore, SecretStoreUnavailableError } from './secret-store';
import { KEYCHAIN_SERVICE, type KeychainOptions, type KeytarLike, loadKeytar, probeKeychain, toUnavailableError } from './keychain-probe';

export type { KeytarLike } from './keychain-probe';

export function createKeychainSecretStore(options: KeychainOptions = {}): SecretStore {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const platform = options.platform ?? process.platform;
  let ready: Promise<KeytarLike> | undefined;

  // Probe once before the first use: a locked collection reads as empty, so a plain `get` could not
  // tell "no keys saved yet" from "keyring locked". A failed probe is forgotten so the user can unlock
  // and retry without restarting.
  const usableKeytar = (): Promise<KeytarLike> => {
    ready ??= (async () => {
      let keytar: KeytarLike;
      try {
        keytar = options.keytar ?? (await loadKeytar());
      } catch (error) {
        throw toUnavailableError(error, platform);
      }
      const probe = await probeKeychain({ keytar, service, platform });
      if (!probe.usable) throw new SecretStoreUnavailableError(probe.reason);
      return keytar;
    })();
    ready.catch(() => {
      ready = undefined;
    });
    return ready;
  };

  const run = async <T>(operation: (keytar: KeytarLike) => Promise<T>, secretValue?: string): Promise<T> => {
    const keytar = await usableKeytar();
    try {
      return await operation(keytar);
    } catch (error) {
      ready = undefined;
      throw toUnavailableError(error, platform, secretValue);
    }
  };

  return {
    source: 'keychain',
    async get(name: SecretName) {
      const value = await run((k) => k.getPassword(service, name));
      return value ?? undefined;
    },
    async set(name: SecretName, value: string) {
      await run((k) => k.setPassword(service, name, value), value);
    },
    async delete(name: SecretName) {
      await run((k) => k.deletePassword(service, name));
    },
  };
}
