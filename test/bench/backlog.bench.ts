// Scenario 4: upstream requests under backlog. Segment answers 503 to every /v1/batch while N events
// are queued, then recovers; the engine drains the backlog. Counts /v1/batch requests per 100 items,
// the refused ones during the outage included.
import { startBenchEngine } from './bench-engine';
import { formatNumber, type ScenarioResult } from './bench-report';
import { MAILJET_EVENTS_PATH, mailjetHeaders } from './bench-traffic';
import { startMailjetInChild } from './mailjet-client';
import { runLoadInChild } from './load-client';
import { startSegmentInChild } from './segment-client';
import { describeLoopDelay, watchProcess } from './process-watch';

export interface BacklogPlan {
  events: number;
  eventsPerRequest: number;
  connections: number;
  timeLimitMs: number;
}

export const BACKLOG_PLAN: BacklogPlan = { events: 50_000, eventsPerRequest: 100, connections: 8, timeLimitMs: 60_000 };

// Production backoff shape (x2, ±20 %), compressed so the drain after the outage stays short.
const BACKLOG_RETRY = { initialDelayMs: 100, maxDelayMs: 1_000, jitter: 0.2, deadLetterAfterMs: 600_000 };
// The emulator's fault rules are bounded by a count; this one outlasts any outage of this bench.
const OUTAGE_REQUESTS = 1_000_000;

export async function benchBacklog(plan: BacklogPlan = BACKLOG_PLAN): Promise<ScenarioResult> {
  // Segment and Mailjet in their own processes, as in scenario 3: their parsing of 50,000 events and
  // the campaign lookups must not count as the relay's event-loop delay.
  const segment = await startSegmentInChild();
  const mailjet = await startMailjetInChild({ seedFixtures: true });
  const relay = await startBenchEngine({
    sending: true,
    segmentUrl: segment.url,
    mailjetUrl: mailjet.url,
    tuning: { retryPolicy: BACKLOG_RETRY },
  });
  const watch = watchProcess();
  try {
    watch.resume();
    await segment.startOutage(OUTAGE_REQUESTS);
    const load = await runLoadInChild({
      baseUrl: relay.engine.relayUrl,
      path: MAILJET_EVENTS_PATH,
      headers: mailjetHeaders(),
      body: { kind: 'mailjet-events', eventsPerRequest: plan.eventsPerRequest, firstEvent: 0 },
      connections: plan.connections,
      requests: Math.ceil(plan.events / plan.eventsPerRequest),
      timeLimitMs: plan.timeLimitMs,
    });
    if (load.failed > 0) throw new Error(`the relay refused ${load.failed} requests: ${JSON.stringify(load.problems)}`);
    const duringOutage = await segment.batches();
    const recoveredAt = performance.now();
    await segment.recover();
    const { duplicates } = await segment.waitForUnique(plan.events, plan.timeLimitMs);
    const drainMs = performance.now() - recoveredAt;
    const loop = watch.finish();
    const all = await segment.batches();
    const perHundred = (all.total * 100) / plan.events;
    const accepted = all.total - all.refused;
    return {
      scenario: '4. upstream requests under backlog',
      measured: `${perHundred.toFixed(2)} req/100 items`,
      baseline: '-',
      target: '<= 1 req/100 items',
      pass: perHundred <= 1 && duplicates === 0,
      eventLoop: { maxMs: loop.loopMaxMs, p99Ms: loop.loopP99Ms },
      details: [
        `${formatNumber(plan.events)} events queued while Segment answered 503 to every /v1/batch, then Segment recovered`,
        `/v1/batch requests: ${all.total} in all; ${duringOutage.refused} refused during the outage; ${accepted} accepted while draining (${((accepted * 100) / plan.events).toFixed(2)} per 100 items)`,
        `drain after recovery: ${formatNumber(drainMs)} ms; duplicates at Segment: ${duplicates}`,
        describeLoopDelay(loop, 'outage and drain (Segment and Mailjet in other processes)'),
      ],
    };
  } finally {
    await relay.stop();
    await Promise.all([segment.stop(), mailjet.stop()]);
  }
}
