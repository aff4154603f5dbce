/**
 * The Sarabun fonts (Google Fonts / Cadson Demak, SIL OFL 1.1) used for every official
 * document, read once per process from `@expo-google-fonts/sarabun`, and the size
 * calibration that makes them set Thai text like TH Sarabun New / PSK, the font the
 * Cabinet resolution of 7 ก.ย. 2553 prescribes for official documents at 16 pt.
 *
 * Calibration. Google's Sarabun is TH Sarabun New redrawn on a larger em: the same text
 * is about 1.5 times wider and taller at the same point size. Measured on the advance
 * widths (hmtx, 1000 units per em) of Sarabun 400 against the published widths of
 * TH SarabunPSK (TH Sarabun New keeps PSK's metrics), summed over every Thai character
 * and space of the seed memo + table (`shared/reference/seed-ita-measures-report-2567.txt`,
 * 6,059 characters):
 *
 * | sample                      | TH Sarabun / Sarabun width | Sarabun pt for TH 16 pt |
 * |-----------------------------|----------------------------|-------------------------|
 * | seed text (Thai + spaces)   | 0.659                      | 10.55                   |
 * | the 46 consonants ก–ฮ       | 0.649                      | 10.39                   |
 * | Thai digits ๐–๙             | 0.655                      | 10.48                   |
 * | Latin a–z and 0–9           | 0.684                      | 10.94                   |
 *
 * The cap heights agree (TH SarabunPSK 476 units, Sarabun 700: 0.68). So one factor,
 * {@link TH_SARABUN_SCALE} = 0.66, turns every size the printing guide gives in TH Sarabun
 * points into Sarabun points: body 16 → 10.56 pt, labels 20 → 13.2 pt, title 29 → 19.14 pt.
 * A line of the memo then holds the same words as the same line typed in TH Sarabun New
 * 16 pt in Word, which is what keeps page breaks and the look of the page the same.
 *
 * Line pitch. Word's "single" spacing for TH Sarabun 16 pt is set by the font's Windows
 * ascent/descent (bounding box 836 / -421 units): 1.257 em, about 20 pt from baseline to
 * baseline. Sarabun's own ascent/descent (1068 / -232) would give 13.7 pt at 10.56 pt, so
 * the templates set the pitch explicitly: {@link LINE_PITCH_PT}.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Multiply a size in TH Sarabun New points by this to get the Sarabun (Google) size. */
export const TH_SARABUN_SCALE = 0.66;

/** A size given in TH Sarabun New points (as in the printing guide) as Sarabun points. */
export function thPt(thSarabunPoints: number): number {
  return Math.round(thSarabunPoints * TH_SARABUN_SCALE * 100) / 100;
}

/** Body text: TH Sarabun New 16 pt → 10.56 pt Sarabun. */
export const BODY_SIZE_PT = thPt(16);

/** Baseline-to-baseline distance of single-spaced body text (Word's single spacing for TH Sarabun 16 pt). */
export const LINE_PITCH_PT = 20;

/** The family name Typst knows the fonts by. */
export const FONT_FAMILY = 'Sarabun';

export type FontFace = 'regular' | 'bold' | 'italic' | 'bold-italic';

const FACE_FILES: Readonly<Record<FontFace, string>> = {
  regular: '400Regular/Sarabun_400Regular.ttf',
  bold: '700Bold/Sarabun_700Bold.ttf',
  italic: '400Regular_Italic/Sarabun_400Regular_Italic.ttf',
  'bold-italic': '700Bold_Italic/Sarabun_700Bold_Italic.ttf',
};

let loaded: Readonly<Record<FontFace, Buffer>> | undefined;

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@expo-google-fonts/sarabun/package.json'));
}

/** The four Sarabun TTF files, read from disk on the first call and shared afterwards. */
export function sarabunFonts(): Readonly<Record<FontFace, Buffer>> {
  if (loaded === undefined) {
    const dir = packageDir();
    const read = (face: FontFace): Buffer => fs.readFileSync(path.join(dir, FACE_FILES[face]));
    loaded = Object.freeze({ regular: read('regular'), bold: read('bold'), italic: read('italic'), 'bold-italic': read('bold-italic') });
  }
  return loaded;
}

/** The font licence (SIL OFL 1.1) that must travel with the fonts. */
export function sarabunLicense(): string {
  return fs.readFileSync(path.join(packageDir(), 'LICENSE_FONT'), 'utf8');
}
