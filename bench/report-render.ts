/**
 * `npm run bench` (second part) or `npm run bench:report`: the 10-measure ITA report (the memo,
 * three comment blocks and the landscape table of the seed) rendered to PDF by Prongsai
 * (Typst, warm compiler), side by side in the same run with what offices do today: LibreOffice
 * converting the DOCX export of the same report (`soffice --headless --convert-to pdf`, a
 * fresh profile directory; one process per conversion, as a clerk's "export as PDF" or a
 * conversion script does). Goal from issue 3: at least 50× faster (median against median).
 * Without LibreOffice the run says so and reports only Prongsai's figures.
 * Results are printed and written to bench/results/report-render-*.json. Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderMemoDocx } from '../src/core/documents/docx.js';
import { libreOfficeMissing, libreOfficeSession } from '../src/core/documents/libreoffice.js';
import { renderMemo } from '../src/core/documents/memo.js';
import { pdfPageSizes, popplerMissing } from '../src/core/documents/pdf-tools.js';
import { sampleMemo, sharedGaruda } from '../src/core/documents/sample-memo.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 50);
const LO_RUNS = Number(process.env.BENCH_LIBREOFFICE_RUNS ?? 5);

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (pos - lo);
}

function stats(times: readonly number[]) {
  const s = [...times].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    runs: s.length,
    medianMs: r(quantile(s, 0.5)),
    p95Ms: r(quantile(s, 0.95)),
    minMs: r(s[0] ?? Number.NaN),
    maxMs: r(s.at(-1) ?? Number.NaN),
  };
}

async function timed<T>(n: number, f: () => Promise<T>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await f();
    times.push(performance.now() - start);
  }
  return times;
}

async function main() {
  const garuda = sharedGaruda();
  const input = sampleMemo(garuda === undefined ? {} : { garuda });
  console.log(
    `Prongsai report-render bench — ${os.cpus().length} cores, Node ${process.version}; the 10-measure report${garuda ? ' with the Garuda' : ' (no Garuda found)'}`,
  );

  // Prongsai: Typst, warm (compiler, fonts, template loaded by the first renders).
  const coldStart = performance.now();
  const pdf = await renderMemo(input);
  const coldMs = Math.round(performance.now() - coldStart);
  for (let i = 0; i < 3; i++) await renderMemo(input);
  const ours = stats(await timed(RUNS, () => renderMemo(input)));
  const pages = popplerMissing() ? null : pdfPageSizes(pdf).length;
  console.log(
    `\nPDF (Typst, warm, ${ours.runs} runs): median ${ours.medianMs} ms, p95 ${ours.p95Ms} ms (first render in the process ${coldMs} ms); ${pdf.byteLength} bytes, ${pages ?? '?'} pages`,
  );

  // The DOCX export itself (what LibreOffice is given).
  const docx = await renderMemoDocx(input);
  await renderMemoDocx(input);
  const docxStats = stats(await timed(Math.min(RUNS, 20), () => renderMemoDocx(input)));
  console.log(`DOCX export (${docxStats.runs} runs): median ${docxStats.medianMs} ms; ${docx.byteLength} bytes`);

  let libreoffice: null | ({ version: string; firstConversionMs: number; pages: number | null } & ReturnType<typeof stats>) = null;
  const missing = libreOfficeMissing();
  if (missing) {
    console.log(`\nLibreOffice: ${missing} — no reference in this run`);
  } else {
    const lo = libreOfficeSession();
    try {
      // The first conversion creates the fresh profile; it is reported but not in the median.
      const first = lo.convert(docx);
      const times: number[] = [];
      for (let i = 0; i < LO_RUNS; i++) times.push(lo.convert(docx).ms);
      const version = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).stdout.trim();
      libreoffice = {
        version,
        firstConversionMs: Math.round(first.ms),
        pages: popplerMissing() ? null : pdfPageSizes(first.pdf).length,
        ...stats(times),
      };
      console.log(
        `LibreOffice DOCX → PDF (${version}; ${LO_RUNS} runs after the first): median ${libreoffice.medianMs} ms, p95 ${libreoffice.p95Ms} ms (first, fresh profile: ${libreoffice.firstConversionMs} ms); ${libreoffice.pages ?? '?'} pages`,
      );
    } finally {
      lo.close();
    }
  }

  const ratio = libreoffice === null ? null : Math.round((libreoffice.medianMs / ours.medianMs) * 10) / 10;
  if (ratio !== null)
    console.log(
      `ratio: Prongsai is ${ratio}× faster than LibreOffice (median against median; goal ≥ 50×) — ${ratio >= 50 ? 'met' : 'NOT met'}`,
    );

  const result = {
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    document: {
      garuda: garuda !== undefined,
      measures: 10,
      comments: input.comments?.length ?? 0,
      pdfBytes: pdf.byteLength,
      pdfPages: pages,
      docxBytes: docx.byteLength,
    },
    prongsaiPdf: { ...ours, firstRenderMs: coldMs },
    prongsaiDocx: docxStats,
    libreoffice: libreoffice ?? { missing },
    ratioToLibreOffice: ratio,
    goal: { ratioToLibreOffice: 50 },
  };
  const dir = path.join(root, 'bench', 'results');
  const out = path.join(dir, `report-render-${result.date.slice(0, 19).replace(/[:T]/g, '-')}.json`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'report-render-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(root, out)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
