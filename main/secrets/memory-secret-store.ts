// A SecretStore held in process memory only: for tests and for headless runs with no keychain.
// It never writes a secret anywhere; everything it holds is gone when the process exits.
import type { SecretName, SecretStore } from './secret-store';

export class MemorySecretStore implements SecretStore {
  readonly source = 'env' as const;
  readonly #values = new Map<SecretName, string>();

  constructor(initial: Partial<Record<SecretName, string>> = {}) {
    for (const [name, value] of Object.entries(initial) as Array<[SecretName, string | undefined]>) {
      if (value !== undefined) this.#values.set(name, value);
    }
  }

  async get(name: SecretName): Promise<string | undefined> {
    return this.#values.get(name);
  }

  async set(name: SecretName, value: string): Promise<void> {
    this.#values.set(name, value);
  }

  async delete(name: SecretName): Promise<void> {
    this.#values.delete(name);
  }
}
