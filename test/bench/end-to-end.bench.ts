// Scenario 3: Mailjet events posted in Version-2 arrays until Segment has recorded every one (distinct
// messageIds), through the real engine: durable ingest, the send worker, /v1/batch to the emulator. The
// durable floor takes the same grouped load in alternate rounds: the relay must reach half its rate.
import { startMailjetInChild } from './mailjet-client';
import { startBenchEngine } from './bench-engine';
import { formatNumber, median, type ScenarioResult } from './bench-report';
import { MAILJET_EVENTS_PATH, mailjetHeaders } from './bench-traffic';
import { startDurableFloor } from './durable-floor';
import { runLoadInChild } from './load-client';
import type { LoadSpec } from './load-generator';
import { describeLoopDelay, watched, watchProcess, type ProcessWatch } from './process-watch';
import { startSegmentInChild } from './segment-client';

export interface EndToEndPlan {
  rounds: number;
  events: number;
  eventsPerRequest: number;
  connections: number;
  timeLimitMs: number;
}

export const END_TO_END_PLAN: EndToEndPlan = { rounds: 3, events: 30_000, eventsPerRequest: 100, connections: 8, timeLimitMs: 30_000 };
const TARGET_RATIO = 0.5;
const TARGET_REQUESTS_PER_100 = 1;

interface RoundResult {
  eventsPerSecond: number;
  ingestMs: number;
  totalMs: number;
  batches: number;
  duplicates: number;
}

function loadSpec(plan: EndToEndPlan, baseUrl: string, firstEvent: number): LoadSpec {
  return {
    baseUrl,
    path: MAILJET_EVENTS_PATH,
    headers: mailjetHeaders(),
    body: { kind: 'mailjet-events', eventsPerRequest: plan.eventsPerRequest, firstEvent },
    connections: plan.connections,
    requests: Math.ceil(plan.events / plan.eventsPerRequest),
    timeLimitMs: plan.timeLimitMs,
  };
}

async function runRound(plan: EndToEndPlan, round: number, watch: ProcessWatch): Promise<RoundResult> {
  // Segment and Mailjet in their own processes, as the real ones are other machines; Mailjet only answers campaign lookups.
  const segment = await startSegmentInChild();
  const mailjet = await startMailjetInChild({ seedFixtures: true });
  const relay = await startBenchEngine({ sending: true, segmentUrl: segment.url, mailjetUrl: mailjet.url });
  try {
    return await watched(watch, async () => {
      const load = await runLoadInChild(loadSpec(plan, relay.engine.relayUrl, round * plan.events));
      // The clock starts at the load's first request, not at the load process's start-up.
      const started = performance.now() - load.durationMs;
      if (load.failed > 0) throw new Error(`the relay refused ${load.failed} requests: ${JSON.stringify(load.problems)}`);
      const counts = await segment.waitForUnique(plan.events, plan.timeLimitMs);
      const totalMs = performance.now() - started;
      return { eventsPerSecond: (plan.events * 1000) / totalMs, ingestMs: load.durationMs, totalMs, batches: counts.requests, duplicates: counts.duplicates };
    });
  } finally {
    await relay.stop();
    await Promise.all([segment.stop(), mailjet.stop()]);
  }
}

/** The floor's grouped rate for the same load; it runs in this process, so the watch is paused. */
async function runFloorRound(plan: EndToEndPlan, round: number): Promise<number> {
  const floor = await startDurableFloor();
  try {
    const load = await runLoadInChild(loadSpec(plan, floor.url, round * plan.events));
    if (load.failed > 0) throw new Error(`the durable floor refused ${load.failed} requests`);
    return load.requestsPerSecond * plan.eventsPerRequest;
  } finally {
    await floor.stop();
  }
}

export async function benchEndToEnd(plan: EndToEndPlan = END_TO_END_PLAN): Promise<ScenarioResult> {
  const rounds: RoundResult[] = [];
  const floorRates: number[] = [];
  const watch = watchProcess();
  // Alternating, so a busy moment on the shared machine hits both.
  for (let round = 0; round < plan.rounds; round += 1) {
    floorRates.push(await runFloorRound(plan, round));
    rounds.push(await runRound(plan, round, watch));
  }
  const loop = watch.finish();
  const rate = median(rounds.map((r) => r.eventsPerSecond));
  const floor = median(floorRates);
  const ratio = rate / floor;
  const batches = median(rounds.map((r) => r.batches));
  const perHundred = (batches * 100) / plan.events;
  const clean = rounds.every((r) => r.duplicates === 0);
  return {
    scenario: '3. end to end to Segment',
    measured: `${formatNumber(rate)} events/s, ${perHundred.toFixed(2)} req/100 events`,
    baseline: `durable floor ${formatNumber(floor)} events/s`,
    ratio,
    target: `>= ${TARGET_RATIO.toFixed(2)}x durable floor, <= ${TARGET_REQUESTS_PER_100} req/100 events`,
    pass: ratio >= TARGET_RATIO && perHundred <= TARGET_REQUESTS_PER_100 && clean,
    values: { eventsPerSecond: rate, floorEventsPerSecond: floor, ratio, batchRequestsPer100: perHundred, loopMaxMs: loop.loopMaxMs },
    eventLoop: { maxMs: loop.loopMaxMs, p99Ms: loop.loopP99Ms },
    details: [
      `${formatNumber(plan.events)} events in requests of ${plan.eventsPerRequest} over ${plan.connections} connections, from the first POST until Segment (its emulator, in another process) holds every messageId; median of ${plan.rounds} rounds, alternating with the durable floor taking the same load`,
      `relay rounds: ${rounds.map((r) => `${formatNumber(r.eventsPerSecond)} events/s (ingest done at ${formatNumber(r.ingestMs)} ms, all at Segment at ${formatNumber(r.totalMs)} ms, ${r.batches} /v1/batch requests, ${r.duplicates} duplicates)`).join('; ')}`,
      `durable floor rounds (ingest only): ${floorRates.map((r) => formatNumber(r)).join(' / ')} events/s`,
      describeLoopDelay(loop, 'relay rounds'),
    ],
  };
}
