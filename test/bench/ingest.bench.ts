// Scenarios 1 and 2: durable ingest on POST /mailjet/events, against a bare node:http server posted
// the same bodies in the same run. The relay answers only after its group commit (WAL, synchronous=FULL).
import { startBareServer } from './bare-server';
import { startBenchEngine } from './bench-engine';
import { formatNumber, median, type ScenarioResult } from './bench-report';
import { MAILJET_EVENTS_PATH, mailjetHeaders } from './bench-traffic';
import { runLoadInChild } from './load-client';
import type { LoadResult, LoadSpec } from './load-generator';

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
}

/** Alternates bare and relay rounds (after one warm-up each), so drift on a shared machine hits both. */
async function compareWithBare(plan: IngestPlan): Promise<Comparison> {
  const bare = await startBareServer();
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
  try {
    const warmUp = Math.max(1, Math.floor(plan.requests / 4));
    await runLoadInChild(specFor(bare.url, warmUp));
    const relayWarmUp = await runLoadInChild(specFor(relay.engine.relayUrl, warmUp));
    results.expected += relayWarmUp.ok * plan.eventsPerRequest;
    for (let round = 0; round < plan.rounds; round += 1) {
      results.bare.push(await runLoadInChild(specFor(bare.url, plan.requests)));
      const measured = await runLoadInChild(specFor(relay.engine.relayUrl, plan.requests));
      results.relay.push(measured);
      results.expected += measured.ok * plan.eventsPerRequest;
    }
    // Every 200 must be in the database: the queue's own counts say how many were committed.
    results.committed = relay.engine.status().queue.send.pending;
  } finally {
    await relay.stop();
    await bare.stop();
  }
  return results;
}

function describeRounds(label: string, results: readonly LoadResult[], unitPerRequest: number): string {
  const rates = results.map((r) => formatNumber(r.requestsPerSecond * unitPerRequest));
  const problems = results.flatMap((r) => Object.entries(r.problems).map(([what, n]) => `${what} x${n}`));
  const p99 = median(results.map((r) => r.latencyMs.p99));
  return `${label}: rounds ${rates.join(' / ')}; p50 ${median(results.map((r) => r.latencyMs.p50))} ms, p99 ${p99} ms${problems.length > 0 ? `; problems: ${problems.join(', ')}` : ''}`;
}

export async function benchSingleEventIngest(plan: IngestPlan = SINGLE_PLAN): Promise<ScenarioResult> {
  const run = await compareWithBare(plan);
  const relayRate = median(run.relay.map((r) => r.requestsPerSecond));
  const bareRate = median(run.bare.map((r) => r.requestsPerSecond));
  const ratio = relayRate / bareRate;
  const allOk = run.relay.every((r) => r.failed === 0) && run.committed === run.expected;
  return {
    scenario: '1. durable single-event ingest',
    measured: `${formatNumber(relayRate)} req/s`,
    baseline: `bare http ${formatNumber(bareRate)} req/s`,
    ratio,
    target: '>= 0.60x bare',
    pass: ratio >= 0.6 && allOk,
    details: [
      `${plan.connections} keep-alive connections, ${formatNumber(plan.requests)} requests per round, median of ${plan.rounds} rounds`,
      describeRounds('relay req/s', run.relay, 1),
      describeRounds('bare req/s', run.bare, 1),
      `committed events in the queue: ${formatNumber(run.committed)} of ${formatNumber(run.expected)} acknowledged`,
    ],
  };
}

export async function benchGroupedIngest(plan: IngestPlan = GROUPED_PLAN): Promise<ScenarioResult> {
  const run = await compareWithBare(plan);
  const relayRate = median(run.relay.map((r) => r.requestsPerSecond)) * plan.eventsPerRequest;
  const bareRate = median(run.bare.map((r) => r.requestsPerSecond)) * plan.eventsPerRequest;
  const allOk = run.relay.every((r) => r.failed === 0) && run.committed === run.expected;
  return {
    scenario: `2. grouped ingest (${plan.eventsPerRequest}/request)`,
    measured: `${formatNumber(relayRate)} events/s`,
    baseline: `bare http ${formatNumber(bareRate)} events/s`,
    ratio: relayRate / bareRate,
    target: '>= 20,000 events/s',
    pass: relayRate >= 20_000 && allOk,
    details: [
      `${plan.connections} keep-alive connections, ${formatNumber(plan.requests)} requests of ${plan.eventsPerRequest} events per round, median of ${plan.rounds} rounds`,
      describeRounds('relay events/s', run.relay, plan.eventsPerRequest),
      describeRounds('bare events/s', run.bare, plan.eventsPerRequest),
      `committed events in the queue: ${formatNumber(run.committed)} of ${formatNumber(run.expected)} acknowledged`,
    ],
  };
}
