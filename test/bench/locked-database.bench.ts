// Scenario 1c: a locked database under load. Another connection holds the write lock while single events
// are posted: every one must get 503 promptly and the event loop must stay free; after the lock is gone
// the same load is accepted. Watched: event-loop delay of the bench process (where the engine runs).
import Database from 'libsql';
import { startBenchEngine } from './bench-engine';
import { formatNumber, type ScenarioResult } from './bench-report';
import { MAILJET_EVENTS_PATH, mailjetHeaders } from './bench-traffic';
import { runLoadInChild } from './load-client';
import type { LoadSpec } from './load-generator';
import { describeLoopDelay, loopDelayOk, watched, watchProcess } from './process-watch';

export interface LockedPlan {
  requests: number;
  connections: number;
  timeLimitMs: number;
}

export const LOCKED_PLAN: LockedPlan = { requests: 4_000, connections: 48, timeLimitMs: 15_000 };
/** "Promptly": a refusal must not wait out a busy timeout. */
const TARGET_P99_MS = 50;

export async function benchLockedDatabase(plan: LockedPlan = LOCKED_PLAN): Promise<ScenarioResult> {
  const relay = await startBenchEngine();
  const spec = (firstEvent: number): LoadSpec => ({
    baseUrl: relay.engine.relayUrl,
    path: MAILJET_EVENTS_PATH,
    headers: mailjetHeaders(),
    body: { kind: 'mailjet-events', eventsPerRequest: 1, firstEvent, single: true },
    connections: plan.connections,
    requests: plan.requests,
    timeLimitMs: plan.timeLimitMs,
  });
  const watch = watchProcess();
  try {
    const locker = new Database(`${relay.dataDir}/connector.db`);
    locker.exec('BEGIN IMMEDIATE');
    let locked;
    try {
      locked = await watched(watch, () => runLoadInChild(spec(0)));
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    const unlocked = await runLoadInChild(spec(plan.requests));
    const seen = watch.finish();
    const refused = locked.problems['503'] ?? 0;
    const queued = relay.engine.status().queue.send.pending;
    const pass = refused === locked.sent && locked.latencyMs.p99 <= TARGET_P99_MS && loopDelayOk(seen) && unlocked.failed === 0 && queued === unlocked.ok;
    return {
      scenario: '1c. locked database under load',
      measured: `${formatNumber(refused)} of ${formatNumber(locked.sent)} answered 503, p99 ${locked.latencyMs.p99} ms, event loop max ${seen.loopMaxMs.toFixed(1)} ms`,
      baseline: '-',
      target: `every write 503, p99 <= ${TARGET_P99_MS} ms, event loop <= 50 ms`,
      pass,
      values: { refused, sent: locked.sent, p99Ms: locked.latencyMs.p99, loopMaxMs: seen.loopMaxMs },
      eventLoop: { maxMs: seen.loopMaxMs, p99Ms: seen.loopP99Ms },
      details: [
        `another connection holds BEGIN IMMEDIATE on the data dir's database while ${formatNumber(plan.requests)} single events are posted over ${plan.connections} connections`,
        `while locked: ${formatNumber(locked.requestsPerSecond + (refused * 1000) / locked.durationMs)} answers/s, p50 ${locked.latencyMs.p50} ms, p99 ${locked.latencyMs.p99} ms; answers: ${JSON.stringify(locked.problems)}`,
        `after the lock: ${formatNumber(unlocked.ok)} of ${formatNumber(unlocked.sent)} accepted (${formatNumber(unlocked.requestsPerSecond)} req/s); ${formatNumber(queued)} in the queue`,
        describeLoopDelay(seen, 'locked load'),
      ],
    };
  } finally {
    await relay.stop();
  }
}
