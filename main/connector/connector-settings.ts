// The connector's non-secret settings, typed, over the data dir's settings table: list, selection,
// options and sending state. Key names must never look like secrets (the store refuses them). The
// callback URLs we replaced may hold the user's own credentials: they live in the SecretStore.
import type { CallbackRow, FlattenMode, NamingPreset, PropertyCapOptions } from '../../shared/api';
import { DEFAULT_EVENT_SELECTION, type EventType } from '../../shared/event-catalog';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../storage/settings-store';
import type { ReplacedCallbacks } from './callback-plan';
import { createDisplacedCallbackStore } from './displaced-callbacks';

/** 'off': no callbacks of ours; 'enabled': sending; 'kept': the operator kept foreign callbacks. */
export type SendState = 'off' | 'enabled' | 'kept';

export interface ConnectorSettings {
  receiveEnabled: boolean;
  listId: number | null;
  listName: string | null;
  sendState: SendState;
  events: EventType[];
  namingPreset: NamingPreset;
  flattenMode: FlattenMode;
  publicUrl: string | null;
  /** The operator's caps on new Mailjet properties; each unset one keeps its default. */
  propertyCaps: PropertyCapOptions;
  /** Displaced URLs to restore on disableSend, as last loaded from the SecretStore (never logged). */
  replaced: ReplacedCallbacks;
  /** Foreign rows (masked) that block sending ('kept') or some selected types (while enabled). */
  conflicts: CallbackRow[];
}

type StoredSettings = Omit<ConnectorSettings, 'replaced'>;

const KEYS: { readonly [K in keyof StoredSettings]: string } = {
  receiveEnabled: 'receive.enabled',
  listId: 'receive.list_id',
  listName: 'receive.list_name',
  sendState: 'send.state',
  events: 'send.events',
  namingPreset: 'send.naming_preset',
  flattenMode: 'receive.flatten_mode',
  publicUrl: 'relay.public_url',
  propertyCaps: 'receive.property_caps',
  conflicts: 'send.conflicts',
};

const DEFAULTS: StoredSettings = {
  receiveEnabled: false,
  listId: null,
  listName: null,
  sendState: 'off',
  events: [...DEFAULT_EVENT_SELECTION],
  namingPreset: 'default',
  flattenMode: 'documented',
  publicUrl: null,
  propertyCaps: {},
  conflicts: [],
};

export interface ConnectorSettingsStore {
  read(): ConnectorSettings;
  write(change: Partial<StoredSettings>): ConnectorSettings;
  /** The replaced URLs from the SecretStore (moving a plain-text value left by older versions there). */
  loadReplaced(): Promise<ReplacedCallbacks>;
  saveReplaced(replaced: ReplacedCallbacks): Promise<void>;
}

/** Without `secrets` the replaced URLs read as none and cannot be saved (the host's start-up writes). */
export function createConnectorSettings(store: SettingsStore, secrets?: SecretStore): ConnectorSettingsStore {
  const displaced = secrets === undefined ? undefined : createDisplacedCallbackStore(secrets, store);
  // Loaded at once so the status can show them; a locked keychain is retried on the next action.
  displaced?.load().catch(() => undefined);
  const read = (): ConnectorSettings => {
    const entries = (Object.keys(KEYS) as Array<keyof StoredSettings>).map((name) => [name, store.get(KEYS[name]) ?? DEFAULTS[name]]);
    return { ...(Object.fromEntries(entries) as StoredSettings), replaced: displaced?.current() ?? {} };
  };
  return {
    read,
    write(change) {
      for (const [name, value] of Object.entries(change) as Array<[keyof StoredSettings, unknown]>) {
        if (value !== undefined) store.set(KEYS[name], value);
      }
      return read();
    },
    loadReplaced: async () => (displaced === undefined ? {} : displaced.load()),
    async saveReplaced(replaced) {
      if (displaced === undefined) throw new Error('the replaced callback URLs need the secret store; create the settings with it');
      await displaced.save(replaced);
    },
  };
}
