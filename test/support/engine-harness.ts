// Test harness: both emulators plus a relay engine on 127.0.0.1 with canary secrets, compressed
// retry timings and a logger that keeps every line, so a test can grep logs and the data dir for secrets.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRelayConfig, type RelayConfigInput } from '../../main/config/relay-config';
import type { DeliveryTuning } from '../../main/engine/delivery-tuning';
import { startRelayEngine, type RelayEngine } from '../../main/engine/relay-engine';
import type { RelayLogger } from '../../main/logging/relay-logger';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store';
import type { OperatorSettings } from '../../main/storage/operator-settings';
import { startMailjetEmulator, type MailjetEmulator, type MailjetEmulatorOptions } from '../../emulators/mailjet/mailjet-emulator';
import { startSegmentEmulator, type SegmentEmulator } from '../../emulators/segment/segment-emulator';

/** Every secret is unique and greppable: none may show up in a log line or a data file. */
export const CANARIES = {
  mailjetApiKey: 'canaryMjApiKey7f3a91c2',
  mailjetSecretKey: 'canaryMjSecret4b8e27d6',
  segmentWriteKey: 'canarySegWriteKey9c1d55',
  relayKey: 'canaryRelayKey2e6f8a03',
  eventsSecret: 'canaryEventsSecret5d7b1e',
} as const;

/** Retries in milliseconds instead of seconds; everything else as in production. */
export const FAST_TUNING: Partial<DeliveryTuning> = {
  retryPolicy: { initialDelayMs: 10, maxDelayMs: 100, jitter: 0.2, deadLetterAfterMs: 60_000 },
  mailjetTimeoutMs: 1_000,
  lookupTimeoutMs: 300,
  lookupCooldownMs: 50,
  lookupGrace: { maxAttempts: 3, maxWaitMs: 60_000 },
  segmentTimeoutMs: 1_000,
  jobPolling: { firstDelayMs: 10, maxDelayMs: 50, maxWaitMs: 5_000 },
  pausedRecheckMs: 200,
  stopGraceMs: 2_000,
};

/** Every log line any engine in this test file wrote, as text. */
export const logLines: string[] = [];

export const capturingLogger: RelayLogger = Object.fromEntries(
  (['debug', 'info', 'warn', 'error'] as const).map((level) => [level, (fields: object, message?: string) => logLines.push(JSON.stringify({ level, ...fields, message }))]),
) as unknown as RelayLogger;

export interface Harness {
  mailjet: MailjetEmulator;
  segment: SegmentEmulator;
  dataDir: string;
  listId: number;
  engine: RelayEngine;
  /** Starts (or restarts) the engine on the harness's data dir, then saves the operator's settings. */
  startEngine(config?: RelayConfigInput, tuning?: Partial<DeliveryTuning>): Promise<RelayEngine>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Listener configuration (host and port default to 127.0.0.1 and a free port). */
  config?: RelayConfigInput;
  /** The operator's settings, saved after each start; default: both directions on, the seeded list, the event types below. */
  settings?: Partial<OperatorSettings>;
  tuning?: Partial<DeliveryTuning>;
  mailjet?: MailjetEmulatorOptions;
  /** An existing folder to hold the data (a small tmpfs, say); default: a fresh temporary folder. */
  dataDir?: string;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const mailjet = await startMailjetEmulator({ apiKey: CANARIES.mailjetApiKey, secretKey: CANARIES.mailjetSecretKey, jobDelayMs: 20, seedFixtures: true, ...options.mailjet });
  const segment = await startSegmentEmulator({ writeKeys: [CANARIES.segmentWriteKey] });
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mjsc-engine-'));
  const list = mailjet.seedList({ Name: 'Segment Master List' });
  const env = { MJSC_MAILJET_API_URL: mailjet.url, MJSC_SEGMENT_API_URL: segment.url };
  const harness: Harness = {
    mailjet,
    segment,
    dataDir,
    listId: list.ID,
    engine: undefined as unknown as RelayEngine,
    async startEngine(config = options.config, tuning = options.tuning) {
      harness.engine = await startRelayEngine({
        dataDir,
        config: loadRelayConfig({ host: '127.0.0.1', port: 0, ...config }, env),
        secrets: new MemorySecretStore({ ...CANARIES }),
        logger: capturingLogger,
        tuning: { ...FAST_TUNING, ...tuning },
      });
      harness.engine.operatorSettings.write({ receiveEnabled: true, listId: list.ID, sendState: 'enabled', events: ['sent', 'open', 'click', 'bounce', 'spam', 'blocked', 'unsub'], ...options.settings });
      harness.engine.nudge();
      return harness.engine;
    },
    async stop() {
      await harness.engine?.stop();
      await Promise.all([mailjet.stop(), segment.stop()]);
    },
  };
  await harness.startEngine();
  return harness;
}

/** Every file under dir, recursively, as raw bytes. */
export function readAllFiles(dir: string): Array<{ path: string; bytes: Buffer }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? readAllFiles(path) : [{ path, bytes: readFileSync(path) }];
  });
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function mailjetCallbackUrl(relayUrl: string): string {
  const url = new URL('/mailjet/events', relayUrl);
  url.username = 'mailjet';
  url.password = CANARIES.eventsSecret;
  return url.toString();
}
