// `npm run bench`: runs every benchmark scenario once (each a few bounded rounds, 127.0.0.1 only), then
// prints one table of measured value, same-run baseline, ratio, target and PASS/MISS, plus the same
// table as Markdown for docs/benchmarks.md. A MISS is reported, not fatal; only a crash exits 1.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { benchBacklog } from './backlog.bench';
import { benchBackfill } from './backfill.bench';
import { formatMarkdown, formatTable, type ScenarioFailure, type ScenarioResult } from './bench-report';
import { benchColdStart } from './cold-start.bench';
import { benchEndToEnd } from './end-to-end.bench';
import { benchGroupedIngest, benchSingleEventIngest } from './ingest.bench';
import { benchMillionQueued } from './million.bench';

const SCENARIOS: Array<{ name: string; run: () => Promise<ScenarioResult> }> = [
  { name: '6. cold start', run: () => benchColdStart() },
  { name: '1. durable single-event ingest', run: () => benchSingleEventIngest() },
  { name: '2. grouped ingest', run: () => benchGroupedIngest() },
  { name: '3. end to end to Segment', run: () => benchEndToEnd() },
  { name: '4. upstream requests under backlog', run: () => benchBacklog() },
  { name: '5. flat cost with 1M queued', run: () => benchMillionQueued() },
  { name: '7. history import', run: () => benchBackfill() },
];

function describeMachine(): string {
  const load = loadavg().map((n) => n.toFixed(2)).join(' ');
  return `node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${load}`;
}

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const selected = only.length === 0 ? SCENARIOS : SCENARIOS.filter((s) => only.some((prefix) => s.name.startsWith(prefix)));
  const results: ScenarioResult[] = [];
  const failures: ScenarioFailure[] = [];
  const started = performance.now();
  process.stdout.write(`benchmarks on ${describeMachine()}\n`);
  for (const scenario of selected) {
    const scenarioStarted = performance.now();
    process.stdout.write(`\n${scenario.name} ...\n`);
    try {
      const result = await scenario.run();
      results.push(result);
      process.stdout.write(`${result.pass ? 'PASS' : 'MISS'} ${result.measured} (${((performance.now() - scenarioStarted) / 1000).toFixed(1)} s)\n`);
      for (const line of result.details) process.stdout.write(`  ${line}\n`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failures.push({ scenario: scenario.name, error: message });
      process.stdout.write(`CRASHED: ${message}\n`);
    }
  }
  process.stdout.write(`\n${formatTable(results, failures)}\n`);
  process.stdout.write(`\nMarkdown (docs/benchmarks.md):\n\n${formatMarkdown(results, failures)}\n`);
  process.stdout.write(`\nall scenarios in ${((performance.now() - started) / 1000).toFixed(0)} s; machine after the run: ${describeMachine()}\n`);
  const missed = results.filter((r) => !r.pass).length;
  if (missed > 0) process.stdout.write(`${missed} target(s) missed: see the details above and docs/benchmarks.md\n`);
  return failures.length > 0 ? 1 : 0;
}

process.exitCode = await main();
