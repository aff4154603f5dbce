import { BAR, type ChartOptions, GRID, LINE, renderChart, TEXT } from '../../core/ui/charts.js';

/** The satisfaction report's charts (ECharts SVG drawn on the server; see core/ui/charts). */

export { loadCharts } from '../../core/ui/charts.js';
export type { ChartOptions };

/** Horizontal bars: the mean (1–5) of each group, the value at the end of each bar. */
export function groupBarChart(groups: { title: string; mean: number | null }[], o: ChartOptions): string {
  const rows = [...groups].reverse();
  const fs = o.fontSize ?? 13;
  return renderChart(
    {
      // A fixed room for the labels: ECharts measures text without the real font on the server
      // (Thai with its marks comes out far too wide), so containLabel would squeeze the bars.
      grid: { left: Math.round(o.width * 0.42), right: 56, top: 8, bottom: 28, containLabel: false, outerBoundsMode: 'none' },
      xAxis: {
        type: 'value',
        min: 0,
        max: 5,
        interval: 1,
        axisLabel: { formatter: (v: number) => o.format(v), color: TEXT, fontSize: fs },
        splitLine: { lineStyle: { color: GRID } },
      },
      yAxis: {
        type: 'category',
        data: rows.map((g) => g.title),
        axisLabel: { color: TEXT, fontSize: fs },
        axisLine: { lineStyle: { color: TEXT } },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          data: rows.map((g) => g.mean ?? 0),
          barMaxWidth: 26,
          itemStyle: { color: BAR },
          label: {
            show: true,
            position: 'right',
            color: TEXT,
            fontSize: fs,
            formatter: (p: { dataIndex: number }) => {
              const m = rows[p.dataIndex]?.mean;
              return m == null ? '–' : o.format(m);
            },
          },
        },
      ],
    },
    o,
  );
}

/** A line of the overall mean per month (gaps for months without answers), the values on the points. */
export function trendChart(months: { label: string; mean: number | null }[], o: ChartOptions): string {
  const fs = o.fontSize ?? 13;
  return renderChart(
    {
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: months.map((m) => m.label),
        axisLabel: { color: TEXT, fontSize: fs, interval: 0 },
        axisLine: { lineStyle: { color: TEXT } },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        min: 1,
        max: 5,
        interval: 1,
        axisLabel: { formatter: (v: number) => o.format(v), color: TEXT, fontSize: fs },
        splitLine: { lineStyle: { color: GRID } },
      },
      series: [
        {
          type: 'line',
          data: months.map((m) => m.mean),
          connectNulls: false,
          symbol: 'circle',
          symbolSize: 8,
          lineStyle: { color: LINE, width: 2.5 },
          itemStyle: { color: LINE },
          label: {
            show: true,
            position: 'top',
            color: TEXT,
            fontSize: fs,
            formatter: (p: { value: number | null }) => (p.value == null ? '' : o.format(p.value)),
          },
        },
      ],
    },
    o,
  );
}
