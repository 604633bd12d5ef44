// The callback URLs we displaced with "replace", kept so disableSend can put them back. They may carry the
// user's own credentials (a CRM hook's userinfo), so they live in the SecretStore and never in the data dir.
import { isEventType } from '../../shared/event-catalog';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../storage/settings-store';
import type { ReplacedCallbacks } from './callback-plan';

/** Where versions before the keychain move kept them, in plain text: moved out on the first load. */
export const LEGACY_DISPLACED_SETTING = 'send.displaced_callbacks';
const SECRET_NAME = 'displacedCallbacks';

export interface DisplacedCallbackStore {
  /** As last loaded or saved; empty until the first load has finished. */
  current(): ReplacedCallbacks;
  /** Reads the store once (moving a legacy settings value into it); later calls reuse the result. */
  load(): Promise<ReplacedCallbacks>;
  /** Writes only when the value changes, so a store that cannot hold it fails only when it must. */
  save(replaced: ReplacedCallbacks): Promise<void>;
}

export function createDisplacedCallbackStore(secrets: SecretStore, settings: SettingsStore): DisplacedCallbackStore {
  let current: ReplacedCallbacks = {};
  let loading: Promise<void> | undefined;

  const write = async (replaced: ReplacedCallbacks): Promise<void> => {
    if (Object.keys(replaced).length === 0) await secrets.delete(SECRET_NAME);
    else await secrets.set(SECRET_NAME, JSON.stringify(replaced));
    current = { ...replaced };
  };

  const readAndMigrate = async (): Promise<void> => {
    const stored = parseReplaced(await secrets.get(SECRET_NAME));
    const legacy = settings.get<unknown>(LEGACY_DISPLACED_SETTING);
    if (legacy === undefined) {
      current = stored;
      return;
    }
    // The store wins over a legacy value left by an interrupted move: it was written later.
    await write({ ...parseReplaced(JSON.stringify(legacy)), ...stored });
    settings.set(LEGACY_DISPLACED_SETTING, undefined);
  };

  const load = async (): Promise<ReplacedCallbacks> => {
    loading ??= readAndMigrate();
    // A locked keychain is retried on the next call, after the user unlocked it.
    loading.catch(() => {
      loading = undefined;
    });
    await loading;
    return { ...current };
  };

  return {
    current: () => ({ ...current }),
    load,
    async save(replaced) {
      await load();
      if (JSON.stringify(replaced) === JSON.stringify(current)) return;
      await write(replaced);
    },
  };
}

/** Keeps only well-formed entries of known event types; anything unreadable counts as nothing to restore. */
function parseReplaced(text: string | undefined): ReplacedCallbacks {
  if (text === undefined || text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null) return {};
  const replaced: ReplacedCallbacks = {};
  for (const [type, entry] of Object.entries(value)) {
    if (!isEventType(type) || typeof entry !== 'object' || entry === null) continue;
    const { url, version } = entry as { url?: unknown; version?: unknown };
    if (typeof url === 'string' && (version === 1 || version === 2)) replaced[type] = { url, version };
  }
  return replaced;
}
