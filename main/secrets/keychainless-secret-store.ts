// The SecretStore where no OS keychain is usable (issue 5: setup stops with a clear message). MJSC_*
// variables are used; the generated relay key and events secret live in memory until the relay stops.
// Any other secret is refused with what to install or unlock: never kept in a file, nor silently in memory.
import { EnvSecretPinnedError, readEnvSecrets, type SecretEnv } from './env-secret-store';
import { SECRET_NAMES, SecretStoreUnavailableError, type SecretName, type SecretStore } from './secret-store';

/** Secrets the connector makes itself: losing them on stop only means new ones at the next start. */
const GENERATED: ReadonlySet<SecretName> = new Set(['relayKey', 'eventsSecret']);

/** `probeReason` is the keychain probe's message, naming what to install or unlock. */
export function createKeychainlessSecretStore(env: SecretEnv, probeReason: string): SecretStore {
  // The store is chosen at start, so a keychain fixed later is used only after a restart.
  const reason = `${probeReason} Keys cannot be saved until then: restart the connector once the keychain works, or set them as MJSC_* environment variables.`;
  const pinned = readEnvSecrets(env);
  const generated = new Map<SecretName, string>();
  const refuseUnlessGenerated = (name: SecretName): void => {
    if (pinned[name] !== undefined) throw new EnvSecretPinnedError(name);
    if (!GENERATED.has(name)) throw new SecretStoreUnavailableError(reason);
  };
  return {
    source: 'unavailable',
    unavailable: { reason, pinned: SECRET_NAMES.filter((name) => pinned[name] !== undefined) },
    async get(name) {
      return pinned[name] ?? generated.get(name);
    },
    async set(name, value) {
      refuseUnlessGenerated(name);
      generated.set(name, value);
    },
    async delete(name) {
      if (pinned[name] !== undefined) throw new EnvSecretPinnedError(name);
      generated.delete(name);
    },
  };
}
