// Composes the relay for one data dir: storage, the inbound listener, and one delivery loop per
// direction (Segment -> Mailjet contacts, Mailjet -> Segment tracks). The connector service and the
// hosts build on it. It holds secrets in memory only and writes none to the data dir or a log.
import { join } from 'node:path';
import type { Problem, QueueCounts } from '../../shared/api';
import type { RelayConfig } from '../config/relay-config';
import { createFailureBurstWatch } from '../delivery/failure-burst';
import { createSettlement } from '../delivery/item-settlement';
import { createWorkerLoop, type BatchOutcome, type WorkerLoop } from '../delivery/worker-loop';
import type { DirectionState } from '../relay/intake';
import { createLogger } from '../logging/logger';
import type { RelayLogger } from '../relay/relay-logger';
import { createRelayServer } from '../relay/relay-server';
import type { SecretStore } from '../secrets/secret-store';
import { DataDirInUseError, lockDataDir, type DataDirLock } from '../storage/data-dir-lock';
import { openStorage, type Storage } from '../storage/database';
import type { NewItem } from '../storage/item-queue';
import { DataDirError } from '../storage/storage-errors';
import { createMailjetRest } from '../upstream/mailjet/rest-core';
import { createSegmentBatchSender } from '../upstream/segment-batch-sender';
import { createCampaignNameResolver } from '../workers/campaign-name-resolver';
import { createContactSyncWorker } from '../workers/contact-sync-worker';
import { createEventForwardWorker } from '../workers/event-forward-worker';
import { createPropertyDefinitions } from '../workers/property-definitions';
import { tuningWith, type DeliveryTuning } from './delivery-tuning';
import { scheduleRetention } from './retention-schedule';
import { loadSecretCache, type CachedSecretName } from './secret-cache';

export interface RelayEngineOptions {
  dataDir: string;
  config: RelayConfig;
  secrets: SecretStore;
  /** Whether intake queues each direction's items (default both on). */
  enabled?: { receive: boolean; send: boolean };
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
}

export interface EngineStatus {
  receive: DirectionStatus;
  send: DirectionStatus;
  /** Set when an upstream refused its keys (401/403); cleared by the next success or reloadSecrets(). */
  credentialsBad?: { mailjet?: Problem; segment?: Problem };
  /** Which upstream accepted the saved keys since they were last loaded (a 2xx answer to an authenticated call). */
  credentialsAccepted: { mailjet: boolean; segment: boolean };
  queue: { receive: QueueCounts; send: QueueCounts };
}

export interface EngineUpdate {
  config?: RelayConfig;
  enabled?: Partial<{ receive: boolean; send: boolean }>;
}

export interface RelayEngine {
  /** The relay's real listening URL, e.g. http://127.0.0.1:8787. */
  readonly relayUrl: string;
  readonly storage: Storage;
  config(): RelayConfig;
  status(): EngineStatus;
  /** Applies a new config (a new list resumes a paused receive direction) and wakes both loops. */
  update(change: EngineUpdate): void;
  /** A secret as read from the SecretStore at start or by the last reloadSecrets(); no keychain access. */
  secret(name: CachedSecretName): string | undefined;
  /** Reads the SecretStore again (after saving keys or rotating a secret) and wakes both loops. */
  reloadSecrets(): Promise<void>;
  /** Failed items back to pending (all when ids is omitted); returns how many. */
  retryFailed(ids?: number[]): number;
  /** Wakes both delivery loops. */
  nudge(): void;
  /**
   * What an authenticated call outside the delivery loops learned about the saved keys (the service's
   * start-up check, an operator action): a Problem marks them bad, undefined marks them accepted.
   */
  reportCredentials(upstream: 'mailjet' | 'segment', problem: Problem | undefined): void;
  /** Stops accepting, finishes or releases in-flight work, closes the database. */
  stop(): Promise<void>;
}

export async function startRelayEngine(options: RelayEngineOptions): Promise<RelayEngine> {
  const logger = options.logger ?? createLogger();
  const now = options.now ?? Date.now;
  const clock = { now, random: options.random ?? Math.random };
  const tuning = tuningWith(options.tuning);
  let config = options.config;
  let enabled = { receive: true, send: true, ...options.enabled };
  const credentialsBad: { mailjet?: Problem; segment?: Problem } = {};
  const credentialsAccepted = { mailjet: false, segment: false };

  const secrets = await loadSecretCache(options.secrets);
  const databasePath = join(options.dataDir, 'connector.db');
  // Before the database opens: opening resets in-flight items, which must never hit a running instance's.
  const lock = lockBeforeOpening(options.dataDir, databasePath);
  let storage: Storage;
  try {
    storage = openStorage({ path: databasePath, now, claimLeaseMs: tuning.claimLeaseMs });
  } catch (error) {
    lock.release();
    throw error;
  }
  const bursts = createFailureBurstWatch(tuning.failureBurst, now);
  const settlement = createSettlement({
    queue: storage.queue,
    policy: tuning.retryPolicy,
    clock,
    logger,
    keepFailedWritesMs: tuning.claimLeaseMs / 2,
    observer: { delivered: (direction) => bursts.recordDelivered(direction), failed: (direction, count, reason) => bursts.recordFailed(direction, count, reason) },
  });
  const mailjetCredentials = () => {
    const apiKey = secrets.get('mailjetApiKey');
    const secretKey = secrets.get('mailjetSecretKey');
    return apiKey === undefined || secretKey === undefined ? undefined : { apiKey, secretKey };
  };
  const restFor = (timeoutMs: number) =>
    createMailjetRest({
      baseUrl: config.upstream.mailjetApiUrl,
      credentials: mailjetCredentials,
      fetch: options.fetch,
      timeoutMs,
      now,
      // Any success clears a bad-keys state, a campaign lookup included.
      onKeysAccepted: () => setCredentialsProblem('mailjet', undefined),
    });
  const contactRest = restFor(tuning.mailjetTimeoutMs);

  const contacts = createContactSyncWorker({
    queue: storage.queue,
    settlement,
    rest: contactRest,
    definitions: createPropertyDefinitions(contactRest),
    settings: () => ({ listId: config.listId, flattenMode: config.flattenMode }),
    hasCredentials: () => mailjetCredentials() !== undefined,
    onCredentials: (problem) => setCredentialsProblem('mailjet', problem),
    polling: tuning.jobPolling,
  });
  const events = createEventForwardWorker({
    queue: storage.queue,
    identities: storage.identities,
    sender: createSegmentBatchSender({ baseUrl: config.upstream.segmentApiUrl, writeKey: () => secrets.get('segmentWriteKey'), fetch: options.fetch, timeoutMs: tuning.segmentTimeoutMs, now }),
    resolver: createCampaignNameResolver({ rest: restFor(tuning.lookupTimeoutMs), now, failureCooldownMs: tuning.lookupCooldownMs }),
    settlement,
    settings: () => ({ selectedEvents: config.selectedEvents, namingPreset: config.namingPreset }),
    hasWriteKey: () => secrets.get('segmentWriteKey') !== undefined,
    now,
    onCredentials: (problem) => setCredentialsProblem('segment', problem),
    lookupGrace: tuning.lookupGrace,
  });

  function setCredentialsProblem(which: 'mailjet' | 'segment', problem: Problem | undefined): void {
    if (problem === undefined) {
      credentialsAccepted[which] = true;
      if (credentialsBad[which] === undefined) return;
      delete credentialsBad[which];
      logger.info({ upstream: which }, 'upstream accepts the saved keys again');
    } else if (credentialsBad[which] === undefined) {
      credentialsAccepted[which] = false;
      credentialsBad[which] = problem;
      logger.warn({ upstream: which, code: problem.code }, 'upstream refused the saved keys');
    }
  }

  const loopFor = (name: 'receive' | 'send', deliverBatch: () => Promise<BatchOutcome>, concurrency: number): WorkerLoop =>
    createWorkerLoop({ name, deliverBatch, concurrency, now, logger, nextDueAt: () => storage.queue.nextDueAt(name), pausedRecheckMs: tuning.pausedRecheckMs });
  const loops = {
    receive: loopFor('receive', contacts.deliverBatch, tuning.receiveConcurrency),
    send: loopFor('send', events.deliverBatch, tuning.sendConcurrency),
  };

  const directions = (): DirectionState => ({ receiveEnabled: enabled.receive, sendEnabled: enabled.send, selectedEvents: config.selectedEvents });
  const server = createRelayServer({
    config: () => config,
    secrets: () => ({ relayKey: secrets.get('relayKey'), eventsSecret: secrets.get('eventsSecret'), previousEventsSecret: secrets.get('previousEventsSecret') }),
    queue: { commit: (items) => commitAndNudge(items) },
    logger,
    directions,
  });

  async function commitAndNudge(items: NewItem[]): Promise<number[]> {
    const ids = await storage.queue.commit(items);
    if (items.some((item) => item.direction === 'receive' && (item.status ?? 'pending') === 'pending')) loops.receive.nudge();
    if (items.some((item) => item.direction === 'send' && (item.status ?? 'pending') === 'pending')) loops.send.nudge();
    return ids;
  }

  let relayUrl: string;
  try {
    relayUrl = await server.listen();
  } catch (error) {
    await storage.close();
    lock.release();
    throw error;
  }
  loops.receive.start();
  loops.send.start();
  const retention = scheduleRetention({ retention: storage.retention, policy: tuning.retention, now, logger });
  retention.start();
  logger.info({ url: relayUrl }, 'relay engine started');

  const nudge = (): void => {
    loops.receive.nudge();
    loops.send.nudge();
  };
  let stopping: Promise<void> | undefined;

  return {
    relayUrl,
    storage,
    config: () => config,
    status: () => ({
      receive: directionStatus(enabled.receive, contacts.problem(), bursts.problem('receive')),
      send: directionStatus(enabled.send, events.problem(), bursts.problem('send')),
      ...(credentialsBad.mailjet === undefined && credentialsBad.segment === undefined ? {} : { credentialsBad: { ...credentialsBad } }),
      credentialsAccepted: { ...credentialsAccepted },
      queue: { receive: storage.queue.counts('receive'), send: storage.queue.counts('send') },
    }),
    update(change) {
      if (change.config !== undefined) config = change.config;
      if (change.enabled !== undefined) enabled = { ...enabled, ...change.enabled };
      nudge();
    },
    secret: (name) => secrets.get(name),
    async reloadSecrets() {
      await secrets.reload();
      delete credentialsBad.mailjet;
      delete credentialsBad.segment;
      credentialsAccepted.mailjet = false;
      credentialsAccepted.segment = false;
      nudge();
    },
    reportCredentials: setCredentialsProblem,
    retryFailed(ids) {
      const failedBefore = { receive: storage.queue.counts('receive').failed, send: storage.queue.counts('send').failed };
      const retried = storage.queue.retryFailed(ids);
      // The operator acted on the failures: a burst in a direction that had items retried is acknowledged.
      for (const direction of ['receive', 'send'] as const) {
        if (storage.queue.counts(direction).failed < failedBefore[direction]) bursts.clear(direction);
      }
      if (retried > 0) nudge();
      return retried;
    },
    nudge,
    stop() {
      stopping ??= (async () => {
        // Stop accepting, then finish or release in-flight work, then close the database, even if a step fails.
        try {
          await server.close();
        } finally {
          try {
            await Promise.all([loops.receive.stop(tuning.stopGraceMs), loops.send.stop(tuning.stopGraceMs), retention.stop()]);
          } finally {
            await storage.close();
            lock.release();
          }
        }
        logger.info({}, 'relay engine stopped');
      })();
      return stopping;
    },
  };
}

/** A dir that cannot hold the lock file cannot hold the database either: said as a DataDirError. */
function lockBeforeOpening(dataDir: string, databasePath: string): DataDirLock {
  try {
    return lockDataDir(dataDir);
  } catch (error) {
    throw error instanceof DataDirInUseError ? error : new DataDirError(databasePath, error);
  }
}

function directionStatus(enabled: boolean, paused: Problem | undefined, failureBurst: Problem | undefined): DirectionStatus {
  return { enabled, ...(paused === undefined ? {} : { paused }), ...(failureBurst === undefined ? {} : { failureBurst }) };
}
