import type * as Echarts from 'echarts';

/**
 * Charts as SVG drawn on the server with ECharts (no script in the browser, the same picture in
 * the page and in the PDF). The SVG is made safe for the page's CSP (style-src 'self': no style
 * attributes, no <style> element): styles become presentation attributes. Every chart needs a
 * table with the same numbers next to it (the text equivalent).
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
export const BAR = '#1d5fa8';
export const LINE = '#b8500b';
export const TEXT = '#222222';
export const GRID = '#c9ccd3';

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

/** Draws an ECharts option as CSP-safe SVG (loadCharts() first). */
export function renderChart(option: Echarts.EChartsCoreOption, o: ChartOptions): string {
  if (!echarts) throw new Error('charts: await loadCharts() before drawing');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: o.width, height: o.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: o.fontFamily, fontSize: o.fontSize ?? 13, color: TEXT }, ...option });
    return cspSafeSvg(chart.renderToSVGString(), o.label);
  } finally {
    chart.dispose();
  }
}
