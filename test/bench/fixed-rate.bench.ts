// Scenario 1b: p99 acknowledgement latency at a fixed 1,000 req/s (open loop: autocannon's overallRate,
// so a slow answer cannot slow the sender down and hide its own delay), single events, three rounds.
import { describeFsync, probeFsync } from './fsync-probe';
import { startBenchEngine } from './bench-engine';
import { formatNumber, median, type ScenarioResult } from './bench-report';
import { MAILJET_EVENTS_PATH, mailjetHeaders } from './bench-traffic';
import { runLoadInChild } from './load-client';
import { describeLoopDelay, watched, watchProcess } from './process-watch';

export interface FixedRatePlan {
  rounds: number;
  ratePerSecond: number;
  seconds: number;
  connections: number;
}

export const FIXED_RATE_PLAN: FixedRatePlan = { rounds: 3, ratePerSecond: 1_000, seconds: 5, connections: 16 };
const TARGET_P99_MS = 10;

export async function benchFixedRateLatency(plan: FixedRatePlan = FIXED_RATE_PLAN): Promise<ScenarioResult> {
  // Every acknowledgement waits for one fsync of the WAL: the disk's own latency is the floor under p99.
  const disk = probeFsync();
  const relay = await startBenchEngine();
  const rounds = [];
  const watch = watchProcess();
  try {
    for (let round = 0; round < plan.rounds; round += 1) {
      const requests = plan.ratePerSecond * plan.seconds;
      rounds.push(
        await watched(watch, () => runLoadInChild({
          baseUrl: relay.engine.relayUrl,
          path: MAILJET_EVENTS_PATH,
          headers: mailjetHeaders(),
          body: { kind: 'mailjet-events', eventsPerRequest: 1, firstEvent: round * requests, single: true },
          connections: plan.connections,
          requests,
          overallRate: plan.ratePerSecond,
          timeLimitMs: plan.seconds * 3_000,
        })),
      );
    }
  } finally {
    await relay.stop();
  }
  const loop = watch.finish();
  const p99 = median(rounds.map((r) => r.latencyMs.p99));
  const achieved = median(rounds.map((r) => r.requestsPerSecond));
  return {
    scenario: '1b. p99 at a fixed 1,000 req/s',
    measured: `p99 ${p99} ms`,
    baseline: '-',
    target: `<= ${TARGET_P99_MS} ms`,
    pass: p99 <= TARGET_P99_MS && rounds.every((r) => r.failed === 0),
    values: { p99Ms: p99, achievedRequestsPerSecond: achieved, fsyncP50Ms: disk.p50Ms, fsyncP99Ms: disk.p99Ms },
    eventLoop: { maxMs: loop.loopMaxMs, p99Ms: loop.loopP99Ms },
    details: [
      `open loop at ${formatNumber(plan.ratePerSecond)} req/s over ${plan.connections} connections, ${plan.seconds} s per round, median of ${plan.rounds} rounds`,
      `p99 per round: ${rounds.map((r) => `${r.latencyMs.p99} ms`).join(' / ')}; p50 ${median(rounds.map((r) => r.latencyMs.p50))} ms; achieved ${formatNumber(achieved)} req/s`,
      `generator CPU ${rounds.map((r) => `${r.generatorCpuPercent}%`).join(' / ')} of a core; failed ${rounds.reduce((n, r) => n + r.failed, 0)}`,
      describeLoopDelay(loop, 'rounds'),
      describeFsync(disk),
    ],
  };
}
