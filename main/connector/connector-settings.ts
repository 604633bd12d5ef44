// The connector's non-secret settings, typed, over the data dir's settings table: list, selection,
// options, sending state and the callback URLs we replaced. Key names must never look like secrets
// (the store refuses them); the replaced URLs may hold the user's own credentials: mask when shown.
import type { CallbackRow, FlattenMode, NamingPreset } from '../../shared/api';
import { DEFAULT_EVENT_SELECTION, type EventType } from '../../shared/event-catalog';
import type { SettingsStore } from '../storage/settings-store';
import type { ReplacedCallbacks } from './callback-plan';

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
  /** Displaced URLs to restore on disableSend (kept only here, never logged). */
  replaced: ReplacedCallbacks;
  /** Foreign rows (masked) that block sending ('kept') or some selected types (while enabled). */
  conflicts: CallbackRow[];
}

const KEYS: { readonly [K in keyof ConnectorSettings]: string } = {
  receiveEnabled: 'receive.enabled',
  listId: 'receive.list_id',
  listName: 'receive.list_name',
  sendState: 'send.state',
  events: 'send.events',
  namingPreset: 'send.naming_preset',
  flattenMode: 'receive.flatten_mode',
  publicUrl: 'relay.public_url',
  replaced: 'send.displaced_callbacks',
  conflicts: 'send.conflicts',
};

const DEFAULTS: ConnectorSettings = {
  receiveEnabled: false,
  listId: null,
  listName: null,
  sendState: 'off',
  events: [...DEFAULT_EVENT_SELECTION],
  namingPreset: 'default',
  flattenMode: 'documented',
  publicUrl: null,
  replaced: {},
  conflicts: [],
};

export interface ConnectorSettingsStore {
  read(): ConnectorSettings;
  write(change: Partial<ConnectorSettings>): ConnectorSettings;
}

export function createConnectorSettings(store: SettingsStore): ConnectorSettingsStore {
  const read = (): ConnectorSettings => {
    const entries = (Object.keys(KEYS) as Array<keyof ConnectorSettings>).map((name) => [name, store.get(KEYS[name]) ?? DEFAULTS[name]]);
    return Object.fromEntries(entries) as ConnectorSettings;
  };
  return {
    read,
    write(change) {
      for (const [name, value] of Object.entries(change) as Array<[keyof ConnectorSettings, unknown]>) {
        if (value !== undefined) store.set(KEYS[name], value);
      }
      return read();
    },
  };
}
