// Results of the benchmark scenarios and how they are printed: one row per scenario with the measured
// value, the baseline of the same run, their ratio, the target and PASS/MISS. It measures nothing.

export interface ScenarioResult {
  scenario: string;
  /** e.g. "4,210 req/s". */
  measured: string;
  /** What the measurement is compared with, e.g. "bare http 6,900 req/s"; "-" when the target is absolute. */
  baseline: string;
  /** measured / baseline, or undefined when there is no baseline. */
  ratio?: number;
  target: string;
  pass: boolean;
  /** Rounds, latencies, counts: what a reader needs to judge the number. */
  details: string[];
  /** The raw numbers behind `measured`, for `npm run bench -- --json`. */
  values?: Record<string, number>;
  /** Event-loop delay of the bench process (where the relay engine runs) during the measured part. */
  eventLoop?: { maxMs: number; p99Ms: number };
}

export interface ScenarioFailure {
  scenario: string;
  error: string;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatRatio(ratio: number | undefined): string {
  return ratio === undefined ? '-' : `${ratio.toFixed(2)}x`;
}

const HEADERS = ['scenario', 'measured', 'baseline', 'ratio', 'target', 'result'];

function rowOf(result: ScenarioResult): string[] {
  return [result.scenario, result.measured, result.baseline, formatRatio(result.ratio), result.target, result.pass ? 'PASS' : 'MISS'];
}

/** A fixed-width table for the terminal. */
export function formatTable(results: readonly ScenarioResult[], failures: readonly ScenarioFailure[]): string {
  const rows = [HEADERS, ...results.map(rowOf), ...failures.map((f) => [f.scenario, 'CRASHED', '-', '-', '-', 'ERROR'])];
  const widths = HEADERS.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]): string => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(rows[0] as string[]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The same table as Markdown, for docs/benchmarks.md. */
export function formatMarkdown(results: readonly ScenarioResult[], failures: readonly ScenarioFailure[]): string {
  const rows = [...results.map(rowOf), ...failures.map((f) => [f.scenario, 'CRASHED', '-', '-', '-', 'ERROR'])];
  const line = (row: readonly string[]): string => `| ${row.join(' | ')} |`;
  return [line(HEADERS), line(HEADERS.map(() => '---')), ...rows.map(line)].join('\n');
}
