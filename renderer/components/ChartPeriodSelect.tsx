// How far back the chart reaches: 15 one-minute bars make a burst stand out, 6 or 24 hours show the
// day in 60 wider bars.

export interface ChartPeriod {
  label: string;
  /** For the summary sentence: "the last hour". */
  phrase: string;
  minutes: number;
  slotMinutes: number;
}

export const CHART_PERIODS = [
  { label: 'Last 15 minutes', phrase: 'the last 15 minutes', minutes: 15, slotMinutes: 1 },
  { label: 'Last hour', phrase: 'the last hour', minutes: 60, slotMinutes: 1 },
  { label: 'Last 6 hours', phrase: 'the last 6 hours', minutes: 360, slotMinutes: 6 },
  { label: 'Last 24 hours', phrase: 'the last 24 hours', minutes: 1440, slotMinutes: 24 },
] as const satisfies readonly ChartPeriod[];

export function ChartPeriodSelect({ value, onChange }: { value: ChartPeriod; onChange(period: ChartPeriod): void }) {
  return (
    <div className="field-row">
      <label htmlFor="chart-period">Chart period</label>
      <select id="chart-period" value={value.minutes} onChange={(e) => onChange(CHART_PERIODS.find((p) => p.minutes === Number(e.target.value)) ?? CHART_PERIODS[1])}>
        {CHART_PERIODS.map((p) => <option key={p.minutes} value={p.minutes}>{p.label}</option>)}
      </select>
    </div>
  );
}
