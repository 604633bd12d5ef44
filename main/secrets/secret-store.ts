// Where the connector's secrets come from. Implementations: MJSC_* environment variables, the OS
// keychain (keytar), and their composition. A store never writes a secret anywhere but the keychain.

export const SECRET_NAMES = ['mailjetApiKey', 'mailjetSecretKey', 'segmentWriteKey', 'relayKey', 'eventsSecret'] as const;
/**
 * Values the connector keeps for itself in the same store, because they may hold credentials: the
 * callback URLs it displaced (JSON, with the user's own userinfo), and the events secret before a rotation,
 * still accepted until Mailjet's callbacks carry the new one. No environment variable gives them.
 */
export const KEPT_SECRET_NAMES = ['displacedCallbacks', 'previousEventsSecret'] as const;
export type SecretName = (typeof SECRET_NAMES)[number] | (typeof KEPT_SECRET_NAMES)[number];

/** The environment variable that overrides each secret; a set variable is used and never persisted. */
export const SECRET_ENV_VARS: Readonly<Record<(typeof SECRET_NAMES)[number], string> & Partial<Record<SecretName, string>>> = {
  mailjetApiKey: 'MJSC_MAILJET_API_KEY',
  mailjetSecretKey: 'MJSC_MAILJET_SECRET_KEY',
  segmentWriteKey: 'MJSC_SEGMENT_WRITE_KEY',
  relayKey: 'MJSC_RELAY_KEY',
  eventsSecret: 'MJSC_EVENTS_SECRET',
};

export interface SecretStore {
  /**
   * 'keychain' when backed by the OS keychain, 'env' when only environment variables and memory back it,
   * 'unavailable' when no keychain is usable and keys cannot be saved (see `unavailable`).
   */
  readonly source: 'keychain' | 'env' | 'unavailable';
  /** Set with source 'unavailable': what to install or unlock, and the names the environment pins. */
  readonly unavailable?: { reason: string; pinned: readonly SecretName[] };
  get(name: SecretName): Promise<string | undefined>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
}

/** Thrown when no keychain is usable. The message names what to install or unlock; it never holds a secret. */
export class SecretStoreUnavailableError extends Error {
  readonly code = 'keychain_unavailable';
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreUnavailableError';
  }
}
