// The summary row of issue 15's event-loop target: the worst event-loop delay any scenario measured in
// the bench process (where the relay engine runs) against <= 50 ms. It measures nothing itself.
import type { ScenarioResult } from './bench-report';
import { LOOP_DELAY_TARGET_MS } from './process-watch';

export function loopDelayRow(results: readonly ScenarioResult[]): ScenarioResult {
  const watched = results.filter((r) => r.eventLoop !== undefined);
  const worst = watched.reduce((max, r) => Math.max(max, r.eventLoop?.maxMs ?? 0), 0);
  const over = watched.filter((r) => (r.eventLoop?.maxMs ?? 0) > LOOP_DELAY_TARGET_MS).map((r) => r.scenario);
  const unwatched = results.filter((r) => r.eventLoop === undefined).map((r) => r.scenario);
  return {
    scenario: 'event-loop delay, every scenario',
    measured: `max ${worst.toFixed(1)} ms`,
    baseline: '-',
    target: `<= ${LOOP_DELAY_TARGET_MS} ms in every scenario`,
    pass: over.length === 0,
    values: { worstLoopMaxMs: worst },
    details: [
      ...watched.map((r) => `${r.scenario}: max ${r.eventLoop?.maxMs.toFixed(1)} ms, p99 ${r.eventLoop?.p99Ms.toFixed(1)} ms`),
      ...(over.length > 0 ? [`over the target: ${over.join('; ')}`] : []),
      ...(unwatched.length > 0 ? [`not watched (the relay runs in a child process, or no engine runs): ${unwatched.join('; ')}`] : []),
    ],
  };
}
