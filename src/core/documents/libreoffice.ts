/**
 * LibreOffice, headless, for checking the DOCX export and for the benchmark against what
 * offices do today (`soffice --headless --convert-to pdf`). Not used to serve documents.
 * Callers skip when {@link libreOfficeMissing} says it is not installed (CI does not install it;
 * on Debian: apt-get install libreoffice-writer-nogui).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOCX_FONT } from './docx.js';

const CANDIDATES = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'];

/** The soffice binary, or null. */
export function sofficePath(): string | null {
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/** A message naming what is missing, or false when soffice is there. */
export function libreOfficeMissing(): string | false {
  return sofficePath() === null
    ? 'LibreOffice not found: install libreoffice-writer-nogui (apt-get install libreoffice-writer-nogui) to run the DOCX → PDF checks'
    : false;
}

/**
 * A fontconfig file that adds the Sarabun TTFs of @expo-google-fonts/sarabun and maps
 * "TH Sarabun New" to Sarabun, so that LibreOffice draws Thai (the machine has no Thai font of
 * its own). Sarabun at the same point size is larger than TH Sarabun New: the pages show
 * more lines per page than Word with the real font.
 */
function fontConfig(dir: string): string {
  const fonts = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/sarabun/package.json'));
  const file = path.join(dir, 'fonts.conf');
  fs.writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${fonts}</dir>
  <cachedir>${path.join(dir, 'fc-cache')}</cachedir>
  <alias binding="same"><family>${DOCX_FONT}</family><prefer><family>Sarabun</family></prefer></alias>
</fontconfig>
`,
  );
  return file;
}

export interface LibreOfficeSession {
  /** Converts DOCX bytes to PDF bytes with `soffice --headless --convert-to pdf`; ms is the wall time of the soffice process. */
  convert(docx: Uint8Array): { pdf: Uint8Array; ms: number };
  /** Removes the profile and working files. */
  close(): void;
}

/**
 * A working directory with a fresh LibreOffice profile (the first conversion creates it, as on
 * a newly installed office computer; later ones reuse it).
 */
export function libreOfficeSession(): LibreOfficeSession {
  const soffice = sofficePath();
  if (soffice === null) throw new Error(libreOfficeMissing() || 'LibreOffice not found');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-lo-'));
  const env = { ...process.env, FONTCONFIG_FILE: fontConfig(dir), HOME: dir };
  const profile = pathToFileURL(path.join(dir, 'profile')).href;
  let n = 0;
  return {
    convert(docx) {
      const name = `doc-${++n}`;
      const input = path.join(dir, `${name}.docx`);
      fs.writeFileSync(input, docx);
      const start = performance.now();
      const r = spawnSync(
        soffice,
        [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, input],
        {
          env,
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      const ms = performance.now() - start;
      const output = path.join(dir, `${name}.pdf`);
      if (r.status !== 0 || !fs.existsSync(output)) throw new Error(`soffice failed (${r.status ?? r.signal}): ${r.stderr}`);
      const pdf = new Uint8Array(fs.readFileSync(output));
      fs.rmSync(output);
      fs.rmSync(input);
      return { pdf, ms };
    },
    close() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
