// Starts the back end for one data dir: secrets generated on first start, the relay engine (storage,
// relay listener, both delivery loops), the ConnectorService over its settings, and status-change
// notifications. Used by the Electron shell and `mjsc relay` (each also opens the local control
// socket, main/control/local-control-socket.ts); stop() leaves no listener or timer behind.
import type { ConnectorApi, Status } from '../../shared/api';
import { loadRelayConfig, parsePublicUrl } from '../config/relay-config';
import { createConnectorService } from '../connector/connector-service';
import { ensureGeneratedSecrets } from '../connector/service-credentials';
import { startRelayEngine } from '../engine/relay-engine';
import { createLogger } from '../logging/logger';
import type { ConnectorHost, HostOptions, StartConnectorHost } from './connector-host';

const DEFAULT_STATUS_POLL_MS = 1000;

export const startConnectorHost: StartConnectorHost = async (options: HostOptions): Promise<ConnectorHost> => {
  const logger = options.logger ?? createLogger();
  // Fails here, before anything listens, when no keychain is usable: the message says what to install or unlock.
  // A bad --public-url fails here (RelayConfigError says which value), before anything is saved.
  const config = loadRelayConfig({ host: options.host, port: options.port }, options.env ?? process.env);
  const publicUrl = options.publicUrl == null ? null : parsePublicUrl(options.publicUrl);
  await ensureGeneratedSecrets(options.secrets);
  const engine = await startRelayEngine({
    dataDir: options.dataDir,
    config,
    secrets: options.secrets,
    logger,
    tuning: options.tuning,
    fetch: options.fetch,
  });
  try {
    if (publicUrl !== null) engine.operatorSettings.write({ publicUrl });
  } catch (error) {
    await engine.stop();
    throw error;
  }
  const service = createConnectorService({ engine, secrets: options.secrets, logger, env: options.env ?? process.env, spawnTunnel: options.spawnTunnel, fetch: options.fetch, dataDir: options.dataDir });
  const watcher = watchStatus(service.api, options.statusPollMs ?? DEFAULT_STATUS_POLL_MS);
  const verifying = Promise.all([service.verifyCredentials(), service.provePublicUrl()]).then(watcher.check);
  const api = notifyingAfterEachCall(service.api, watcher.check);

  return {
    api,
    relayUrl: engine.relayUrl,
    onStatusChange: watcher.subscribe,
    async stop() {
      watcher.stop();
      // The tunnel and a running history import stop with the relay (service.stop).
      await service.stop();
      // Stop accepting first: the start-up key check may still wait on Mailjet (up to its timeout).
      await engine.stop();
      await verifying;
    },
  };
};

interface StatusWatcher {
  subscribe(listener: (status: Status) => void): () => void;
  /** Reads the status now and tells listeners when it differs from the last one seen. */
  check(): Promise<void>;
  stop(): void;
}

function watchStatus(api: ConnectorApi, pollMs: number): StatusWatcher {
  const listeners = new Set<(status: Status) => void>();
  let last = '';
  let stopped = false;
  const check = async (): Promise<void> => {
    if (stopped || listeners.size === 0) return;
    let status: Status;
    try {
      status = await api.getStatus({});
    } catch {
      return; // The next tick tries again; a status read must never crash the host.
    }
    const text = JSON.stringify(status);
    if (text === last || stopped) return;
    last = text;
    for (const listener of listeners) listener(status);
  };
  const timer = setInterval(() => void check(), pollMs);
  timer.unref();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    check,
    stop() {
      stopped = true;
      clearInterval(timer);
      listeners.clear();
    },
  };
}

/** Every method, then a status check: the window learns about a change without waiting for the poll. */
function notifyingAfterEachCall(api: ConnectorApi, check: () => Promise<void>): ConnectorApi {
  const wrapped = Object.fromEntries(
    Object.entries(api).map(([name, method]) => [
      name,
      async (arg: unknown) => {
        try {
          return await (method as (argument: unknown) => Promise<unknown>)(arg);
        } finally {
          void check();
        }
      },
    ]),
  );
  return wrapped as unknown as ConnectorApi;
}
