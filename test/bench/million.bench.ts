// Scenario 5: flat cost with 1,000,000 items queued. The same data dir is measured with a small queue
// and again after the storage API filled it to a million pending items in large commits: durable
// ingest through the relay, and the worker's claim/count/release cycle straight on storage. The bench
// process's peak RSS and event-loop delay are watched during both at 1M (the fill runs in a child).
import { spawnSync } from 'node:child_process';
import { openStorage, type Storage } from '../../main/storage/database';
import { NOWHERE, startBenchEngine } from './bench-engine';
import { makeDataDir, retireDataDir } from './data-dirs';
import { formatNumber, median, type ScenarioResult } from './bench-report';
import { MAILJET_EVENTS_PATH, mailjetHeaders } from './bench-traffic';
import { fillQueueInChild } from './fill-queue';
import { runLoadInChild } from './load-client';
import { runInBuiltRelay } from './built-relay-drain';
import { describeLoopDelay, describeRss, RSS_TARGET_MIB, watched, watchProcess, type ProcessWatch } from './process-watch';

export interface MillionPlan {
  smallQueue: number;
  largeQueue: number;
  fillChunk: number;
  rounds: number;
  ingestRequests: number;
  connections: number;
  claimCycles: number;
  claimBatch: number;
}

export const MILLION_PLAN: MillionPlan = {
  smallQueue: 10_000,
  largeQueue: 1_000_000,
  fillChunk: 50_000,
  rounds: 5,
  ingestRequests: 2_000,
  connections: 48,
  claimCycles: 200,
  claimBatch: 500,
};

interface QueueCost {
  ingestPerSecond: number;
  ingestRounds: number[];
  claimCyclesPerSecond: number;
  claimRounds: number[];
}

/**
 * Worker cycles without the network: claim a batch, read the counts and next due time, release. It
 * yields between cycles, as the worker does while its batch is upstream, so the event-loop delay seen
 * is one cycle's, not a whole round's.
 */
async function runClaimCycles(storage: Storage, plan: MillionPlan): Promise<number> {
  const started = performance.now();
  for (let cycle = 0; cycle < plan.claimCycles; cycle += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    const claimed = storage.queue.claim('send', plan.claimBatch);
    if (claimed.length !== plan.claimBatch) throw new Error(`claimed ${claimed.length} items, expected ${plan.claimBatch}`);
    storage.queue.counts('send');
    storage.queue.nextDueAt('send');
    storage.queue.recent({ direction: 'send', status: 'pending', limit: 50 });
    storage.queue.release(claimed.map((item) => item.id));
  }
  return (plan.claimCycles * 1000) / (performance.now() - started);
}

/**
 * Filling writes hundreds of MB; without this the kernel's background writeback of them would slow the
 * fsyncs of whatever is measured next, and the 1M case would measure the fill, not the queue.
 */
function settleDisk(): void {
  spawnSync('sync', { stdio: 'ignore', timeout: 60_000 });
}

async function measureQueueCost(dataDir: string, plan: MillionPlan, firstEvent: number, watch?: ProcessWatch): Promise<QueueCost> {
  settleDisk();
  const relay = await startBenchEngine({ dataDir });
  const ingestRounds: number[] = [];
  const measured = <T>(part: () => Promise<T>): Promise<T> => (watch === undefined ? part() : watched(watch, part));
  try {
    for (let round = 0; round < plan.rounds; round += 1) {
      const load = await measured(() => runLoadInChild({
        baseUrl: relay.engine.relayUrl,
        path: MAILJET_EVENTS_PATH,
        headers: mailjetHeaders(),
        body: { kind: 'mailjet-events', eventsPerRequest: 1, firstEvent: firstEvent + round * plan.ingestRequests, single: true },
        connections: plan.connections,
        requests: plan.ingestRequests,
        timeLimitMs: 20_000,
      }));
      if (load.failed > 0) throw new Error(`the relay refused ${load.failed} requests: ${JSON.stringify(load.problems)}`);
      ingestRounds.push(load.requestsPerSecond);
    }
  } finally {
    await relay.stop();
  }
  const storage = openStorage({ path: `${dataDir}/connector.db` });
  const claimRounds: number[] = [];
  try {
    for (let round = 0; round < plan.rounds; round += 1) claimRounds.push(await measured(() => runClaimCycles(storage, plan)));
  } finally {
    await storage.close();
  }
  return { ingestPerSecond: median(ingestRounds), ingestRounds, claimCyclesPerSecond: median(claimRounds), claimRounds };
}

export async function benchMillionQueued(plan: MillionPlan = MILLION_PLAN): Promise<ScenarioResult> {
  const dataDir = makeDataDir();
  const path = `${dataDir}/connector.db`;
  try {
    await fillQueueInChild(path, 0, plan.smallQueue, plan.fillChunk);
    const small = await measureQueueCost(dataDir, plan, 0);
    const fillStarted = performance.now();
    await fillQueueInChild(path, plan.smallQueue, plan.largeQueue, plan.fillChunk);
    const fillMs = performance.now() - fillStarted;
    const watch = watchProcess();
    const large = await measureQueueCost(dataDir, plan, 1_000_000, watch);
    const seen = watch.finish();
    // The RSS target is the relay's own: the bench process also holds the harness, tsx and what earlier
    // scenarios left, so the built relay is started on the same 1M data dir and takes the same ingest.
    const built = await runInBuiltRelay(dataDir, { mailjetUrl: NOWHERE, segmentUrl: NOWHERE }, async (relayUrl) => {
      const load = await runLoadInChild({
        baseUrl: relayUrl,
        path: MAILJET_EVENTS_PATH,
        headers: mailjetHeaders(),
        body: { kind: 'mailjet-events', eventsPerRequest: 1, firstEvent: 5_000_000, single: true },
        connections: plan.connections,
        requests: plan.ingestRequests * 2,
        timeLimitMs: 30_000,
      });
      if (load.failed > 0) throw new Error(`the built relay refused ${load.failed} requests with 1M queued`);
    }, 60_000);
    const rssOk = built.peakRssMib <= RSS_TARGET_MIB;
    const ingestRatio = large.ingestPerSecond / small.ingestPerSecond;
    const claimRatio = large.claimCyclesPerSecond / small.claimCyclesPerSecond;
    const ratio = Math.min(ingestRatio, claimRatio);
    const rounds = (values: number[]): string => values.map((v) => formatNumber(v)).join(' / ');
    return {
      scenario: '5. flat cost with 1M queued',
      measured: `ingest ${formatNumber(large.ingestPerSecond)} req/s, claim ${formatNumber(large.claimCyclesPerSecond)} cycles/s, built relay peak RSS ${formatNumber(built.peakRssMib)} MiB`,
      baseline: `${formatNumber(plan.smallQueue)} queued: ${formatNumber(small.ingestPerSecond)} req/s, ${formatNumber(small.claimCyclesPerSecond)} cycles/s`,
      ratio,
      target: `>= 0.80x (worse of the two); RSS <= ${RSS_TARGET_MIB} MiB`,
      pass: ratio >= 0.8 && rssOk,
      values: { ratio, ingestRatio, claimRatio, peakRssMib: built.peakRssMib, benchProcessPeakRssMib: seen.peakRssMib, loopMaxMs: seen.loopMaxMs },
      eventLoop: { maxMs: seen.loopMaxMs, p99Ms: seen.loopP99Ms },
      details: [
        `ingest: single events, ${plan.connections} connections, ${formatNumber(plan.ingestRequests)} requests per round; ratio ${ingestRatio.toFixed(2)}x (small ${rounds(small.ingestRounds)}; 1M ${rounds(large.ingestRounds)} req/s)`,
        `claim cycle: claim ${plan.claimBatch}, counts, nextDueAt, recent(50), release; ${plan.claimCycles} cycles per round; ratio ${claimRatio.toFixed(2)}x (small ${rounds(small.claimRounds)}; 1M ${rounds(large.claimRounds)} cycles/s)`,
        `filled ${formatNumber(plan.largeQueue - plan.smallQueue)} pending items through queue.commit in groups of ${formatNumber(plan.fillChunk)} in ${formatNumber(fillMs / 1000, 1)} s (in a child process)`,
        `with 1M queued, the built relay (\`node bin/mjsc.js relay\`, its own process, Segment unreachable so the send worker retries) taking ${formatNumber(plan.ingestRequests * 2)} single events: peak RSS ${formatNumber(built.peakRssMib)} MiB (VmHWM), ${formatNumber(built.readyRssMib)} MiB when it started listening`,
        `with 1M queued, while ingesting and claiming in the bench process: ${describeRss(seen)}`,
        describeLoopDelay(seen, 'ingest and claim rounds at 1M'),
      ],
    };
  } finally {
    retireDataDir(dataDir);
  }
}
