// Finds out whether the OS keychain can hold the connector's secrets, and turns keychain failures into
// messages that say what to install or unlock. It never stores anything outside the keychain.
import { SecretStoreUnavailableError } from './secret-store';

/** The part of keytar the connector uses; tests inject a fake to reach error paths. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'Mailjet Segment Connector';

/** Account used only by the probe; it is written, read back and deleted at once. */
const PROBE_ACCOUNT = 'mjsc-keychain-probe';

export type KeychainProblem = 'no_secret_service' | 'keychain_locked' | 'keychain_error';

export type KeychainProbeResult = { usable: true } | { usable: false; problem: KeychainProblem; reason: string };

export interface KeychainOptions {
  keytar?: KeytarLike;
  service?: string;
  /** Defaults to process.platform; decides which install/unlock advice the messages give. */
  platform?: NodeJS.Platform;
}

const ADVICE: Record<Exclude<KeychainProblem, 'keychain_error'>, Partial<Record<NodeJS.Platform, string>> & { default: string }> = {
  no_secret_service: {
    linux:
      'No Secret Service found: install and start gnome-keyring (apt install gnome-keyring) or KeePassXC with Secret Service enabled, then try again.',
    darwin: 'The macOS keychain could not be reached: sign in to a desktop session (not only SSH) and try again.',
    win32: 'Windows Credential Manager could not be reached: sign in to a desktop session and try again.',
    default: 'No OS keychain found: install and start a Secret Service provider (for example gnome-keyring), then try again.',
  },
  keychain_locked: {
    linux: 'Your login keyring is locked: unlock it (e.g. in Seahorse) and try again.',
    darwin: 'Your login keychain is locked: unlock it in Keychain Access and try again.',
    default: 'Your keychain is locked: unlock it and try again.',
  },
};

// libsecret/D-Bus wording for "nobody answers on the bus" versus "a keyring is there but locked".
const NO_SERVICE_PATTERNS = [
  /could not connect/i,
  /cannot autolaunch d-bus/i,
  /not provided by any \.service files/i,
  /serviceunknown/i,
  /no such (interface|object)/i,
  /cannot open shared object file/i,
  /cannot find module/i,
];
const LOCKED_PATTERNS = [/locked/i, /object does not exist at path/i, /prompt/i, /dismissed/i, /user interaction is not allowed/i];

export function classifyKeychainFailure(error: unknown): KeychainProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (NO_SERVICE_PATTERNS.some((p) => p.test(message))) return 'no_secret_service';
  if (LOCKED_PATTERNS.some((p) => p.test(message))) return 'keychain_locked';
  return 'keychain_error';
}

/**
 * The error to show for a keychain failure. `secretValue` is scrubbed from the underlying message in
 * case a platform ever echoes it back: a secret never reaches an error message.
 */
export function toUnavailableError(error: unknown, platform: NodeJS.Platform, secretValue?: string): SecretStoreUnavailableError {
  const problem = classifyKeychainFailure(error);
  if (problem !== 'keychain_error') {
    const advice = ADVICE[problem];
    return new SecretStoreUnavailableError(advice[platform] ?? advice.default);
  }
  let detail = error instanceof Error ? error.message : String(error);
  if (secretValue) detail = detail.split(secretValue).join('••••');
  return new SecretStoreUnavailableError(`The OS keychain refused the request (${detail}). Check that your keychain is running and unlocked, then try again.`);
}

/** Loads keytar lazily so a missing native build becomes a clear message instead of a crash at start. */
export async function loadKeytar(): Promise<KeytarLike> {
  const loaded = (await import('keytar')) as KeytarLike & { default?: KeytarLike };
  return loaded.default ?? loaded;
}

/**
 * Reports whether secrets can be stored. It writes, reads back and deletes a throwaway item, because a
 * locked libsecret collection answers reads with "nothing stored" and only refuses writes.
 */
export async function probeKeychain(options: KeychainOptions = {}): Promise<KeychainProbeResult> {
  const platform = options.platform ?? process.platform;
  const service = options.service ?? KEYCHAIN_SERVICE;
  try {
    const keytar = options.keytar ?? (await loadKeytar());
    const marker = `probe-${Date.now().toString(36)}`;
    await keytar.setPassword(service, PROBE_ACCOUNT, marker);
    const readBack = await keytar.getPassword(service, PROBE_ACCOUNT);
    await keytar.deletePassword(service, PROBE_ACCOUNT);
    if (readBack !== marker) {
      return { usable: false, problem: 'keychain_locked', reason: toUnavailableError(new Error('locked'), platform).message };
    }
    return { usable: true };
  } catch (error) {
    return { usable: false, problem: classifyKeychainFailure(error), reason: toUnavailableError(error, platform).message };
  }
}
