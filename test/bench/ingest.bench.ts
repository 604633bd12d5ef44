// Scenarios 1, 1b and 2: durable ingest on POST /mailjet/events, against a same-run baseline posted the
// same bodies: the bare node:http server (single events) or the durable floor (grouped bodies). The relay
// answers only after its group commit (WAL, synchronous=FULL). Load comes from autocannon in a child.
import { describeFsync, probeFsync } from './fsync-probe';
import { startBareServer, type BareServer } from './bare-server';
import { startDurableFloor } from './durable-floor';
import { startBenchEngine } from './bench-engine';
import { formatNumber, median, type ScenarioResult } from './bench-report';
import { MAILJET_EVENTS_PATH, mailjetHeaders } from './bench-traffic';
import { runLoadInChild } from './load-client';
import type { LoadResult, LoadSpec } from './load-generator';
import { describeLoopDelay, watched, watchProcess, type WatchReport } from './process-watch';

export interface IngestPlan {
  rounds: number;
  connections: number;
  requests: number;
  eventsPerRequest: number;
  timeLimitMs: number;
}

export const SINGLE_PLAN: IngestPlan = { rounds: 3, connections: 48, requests: 8_000, eventsPerRequest: 1, timeLimitMs: 15_000 };
export const GROUPED_PLAN: IngestPlan = { rounds: 3, connections: 8, requests: 400, eventsPerRequest: 100, timeLimitMs: 15_000 };

interface Comparison {
  relay: LoadResult[];
  bare: LoadResult[];
  committed: number;
  expected: number;
  /** Event-loop delay during the relay's measured rounds only (the baseline server shares this process). */
  loop?: WatchReport;
}

/** Alternates baseline and relay rounds (after one warm-up each), so drift on a shared machine hits both. */
async function compareWith(plan: IngestPlan, startBaseline: () => Promise<BareServer>): Promise<Comparison> {
  const bare = await startBaseline();
  const relay = await startBenchEngine();
  let nextEvent = 0;
  const specFor = (baseUrl: string, requests: number): LoadSpec => {
    const spec: LoadSpec = {
      baseUrl,
      path: MAILJET_EVENTS_PATH,
      headers: mailjetHeaders(),
      body: { kind: 'mailjet-events', eventsPerRequest: plan.eventsPerRequest, firstEvent: nextEvent, single: plan.eventsPerRequest === 1 },
      connections: plan.connections,
      requests,
      timeLimitMs: plan.timeLimitMs,
    };
    nextEvent += requests * plan.eventsPerRequest;
    return spec;
  };
  const results: Comparison = { relay: [], bare: [], committed: 0, expected: 0 };
  const watch = watchProcess();
  try {
    const warmUp = Math.max(1, Math.floor(plan.requests / 4));
    await runLoadInChild(specFor(bare.url, warmUp));
    const relayWarmUp = await runLoadInChild(specFor(relay.engine.relayUrl, warmUp));
    results.expected += relayWarmUp.ok * plan.eventsPerRequest;
    for (let round = 0; round < plan.rounds; round += 1) {
      results.bare.push(await runLoadInChild(specFor(bare.url, plan.requests)));
      const measured = await watched(watch, () => runLoadInChild(specFor(relay.engine.relayUrl, plan.requests)));
      results.relay.push(measured);
      results.expected += measured.ok * plan.eventsPerRequest;
    }
    // Every 200 must be in the database: the queue's own counts say how many were committed.
    results.committed = relay.engine.status().queue.send.pending;
  } finally {
    results.loop = watch.finish();
    await relay.stop();
    await bare.stop();
  }
  return results;
}

function loopOf(run: Comparison): Pick<ScenarioResult, 'eventLoop'> {
  return run.loop === undefined ? {} : { eventLoop: { maxMs: run.loop.loopMaxMs, p99Ms: run.loop.loopP99Ms } };
}

function describeRounds(label: string, results: readonly LoadResult[], unitPerRequest: number): string {
  const rates = results.map((r) => formatNumber(r.requestsPerSecond * unitPerRequest));
  const problems = results.flatMap((r) => Object.entries(r.problems).map(([what, n]) => `${what} x${n}`));
  const p99 = median(results.map((r) => r.latencyMs.p99));
  const cpu = results.map((r) => `${r.generatorCpuPercent}%`).join(' / ');
  return `${label}: rounds ${rates.join(' / ')} (spread ${spread(results, unitPerRequest)}); p50 ${median(results.map((r) => r.latencyMs.p50))} ms, p99 ${p99} ms; generator CPU ${cpu} of a core${problems.length > 0 ? `; problems: ${problems.join(', ')}` : ''}`;
}

/** (max − min) / median of the rounds' rates, as a percentage. */
function spread(results: readonly LoadResult[], unitPerRequest: number): string {
  const rates = results.map((r) => r.requestsPerSecond * unitPerRequest);
  return `${Math.round(((Math.max(...rates) - Math.min(...rates)) / median(rates)) * 100)}%`;
}

export async function benchSingleEventIngest(plan: IngestPlan = SINGLE_PLAN): Promise<ScenarioResult> {
  const disk = probeFsync();
  const run = await compareWith(plan, startBareServer);
  const relayRate = median(run.relay.map((r) => r.requestsPerSecond));
  const bareRate = median(run.bare.map((r) => r.requestsPerSecond));
  const ratio = relayRate / bareRate;
  const allOk = run.relay.every((r) => r.failed === 0) && run.committed === run.expected;
  return {
    scenario: '1. durable single-event ingest',
    measured: `${formatNumber(relayRate)} req/s`,
    baseline: `bare http ${formatNumber(bareRate)} req/s`,
    ratio,
    target: '>= 0.80x bare',
    pass: ratio >= 0.8 && allOk,
    values: { relayRequestsPerSecond: relayRate, bareRequestsPerSecond: bareRate, ratio },
    ...loopOf(run),
    details: [
      `${plan.connections} keep-alive connections, ${formatNumber(plan.requests)} requests per round, median of ${plan.rounds} rounds`,
      describeRounds('relay req/s', run.relay, 1),
      describeRounds('bare req/s', run.bare, 1),
      `committed events in the queue: ${formatNumber(run.committed)} of ${formatNumber(run.expected)} acknowledged`,
      ...(run.loop === undefined ? [] : [describeLoopDelay(run.loop, 'relay rounds')]),
      `${describeFsync(disk)}; the bare server writes nothing, each relay answer waits for a WAL fsync`,
    ],
  };
}

export async function benchGroupedIngest(plan: IngestPlan = GROUPED_PLAN): Promise<ScenarioResult> {
  const run = await compareWith(plan, startDurableFloor);
  const relayRate = median(run.relay.map((r) => r.requestsPerSecond)) * plan.eventsPerRequest;
  const bareRate = median(run.bare.map((r) => r.requestsPerSecond)) * plan.eventsPerRequest;
  const allOk = run.relay.every((r) => r.failed === 0) && run.committed === run.expected;
  return {
    scenario: `2. grouped ingest (${plan.eventsPerRequest}/request)`,
    measured: `${formatNumber(relayRate)} events/s`,
    baseline: `durable floor ${formatNumber(bareRate)} events/s`,
    ratio: relayRate / bareRate,
    target: '>= 0.60x durable floor',
    pass: relayRate / bareRate >= 0.6 && allOk,
    values: { relayEventsPerSecond: relayRate, floorEventsPerSecond: bareRate, ratio: relayRate / bareRate },
    ...loopOf(run),
    details: [
      `${plan.connections} keep-alive connections, ${formatNumber(plan.requests)} requests of ${plan.eventsPerRequest} events per round, median of ${plan.rounds} rounds`,
      describeRounds('relay events/s', run.relay, plan.eventsPerRequest),
      describeRounds('durable floor events/s', run.bare, plan.eventsPerRequest),
      `committed events in the queue: ${formatNumber(run.committed)} of ${formatNumber(run.expected)} acknowledged`,
      ...(run.loop === undefined ? [] : [describeLoopDelay(run.loop, 'relay rounds')]),
    ],
  };
}
