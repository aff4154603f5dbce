import type * as Echarts from 'echarts';

/**
 * The report's charts as SVG drawn on the server with ECharts (no script in the browser, the
 * same picture in the page and in the PDF). The SVG is made safe for the page's CSP (style-src
 * 'self': no style attributes, no <style> element): styles become presentation attributes.
 * Every chart has a table with the same numbers next to it (the text equivalent).
 *
 * ECharts is loaded on first need (`await loadCharts()` before drawing), not when the app
 * starts: it is most of a second of every process's start-up otherwise (CLI, tests, server).
 */

let echarts: typeof Echarts | null = null;

/** Loads ECharts once; call before groupBarChart / trendChart. */
export async function loadCharts(): Promise<void> {
  echarts ??= await import('echarts');
}

export interface ChartOptions {
  width: number;
  height: number;
  /** 'inherit' on the page; the PDF's font family in documents. */
  fontFamily: string;
  fontSize?: number;
  /** Formats a number shown on the chart (Thai digits in documents). */
  format: (x: number) => string;
  /** Accessible name (role="img"); the chart is decorative beside its table when absent. */
  label?: string;
}

/** Colours with enough contrast on white (WCAG 1.4.11: 3:1 for graphics). */
const BAR = '#1d5fa8';
const LINE = '#b8500b';
const TEXT = '#222222';
const GRID = '#c9ccd3';

/** Presentation attributes instead of style attributes; no <style>; no ECharts metadata. */
export function cspSafeSvg(svg: string, label?: string): string {
  let out = svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/\sstyle="([^"]*)"/g, (_m, css: string) =>
      css
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const i = d.indexOf(':');
          const name = d.slice(0, i).trim();
          const value = d.slice(i + 1).trim();
          return /^[a-z-]+$/.test(name) ? ` ${name}="${value.replace(/"/g, '&quot;')}"` : '';
        })
        .join(''),
    )
    .replace(/\s(ecmeta_[a-z_]+|class|pointer-events)="[^"]*"/g, '');
  out = out.replace(
    /^<svg /,
    label ? `<svg role="img" aria-label="${label.replace(/[<>&"]/g, '')}" ` : '<svg aria-hidden="true" focusable="false" ',
  );
  return out;
}

function render(option: Echarts.EChartsCoreOption, o: ChartOptions): string {
  if (!echarts) throw new Error('charts: await loadCharts() before drawing');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: o.width, height: o.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: o.fontFamily, fontSize: o.fontSize ?? 13, color: TEXT }, ...option });
    return cspSafeSvg(chart.renderToSVGString(), o.label);
  } finally {
    chart.dispose();
  }
}

/** Horizontal bars: the mean (1–5) of each group, the value at the end of each bar. */
export function groupBarChart(groups: { title: string; mean: number | null }[], o: ChartOptions): string {
  const rows = [...groups].reverse();
  const fs = o.fontSize ?? 13;
  return render(
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
  return render(
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
