// Writes a bench run into docs/benchmarks.md, between the `bench:run` markers, so the lead regenerates
// the document with one command (`npm run bench -- --write-doc`). It measures nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { formatMarkdown, type ScenarioFailure, type ScenarioResult } from './bench-report';

export interface BenchRun {
  startedAt: string;
  machine: { node: string; cores: number; cpu: string; loadBefore: number[]; loadAfter: number[] };
  results: ScenarioResult[];
  failures: ScenarioFailure[];
}

const START = '<!-- bench:run:start (written by npm run bench -- --write-doc) -->';
const END = '<!-- bench:run:end -->';

export function runSection(run: BenchRun): string {
  const { machine } = run;
  const load = (values: number[]): string => values.map((n) => n.toFixed(2)).join(' ');
  const missed = run.results.filter((r) => !r.pass).map((r) => r.scenario);
  return [
    START,
    `Run started ${run.startedAt}: node ${machine.node}, ${machine.cores} cores (${machine.cpu}), load average ${load(machine.loadBefore)} before and ${load(machine.loadAfter)} after.`,
    '',
    formatMarkdown(run.results, run.failures),
    '',
    missed.length === 0 ? 'Every target was met in this run.' : `Missed in this run: ${missed.join('; ')}. The details below say by how much.`,
    '',
    ...run.results.flatMap((r) => [`- **${r.scenario}**`, ...r.details.map((line) => `  - ${line}`)]),
    END,
  ].join('\n');
}

/** Replaces the marked section of the document (or appends one) with this run. */
export function writeRunIntoDoc(path: string, run: BenchRun): void {
  const text = readFileSync(path, 'utf8');
  const section = runSection(run);
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const next = start >= 0 && end > start ? `${text.slice(0, start)}${section}${text.slice(end + END.length)}` : `${text.trimEnd()}\n\n## Latest run\n\n${section}\n`;
  writeFileSync(path, next);
}
