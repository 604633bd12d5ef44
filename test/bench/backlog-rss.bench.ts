// Scenario 9: RSS while a 100,000-event backlog drains. A child process queues the events on a data dir;
// the relay engine then starts on it with a Segment write key and drains it to the Segment emulator (its
// own process). The bench process's RSS is sampled from the engine's start until Segment holds them all.
import { startMailjetEmulator } from '../../emulators/mailjet/mailjet-emulator';
import { startBenchEngine } from './bench-engine';
import { makeDataDir, retireDataDir } from './data-dirs';
import { formatNumber, type ScenarioResult } from './bench-report';
import { BENCH_SECRETS } from './bench-traffic';
import { drainInBuiltRelay, type BuiltDrain } from './built-relay-drain';
import { fillQueueInChild } from './fill-queue';
import { describeLoopDelay, describeRss, RSS_TARGET_MIB, watched, watchProcess } from './process-watch';
import { startSegmentInChild } from './segment-client';

export interface BacklogRssPlan {
  events: number;
  fillChunk: number;
  timeLimitMs: number;
}

export const BACKLOG_RSS_PLAN: BacklogRssPlan = { events: 100_000, fillChunk: 50_000, timeLimitMs: 120_000 };

/** The same backlog in a fresh data dir, drained by the built relay to a fresh Segment emulator. */
async function drainBuilt(plan: BacklogRssPlan, mailjetUrl: string): Promise<BuiltDrain> {
  const dataDir = makeDataDir();
  const segment = await startSegmentInChild();
  try {
    await fillQueueInChild(`${dataDir}/connector.db`, 0, plan.events, plan.fillChunk, { sending: true });
    return await drainInBuiltRelay(dataDir, { mailjetUrl, segment }, plan.events, plan.timeLimitMs);
  } finally {
    await segment.stop();
    retireDataDir(dataDir);
  }
}

export async function benchBacklogRss(plan: BacklogRssPlan = BACKLOG_RSS_PLAN): Promise<ScenarioResult> {
  const dataDir = makeDataDir();
  const segment = await startSegmentInChild();
  const mailjet = await startMailjetEmulator({ apiKey: BENCH_SECRETS.mailjetApiKey, secretKey: BENCH_SECRETS.mailjetSecretKey, seedFixtures: true });
  const watch = watchProcess();
  try {
    await fillQueueInChild(`${dataDir}/connector.db`, 0, plan.events, plan.fillChunk);
    const started = performance.now();
    const relay = await startBenchEngine({ dataDir, sending: true, segmentUrl: segment.url, mailjetUrl: mailjet.url });
    // Watched from the engine's start on: opening the data dir happens before the relay serves anything.
    const drained = await watched(watch, async () => {
      try {
        const counts = await segment.waitForUnique(plan.events, plan.timeLimitMs);
        return { ms: performance.now() - started, ...counts };
      } finally {
        await relay.stop();
      }
    });
    const seen = watch.finish();
    const built = await drainBuilt(plan, mailjet.url);
    return {
      scenario: '9. RSS while a 100,000 backlog drains',
      measured: `built relay peak RSS ${formatNumber(built.peakRssMib)} MiB (bench process ${formatNumber(seen.peakRssMib)} MiB)`,
      baseline: '-',
      target: `<= ${RSS_TARGET_MIB} MiB`,
      // The relay's own process is judged; the bench process also holds the harness, tsx and the Mailjet emulator.
      pass: built.peakRssMib <= RSS_TARGET_MIB && drained.duplicates === 0,
      values: { peakRssMib: seen.peakRssMib, builtPeakRssMib: built.peakRssMib, drainMs: drained.ms, loopMaxMs: seen.loopMaxMs },
      eventLoop: { maxMs: seen.loopMaxMs, p99Ms: seen.loopP99Ms },
      details: [
        `${formatNumber(plan.events)} "open" events queued by a child process, then drained by the engine to the Segment emulator (another process)`,
        `${describeRss(seen)}; once the engine had started until Segment held every messageId`,
        `drained in ${formatNumber(drained.ms)} ms from the engine's start (${formatNumber((plan.events * 1000) / drained.ms)} events/s), ${drained.requests} /v1/batch requests, ${drained.duplicates} duplicates`,
        describeLoopDelay(seen, 'drain'),
        `the same drain in the built relay (\`node bin/mjsc.js relay\`, its own process, no tsx or harness): peak RSS ${formatNumber(built.peakRssMib)} MiB (VmHWM), ${formatNumber(built.readyRssMib)} MiB when it started listening; drained in ${formatNumber(built.drainMs)} ms from its spawn`,
      ],
    };
  } finally {
    await Promise.all([segment.stop(), mailjet.stop()]);
    retireDataDir(dataDir);
  }
}
