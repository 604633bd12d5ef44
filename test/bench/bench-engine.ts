// A relay engine for benchmarks: a fresh data dir, bench secrets in memory, and upstream URLs that
// point only at 127.0.0.1. Without a Segment write key the send direction holds its items (paused),
// which isolates ingest from delivery.
import { loadRelayConfig } from '../../main/config/relay-config';
import type { DeliveryTuning } from '../../main/engine/delivery-tuning';
import { startRelayEngine, type RelayEngine } from '../../main/engine/relay-engine';
import type { RelayLogger } from '../../main/logging/relay-logger';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store';
import { EVENT_TYPES } from '../../shared/event-catalog';
import { BENCH_SECRETS } from './bench-traffic';
import { makeDataDir, retireDataDir } from './data-dirs';

/** Nothing listens on port 9 (discard) here: a stray upstream call fails fast and stays local. */
export const NOWHERE = 'http://127.0.0.1:9';

export interface BenchEngineOptions {
  dataDir?: string;
  segmentUrl?: string;
  mailjetUrl?: string;
  /** Give the engine a Segment write key, so the send direction delivers. */
  sending?: boolean;
  tuning?: Partial<DeliveryTuning>;
}

export interface BenchEngine {
  engine: RelayEngine;
  dataDir: string;
  /** Stops the engine; its data dir, unless given, is removed at the next sweep (data-dirs.ts). */
  stop(): Promise<void>;
}

/** Warnings and errors only, on stderr, so a broken run explains itself without slowing a good one. */
const quietLogger: RelayLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (fields: object, message?: string) => process.stderr.write(`bench relay warn: ${message ?? ''} ${JSON.stringify(fields)}\n`),
  error: (fields: object, message?: string) => process.stderr.write(`bench relay error: ${message ?? ''} ${JSON.stringify(fields)}\n`),
} as unknown as RelayLogger;

export async function startBenchEngine(options: BenchEngineOptions = {}): Promise<BenchEngine> {
  const dataDir = options.dataDir ?? makeDataDir();
  const { segmentWriteKey, ...otherSecrets } = BENCH_SECRETS;
  const engine = await startRelayEngine({
    dataDir,
    config: loadRelayConfig(
      { host: '127.0.0.1', port: 0 },
      { MJSC_SEGMENT_API_URL: options.segmentUrl ?? NOWHERE, MJSC_MAILJET_API_URL: options.mailjetUrl ?? NOWHERE },
    ),
    secrets: new MemorySecretStore(options.sending === true ? { ...otherSecrets, segmentWriteKey } : otherSecrets),
    logger: quietLogger,
    tuning: options.tuning,
  });
  // Both directions take items, no list (receive never delivers), every event type forwarded, as the scenarios expect.
  engine.operatorSettings.write({ receiveEnabled: true, listId: null, sendState: 'enabled', events: [...EVENT_TYPES] });
  return {
    engine,
    dataDir,
    async stop() {
      await engine.stop();
      if (options.dataDir === undefined) retireDataDir(dataDir);
    },
  };
}
