import { FONT_FAMILY } from '../../core/documents/fonts.js';
import { markThaiWordBreaks } from '../../core/documents/memo.js';
import { renderPdf } from '../../core/documents/typst.js';
import { applyDigits } from '../../core/thai/index.js';
import { formatReceiptCode } from './receipt.js';

/**
 * The reporter's receipt (ใบรับเรื่องร้องเรียน): the organization, the receipt code, the day
 * received, the category and the acknowledgement deadline — nothing of the complaint's content,
 * so a lost receipt tells no one what was reported. Thai, with Thai digits in the text; the code
 * is also printed in Arabic digits, as it is typed on the tracking page.
 */
export interface ReceiptInput {
  org: string;
  code: string;
  /** Already formatted in Thai ("๒๖ พฤศจิกายน ๒๕๖๙"). */
  receivedOn: string;
  ackDue: string;
  category: string;
  /** The address of the tracking page. */
  trackUrl: string;
}

const SOURCE = String.raw`
#let d = json("data.json")
#set page(paper: "a5", flipped: true, margin: (x: 1.8cm, y: 1.4cm))
#set text(font: "${FONT_FAMILY}", size: 15pt, lang: "th")
#set par(justify: false, leading: 0.6em)
#align(center)[
  #text(size: 18pt, weight: "bold")[#d.title] \
  #d.org
]
#v(0.3cm)
#align(center)[
  #block(stroke: 1pt, inset: (x: 0.8cm, y: 0.4cm), radius: 4pt)[
    #d.codeLabel \
    #text(size: 26pt, weight: "bold", tracking: 1pt)[#d.code] \
    #text(size: 13pt)[#d.codeThai]
  ]
]
#v(0.3cm)
#grid(columns: (5.2cm, 1fr), row-gutter: 0.35cm,
  [#text(weight: "bold")[วันที่รับเรื่อง]], [#d.receivedOn],
  [#text(weight: "bold")[ประเภทเรื่อง]], [#d.category],
  [#text(weight: "bold")[กำหนดตอบรับเรื่อง]], [#d.ackDue],
  [#text(weight: "bold")[ติดตามเรื่องที่]], [#d.trackUrl],
)
#v(0.3cm)
#text(size: 13pt)[#d.note]
`;

export async function renderReceiptPdf(input: ReceiptInput): Promise<Uint8Array> {
  const th = (s: string) => markThaiWordBreaks(applyDigits(s, 'thai'));
  const code = formatReceiptCode(input.code);
  const data = {
    title: 'ใบรับเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ',
    org: th(input.org),
    codeLabel: 'รหัสรับเรื่อง',
    code,
    codeThai: applyDigits(code, 'thai'),
    receivedOn: th(input.receivedOn),
    category: th(input.category),
    ackDue: th(input.ackDue),
    trackUrl: input.trackUrl,
    note: th(
      'เก็บใบรับเรื่องนี้ไว้เป็นความลับ ผู้ที่มีรหัสรับเรื่องจะเห็นสถานะและส่งข้อมูลในเรื่องนี้ได้ หน่วยงานไม่ได้เก็บรหัสนี้ไว้ จึงออกใบรับเรื่องซ้ำให้ไม่ได้ ใบรับเรื่องนี้ไม่มีรายละเอียดของเรื่องที่ร้องเรียน',
    ),
  };
  return renderPdf(SOURCE, { 'data.json': new TextEncoder().encode(JSON.stringify(data)) });
}
