import { raw } from 'hono/html';
import { formatNumber, formatSatang } from '../../../core/thai/index.js';
import { useT } from '../../../core/ui/context.js';
import type { ProgressTotals } from '../progress.js';
import { quarterChart, quarterPoints } from '../report-charts.js';

/**
 * Plan against actual per quarter: the chart (SVG drawn on the server, loadCharts() first) and,
 * beside it, the table with the same numbers (its text equivalent). Staff and public pages.
 */
export function QuarterChart({ total, throughMonth, id }: { total: ProgressTotals; throughMonth: number; id: string }) {
  const t = useT();
  const labels = [1, 2, 3, 4].map((q) => t(`budget.chart.q${q}`));
  const points = quarterPoints(total, throughMonth, labels);
  const svg = quarterChart(points, {
    width: 560,
    height: 300,
    fontFamily: 'inherit',
    fontSize: 13,
    format: (x) => formatNumber(x, { decimals: 2 }),
    label: t('budget.chart.label'),
    legend: { planned: t('budget.chart.planned'), disbursed: t('budget.chart.disbursed'), cumulative: t('budget.chart.cumulative') },
  });
  const money = (x: number | null) => (x == null ? '–' : formatSatang(x));
  return (
    <div class="budget-chart">
      <figure class="budget-chart__figure">{raw(svg)}</figure>
      <section class="table-wrap budget-chart__table" aria-labelledby={`${id}-caption`} tabindex={0}>
        <table class="table">
          <caption id={`${id}-caption`}>{t('budget.public.chartTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('budget.report.cols.quarter')}</th>
              <th scope="col" class="num">
                {t('budget.report.cols.plannedQ')}
              </th>
              <th scope="col" class="num">
                {t('budget.report.cols.disbursedQ')}
              </th>
              <th scope="col" class="num">
                {t('budget.report.cols.cumulative')}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr>
                <th scope="row">{t(`budget.chart.q${i + 1}`)}</th>
                <td class="num">{money(p.plannedSatang)}</td>
                <td class="num">{money(p.disbursedSatang)}</td>
                <td class="num">{money(p.cumulativeSatang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
