// Composes the relay for one data dir: storage, the inbound listener, and one delivery loop per
// direction (Segment -> Mailjet contacts, Mailjet -> Segment tracks). The connector service and the
// hosts build on it. It holds secrets in memory only and writes none to the data dir or a log.
import { join } from 'node:path';
import type { Problem } from '../../shared/api';
import { createAttemptRecording } from '../delivery/attempt-recording';
import { createFailureBurstWatch } from '../delivery/failure-burst';
import { createSettlement } from '../delivery/item-settlement';
import { createWorkerLoop, type BatchOutcome, type WorkerLoop } from '../delivery/worker-loop';
import { createLogger } from '../logging/logger';
import type { DirectionState } from '../relay/intake';
import { createRelayServer } from '../relay/relay-server';
import { DataDirInUseError, lockDataDir, type DataDirLock } from '../storage/data-dir-lock';
import { openStorage, type Storage } from '../storage/database';
import type { NewItem } from '../storage/item-queue';
import { DataDirError } from '../storage/storage-errors';
import { createMailjetRest } from '../upstream/mailjet/rest-core';
import { createSegmentBatchSender } from '../upstream/segment-batch-sender';
import { warmUpFetch } from '../upstream/fetch-warm-up';
import { createCampaignNameResolver } from '../workers/campaign-name-resolver';
import { createContactSyncWorker } from '../workers/contact-sync-worker';
import { createEventForwardWorker } from '../workers/event-forward-worker';
import { createDailyPropertyBudget, DEFAULT_PROPERTY_CAPS } from '../workers/property-caps';
import { createPropertyDefinitions } from '../workers/property-definitions';
import { createCredentialTracking } from './credential-tracking';
import { tuningWith } from './delivery-tuning';
import { diskFullProblem } from './disk-full-problem';
import type { DirectionStatus, RelayEngine, RelayEngineOptions } from './relay-engine-contract';
import { scheduleRetention } from './retention-schedule';
import { loadSecretCache } from './secret-cache';

export type { DirectionStatus, EngineStatus, RelayEngine, RelayEngineOptions } from './relay-engine-contract';

/** Composition only: credential tracking, settlement, the loops and the listener each live in their own module. */
export async function startRelayEngine(options: RelayEngineOptions): Promise<RelayEngine> {
  const logger = options.logger ?? createLogger();
  const now = options.now ?? Date.now;
  const clock = { now, random: options.random ?? Math.random };
  const tuning = tuningWith(options.tuning);
  const { config } = options;
  const credentials = createCredentialTracking(logger);

  const secrets = await loadSecretCache(options.secrets);
  const databasePath = join(options.dataDir, 'connector.db');
  // Before the database opens: opening resets in-flight items, which must never hit a running instance's.
  const lock = lockBeforeOpening(options.dataDir, databasePath);
  let storage: Storage;
  try {
    storage = openStorage({
      path: databasePath,
      now,
      claimLeaseMs: tuning.claimLeaseMs,
      // Still working, only slower: every write then holds the event loop, as before the thread.
      onWriterProblem: (problem) => logger.warn({ problem }, 'storage writes run on the main thread'),
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  const bursts = createFailureBurstWatch(tuning.failureBurst, now);
  const history = createAttemptRecording({ attempts: storage.attempts, now, logger });
  const settlement = history.settlement(createSettlement({
    queue: storage.queue,
    policy: tuning.retryPolicy,
    clock,
    logger,
    keepFailedWritesMs: tuning.claimLeaseMs / 2,
    observer: { delivered: (direction) => bursts.recordDelivered(direction), failed: (direction, count, reason) => bursts.recordFailed(direction, count, reason) },
  }));
  const workerQueue = history.queue(storage.queue);
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

  const propertyCaps = () => ({ ...DEFAULT_PROPERTY_CAPS, ...storage.operatorSettings.read().propertyCaps });
  const propertyBudget = createDailyPropertyBudget({ caps: propertyCaps, now, store: storage.settings });
  const contacts = createContactSyncWorker({
    queue: workerQueue,
    settlement,
    rest: contactRest,
    definitions: createPropertyDefinitions(contactRest, { caps: propertyCaps, budget: propertyBudget }),
    settings: () => ({ ...storage.operatorSettings.read(), propertyCaps: propertyCaps() }),
    hasCredentials: () => mailjetCredentials() !== undefined,
    onCredentials: (problem) => setCredentialsProblem('mailjet', problem),
    polling: tuning.jobPolling,
  });
  const events = createEventForwardWorker({
    queue: workerQueue,
    identities: storage.identities,
    sender: createSegmentBatchSender({ baseUrl: config.upstream.segmentApiUrl, writeKey: () => secrets.get('segmentWriteKey'), fetch: options.fetch, timeoutMs: tuning.segmentTimeoutMs, now }),
    resolver: createCampaignNameResolver({ rest: restFor(tuning.lookupTimeoutMs), now, failureCooldownMs: tuning.lookupCooldownMs }),
    settlement,
    settings: () => {
      const { events: selectedEvents, namingPreset } = storage.operatorSettings.read();
      return { selectedEvents, namingPreset };
    },
    hasWriteKey: () => secrets.get('segmentWriteKey') !== undefined,
    now,
    onCredentials: (problem) => setCredentialsProblem('segment', problem),
    lookupGrace: tuning.lookupGrace,
  });

  const setCredentialsProblem = credentials.report;

  const loopFor = (name: 'receive' | 'send', deliverBatch: () => Promise<BatchOutcome>, concurrency: number): WorkerLoop =>
    createWorkerLoop({ name, deliverBatch, concurrency, now, logger, nextDueAt: () => storage.queue.nextDueAt(name), pausedRecheckMs: tuning.pausedRecheckMs });
  const loops = {
    receive: loopFor('receive', contacts.deliverBatch, tuning.receiveConcurrency),
    send: loopFor('send', events.deliverBatch, tuning.sendConcurrency),
  };

  // Intake per direction follows the operator's settings, read per request.
  const directions = (): DirectionState => {
    const settings = storage.operatorSettings.read();
    return { receiveEnabled: settings.receiveEnabled, sendEnabled: settings.sendState === 'enabled', selectedEvents: settings.events };
  };
  const server = createRelayServer({
    config,
    publicUrl: () => storage.operatorSettings.read().publicUrl,
    secrets: () => ({ relayKey: secrets.get('relayKey'), eventsSecret: secrets.get('eventsSecret'), previousEventsSecret: secrets.get('previousEventsSecret') }),
    queue: { commit: (items) => commitAndNudge(items) },
    logger,
    directions,
    diskFull: () => storage.diskFullSince() !== undefined,
    onRefused: (entry) =>
      storage.refused.later.record({ ...entry, at: now() }).catch((error: unknown) => {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not keep a refused request in the refused log');
      }),
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
  const upkeep: ReturnType<typeof setInterval>[] = [];
  logger.info({ url: relayUrl }, 'relay engine started');
  // A test's own fetch needs no loading; Node's own is loaded now, not in the first send.
  if (options.fetch === undefined) warmUpFetch();

  const nudge = (): void => {
    loops.receive.nudge();
    loops.send.nudge();
  };
  let stopping: Promise<void> | undefined;

  return {
    relayUrl,
    settings: storage.settings,
    operatorSettings: storage.operatorSettings,
    inspection: storage.inspection,
    attempts: storage.attempts,
    refused: storage.refused,
    backfill: storage.backfill,
    config: () => config,
    status: () => {
      const bad = credentials.bad();
      const intake = directions();
      const diskFull = diskFullProblem(options.dataDir, storage.diskFullSince());
      return {
        receive: { ...directionStatus(intake.receiveEnabled, contacts.problem(), bursts.problem('receive')), ...capReached(propertyBudget.problem()) },
        send: directionStatus(intake.sendEnabled, events.problem(), bursts.problem('send')),
        ...(bad === undefined ? {} : { credentialsBad: bad }),
        credentialsAccepted: credentials.accepted(),
        queue: { receive: storage.queue.counts('receive'), send: storage.queue.counts('send') },
        ...(diskFull === undefined ? {} : { diskFull }),
      };
    },
    recentItems: (filter) => storage.queue.recent(filter),
    activityPerMinute: (sinceMs, direction) => storage.activity.perMinute(sinceMs, direction),
    userIdFor: (email) => storage.identities.userIdFor(email),
    commitItems: commitAndNudge,
    every(task) {
      if (stopping !== undefined) return;
      const timer = setInterval(task, tuning.upkeepMs);
      timer.unref?.();
      upkeep.push(timer);
    },
    secret: (name) => secrets.get(name),
    async reloadSecrets() {
      await secrets.reload();
      credentials.forget();
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
        for (const timer of upkeep) clearInterval(timer);
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

function capReached(problem: Problem | undefined): Pick<DirectionStatus, 'capReached'> {
  return problem === undefined ? {} : { capReached: problem };
}

function directionStatus(enabled: boolean, paused: Problem | undefined, failureBurst: Problem | undefined): DirectionStatus {
  return { enabled, ...(paused === undefined ? {} : { paused }), ...(failureBurst === undefined ? {} : { failureBurst }) };
}
