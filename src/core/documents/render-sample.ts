/**
 * Renders the sample memo (sample-memo.ts) to a PDF, for looking at the layout:
 *   node --import tsx src/core/documents/render-sample.ts /tmp/memo.pdf [portrait|landscape] [--no-garuda]
 * The Garuda is read from ../shared/assets/garuda.svg (beside the repository) when it is there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMemo } from './memo.js';
import { sampleMemo, sharedGaruda } from './sample-memo.js';

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const out = process.argv[2] ?? '/tmp/memo.pdf';
  const orientation = process.argv.includes('portrait') ? 'portrait' : 'landscape';
  const garuda = process.argv.includes('--no-garuda') ? undefined : sharedGaruda();
  const pdf = await renderMemo(sampleMemo({ ...(garuda === undefined ? {} : { garuda }), orientation }));
  fs.writeFileSync(out, pdf);
  console.log(`${out}: ${pdf.byteLength} bytes${garuda === undefined ? ' (no Garuda)' : ''}`);
}
