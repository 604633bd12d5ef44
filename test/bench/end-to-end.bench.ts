// Scenario 3: Mailjet events posted in Version-2 arrays until Segment has recorded every one (distinct
// messageIds), through the real engine: durable ingest, the send worker, /v1/batch to the emulator.
import { startMailjetEmulator } from '../../emulators/mailjet/mailjet-emulator';
import { startBenchEngine } from './bench-engine';
import { formatNumber, median, type ScenarioResult } from './bench-report';
import { BENCH_SECRETS, MAILJET_EVENTS_PATH, mailjetHeaders } from './bench-traffic';
import { runLoadInChild } from './load-client';
import { startSegmentInChild } from './segment-client';

export interface EndToEndPlan {
  rounds: number;
  events: number;
  eventsPerRequest: number;
  connections: number;
  timeLimitMs: number;
}

export const END_TO_END_PLAN: EndToEndPlan = { rounds: 3, events: 30_000, eventsPerRequest: 100, connections: 8, timeLimitMs: 30_000 };

interface RoundResult {
  eventsPerSecond: number;
  ingestMs: number;
  totalMs: number;
  batches: number;
  duplicates: number;
}

async function runRound(plan: EndToEndPlan, round: number): Promise<RoundResult> {
  // Segment in its own process, as the real one is another machine; Mailjet only answers campaign lookups.
  const segment = await startSegmentInChild();
  const mailjet = await startMailjetEmulator({ apiKey: BENCH_SECRETS.mailjetApiKey, secretKey: BENCH_SECRETS.mailjetSecretKey, seedFixtures: true });
  const relay = await startBenchEngine({ sending: true, segmentUrl: segment.url, mailjetUrl: mailjet.url });
  try {
    const load = await runLoadInChild({
      baseUrl: relay.engine.relayUrl,
      path: MAILJET_EVENTS_PATH,
      headers: mailjetHeaders(),
      body: { kind: 'mailjet-events', eventsPerRequest: plan.eventsPerRequest, firstEvent: round * plan.events },
      connections: plan.connections,
      requests: Math.ceil(plan.events / plan.eventsPerRequest),
      timeLimitMs: plan.timeLimitMs,
    });
    // The clock starts at the load's first request, not at the load process's start-up.
    const started = performance.now() - load.durationMs;
    const ingestMs = load.durationMs;
    if (load.failed > 0) throw new Error(`the relay refused ${load.failed} requests: ${JSON.stringify(load.problems)}`);
    const counts = await segment.waitForUnique(plan.events, plan.timeLimitMs);
    const totalMs = performance.now() - started;
    return { eventsPerSecond: (plan.events * 1000) / totalMs, ingestMs, totalMs, batches: counts.requests, duplicates: counts.duplicates };
  } finally {
    await relay.stop();
    await Promise.all([segment.stop(), mailjet.stop()]);
  }
}

export async function benchEndToEnd(plan: EndToEndPlan = END_TO_END_PLAN): Promise<ScenarioResult> {
  const rounds: RoundResult[] = [];
  for (let round = 0; round < plan.rounds; round += 1) rounds.push(await runRound(plan, round));
  const rate = median(rounds.map((r) => r.eventsPerSecond));
  return {
    scenario: '3. end to end to Segment',
    measured: `${formatNumber(rate)} events/s`,
    baseline: '-',
    target: '>= 10,000 events/s',
    pass: rate >= 10_000,
    details: [
      `${formatNumber(plan.events)} events in requests of ${plan.eventsPerRequest} over ${plan.connections} connections, from the first POST until Segment (its emulator, in another process) holds every messageId; median of ${plan.rounds} rounds`,
      `rounds: ${rounds.map((r) => `${formatNumber(r.eventsPerSecond)} events/s (ingest done at ${formatNumber(r.ingestMs)} ms, all at Segment at ${formatNumber(r.totalMs)} ms, ${r.batches} /v1/batch requests, ${r.duplicates} duplicates)`).join('; ')}`,
    ],
  };
}
