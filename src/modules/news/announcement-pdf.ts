import { FONT_FAMILY } from '../../core/documents/fonts.js';
import type { ImageAsset } from '../../core/documents/memo.js';
import { markThaiWordBreaks } from '../../core/documents/memo.js';
import { renderPdf } from '../../core/documents/typst.js';
import { applyDigits } from '../../core/thai/index.js';

/**
 * A one-page ประกาศ (an organization's official notice) in the usual layout: the Garuda, "ประกาศ
 * <organization>", "เรื่อง …", a rule, the paragraphs, "ประกาศ ณ วันที่ …" and the signature
 * block — Thai digits throughout. Text arrives as JSON data, never as Typst source. Used for
 * the demo's attachment; staff normally attach the signed scan.
 */
export interface AnnouncementInput {
  org: string;
  subject: string;
  paragraphs: string[];
  /** "ประกาศ ณ วันที่ ๑ มีนาคม พ.ศ. ๒๕๖๗" */
  dated: string;
  signer: { name: string; position: string };
  garuda?: ImageAsset;
}

const SOURCE = String.raw`
#let d = json("data.json")
// A page after the first carries its number, "-๒-", centred 1.5 cm from the top, and its text
// starts 2.5 cm down; the first page's Garuda stands 1.5 cm from the top (pulled up by 1 cm).
#set page(paper: "a4", margin: (left: 3cm, right: 2cm, top: 2.5cm, bottom: 2cm), header-ascent: 0.6cm, header: context {
  let n = counter(page).get().first()
  if n > 1 { align(center)[-#str(n).clusters().map(c => d.digits.at(int(c))).join()-] }
})
#set text(font: "${FONT_FAMILY}", size: 16pt, lang: "th")
#set par(justify: false, leading: 0.65em)
#v(-1cm, weak: false)
#align(center)[
  #if d.garuda != none { image(d.garuda, height: 3cm) }
  #v(0.3cm)
  #text(weight: "bold")[#d.title] \
  #text(weight: "bold")[#d.subject]
  #v(-0.2cm)
  #line(length: 3cm, stroke: 0.6pt)
]
#v(0.3cm)
#for p in d.paragraphs [
  #par(first-line-indent: (amount: 2.5cm, all: true))[#p]
  #v(0.15cm)
]
#v(0.5cm)
#pad(left: 5cm)[#d.dated]
#v(1.6cm)
#align(center)[
  #pad(left: 4cm)[(#d.signer.name) \ #d.signer.position]
]
`;

export async function renderAnnouncementPdf(input: AnnouncementInput): Promise<Uint8Array> {
  const th = (s: string) => markThaiWordBreaks(applyDigits(s, 'thai'));
  const files: Record<string, Uint8Array> = {};
  if (input.garuda) files[`garuda.${input.garuda.type}`] = input.garuda.bytes;
  const data = {
    garuda: input.garuda ? `garuda.${input.garuda.type}` : null,
    digits: [...'๐๑๒๓๔๕๖๗๘๙'],
    title: th(`ประกาศ${input.org}`),
    subject: th(`เรื่อง ${input.subject}`),
    paragraphs: input.paragraphs.map(th),
    dated: th(input.dated),
    signer: { name: th(input.signer.name), position: th(input.signer.position) },
  };
  files['data.json'] = new TextEncoder().encode(JSON.stringify(data));
  return renderPdf(SOURCE, files);
}
