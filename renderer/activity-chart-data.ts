// Turns per-minute counts into chart.js datasets and a one-sentence summary for screen readers.
// Pure: no React, no chart.js instance.
import type { ActivityMinute } from '../shared/api';

// Readable on both the light and the dark background.
const PALETTE = ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#ec4899', '#14b8a6', '#84cc16'];

export interface ChartSeries {
  labels: string[];
  datasets: Array<{ label: string; data: number[]; backgroundColor: string }>;
}

export function kindsOf(perMinute: readonly ActivityMinute[]): string[] {
  return [...new Set(perMinute.flatMap((m) => Object.keys(m.counts)))].sort();
}

export function minuteLabel(iso: string): string {
  const date = new Date(iso);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

export function buildChartSeries(perMinute: readonly ActivityMinute[]): ChartSeries {
  return {
    labels: perMinute.map((m) => minuteLabel(m.minute)),
    datasets: kindsOf(perMinute).map((kind, i) => ({
      label: kind,
      data: perMinute.map((m) => m.counts[kind] ?? 0),
      backgroundColor: PALETTE[i % PALETTE.length] ?? '#3b82f6',
    })),
  };
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
