// `npm run bench`: runs every benchmark scenario once (each a few bounded rounds, 127.0.0.1 only), then
// prints one table of measured value, same-run baseline, ratio, target and PASS/MISS, plus the same
// table as Markdown for docs/benchmarks.md. A MISS is reported, not fatal; only a crash exits 1.
// `--json` prints the run as JSON (only); `--write-doc` also writes it into docs/benchmarks.md.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeRunIntoDoc, type BenchRun } from './bench-doc';
import { benchFixedRateLatency } from './fixed-rate.bench';
import { benchBacklog } from './backlog.bench';
import { benchBackfill } from './backfill.bench';
import { benchBacklogRss } from './backlog-rss.bench';
import { formatMarkdown, formatTable, type ScenarioFailure, type ScenarioResult } from './bench-report';
import { benchColdStart } from './cold-start.bench';
import { benchEndToEnd } from './end-to-end.bench';
import { benchGroupedIngest, benchSingleEventIngest } from './ingest.bench';
import { benchIdentifyToMailjet } from './identify.bench';
import { benchLockedDatabase } from './locked-database.bench';
import { loopDelayRow } from './loop-delay-row';
import { removeRetiredDataDirs, sweepDataDirs } from './data-dirs';
import { benchMillionQueued } from './million.bench';

const SCENARIOS: Array<{ name: string; run: () => Promise<ScenarioResult> }> = [
  { name: '6. cold start', run: () => benchColdStart() },
  { name: '1. durable single-event ingest', run: () => benchSingleEventIngest() },
  { name: '1b. p99 at a fixed 1,000 req/s', run: () => benchFixedRateLatency() },
  { name: '1c. locked database under load', run: () => benchLockedDatabase() },
  { name: '2. grouped ingest', run: () => benchGroupedIngest() },
  { name: '3. end to end to Segment', run: () => benchEndToEnd() },
  { name: '4. upstream requests under backlog', run: () => benchBacklog() },
  { name: '5. flat cost with 1M queued', run: () => benchMillionQueued() },
  { name: '7. history import', run: () => benchBackfill() },
  { name: '8. identify to Mailjet', run: () => benchIdentifyToMailjet() },
  { name: '9. RSS while a 100,000 backlog drains', run: () => benchBacklogRss() },
];

function describeMachine(): string {
  const load = loadavg().map((n) => n.toFixed(2)).join(' ');
  return `node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${load}`;
}

const DOC_PATH = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const writeDoc = args.includes('--write-doc');
  const only = args.filter((arg) => !arg.startsWith('--'));
  const loadBefore = loadavg();
  const startedAt = new Date().toISOString();
  // With --json, progress goes to stderr so stdout is one JSON document.
  const out = json ? process.stderr : process.stdout;
  const selected = only.length === 0 ? SCENARIOS : SCENARIOS.filter((s) => only.some((prefix) => s.name.startsWith(prefix)));
  const results: ScenarioResult[] = [];
  const failures: ScenarioFailure[] = [];
  const started = performance.now();
  out.write(`benchmarks on ${describeMachine()}\n`);
  for (const scenario of selected) {
    const scenarioStarted = performance.now();
    out.write(`\n${scenario.name} ...\n`);
    try {
      const result = await scenario.run();
      results.push(result);
      out.write(`${result.pass ? 'PASS' : 'MISS'} ${result.measured} (${((performance.now() - scenarioStarted) / 1000).toFixed(1)} s)\n`);
      for (const line of result.details) out.write(`  ${line}\n`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failures.push({ scenario: scenario.name, error: message });
      out.write(`CRASHED: ${message}\n`);
    } finally {
      // Outside every watch: the scenario's data dirs go once its files are closed (data-dirs.ts).
      await sweepDataDirs();
    }
  }
  // Not a scenario of its own: the rows' event-loop delays, held against the one target.
  if (results.some((r) => r.eventLoop !== undefined)) results.push(loopDelayRow(results));
  out.write(`\n${formatTable(results, failures)}\n`);
  out.write(`\nMarkdown (docs/benchmarks.md):\n\n${formatMarkdown(results, failures)}\n`);
  const run: BenchRun = {
    startedAt,
    machine: { node: process.version, cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown CPU', loadBefore, loadAfter: loadavg() },
    results,
    failures,
  };
  if (json) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
  if (writeDoc) writeRunIntoDoc(DOC_PATH, run);
  removeRetiredDataDirs();
  out.write(`\nall scenarios in ${((performance.now() - started) / 1000).toFixed(0)} s; machine after the run: ${describeMachine()}\n`);
  const missed = results.filter((r) => !r.pass).length;
  if (missed > 0) out.write(`${missed} target(s) missed: see the details above and docs/benchmarks.md\n`);
  return failures.length > 0 ? 1 : 0;
}

process.exitCode = await main();
