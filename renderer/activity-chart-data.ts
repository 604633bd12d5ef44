// Turns per-minute counts into fixed slots for chart.js and a one-sentence summary for screen readers.
// Each type keeps its colour (event-colours.ts), Mailjet events and Segment calls stack apart, junk
// types are "other", and failures and refusals are a series of their own. Pure: callers pass `now`.
import type { ActivityMinute } from '../shared/api';
import { chartKind, colourFor, compareKinds, kindGroup } from './event-colours';

const MINUTE_MS = 60_000;
export const CHART_SLOTS = 60;
/** Kept for callers that speak of the hour view. */
export const HOUR_SLOTS = CHART_SLOTS;
/** A tick label every this many slots keeps 60 slots readable on a narrow window. */
export const LABEL_EVERY_SLOTS = 10;

export interface ChartDataset {
  label: string;
  data: number[];
  backgroundColor: string;
  /** chart.js stacks datasets with the same stack: Mailjet events, Segment calls, problems. */
  stack: string;
}

export interface ChartSeries {
  /** One label per slot, oldest first; the last slot holds the current minute. */
  labels: string[];
  datasets: ChartDataset[];
}

/** Kinds as the chart shows them (junk grouped as "other"), Mailjet events first. */
export function kindsOf(perMinute: readonly ActivityMinute[]): string[] {
  return [...new Set(perMinute.flatMap((m) => Object.keys(m.counts).map(chartKind)))].sort(compareKinds);
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local HH:MM (24-hour), the way the chart and the table name a minute. */
export function minuteLabel(iso: string | number): string {
  const date = new Date(iso);
  return `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}

/** The start (ms) of each slot ending with the one `now` falls in, oldest first. */
export function chartSlots(now: number, slotMinutes = 1, count = CHART_SLOTS): number[] {
  const size = slotMinutes * MINUTE_MS;
  const current = Math.floor(now / size) * size;
  return Array.from({ length: count }, (_unused, i) => current - (count - 1 - i) * size);
}

export function hourSlots(now: number): number[] {
  return chartSlots(now, 1);
}

/**
 * Always `slots` slots (60 by default) with zeros where nothing arrived: the back end omits empty
 * minutes, and a lone busy minute must read as one narrow bar. `slotMinutes` widens each slot.
 */
export function buildChartSeries(perMinute: readonly ActivityMinute[], now: number, options: { slotMinutes?: number; slots?: number; problems?: readonly ActivityMinute[] } = {}): ChartSeries {
  const slotMinutes = options.slotMinutes ?? 1;
  const count = options.slots ?? CHART_SLOTS;
  const size = slotMinutes * MINUTE_MS;
  const slots = chartSlots(now, slotMinutes, count);
  const first = slots[0] ?? 0;
  const slotOf = (iso: string): number | undefined => {
    const index = Math.floor((Date.parse(iso) - first) / size);
    return index >= 0 && index < count ? index : undefined;
  };
  const series = (rows: readonly ActivityMinute[], kind: string, stack: string): ChartDataset => {
    const data = new Array<number>(count).fill(0);
    for (const m of rows) {
      const slot = slotOf(m.minute);
      if (slot === undefined) continue;
      for (const [raw, n] of Object.entries(m.counts)) if (chartKind(raw) === kind || raw === kind) data[slot] = (data[slot] ?? 0) + n;
    }
    return { label: kind, data, backgroundColor: colourFor(kind), stack };
  };
  const datasets = kindsOf(perMinute).map((kind) => series(perMinute, kind, kindGroup(kind) === 'segment' ? 'Segment calls' : 'Mailjet events'));
  for (const problem of ['failed', 'refused'] as const) {
    if (options.problems?.some((m) => (m.counts[problem] ?? 0) > 0)) datasets.push(series(options.problems, problem, 'Problems'));
  }
  return { labels: slots.map((start) => minuteLabel(start)), datasets };
}

/** Which slots get an x-axis label: every tenth minute of the clock, plus the current one. */
export function showTickAt(slot: number, labels: readonly string[]): boolean {
  if (slot === labels.length - 1) return true;
  const minutes = Number(labels[slot]?.slice(3));
  // Skip a round label too close to "now" so the two never overlap.
  return minutes % LABEL_EVERY_SLOTS === 0 && slot < labels.length - 4;
}

/** `period` names the chart's span, e.g. "the last hour". */
export function summarizeActivity(perMinute: readonly ActivityMinute[], problems: readonly ActivityMinute[] = [], period = 'the last hour'): string {
  const totals = new Map<string, number>();
  let busiest: { minute: string; total: number } | null = null;
  for (const m of perMinute) {
    let total = 0;
    for (const [raw, n] of Object.entries(m.counts)) {
      const kind = chartKind(raw);
      totals.set(kind, (totals.get(kind) ?? 0) + n);
      total += n;
    }
    if (total > 0 && (!busiest || total > busiest.total)) busiest = { minute: m.minute, total };
  }
  const failed = problems.reduce((n, m) => n + (m.counts.failed ?? 0), 0);
  const refused = problems.reduce((n, m) => n + (m.counts.refused ?? 0), 0);
  const trouble = [failed > 0 ? `${failed} failed` : '', refused > 0 ? `${refused} refused` : ''].filter(Boolean).join(', ');
  if (!busiest) return trouble === '' ? `No events in ${period}.` : `No events in ${period}; ${trouble}.`;
  const parts = [...totals]
    .filter(([, n]) => n > 0)
    .sort(([ka, a], [kb, b]) => b - a || ka.localeCompare(kb))
    .map(([kind, n]) => `${n} ${kind}`);
  const title = period.replace(/^the /, '');
  return `${title.charAt(0).toUpperCase()}${title.slice(1)}: ${parts.join(', ')}${trouble === '' ? '' : `; ${trouble}`}. Busiest minute ${minuteLabel(busiest.minute)} with ${busiest.total} events.`;
}
