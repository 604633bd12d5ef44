// The running back end as the Electron shell and `mjsc relay` see it: the ConnectorApi, the relay's
// URL, status changes, and a clean stop. The shells depend on this interface, not on its internals.
import type { ConnectorApi, Status } from '../../shared/api';
import type { DeliveryTuning } from '../engine/delivery-tuning';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { SpawnTunnel } from '../tunnel/tunnel-process';

export interface HostOptions {
  dataDir: string;
  /** Relay listener address; default 127.0.0.1:8787. Port 0 picks a free port. */
  host?: string;
  port?: number;
  publicUrl?: string;
  secrets: SecretStore;
  /** Where MJSC_MAILJET_API_URL / MJSC_SEGMENT_API_URL are read; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Structured logger (redacting); default JSON lines on stderr. */
  logger?: Logger;
  /** Delivery timings; tests compress them. */
  tuning?: Partial<DeliveryTuning>;
  /** How often the host looks for status changes (default 1000 ms). */
  statusPollMs?: number;
  /** Outgoing HTTP (Mailjet, Segment, the public URL proof); default the global fetch. */
  fetch?: typeof fetch;
  /** Starts a tunnel program (startTunnel); tests pass a stand-in. Default: child_process.spawn. */
  spawnTunnel?: SpawnTunnel;
}

export interface ConnectorHost {
  api: ConnectorApi;
  /** The relay's real listening URL, e.g. http://127.0.0.1:8787. */
  readonly relayUrl: string;
  /** Called whenever the status may have changed (a direction stopped or resumed, counts moved). */
  onStatusChange(listener: (status: Status) => void): () => void;
  /** Stop accepting, finish or re-queue in-flight work, close the database. */
  stop(): Promise<void>;
}

export type StartConnectorHost = (options: HostOptions) => Promise<ConnectorHost>;
