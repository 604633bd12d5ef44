// Scenario 8: identify -> Mailjet. Segment identify calls in /v1/batch bodies (as analytics-node sends
// them) into the relay with a Mailjet list chosen, until the Mailjet emulator (its own process) lists
// every contact. One engine takes a cold round (properties to define) and warm rounds (all defined).
import { startBenchEngine } from './bench-engine';
import { formatNumber, median, type ScenarioResult } from './bench-report';
import { SEGMENT_BATCH_PATH, segmentHeaders } from './bench-traffic';
import { runLoadInChild } from './load-client';
import { startMailjetInChild, type MailjetState } from './mailjet-client';
import { describeLoopDelay, watched, watchProcess } from './process-watch';

export interface IdentifyPlan {
  /** The first round is cold (no property defined yet); the others are warm. */
  rounds: number;
  contacts: number;
  callsPerRequest: number;
  connections: number;
  timeLimitMs: number;
}

export const IDENTIFY_PLAN: IdentifyPlan = { rounds: 3, contacts: 20_000, callsPerRequest: 100, connections: 8, timeLimitMs: 60_000 };
const TARGET_CONTACTS_PER_SECOND = 5_000;
const TARGET_REQUESTS_PER_100 = 1;

interface RoundResult {
  contactsPerSecond: number;
  ingestMs: number;
  totalMs: number;
  requests: number;
  contactMetadata: number;
  bulkJobs: number;
  jobPolls: number;
  singleUpserts: number;
}

function delta(before: MailjetState, after: MailjetState): Omit<RoundResult, 'contactsPerSecond' | 'ingestMs' | 'totalMs'> {
  const [a, b] = [before.requests, after.requests];
  return {
    requests: b.total - a.total,
    contactMetadata: b.contactMetadata - a.contactMetadata,
    bulkJobs: b.bulkJobs - a.bulkJobs,
    jobPolls: b.jobPolls - a.jobPolls,
    singleUpserts: b.singleUpserts - a.singleUpserts,
  };
}

function describeRound(r: RoundResult, index: number): string {
  const kind = index === 0 ? 'cold' : 'warm';
  return `${kind}: ${formatNumber(r.contactsPerSecond)} contacts/s (ingest done at ${formatNumber(r.ingestMs)} ms, all in Mailjet at ${formatNumber(r.totalMs)} ms; ` +
    `${r.requests} Mailjet requests: ${r.bulkJobs} bulk jobs, ${r.jobPolls} job polls, ${r.singleUpserts} single upserts, ${r.contactMetadata} contactmetadata)`;
}

export async function benchIdentifyToMailjet(plan: IdentifyPlan = IDENTIFY_PLAN): Promise<ScenarioResult> {
  const mailjet = await startMailjetInChild();
  const relay = await startBenchEngine({ mailjetUrl: mailjet.url });
  relay.engine.operatorSettings.write({ listId: mailjet.listId });
  relay.engine.nudge();
  const watch = watchProcess();
  const rounds: RoundResult[] = [];
  let largestJob = 0;
  try {
    for (let round = 0; round < plan.rounds; round += 1) {
      const before = await mailjet.state();
      const result = await watched(watch, async () => {
        const load = await runLoadInChild({
          baseUrl: relay.engine.relayUrl,
          path: SEGMENT_BATCH_PATH,
          headers: segmentHeaders(),
          body: { kind: 'segment-identify', eventsPerRequest: plan.callsPerRequest, firstEvent: round * plan.contacts },
          connections: plan.connections,
          requests: Math.ceil(plan.contacts / plan.callsPerRequest),
          timeLimitMs: plan.timeLimitMs,
        });
        // The clock starts at the load's first request, not at the load process's start-up.
        const started = performance.now() - load.durationMs;
        if (load.failed > 0) throw new Error(`the relay refused ${load.failed} requests: ${JSON.stringify(load.problems)}`);
        const after = await mailjet.waitForListed((round + 1) * plan.contacts, plan.timeLimitMs);
        const totalMs = performance.now() - started;
        largestJob = after.largestJob;
        return { contactsPerSecond: (plan.contacts * 1000) / totalMs, ingestMs: load.durationMs, totalMs, ...delta(before, after) };
      });
      rounds.push(result);
    }
  } finally {
    await relay.stop();
    await mailjet.stop();
  }
  const loop = watch.finish();
  const rate = median(rounds.map((r) => r.contactsPerSecond));
  const perHundred = median(rounds.map((r) => (r.requests * 100) / plan.contacts));
  const warmMetadata = rounds.slice(1).reduce((n, r) => n + r.contactMetadata, 0);
  return {
    scenario: '8. identify to Mailjet',
    measured: `${formatNumber(rate)} contacts/s, ${perHundred.toFixed(2)} req/100 contacts, ${warmMetadata} contactmetadata when warm`,
    baseline: '-',
    target: `>= ${formatNumber(TARGET_CONTACTS_PER_SECOND)} contacts/s, <= ${TARGET_REQUESTS_PER_100} req/100, 0 contactmetadata when warm`,
    pass: rate >= TARGET_CONTACTS_PER_SECOND && perHundred <= TARGET_REQUESTS_PER_100 && warmMetadata === 0,
    values: { contactsPerSecond: rate, requestsPer100: perHundred, warmContactMetadata: warmMetadata, largestJob, loopMaxMs: loop.loopMaxMs },
    eventLoop: { maxMs: loop.loopMaxMs, p99Ms: loop.loopP99Ms },
    details: [
      `${formatNumber(plan.contacts)} new contacts per round in /v1/batch bodies of ${plan.callsPerRequest} identify calls over ${plan.connections} connections, from the first POST until the emulator's list (another process; bulk jobs take 50 ms) holds them; median of ${plan.rounds} rounds on one engine`,
      `rounds: ${rounds.map(describeRound).join('; ')}`,
      `largest bulk job: ${formatNumber(largestJob)} contacts`,
      describeLoopDelay(loop, 'rounds'),
    ],
  };
}
