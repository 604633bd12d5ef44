// What the relay engine offers the connector service and the hosts, and what it is started with. The
// engine's storage is not part of it: callers get the few operations they need (docs/architecture.md).
import type { ActivityItem, ActivityMinute, Direction, Problem, QueueCounts } from '../../shared/api';
import type { RelayConfig } from '../config/relay-config';
import type { RelayLogger } from '../logging/relay-logger';
import type { SecretStore } from '../secrets/secret-store';
import type { ItemQueue, NewItem } from '../storage/item-queue';
import type { Storage } from '../storage/database';
import type { OperatorSettingsStore } from '../storage/operator-settings';
import type { SettingsStore } from '../storage/settings-store';
import type { DeliveryTuning } from './delivery-tuning';
import type { CachedSecretName } from './secret-cache';

export interface RelayEngineOptions {
  dataDir: string;
  config: RelayConfig;
  secrets: SecretStore;
  /** Default: the connector's redacting JSON logger on stderr (main/logging). */
  logger?: RelayLogger;
  now?: () => number;
  random?: () => number;
  /** Upstream HTTP (Mailjet and Segment); defaults to the global fetch. */
  fetch?: typeof fetch;
  tuning?: Partial<DeliveryTuning>;
}

export interface DirectionStatus {
  enabled: boolean;
  /** Why items wait instead of going out (no list, list deleted, no key). */
  paused?: Problem;
  /** Many items dead-lettered lately (`failure_burst`); cleared by a delivery in this direction or a retry. */
  failureBurst?: Problem;
  /** Today's cap on new Mailjet properties is reached (`property_cap_reached`); contacts still sync. */
  capReached?: Problem;
}

export interface EngineStatus {
  receive: DirectionStatus;
  send: DirectionStatus;
  /** Set when an upstream refused its keys (401/403); cleared by the next success or reloadSecrets(). */
  credentialsBad?: { mailjet?: Problem; segment?: Problem };
  /** Which upstream accepted the saved keys since they were last loaded (a 2xx answer to an authenticated call). */
  credentialsAccepted: { mailjet: boolean; segment: boolean };
  queue: { receive: QueueCounts; send: QueueCounts };
  /** The data dir's disk is full (`disk_full`): intake answers 503 and deliveries wait; cleared once a write goes through. */
  diskFull?: Problem;
}

/** What the connector and the hosts may do with the relay; its storage stays inside. */
export interface RelayEngine {
  /** The relay's real listening URL, e.g. http://127.0.0.1:8787. */
  readonly relayUrl: string;
  /** The settings table (key/value rows of the data dir's database), e.g. for the displaced callback URLs. */
  readonly settings: SettingsStore;
  /** The operator's settings, the one live model (storage/operator-settings.ts) the engine itself reads. */
  readonly operatorSettings: OperatorSettingsStore;
  /** The inspector's item reads, search and clean-up of failed items (never the raw database). */
  readonly inspection: Storage['inspection'];
  /** Every delivery attempt of an item, for its details. */
  readonly attempts: Storage['attempts'];
  /** The bounded log of requests the relay refused at the door. */
  readonly refused: Storage['refused'];
  /** The history import's checkpoints and staged contacts. */
  readonly backfill: Storage['backfill'];
  config(): RelayConfig;
  /** A read: no side effects. */
  status(): EngineStatus;
  /** Most recent items first, payloads left out. */
  recentItems(filter: Parameters<ItemQueue['recent']>[0]): ActivityItem[];
  /** Received items per minute since `sinceMs`. */
  activityPerMinute(sinceMs: number, direction?: Direction): ActivityMinute[];
  /** The Segment userId last seen with this email in an identify call. */
  userIdFor(email: string): string | undefined;
  /** Commits new items (as the relay's intake does) and wakes the loop of each direction with pending ones. */
  commitItems(items: NewItem[]): Promise<number[]>;
  /** Runs `task` every tuning.upkeepMs until stop() (background upkeep: a pending secret rotation). */
  every(task: () => void): void;
  /** A secret as read from the SecretStore at start or by the last reloadSecrets(); no keychain access. */
  secret(name: CachedSecretName): string | undefined;
  /** Reads the SecretStore again (after saving keys or rotating a secret) and wakes both loops. */
  reloadSecrets(): Promise<void>;
  /** Failed items back to pending (all when ids is omitted); returns how many. */
  retryFailed(ids?: number[]): number;
  /** Wakes both delivery loops (call it after changing the operator's settings: a new list resumes a paused receive direction). */
  nudge(): void;
  /**
   * What an authenticated call outside the delivery loops learned about the saved keys (the service's
   * start-up check, an operator action): a Problem marks them bad, undefined marks them accepted.
   */
  reportCredentials(upstream: 'mailjet' | 'segment', problem: Problem | undefined): void;
  /** Stops accepting, finishes or releases in-flight work, closes the database. */
  stop(): Promise<void>;
}
