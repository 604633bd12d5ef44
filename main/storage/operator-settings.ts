// The operator's settings (list, events, naming, flattening, public URL, sending state): one typed
// model with one set of defaults, over the settings table. The engine and the connector read this one
// object; nothing copies it into a second model. Listener configuration lives in main/config/.
import type { CallbackRow, FlattenMode, NamingPreset, PropertyCapOptions } from '../../shared/api';
import { DEFAULT_EVENT_SELECTION, type EventType } from '../../shared/event-catalog';
import type { SettingsStore } from './settings-store';

/** 'off': no callbacks of ours; 'enabled': sending; 'kept': the operator kept foreign callbacks. */
export type SendState = 'off' | 'enabled' | 'kept';

export interface OperatorSettings {
  receiveEnabled: boolean;
  /** The Mailjet contact list identify calls go to; null until the operator picks one. */
  listId: number | null;
  listName: string | null;
  sendState: SendState;
  /** Event types forwarded to Segment. */
  events: EventType[];
  namingPreset: NamingPreset;
  flattenMode: FlattenMode;
  /** The public URL that reaches this relay (a tunnel), or null when only local clients post. */
  publicUrl: string | null;
  /** The operator's caps on new Mailjet properties (workers/property-caps.ts); each unset one keeps its default. */
  propertyCaps: PropertyCapOptions;
  /** Foreign rows (masked) that block sending ('kept') or some selected types (while enabled). */
  conflicts: CallbackRow[];
}

export const DEFAULT_OPERATOR_SETTINGS: Readonly<OperatorSettings> = {
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

/** The settings table: each setting's key. Names must never look like secrets (the store refuses them). */
export const OPERATOR_SETTING_KEYS = {
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
} as const satisfies { readonly [K in keyof OperatorSettings]: string };

export interface OperatorSettingsStore {
  read(): OperatorSettings;
  /** Saves the given settings (undefined values are left alone) and returns the whole model. */
  write(change: Partial<OperatorSettings>): OperatorSettings;
}

/**
 * Read once, then served from memory: the relay reads it on every request. One process owns a data
 * dir (the lock file), so this store sees every write.
 */
export function createOperatorSettings(store: SettingsStore): OperatorSettingsStore {
  const names = Object.keys(OPERATOR_SETTING_KEYS) as Array<keyof OperatorSettings>;
  const load = (): OperatorSettings =>
    Object.fromEntries(names.map((name) => [name, store.get(OPERATOR_SETTING_KEYS[name]) ?? DEFAULT_OPERATOR_SETTINGS[name]])) as unknown as OperatorSettings;
  let current: OperatorSettings | undefined;
  const read = (): OperatorSettings => {
    current ??= load();
    return { ...current, events: [...current.events], conflicts: [...current.conflicts] };
  };
  return {
    read,
    write(change) {
      for (const [name, value] of Object.entries(change) as Array<[keyof OperatorSettings, unknown]>) {
        if (value === undefined) continue;
        store.set(OPERATOR_SETTING_KEYS[name], value);
        // Cleared after each saved key: a write that fails half-way leaves no stale value in memory.
        current = undefined;
      }
      return read();
    },
  };
}
