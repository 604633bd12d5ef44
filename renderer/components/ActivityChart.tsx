// Events per minute by type over the last hour. The canvas is unreadable to screen readers, so a
// summary sentence and a table of the non-empty minutes carry the same data.
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import type { ActivityMinute } from '../../shared/api';
import { buildChartSeries, kindsOf, minuteLabel, summarizeActivity } from '../activity-chart-data';

ChartJS.register(BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const OPTIONS = {
  responsive: true,
  maintainAspectRatio: false,
  animation: false as const,
  scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
};

export function ActivityChart({ perMinute }: { perMinute: ActivityMinute[] }) {
  const summary = summarizeActivity(perMinute);
  const kinds = kindsOf(perMinute);
  const busyMinutes = perMinute.filter((m) => Object.values(m.counts).some((n) => n > 0));
  return (
    <figure className="chart">
      <figcaption id="chart-summary">{summary}</figcaption>
      <div className="chart-canvas">
        <Bar data={buildChartSeries(perMinute)} options={OPTIONS} role="img" aria-label={`Events per minute by type. ${summary}`} />
      </div>
      {busyMinutes.length > 0 && (
        <details>
          <summary>Show the numbers as a table</summary>
          <table className="table">
            <caption>Events per minute by type, last hour</caption>
            <thead>
              <tr><th scope="col">Minute</th>{kinds.map((k) => <th key={k} scope="col">{k}</th>)}</tr>
            </thead>
            <tbody>
              {busyMinutes.map((m) => (
                <tr key={m.minute}>
                  <th scope="row">{minuteLabel(m.minute)}</th>
                  {kinds.map((k) => <td key={k}>{m.counts[k] ?? 0}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
