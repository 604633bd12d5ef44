// Turns per-minute counts into a fixed 60-slot hour for chart.js and a one-sentence summary for
// screen readers. Pure: no React, no chart.js instance, no clock of its own (callers pass `now`).
import type { ActivityMinute } from '../shared/api';

// Readable on both the light and the dark background.
const PALETTE = ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#ec4899', '#14b8a6', '#84cc16'];
const MINUTE_MS = 60_000;
export const HOUR_SLOTS = 60;
/** A tick label every this many minutes keeps 60 slots readable on a narrow window. */
export const LABEL_EVERY_MINUTES = 10;

export interface ChartSeries {
  /** One HH:MM label per minute, oldest first; the last slot is the current minute. */
  labels: string[];
  datasets: Array<{ label: string; data: number[]; backgroundColor: string }>;
}

export function kindsOf(perMinute: readonly ActivityMinute[]): string[] {
  return [...new Set(perMinute.flatMap((m) => Object.keys(m.counts)))].sort();
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local HH:MM (24-hour), the way the chart and the table name a minute. */
export function minuteLabel(iso: string | number): string {
  const date = new Date(iso);
  return `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}

function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** The start (ms) of each of the 60 minutes ending with the one `now` falls in, oldest first. */
export function hourSlots(now: number): number[] {
  const current = floorToMinute(now);
  return Array.from({ length: HOUR_SLOTS }, (_unused, i) => current - (HOUR_SLOTS - 1 - i) * MINUTE_MS);
}

/**
 * Always 60 slots, one per minute of the last hour, with zeros where nothing arrived: the back end
 * omits empty minutes, and a lone busy minute must read as one narrow bar, not the whole width.
 * Minutes outside the hour (clock skew, a stale answer) are left out.
 */
export function buildChartSeries(perMinute: readonly ActivityMinute[], now: number): ChartSeries {
  const slots = hourSlots(now);
  const index = new Map(slots.map((start, i) => [start, i]));
  const inHour = perMinute
    .map((m) => ({ slot: index.get(floorToMinute(Date.parse(m.minute))), counts: m.counts }))
    .filter((m): m is { slot: number; counts: Record<string, number> } => m.slot !== undefined);
  return {
    labels: slots.map((start) => minuteLabel(start)),
    datasets: kindsOf(perMinute).map((kind, i) => {
      const data = new Array<number>(HOUR_SLOTS).fill(0);
      for (const m of inHour) data[m.slot] = (data[m.slot] ?? 0) + (m.counts[kind] ?? 0);
      return { label: kind, data, backgroundColor: PALETTE[i % PALETTE.length] ?? '#3b82f6' };
    }),
  };
}

/** Which of the 60 slots get an x-axis label: every tenth minute of the clock, plus the current one. */
export function showTickAt(slot: number, labels: readonly string[]): boolean {
  if (slot === labels.length - 1) return true;
  const minutes = Number(labels[slot]?.slice(3));
  // Skip a round label too close to "now" so the two never overlap.
  return minutes % LABEL_EVERY_MINUTES === 0 && slot < labels.length - 4;
}

export function summarizeActivity(perMinute: readonly ActivityMinute[]): string {
  const totals = new Map<string, number>();
  let busiest: { minute: string; total: number } | null = null;
  for (const m of perMinute) {
    let total = 0;
    for (const [kind, n] of Object.entries(m.counts)) {
      totals.set(kind, (totals.get(kind) ?? 0) + n);
      total += n;
    }
    if (total > 0 && (!busiest || total > busiest.total)) busiest = { minute: m.minute, total };
  }
  if (!busiest) return 'No events in the last hour.';
  const parts = [...totals]
    .filter(([, n]) => n > 0)
    .sort(([ka, a], [kb, b]) => b - a || ka.localeCompare(kb))
    .map(([kind, n]) => `${n} ${kind}`);
  return `Last hour: ${parts.join(', ')}. Busiest minute ${minuteLabel(busiest.minute)} with ${busiest.total} events.`;
}
