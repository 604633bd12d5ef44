// ConnectorService: every ConnectorApi method, bound to one running relay engine, its settings and the
// secret store. Both transports (IPC, HTTP control API) call this object after validating arguments.
// It composes the service-* modules and holds no logic of its own beyond "act, then report status".
import type { ConnectorApi } from '../../shared/api';
import { createConnectorSettings } from './connector-settings';
import { retryPendingRotation } from './events-secret-rotation';
import { getActivity, retryFailed } from './service-activity';
import { createServiceContext, type ServiceDeps } from './service-context';
import { getConnectionInfo, rotateSecret, setOptions } from './service-connection';
import { describeCredentials, saveCredentials, verifySavedMailjetKeys } from './service-credentials';
import { createPreviewDeps, previewEvent, previewIdentify } from './service-preview';
import { disableReceive, enableReceive, listLists } from './service-receive';
import { disableSend, enableSend, reconcileOurCallbacks, setEventSelection } from './service-send';
import { getStatus } from './service-status';
import { sendTestEvent } from './service-test-event';

export type ConnectorServiceDeps = Omit<ServiceDeps, 'settings'>;

export interface ConnectorService {
  api: ConnectorApi;
  /** Checks the saved Mailjet keys once, so the status says valid or invalid; never throws. */
  verifyCredentials(): Promise<void>;
  /** Background upkeep, run on the engine's timer: re-registers callbacks after a failed rotation (throttled). */
  retryPendingWork(): void;
}

export function createConnectorService(deps: ConnectorServiceDeps): ConnectorService {
  const context = createServiceContext({ ...deps, settings: createConnectorSettings(deps.engine, deps.secrets) });
  const preview = createPreviewDeps(context);
  context.applySettings();
  const status = () => getStatus(context);
  // A rotation whose re-registration failed is retried on a timer, never from a read such as getStatus.
  const retryPendingWork = (): void => retryPendingRotation(context, () => reconcileOurCallbacks(context));
  deps.engine.every(retryPendingWork);

  const api: ConnectorApi = {
    getStatus: () => status(),
    async saveCredentials(arg) {
      await saveCredentials(context, arg);
      return status();
    },
    listContactLists: () => listLists(context),
    async enableReceive(arg) {
      await enableReceive(context, arg);
      return status();
    },
    async disableReceive() {
      disableReceive(context);
      return status();
    },
    async enableSend(arg) {
      const outcome = await enableSend(context, arg);
      return { ...outcome, status: await status() };
    },
    async disableSend(arg) {
      await disableSend(context, arg);
      return status();
    },
    async setEventSelection(arg) {
      await setEventSelection(context, arg.events);
      return status();
    },
    async setOptions(arg) {
      await setOptions(context, arg);
      return status();
    },
    getConnectionInfo: () => getConnectionInfo(context),
    rotateSecret: (arg) => rotateSecret(context, arg),
    getActivity: async (arg) => getActivity(context, arg),
    retryFailed: async (arg) => retryFailed(context, arg),
    previewIdentify: (arg) => previewIdentify(preview, arg),
    previewEvent: async (arg) => previewEvent(preview, arg),
    sendTestEvent: (arg) => sendTestEvent(context, arg.eventType),
  };

  return {
    api,
    retryPendingWork,
    async verifyCredentials() {
      const credentials = await describeCredentials(context).catch(() => undefined);
      if (credentials?.mailjet !== 'unverified') return;
      await verifySavedMailjetKeys(context).catch(() => undefined);
    },
  };
}
