// The connector's view of the operator's settings: the one model in storage/operator-settings.ts, plus
// the callback URLs we replaced. Those may hold the user's own credentials, so they live in the
// SecretStore, never in the settings table.
import type { SecretStore } from '../secrets/secret-store';
import type { OperatorSettings, OperatorSettingsStore } from '../storage/operator-settings';
import type { SettingsStore } from '../storage/settings-store';
import type { ReplacedCallbacks } from './callback-plan';
import { createDisplacedCallbackStore } from './displaced-callbacks';

export type { SendState } from '../storage/operator-settings';

export interface ConnectorSettings extends OperatorSettings {
  /** Displaced URLs to restore on disableSend, as last loaded from the SecretStore (never logged). */
  replaced: ReplacedCallbacks;
}

export interface ConnectorSettingsStore {
  read(): ConnectorSettings;
  write(change: Partial<OperatorSettings>): ConnectorSettings;
  /** The replaced URLs from the SecretStore (moving a plain-text value left by older versions there). */
  loadReplaced(): Promise<ReplacedCallbacks>;
  saveReplaced(replaced: ReplacedCallbacks): Promise<void>;
}

/** Without `secrets` the replaced URLs read as none and cannot be saved (the host's start-up writes). */
export function createConnectorSettings(
  storage: { settings: SettingsStore; operatorSettings: OperatorSettingsStore },
  secrets?: SecretStore,
): ConnectorSettingsStore {
  const displaced = secrets === undefined ? undefined : createDisplacedCallbackStore(secrets, storage.settings);
  // Loaded at once so the status can show them; a locked keychain is retried on the next action.
  displaced?.load().catch(() => undefined);
  const withReplaced = (settings: OperatorSettings): ConnectorSettings => ({ ...settings, replaced: displaced?.current() ?? {} });
  return {
    read: () => withReplaced(storage.operatorSettings.read()),
    write: (change) => withReplaced(storage.operatorSettings.write(change)),
    loadReplaced: async () => (displaced === undefined ? {} : displaced.load()),
    async saveReplaced(replaced) {
      if (displaced === undefined) throw new Error('the replaced callback URLs need the secret store; create the settings with it');
      await displaced.save(replaced);
    },
  };
}
