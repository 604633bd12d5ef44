// Events per minute by type over the chosen period, always 60 bars wide, one stable colour per type,
// Mailjet events stacked apart from Segment calls, and failures shown. The canvas is unreadable to
// screen readers, so a summary sentence and a table of the non-empty minutes carry the same data.
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import type { ActivityMinute } from '../../shared/api';
import { buildChartSeries, kindsOf, minuteLabel, showTickAt, summarizeActivity } from '../activity-chart-data';
import { chartKind } from '../event-colours';

ChartJS.register(BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** The stylesheet's colours, so axis text and grid lines follow the light or dark theme. */
function themeColour(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function chartOptions(labels: readonly string[]) {
  const text = themeColour('--muted', '#57606a');
  const grid = themeColour('--border', '#d0d7de');
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    color: text,
    plugins: { legend: { labels: { color: text, boxWidth: 12 } } },
    scales: {
      x: {
        stacked: true,
        grid: { display: false },
        border: { color: grid },
        ticks: {
          color: text,
          autoSkip: false,
          maxRotation: 0,
          // chart.js hides a tick whose label is null; the tooltip still names every minute.
          callback: (_value: unknown, index: number) => (showTickAt(index, labels) ? labels[index] : null),
        },
      },
      y: { stacked: true, beginAtZero: true, grid: { color: grid }, border: { color: grid }, ticks: { color: text, precision: 0 } },
    },
  };
}

interface ActivityChartProps {
  perMinute: ActivityMinute[];
  /** Failed and refused per minute, shown as their own series. */
  problems?: ActivityMinute[];
  /** When the counts were read (ms); the chart ends with that minute. */
  now: number;
  /** Minutes per bar: 1 for the last hour, more for longer periods. */
  slotMinutes?: number;
  /** The span shown, in minutes (default 60). */
  minutes?: number;
  /** e.g. "the last hour", for the summary sentence. */
  period?: string;
}

export function ActivityChart({ perMinute, problems = [], now, slotMinutes = 1, minutes = 60, period = 'the last hour' }: ActivityChartProps) {
  const summary = summarizeActivity(perMinute, problems, period);
  const kinds = kindsOf(perMinute);
  const series = buildChartSeries(perMinute, now, { slotMinutes, slots: Math.round(minutes / slotMinutes), problems });
  const busyMinutes = perMinute.filter((m) => Object.values(m.counts).some((n) => n > 0));
  return (
    <figure className="chart">
      <figcaption id="chart-summary">{summary}</figcaption>
      <div className="chart-canvas">
        <Bar data={series} options={chartOptions(series.labels)} role="img" aria-label={`Events per minute by type. ${summary}`} />
      </div>
      {busyMinutes.length > 0 && (
        <details>
          <summary>Show the numbers as a table</summary>
          <table className="table">
            <caption>Events per minute by type, {period.replace(/^the /, '')}</caption>
            <thead>
              <tr><th scope="col">Minute</th>{kinds.map((k) => <th key={k} scope="col">{k}</th>)}</tr>
            </thead>
            <tbody>
              {busyMinutes.map((m) => (
                <tr key={m.minute}>
                  <th scope="row">{minuteLabel(m.minute)}</th>
                  {kinds.map((k) => <td key={k}>{Object.entries(m.counts).filter(([raw]) => chartKind(raw) === k).reduce((n, [, count]) => n + count, 0)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
