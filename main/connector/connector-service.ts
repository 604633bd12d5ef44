// ConnectorService: every ConnectorApi method, bound to one running relay engine, its settings and the
// secret store. Both transports (IPC, HTTP control API) call this object after validating arguments.
// It composes the service-* modules and holds no logic of its own beyond "act, then report status".
import type { ConnectorApi } from '../../shared/api';
import { createBackfillService, type BackfillServiceDeps } from '../backfill/backfill-service';
import { createConnectorSettings } from './connector-settings';
import { retryPendingRotation } from './events-secret-rotation';
import { getActivity, retryFailed } from './service-activity';
import { createServiceContext, type ServiceDeps } from './service-context';
import { discardItems, getItem, replayItems } from './service-inspector';
import { getConnectionInfo, rotateSecret, setOptions } from './service-connection';
import { describeCredentials, saveCredentials, verifySavedMailjetKeys } from './service-credentials';
import { createPreviewDeps, previewEvent, previewIdentify } from './service-preview';
import { disableReceive, enableReceive, listLists } from './service-receive';
import { disableSend, enableSend, reconcileOurCallbacks, setEventSelection } from './service-send';
import { getStatus } from './service-status';
import { proveSavedPublicUrl } from './public-url-state';
import { sendTestEvent } from './service-test-event';
import { createServiceTunnel, startTunnel, stopTunnel } from './service-tunnel';

export type ConnectorServiceDeps = Omit<ServiceDeps, 'settings'> & {
  /** The data dir: where files uploaded for a history import are kept. */
  dataDir?: string;
  backfillTuning?: BackfillServiceDeps['tuning'];
};

export interface ConnectorService {
  api: ConnectorApi;
  /** Checks the saved Mailjet keys once, so the status says valid or invalid; never throws. */
  verifyCredentials(): Promise<void>;
  /** Proves the saved public URL once at start, so the status says whether it works; never throws. */
  provePublicUrl(): Promise<void>;
  /** Stops what the service started (the tunnel, a running history import, which resumes at the next start); call before the engine stops. */
  stop(): Promise<void>;
  /** Background upkeep, run on the engine's timer: re-registers callbacks after a failed rotation (throttled). */
  retryPendingWork(): void;
}

export function createConnectorService(deps: ConnectorServiceDeps): ConnectorService {
  const context = createServiceContext({ ...deps, settings: createConnectorSettings(deps.engine, deps.secrets) });
  const preview = createPreviewDeps(context);
  context.applySettings();
  const tunnel = createServiceTunnel(context);
  const status = () => getStatus(context);
  const backfill = createBackfillService({
    store: deps.engine.backfill,
    nudge: () => deps.engine.nudge(),
    logger: deps.logger,
    selectedListId: () => context.settings.read().listId,
    chooseList: (listId) => enableReceive(context, { listId }),
    dataDir: deps.dataDir,
    tuning: deps.backfillTuning,
  });
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
    async startTunnel(arg) {
      await startTunnel(context, arg.program);
      return status();
    },
    async stopTunnel() {
      await stopTunnel(context);
      return status();
    },
    getItem: async (arg) => getItem(context, arg),
    replayItems: async (arg) => replayItems(context, arg),
    discardItems: async (arg) => discardItems(context, arg),
    ...backfill.api,
  };

  return {
    api,
    retryPendingWork,
    async verifyCredentials() {
      const credentials = await describeCredentials(context).catch(() => undefined);
      if (credentials?.mailjet !== 'unverified') return;
      await verifySavedMailjetKeys(context).catch(() => undefined);
    },
    async provePublicUrl() {
      await proveSavedPublicUrl(context).catch(() => undefined);
    },
    async stop() {
      await backfill.stop();
      await tunnel.stop();
    },
  };
}
