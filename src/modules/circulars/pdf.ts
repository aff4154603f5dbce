import type { ServiceContext } from '../../core/context.js';
import { renderMemo } from '../../core/documents/memo.js';
import { sharedGaruda } from '../../core/documents/sample-memo.js';
import { formatThaiDate, formatThaiDateTime, isoDayNoon } from '../../core/thai/index.js';
import { renderAnnouncementPdf } from '../news/announcement-pdf.js';
import { getOrganization } from '../organization/service.js';
import { CIRCULAR_SERIES, formatRegisterNumber } from '../register/service.js';
import { organizationGaruda } from '../reports/service.js';
import type { circulars } from './schema.js';
import type { CompletionReport } from './service.js';

type Circular = typeof circulars.$inferSelect;

/** Paragraphs: blank-line separated; single line breaks inside a paragraph become spaces. */
export const paragraphsOf = (body: string) =>
  body
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);

/** A position with "รักษาราชการแทน…" is printed on two lines, as signed memos are. */
export const positionLines = (p: string) => p.split(/\s+(?=รักษาราชการแทน|รักษาการแทน|ปฏิบัติราชการแทน)/);

async function garudaOf(ctx: ServiceContext, org: Awaited<ReturnType<typeof getOrganization>>) {
  return (await organizationGaruda(ctx, org)) ?? sharedGaruda();
}

/**
 * The circular as an official document (Thai digits): a ประกาศ with the Garuda 3 cm centred, or
 * a หนังสือเวียน as a บันทึกข้อความ numbered "ที่ <docCode>/ว <n>" (blank until numbered).
 */
export async function renderCircularPdf(ctx: ServiceContext, c: Circular, registerNumber: number | null): Promise<Uint8Array> {
  const org = await getOrganization(ctx);
  const garuda = await garudaOf(ctx, org);
  const dated = isoDayNoon(c.dated);
  if (c.kind === 'announcement') {
    return renderAnnouncementPdf({
      org: org.names.full,
      subject: c.title,
      paragraphs: paragraphsOf(c.body),
      dated: `ประกาศ ณ วันที่ ${formatThaiDate(dated, { era: true })}`,
      signer: { name: c.signerName, position: c.signerPosition },
      garuda,
    });
  }
  return renderMemo({
    agency: `สำนักงานปลัด ${org.names.full}`,
    reference: registerNumber ? formatRegisterNumber(org.docCode, CIRCULAR_SERIES, registerNumber) : '',
    date: dated,
    subject: c.title,
    to: c.audience.all ? 'พนักงานส่วนตำบล ลูกจ้างประจำ และพนักงานจ้างทุกคน' : 'บุคลากรในสังกัดที่เกี่ยวข้อง',
    body: paragraphsOf(c.body),
    signer: { name: c.signerName, positions: positionLines(c.signerPosition) },
    garuda,
  });
}

const methodText = { online: 'ในระบบ', paper: 'ลงนามในเอกสาร' } as const;

/**
 * The completion report as the measure's evidence ("บันทึกแจ้งเวียนให้บุคลากรทุกคนทราบ"): a memo to
 * the chief executive with the totals, and the per-division list of who acknowledged (when,
 * which version, how) and who has not, as an attached table. Totals are recomputed from the
 * rows and checked before the document is produced.
 */
export async function renderReportPdf(
  ctx: ServiceContext,
  r: CompletionReport,
  by: { name: string; position: string },
): Promise<Uint8Array> {
  const rows = r.groups.flatMap((g) => g.rows);
  const acked = rows.filter((x) => x.ack).length;
  if (acked !== r.acknowledged || rows.length !== r.total || r.total - acked !== r.pending)
    throw new Error('circulars: report totals do not match their rows');
  for (const g of r.groups) {
    if (g.rows.filter((x) => x.ack).length !== g.acknowledged || g.rows.length !== g.acknowledged + g.pending)
      throw new Error('circulars: division totals do not match their rows');
  }
  const org = await getOrganization(ctx);
  const c = r.circular;
  const kindText = c.kind === 'announcement' ? 'ประกาศ' : 'หนังสือเวียน';
  const circulatedOn = c.circulatedAt ? formatThaiDate(c.circulatedAt, { era: true }) : '-';
  const tableRows = r.groups.flatMap((g, gi) => [
    [`${gi + 1}`, `${g.divisionName ?? 'ไม่สังกัดกอง'} (รับทราบ ${g.acknowledged} จาก ${g.acknowledged + g.pending} คน)`, '', '', ''],
    ...g.rows.map((x, i) => [
      `${gi + 1}.${i + 1}`,
      [x.name, ...(x.position ? [x.position] : [])],
      x.ack ? formatThaiDateTime(x.ack.at) : 'ยังไม่รับทราบ',
      x.ack ? `ฉบับที่ ${x.ack.version}` : x.earlier ? `รับทราบฉบับที่ ${x.earlier.version} แล้ว` : '-',
      x.ack ? methodText[x.ack.method] : '-',
    ]),
  ]);
  return renderMemo({
    agency: `สำนักงานปลัด ${org.names.full}`,
    date: ctx.app.now(),
    subject: `รายงานผลการแจ้งเวียน${kindText} เรื่อง ${c.title} ให้บุคลากรทุกคนทราบ`,
    to: `นายก${org.names.full}`,
    body: [
      `ตามที่${org.names.full} ได้แจ้งเวียน${kindText} เรื่อง ${c.title} ฉบับที่ ${r.version} ให้บุคลากรในสังกัดทราบและถือปฏิบัติ เมื่อวันที่ ${circulatedOn} ผ่านระบบสารสนเทศของหน่วยงาน โดยให้บุคลากรแต่ละคนอ่านและลงชื่อรับทราบ นั้น`,
      `บัดนี้ ณ วันที่ ${formatThaiDate(ctx.app.now(), { era: true })} มีบุคลากรที่ต้องรับทราบทั้งสิ้น ${r.total} คน รับทราบแล้ว ${r.acknowledged} คน (ร้อยละ ${r.percent ?? 0}) ยังไม่รับทราบ ${r.pending} คน รายละเอียดรายบุคคลแยกตามสังกัดปรากฏตามบัญชีแนบท้าย${c.lastRemindedAt && r.pending > 0 ? ` ทั้งนี้ได้แจ้งเตือนผู้ที่ยังไม่รับทราบแล้วเมื่อวันที่ ${formatThaiDate(c.lastRemindedAt, { era: true })}` : ''}`,
      'จึงเรียนมาเพื่อโปรดทราบ',
    ],
    signer: { name: by.name, positions: by.position ? positionLines(by.position) : [] },
    garuda: await garudaOf(ctx, org),
    attachments: [
      {
        kind: 'table',
        title: [`บัญชีรายชื่อผู้รับทราบ${kindText} เรื่อง ${c.title}`, `ฉบับที่ ${r.version} แยกตามสังกัด`],
        columns: [
          { header: 'ที่', width: 0.5, align: 'center' },
          { header: 'ชื่อ - สกุล / ตำแหน่ง', width: 2.5 },
          { header: 'วันเวลาที่รับทราบ', width: 2.1 },
          { header: 'ฉบับ', width: 0.9 },
          { header: 'วิธี', width: 1.8 },
        ],
        rows: tableRows,
        fontSize: 14,
      },
    ],
  });
}
