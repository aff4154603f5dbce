import { BAR, type ChartOptions, GRID, LINE, renderChart, TEXT } from '../../core/ui/charts.js';
import type { ProgressTotals } from './progress.js';

/**
 * The budget's chart (ECharts SVG drawn on the server, see core/ui/charts): plan against actual
 * per quarter — bars of what was planned and what was disbursed in each quarter, and a line of
 * the disbursement to date (cumulative). The page and the PDF show the same numbers in a table
 * beside it. Amounts are drawn in millions of baht (the drawing only; sums stay in satang).
 */

export { loadCharts } from '../../core/ui/charts.js';

/** A lighter bar for the plan (3:1 against white), the darker one for the actual. */
export const PLAN_BAR = '#6b8fc7';

export interface QuarterPoint {
  label: string;
  plannedSatang: number;
  /** null: the quarter has not started (no bar, no point). */
  disbursedSatang: number | null;
  cumulativeSatang: number | null;
}

/** The quarters of a progress, counting disbursements only through its throughMonth. */
export function quarterPoints(total: ProgressTotals, throughMonth: number, labels: readonly string[]): QuarterPoint[] {
  let cumulative = 0;
  return [0, 1, 2, 3].map((q) => {
    const started = throughMonth > q * 3;
    const disbursed = total.disbursedByQuarter[q] ?? 0;
    if (started) cumulative += disbursed;
    return {
      label: labels[q] ?? `Q${q + 1}`,
      plannedSatang: total.plannedByQuarter[q] ?? 0,
      disbursedSatang: started ? disbursed : null,
      cumulativeSatang: started ? cumulative : null,
    };
  });
}

const millions = (satang: number) => satang / 100 / 1_000_000;

export function quarterChart(
  points: QuarterPoint[],
  o: ChartOptions & { legend: { planned: string; disbursed: string; cumulative: string } },
): string {
  const fs = o.fontSize ?? 13;
  return renderChart(
    {
      color: [PLAN_BAR, BAR, LINE],
      legend: {
        top: 0,
        left: 'center',
        itemGap: 18,
        textStyle: { color: TEXT, fontSize: fs },
        data: [o.legend.planned, o.legend.disbursed, o.legend.cumulative],
      },
      // Two legend rows' room: ECharts measures Thai too wide on the server and may wrap the legend.
      grid: { left: 12, right: 16, top: 28 + fs * 3, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: points.map((p) => p.label),
        axisLabel: { color: TEXT, fontSize: fs, interval: 0 },
        axisLine: { lineStyle: { color: TEXT } },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => o.format(v), color: TEXT, fontSize: fs },
        splitLine: { lineStyle: { color: GRID } },
      },
      series: [
        {
          name: o.legend.planned,
          type: 'bar',
          data: points.map((p) => millions(p.plannedSatang)),
          barMaxWidth: 34,
          itemStyle: { color: PLAN_BAR },
        },
        {
          name: o.legend.disbursed,
          type: 'bar',
          data: points.map((p) => (p.disbursedSatang == null ? null : millions(p.disbursedSatang))),
          barMaxWidth: 34,
          itemStyle: { color: BAR },
        },
        {
          name: o.legend.cumulative,
          type: 'line',
          data: points.map((p) => (p.cumulativeSatang == null ? null : millions(p.cumulativeSatang))),
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
