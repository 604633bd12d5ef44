import type { ActivityMinute } from '../../shared/api';
import { buildChartSeries, HOUR_SLOTS, hourSlots, minuteLabel, showTickAt, summarizeActivity } from '../../renderer/activity-chart-data';

// Local times, so the HH:MM labels do not depend on the machine's time zone.
const at = (h: number, m: number, s = 0): number => new Date(2026, 10, 27, h, m, s).getTime();
const iso = (h: number, m: number): string => new Date(at(h, m)).toISOString();
const NOW = at(10, 14, 37);

describe('buildChartSeries', () => {
  it('always spans the last 60 minutes, oldest first, ending with the current minute', () => {
    const { labels } = buildChartSeries([], NOW);
    expect(labels).toHaveLength(HOUR_SLOTS);
    expect(labels[0]).toBe('09:15');
    expect(labels.at(-1)).toBe('10:14');
    expect(new Set(labels).size).toBe(60);
  });

  it('shows one busy minute as one slot among 59 zeros', () => {
    const series = buildChartSeries([{ minute: iso(9, 40), counts: { open: 3, click: 1 } }], NOW);
    expect(series.datasets.map((d) => d.label)).toEqual(['open', 'click']);
    const open = series.datasets.find((d) => d.label === 'open')!.data;
    expect(open).toHaveLength(60);
    expect(open.filter((n) => n > 0)).toEqual([3]);
    expect(series.labels[open.indexOf(3)]).toBe('09:40');
  });

  it('puts each minute in its own slot and fills the gaps with zeros', () => {
    const series = buildChartSeries([
      { minute: iso(9, 15), counts: { sent: 2 } },
      { minute: iso(10, 14), counts: { sent: 5 } },
    ], NOW);
    const sent = series.datasets[0]!.data;
    expect(sent[0]).toBe(2);
    expect(sent[59]).toBe(5);
    expect(sent.slice(1, 59).every((n) => n === 0)).toBe(true);
  });

  it('leaves out minutes older than the hour or in the future', () => {
    const series = buildChartSeries([
      { minute: iso(9, 14), counts: { open: 9 } },
      { minute: iso(10, 15), counts: { open: 9 } },
    ], NOW);
    expect(series.datasets[0]!.data.every((n) => n === 0)).toBe(true);
  });
});

describe('colours, groups and problems', () => {
  it('gives a type the same colour whatever else is in the view, and stacks Mailjet events apart from identify calls', () => {
    const alone = buildChartSeries([{ minute: iso(9, 40), counts: { click: 1 } }], NOW);
    const crowded = buildChartSeries([{ minute: iso(9, 40), counts: { open: 2, click: 1, identify: 4 } }], NOW);
    const colourOf = (series: typeof alone, label: string) => series.datasets.find((d) => d.label === label)?.backgroundColor;
    expect(colourOf(crowded, 'click')).toBe(colourOf(alone, 'click'));
    expect(new Set(crowded.datasets.map((d) => d.backgroundColor)).size).toBe(3);
    expect(crowded.datasets.map((d) => [d.label, d.stack])).toEqual([['open', 'Mailjet events'], ['click', 'Mailjet events'], ['identify', 'Segment calls']]);
  });

  it('groups junk types from rejected bodies as "other"', () => {
    const series = buildChartSeries([{ minute: iso(9, 40), counts: { unknown: 2, Opened: 1, open: 1 } }], NOW);
    expect(series.datasets.map((d) => d.label)).toEqual(['open', 'other']);
    expect(series.datasets[1]!.data.filter((n) => n > 0)).toEqual([3]);
  });

  it('shows failures and refusals as their own series, and says so in the summary', () => {
    const problems = [{ minute: iso(10, 0), counts: { failed: 2, refused: 1 } }];
    const series = buildChartSeries([{ minute: iso(10, 0), counts: { open: 5 } }], NOW, { problems });
    expect(series.datasets.map((d) => [d.label, d.stack])).toEqual([['open', 'Mailjet events'], ['failed', 'Problems'], ['refused', 'Problems']]);
    expect(summarizeActivity([{ minute: iso(10, 0), counts: { open: 5 } }], problems)).toBe('Last hour: 5 open; 2 failed, 1 refused. Busiest minute 10:00 with 5 events.');
  });

  it('widens each slot for a longer period, so six hours still fit 60 bars', () => {
    const series = buildChartSeries([{ minute: iso(5, 0), counts: { open: 1 } }, { minute: iso(5, 3), counts: { open: 2 } }], NOW, { slotMinutes: 6 });
    expect(series.labels).toHaveLength(60);
    expect(series.datasets[0]!.data.filter((n) => n > 0)).toEqual([3]);
  });
});

describe('x-axis labels', () => {
  it('labels every tenth minute of the clock and the current minute, nothing else', () => {
    const { labels } = buildChartSeries([], NOW);
    const shown = labels.filter((_l, i) => showTickAt(i, labels));
    expect(shown).toEqual(['09:20', '09:30', '09:40', '09:50', '10:00', '10:10', '10:14']);
  });

  it('drops a round label that would crowd the current minute', () => {
    const slots = hourSlots(at(10, 11, 5)).map((ms) => minuteLabel(ms));
    const shown = slots.filter((_l, i) => showTickAt(i, slots));
    expect(shown.at(-1)).toBe('10:11');
    expect(shown).not.toContain('10:10');
  });
});

describe('summarizeActivity', () => {
  it.each<[ActivityMinute[], string]>([
    [[], 'No events in the last hour.'],
    [[{ minute: iso(9, 40), counts: { open: 3, click: 1 } }, { minute: iso(9, 41), counts: { open: 1 } }], 'Last hour: 4 open, 1 click. Busiest minute 09:40 with 4 events.'],
  ])('%j reads "%s"', (perMinute, sentence) => {
    expect(summarizeActivity(perMinute)).toBe(sentence);
  });
});
