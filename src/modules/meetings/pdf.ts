import type { ServiceContext } from '../../core/context.js';
import { markThaiWordBreaks, renderMemo } from '../../core/documents/memo.js';
import { officialTypstLibrary } from '../../core/documents/official.typ.js';
import { renderPdf } from '../../core/documents/typst.js';
import { applyDigits, formatThaiDate, formatThaiTime, isoDayNoon, toThaiDigits } from '../../core/thai/index.js';
import { getOrganization } from '../organization/service.js';
import { formatRegisterNumber } from '../register/service.js';
import { organizationGaruda } from '../reports/service.js';
import type { MeetingDetail } from './service.js';

/**
 * The meeting's documents, always in Thai with Thai digits: the invitation (บันทึกข้อความ to the
 * staff of an internal meeting; หนังสือภายนอก to the stakeholders of a stakeholder meeting) and
 * รายงานการประชุม in the usual order (ครั้งที่, วันที่, ณ, ผู้มาประชุม, ผู้ไม่มาประชุม, ผู้เข้าร่วม
 * ประชุม, เริ่มประชุมเวลา, ระเบียบวาระ, เลิกประชุมเวลา, ผู้จดรายงาน, ผู้ตรวจรายงาน). User text
 * reaches Typst only as JSON data.
 */

const th = (s: string) => applyDigits(s, 'thai');
const day = (d: Date) => formatThaiDate(d, { style: 'full', digits: 'thai' });
const time = (d: Date) => formatThaiTime(d, { digits: 'thai' });
const timeDot = (d: Date) => time(d).replace(':', '.');

function when(d: MeetingDetail): string {
  const m = d.meeting;
  return `${day(m.startsAt)} เวลา ${timeDot(m.startsAt)}${m.endsAt ? ` ถึง ${timeDot(m.endsAt)}` : ''}`;
}

/** The title without a leading "การประชุม", for "ขอเชิญประชุม…" and "รายงานการประชุม…". */
export function bareTitle(title: string): string {
  return title.replace(/^การประชุม/, '');
}

function reference(docCode: string, d: MeetingDetail): string {
  return d.registerNumber ? formatRegisterNumber(docCode, '', d.registerNumber, 'thai') : '';
}

function marked(v: unknown): unknown {
  if (typeof v === 'string') return markThaiWordBreaks(th(v));
  if (Array.isArray(v)) return v.map(marked);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, marked(x)]));
  return v;
}

/** บันทึกข้อความ (internal) or หนังสือภายนอก (stakeholder) inviting to the meeting. */
export async function renderInvitation(ctx: ServiceContext, d: MeetingDetail): Promise<Uint8Array> {
  const org = await getOrganization(ctx);
  const garuda = await organizationGaruda(ctx, org);
  const m = d.meeting;
  const full = org.names.full;
  const agendaLines = m.agenda.map((a, i) => `ระเบียบวาระที่ ${i + 1} ${a.title}`);
  const chair = { name: m.chairName ?? '', positions: m.chairPosition ? [m.chairPosition] : [org.names.mayor] };
  const date = ctx.app.now();
  if (m.kind === 'internal') {
    return renderMemo({
      agency: `สำนักปลัด ${full}${org.phone ? ` โทร. ${org.phone}` : ''}`,
      reference: reference(org.docCode, d),
      date,
      subject: `ขอเชิญประชุม${bareTitle(m.title)}`,
      to: `บุคลากร${full}ทุกท่าน`,
      body: [
        `ด้วย${full} กำหนดจัด${m.title} ใน${when(d)} ณ ${m.place}${m.purpose ? ` เพื่อ${m.purpose}` : ''}`,
        `ระเบียบวาระการประชุม ดังนี้`,
        ...agendaLines.map((text) => ({ text, indent: true })),
        'บุคลากรสามารถเสนอความคิดเห็นล่วงหน้าได้ทางระบบงานของหน่วยงาน (เมนู "การประชุม") โดยจะระบุชื่อหรือไม่ระบุชื่อก็ได้ ความคิดเห็นที่ไม่ระบุชื่อจะไม่มีการบันทึกตัวผู้เสนอไว้ในระบบ',
        'จึงเรียนมาเพื่อโปรดทราบ และเข้าร่วมประชุมโดยพร้อมเพรียงกัน',
      ],
      signer: chair.name ? chair : { name: org.names.mayor, positions: [] },
      garuda,
      documentTitle: `ขอเชิญประชุม${bareTitle(m.title)}`,
    });
  }
  const outside = d.invitees.filter((i) => i.kind === 'outside');
  const data = {
    title: th(`ขอเชิญประชุม${bareTitle(m.title)}`),
    garuda: garuda ? `garuda.${garuda.type}` : null,
    digits: [...toThaiDigits('0123456789')],
    ...(marked({
      reference: `ที่ ${reference(org.docCode, d)}`,
      org: [full, ...org.address.split('\n'), org.postcode ?? ''].filter(Boolean),
      date: formatThaiDate(date, { digits: 'thai' }),
      subject: `ขอเชิญประชุม${bareTitle(m.title)}`,
      to: outside.length === 1 ? `${outside[0]?.name}` : 'ผู้นำชุมชนและผู้มีส่วนได้ส่วนเสีย ตามบัญชีรายชื่อแนบท้าย',
      enclosure: outside.length > 1 ? 'บัญชีรายชื่อผู้ได้รับเชิญ' : '',
      body: [
        `ด้วย${full} กำหนดจัด${m.title} ใน${when(d)} ณ ${m.place}${m.purpose ? ` เพื่อ${m.purpose}` : ''} โดยมีระเบียบวาระการประชุม ดังนี้`,
        ...agendaLines,
        `${full} จึงขอเรียนเชิญท่านเข้าร่วมประชุมและแสดงความคิดเห็นตามวัน เวลา และสถานที่ดังกล่าว ความคิดเห็นของท่านจะได้รับการบันทึกไว้ในรายงานการประชุม พร้อมผลการพิจารณา และเผยแพร่ผลการประชุมต่อสาธารณะ`,
        'จึงเรียนมาเพื่อโปรดพิจารณาเข้าร่วมประชุมตามวัน เวลา และสถานที่ดังกล่าว',
      ],
      signer: { name: chair.name || org.names.mayor, positions: chair.name ? chair.positions : [] },
      contact: [`สำนักปลัด`, org.phone ? `โทร. ${org.phone}` : '', org.email ? `ไปรษณีย์อิเล็กทรอนิกส์ ${org.email}` : ''].filter(Boolean),
      list: outside.map((o, i) => [String(i + 1), o.name, o.detail ?? '-']),
    }) as Record<string, unknown>),
  };
  const files: Record<string, Uint8Array> = { 'letter.json': new TextEncoder().encode(JSON.stringify(data)) };
  if (garuda) files[`garuda.${garuda.type}`] = garuda.bytes;
  return renderPdf(`${officialTypstLibrary()}\n${LETTER}\n#letter(json("letter.json"))\n`, files);
}

/** หนังสือภายนอก: Garuda 3 cm centred, ที่ at left, the organization and address at right, the date from the centre. */
const LETTER = `
#let letter(d) = {
  set document(title: d.title, date: none)
  set page(paper: "a4", margin: (left: margin-left, right: margin-right, top: margin-top-first, bottom: margin-bottom),
    header: page-number-header(d.digits))
  set text(..thai-text-setup, size: body-size)
  set par(leading: 0.55em, spacing: 0.55em, justify: false)
  block(width: 100%, height: 3cm, {
    place(left + bottom, tw(d.reference))
    if d.garuda != none { place(center + top, image(d.garuda, height: 3cm)) }
    place(right + bottom, block(width: 6.5cm, { for l in d.org { par(tw(l)) } }))
  })
  v(0.4em)
  pad(left: text-width / 2 - 1.5cm, tw(d.date))
  v(0.4em)
  grid(columns: (auto, 1fr), column-gutter: 0.6em, row-gutter: 0.55em,
    [เรื่อง], tw(d.subject),
    [เรียน], tw(d.to),
    ..if d.enclosure != "" { ([สิ่งที่ส่งมาด้วย], tw(d.enclosure)) } else { () })
  for (i, p) in d.body.enumerate() {
    v(0.3em)
    par(first-line-indent: (amount: indent, all: true), tw(p))
  }
  v(0.8em)
  block(breakable: false, pad(left: 7.5cm, align(center, {
    par[ขอแสดงความนับถือ]
    v(3 * pitch)
    par[(#tw(d.signer.name))]
    for p in d.signer.positions { par(tw(p)) }
  })))
  v(1fr)
  for l in d.contact { par(tw(l)) }
  if d.list.len() > 1 {
    pagebreak()
    align(center, text(weight: "bold", tw(d.enclosure)))
    v(0.5em)
    table(columns: (1.2cm, 1fr, 1fr), stroke: 0.5pt, inset: 5pt,
      table.header(..([ที่], [ชื่อ], [หน่วยงาน / ตำแหน่ง]).map(c => text(weight: "bold", c))),
      ..d.list.flatten().map(c => tw(c)))
  }
}
`;

/** รายงานการประชุม, frozen when the meeting is closed. */
export async function renderMinutes(ctx: ServiceContext, d: MeetingDetail): Promise<Uint8Array> {
  const org = await getOrganization(ctx);
  const m = d.meeting;
  const who = (i: { name: string; detail: string | null }) => [i.name, i.detail ?? '-'];
  const present = d.invitees.filter((i) => i.kind === 'staff' && i.attended === true);
  const absent = d.invitees.filter((i) => i.attended === false);
  const guests = d.invitees.filter((i) => i.kind === 'outside' && i.attended === true);
  const opinionLine = (o: MeetingDetail['opinions'][number]) =>
    `${o.text} (${o.author ? o.author : 'ไม่ระบุชื่อ'}; ${o.stage === 'before' ? 'เสนอก่อนการประชุม' : 'เสนอในที่ประชุม'})${
      o.response ? ` — ผลการพิจารณา: ${o.response}` : ''
    }`;
  const data = {
    title: th(`รายงานการประชุม${bareTitle(m.title)}`),
    digits: [...toThaiDigits('0123456789')],
    ...(marked({
      head: [`รายงานการประชุม${bareTitle(m.title)}`, `ครั้งที่ ${d.sequence}/${m.fiscalYear}`, `เมื่อ${day(m.startsAt)}`, `ณ ${m.place}`],
      present: present.map(who),
      absent: absent.map((i) => [...who(i), i.attendanceNote ?? '-']),
      guests: guests.map(who),
      start: `เริ่มประชุมเวลา ${timeDot(m.startsAt)}`,
      opening: `เมื่อที่ประชุมพร้อมแล้ว ${m.chairName ?? 'ประธานในที่ประชุม'}${
        m.chairPosition ? ` ${m.chairPosition}` : ''
      } ประธานในที่ประชุม กล่าวเปิดการประชุมและดำเนินการประชุมตามระเบียบวาระ ดังนี้`,
      agenda: m.agenda.map((a, i) => ({
        title: `ระเบียบวาระที่ ${i + 1} ${a.title}`,
        detail: a.detail ?? '',
        discussion: a.discussion ?? '',
        opinions: d.opinions.filter((o) => o.agendaIndex === i).map(opinionLine),
        resolution: `มติที่ประชุม ${a.resolution ?? '-'}`,
      })),
      general: d.opinions.filter((o) => o.agendaIndex == null).map(opinionLine),
      actions: d.actions.map((a, i) => [String(i + 1), a.title, a.ownerName ?? '-', formatThaiDate(isoDayNoon(a.dueOn))]),
      end: m.endsAt ? `เลิกประชุมเวลา ${timeDot(m.endsAt)}` : '',
      recorder: { name: m.recorderName ?? '', position: m.recorderPosition ?? '' },
      reviewer: { name: m.chairName ?? '', position: m.chairPosition ?? org.names.mayor },
    }) as Record<string, unknown>),
  };
  return renderPdf(`${officialTypstLibrary()}\n${MINUTES}\n#minutes(json("minutes.json"))\n`, {
    'minutes.json': new TextEncoder().encode(JSON.stringify(data)),
  });
}

const MINUTES = String.raw`
#let d-num(n) = str(n).clusters().map(c => "๐๑๒๓๔๕๖๗๘๙".clusters().at(int(c))).join()
#let people(rows, reason: false) = {
  if rows.len() == 0 { par(first-line-indent: (amount: indent, all: true))[- ไม่มี -]; return }
  table(columns: if reason { (1cm, 5.2cm, 1fr, 1fr) } else { (1cm, 5.2cm, 1fr) }, stroke: none, inset: (x: 3pt, y: 2pt),
    ..rows.enumerate().map(((i, r)) => (tw(d-num(i + 1)), ..r.map(c => tw(c)))).flatten())
}
#let section(t) = { v(0.6em); block(sticky: true, text(weight: "bold", tw(t))) }
#let sign(label, s) = block(breakable: false, {
  v(2 * pitch)
  pad(left: 2cm, grid(columns: (auto, 7cm, auto), column-gutter: 0.3em, row-gutter: 0.55em,
    [(ลงชื่อ)], box(width: 100%, repeat[.]), tw(label),
    [], align(center, if s.name != "" [(#tw(s.name))] else [(#box(width: 5cm, repeat[.]))]), [],
    ..if s.position != "" { ([], align(center, tw(s.position)), []) } else { () }))
})
#let minutes(d) = {
  set document(title: d.title, date: none)
  set page(paper: "a4", margin: (left: margin-left, right: margin-right, top: margin-top, bottom: margin-bottom),
    header: page-number-header(d.digits))
  set text(..thai-text-setup, size: body-size)
  set par(leading: 0.55em, spacing: 0.55em, justify: false)
  for (i, l) in d.head.enumerate() { align(center, text(weight: "bold", tw(l))) }
  v(0.3em)
  align(center, line(length: 4cm, stroke: 0.6pt))
  section[ผู้มาประชุม]
  people(d.present)
  section[ผู้ไม่มาประชุม]
  people(d.absent, reason: true)
  section[ผู้เข้าร่วมประชุม]
  people(d.guests)
  v(0.6em)
  text(weight: "bold", tw(d.start))
  par(first-line-indent: (amount: indent, all: true), tw(d.opening))
  for a in d.agenda {
    section(a.title)
    if a.detail != "" { par(first-line-indent: (amount: indent, all: true), tw(a.detail)) }
    if a.discussion != "" { for p in a.discussion.split("\n") { if p.trim() != "" { par(first-line-indent: (amount: indent, all: true), tw(p)) } } }
    if a.opinions.len() > 0 {
      par(first-line-indent: (amount: indent, all: true))[ความคิดเห็นที่ได้รับ]
      for o in a.opinions { pad(left: indent, par(hanging-indent: 1em)[#sym.dash.en#h(0.4em)#tw(o)]) }
    }
    par(first-line-indent: (amount: indent, all: true), text(weight: "bold", tw(a.resolution)))
  }
  if d.general.len() > 0 {
    section[ความคิดเห็นอื่น ๆ ที่ได้รับก่อนและระหว่างการประชุม]
    for o in d.general { pad(left: indent, par(hanging-indent: 1em)[#sym.dash.en#h(0.4em)#tw(o)]) }
  }
  if d.actions.len() > 0 {
    section[เรื่องที่ต้องดำเนินการต่อ]
    table(columns: (1cm, 1fr, 4.5cm, 3.8cm), stroke: 0.5pt, inset: 4pt,
      table.header(..([ที่], [เรื่อง], [ผู้รับผิดชอบ], [กำหนดเสร็จ]).map(c => text(weight: "bold", c))),
      ..d.actions.flatten().map(c => tw(c)))
  }
  if d.end != "" { v(0.6em); text(weight: "bold", tw(d.end)) }
  sign([ผู้จดรายงานการประชุม], d.recorder)
  sign([ผู้ตรวจรายงานการประชุม], d.reviewer)
}
`;
