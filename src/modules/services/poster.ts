/**
 * The wall poster of a service (ผังขั้นตอนการให้บริการ), A4 or A3 portrait, always Thai with
 * Thai digits: the title, the steps as a flowchart with each step's duration and who is
 * responsible (the position and the name of its current holder), the total time, the fee
 * ("ไม่มีค่าธรรมเนียม" when none), the documents to bring, and a QR code to the guide's page.
 * It must fit one page: the content is measured and set in the largest of a few text sizes
 * that fits. All text is JSON data (word breaks marked for tw()); never Typst source.
 */
import type { ServiceContext } from '../../core/context.js';
import { markThaiWordBreaks } from '../../core/documents/memo.js';
import { officialTypstLibrary } from '../../core/documents/official.typ.js';
import { renderPdf } from '../../core/documents/typst.js';
import { translator } from '../../core/i18n/i18n.js';
import { qrSvg } from '../../core/qr.js';
import { applyDigits, formatThaiDate } from '../../core/thai/index.js';
import { getOrganization } from '../organization/service.js';
import { bahtText, type GuideView, responsibleLine } from './service.js';
import { durationText, totalText } from './views/common.js';

export const POSTER_SIZES = ['A4', 'A3'] as const;
export type PosterSize = (typeof POSTER_SIZES)[number];

const DATA = 'poster.json';
const QR = 'qr.svg';

const POSTER = `
#let brand = rgb("#1d3f8f")
#let brand-tint = rgb("#e8eef9")

#let poster-body(d, k) = {
  let s(x) = x * k
  // Thai vowels and tone marks reach above the cap height: lines are measured from the ascender
  // so that stacked marks never touch the line above; the leading leaves room for the vowels
  // below the line. The bottom edge stays the baseline: tw() boxes sit on it like plain text.
  set text(..thai-text-setup, size: s(15pt), top-edge: "ascender", bottom-edge: "baseline")
  set par(leading: 0.42em, spacing: 0pt, justify: false, first-line-indent: 0pt)
  block(width: 100%, fill: brand, inset: (x: s(14pt), y: s(10pt)), radius: 6pt, {
    set text(fill: white)
    par(text(size: s(13pt), tw(d.org)))
    v(s(4pt))
    par(text(size: s(14pt), weight: "bold", tw(d.kicker)))
    v(s(2pt))
    par(text(size: s(26pt), weight: "bold", tw(d.title)))
  })
  v(s(10pt))
  grid(columns: (1fr, 34%), column-gutter: s(12pt), {
    // The flowchart: one box per step, joined by arrows.
    let arrow = align(center, block(height: s(16pt), {
      place(center, line(start: (0pt, 0pt), end: (0pt, s(11pt)), stroke: 1.6pt + brand))
      place(center, dy: s(9pt), polygon(fill: brand, (-4pt, 0pt), (4pt, 0pt), (0pt, 6pt)))
    }))
    align(center, box(fill: brand-tint, stroke: 1pt + brand, radius: 50%, inset: (x: s(16pt), y: s(6pt)), text(weight: "bold", tw(d.start))))
    for st in d.steps {
      arrow
      block(width: 100%, breakable: false, stroke: 1.2pt + brand, radius: 6pt, inset: s(8pt), {
        grid(columns: (s(26pt), 1fr, auto), column-gutter: s(7pt), align: (center + horizon, left + horizon, right + horizon),
          circle(radius: s(11pt), fill: brand, align(center + horizon, text(fill: white, weight: "bold", st.n))),
          text(weight: "bold", tw(st.kind)),
          box(fill: brand-tint, inset: (x: s(6pt), y: s(3pt)), radius: 3pt, text(weight: "bold", tw(st.duration))))
        v(s(5pt))
        par(tw(st.detail))
        if st.who != none {
          v(s(5pt))
          par(text(size: s(13pt), fill: luma(40), [#text(weight: "bold", tw(d.labels.who)) #tw(st.who)]))
        }
      })
    }
    arrow
    align(center, box(fill: brand-tint, stroke: 1pt + brand, radius: 50%, inset: (x: s(16pt), y: s(6pt)), text(weight: "bold", tw(d.end))))
  }, {
    let panel(title, body) = block(width: 100%, breakable: false, stroke: 1pt + luma(150), radius: 6pt, inset: s(8pt), {
      par(text(weight: "bold", fill: brand, tw(title)))
      v(s(5pt))
      body
    })
    panel(d.labels.total, par(text(size: s(22pt), weight: "bold", tw(d.total))))
    v(s(8pt))
    panel(d.labels.fee, {
      for (i, f) in d.fees.enumerate() {
        if i > 0 { v(s(4pt)) }
        par(hanging-indent: 0.8em, [• #tw(f)])
      }
    })
    v(s(8pt))
    panel(d.labels.documents, {
      set text(size: s(13pt))
      if d.documents.len() == 0 { par(tw(d.labels.noDocuments)) }
      for (i, doc) in d.documents.enumerate() {
        if i > 0 { v(s(4pt)) }
        par(hanging-indent: 1.1em, [#doc.n. #h(0.2em) #tw(doc.text)])
      }
    })
    v(s(8pt))
    panel(d.labels.qr, {
      align(center, image("${QR}", width: s(3.6cm)))
      v(s(3pt))
      align(center, text(size: s(11pt), d.url))
    })
  })
  v(s(10pt))
  block(width: 100%, stroke: (top: 0.8pt + luma(150)), inset: (top: s(6pt)), {
    set text(size: s(12pt), fill: luma(50))
    par(tw(d.complaint))
    v(s(3pt))
    par(tw(d.footer))
  })
}

#let poster(d) = {
  set document(title: d.title, date: none)
  set page(paper: d.paper, margin: if d.paper == "a3" { 1.6cm } else { 1.1cm })
  let k0 = if d.paper == "a3" { 1.41 } else { 1.0 }
  layout(size => {
    let ks = range(0, 21).map(i => (1.0 - i * 0.03) * k0)
    let chosen = ks.last()
    for k in ks {
      if measure(width: size.width, poster-body(d, k)).height <= size.height {
        chosen = k
        break
      }
    }
    poster-body(d, chosen)
  })
}
`;

export function posterSource(): string {
  return `${officialTypstLibrary()}\n${POSTER}\n#poster(json("${DATA}"))\n`;
}

/** The poster PDF of a published guide. `url` is the guide page's absolute address (the QR code). */
export async function renderPoster(ctx: ServiceContext, view: GuideView, opts: { size: PosterSize; url: string }): Promise<Uint8Array> {
  const t = translator(ctx.app.catalogs, 'th');
  const org = await getOrganization(ctx);
  const th = (s: string) => markThaiWordBreaks(applyDigits(s, 'thai'));
  const g = view.guide;
  const total = totalText(t, view.total);
  const data = {
    paper: opts.size === 'A3' ? 'a3' : 'a4',
    title: th(g.title),
    org: th(`${org.names.full}${view.divisionName ? ` · ${view.divisionName}` : ''}`),
    kicker: th(t('services.poster.kicker')),
    start: th(t('services.flow.start')),
    end: th(t('services.flow.end')),
    steps: view.steps.map((s, i) => {
      // A person's name is kept whole (the word segmenter does not know names: ชา|มาละ).
      const unit = responsibleLine({ ...s, holderName: null });
      const name = s.positionName && s.holderName ? applyDigits(s.holderName, 'thai').replace(/\s+/g, '\u00A0') : null;
      const who = unit ? `${th(unit)}${name ? ` (${name})` : ''}` : '';
      return {
        n: th(String(i + 1)),
        kind: th(t(`services.stepKinds.${s.kind}`)),
        duration: th(durationText(t, s)),
        detail: th(s.detail),
        who: who || null,
      };
    }),
    total: th(total),
    fees:
      g.fees.length === 0
        ? [th(t('services.public.noFee'))]
        : g.fees.map((f) =>
            th(
              `${f.item} ${f.amount === 0 ? t('services.public.free') : t('services.poster.baht', { amount: bahtText(f.amount) })}${f.note ? ` ${f.note}` : ''}`,
            ),
          ),
    documents: g.documents.map((d, i) => ({
      n: th(String(i + 1)),
      text: th(
        `${d.name} (${[
          d.originals ? t('services.poster.originals', { n: d.originals, unit: t(`services.docUnits.${d.unit}`) }) : null,
          d.copies ? t('services.poster.copies', { n: d.copies, unit: t(`services.docUnits.${d.unit}`) }) : null,
        ]
          .filter(Boolean)
          .join(' ')})`,
      ),
    })),
    labels: {
      who: th(t('services.poster.who')),
      total: th(t('services.public.totalTime')),
      fee: th(t('services.public.sections.fees')),
      documents: th(t('services.poster.documents')),
      noDocuments: th(t('services.public.noDocuments')),
      qr: th(t('services.poster.qr')),
    },
    url: opts.url,
    complaint: th(
      t('services.poster.complaint', {
        org: org.names.full,
        phone: org.phone ? t('services.poster.phone', { phone: org.phone }) : '',
      }),
    ),
    footer: th(t('services.poster.footer', { date: formatThaiDate(ctx.app.now()) })),
  };
  const qr = await qrSvg(opts.url, { margin: 1 });
  return renderPdf(posterSource(), {
    [DATA]: new TextEncoder().encode(JSON.stringify(data)),
    [QR]: new TextEncoder().encode(qr),
  });
}
