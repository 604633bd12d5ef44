// Secrets from the MJSC_* environment variables (docs/architecture.md#environment). A set variable wins and is
// never written anywhere: not to the keychain, not to disk, not to a log.
import { MemorySecretStore } from './memory-secret-store';
import { SECRET_ENV_VARS, SECRET_NAMES, type SecretName, type SecretStore } from './secret-store';

export type SecretEnv = Readonly<Record<string, string | undefined>>;

/** The secrets the environment supplies; an empty variable counts as unset. */
export function readEnvSecrets(env: SecretEnv): Partial<Record<SecretName, string>> {
  const found: Partial<Record<SecretName, string>> = {};
  for (const name of SECRET_NAMES) {
    const value = env[SECRET_ENV_VARS[name]];
    if (value !== undefined && value !== '') found[name] = value;
  }
  return found;
}

/** Error for changing a secret the environment pins; the message names the variable, never the value. */
export class EnvSecretPinnedError extends Error {
  readonly code = 'secret_pinned_by_env' as const;
  constructor(name: SecretName) {
    super(`${SECRET_ENV_VARS[name]} is set in the environment, so it cannot be changed here. Unset it or change it where the relay is started.`);
    this.name = 'EnvSecretPinnedError';
  }
}

/**
 * Headless store with no keychain: MJSC_* variables, plus memory for secrets the environment does not
 * give (a rotated relay key, keys saved in the console). Those memory-only values are lost on restart,
 * by design: without a keychain there is nowhere safe to keep them. Env-given names cannot be changed.
 */
export function createEnvSecretStore(env: SecretEnv): SecretStore {
  return withEnvOverrides(new MemorySecretStore(), env);
}

/**
 * Composes a base store (usually the keychain) with env overrides: env values win on `get`, and a
 * `set`/`delete` of an env-given name is refused rather than silently persisted to the base.
 */
export function withEnvOverrides(base: SecretStore, env: SecretEnv): SecretStore {
  const pinned = readEnvSecrets(env);
  return {
    source: base.source,
    async get(name) {
      return pinned[name] ?? (await base.get(name));
    },
    async set(name, value) {
      if (pinned[name] !== undefined) throw new EnvSecretPinnedError(name);
      await base.set(name, value);
    },
    async delete(name) {
      if (pinned[name] !== undefined) throw new EnvSecretPinnedError(name);
      await base.delete(name);
    },
  };
}
