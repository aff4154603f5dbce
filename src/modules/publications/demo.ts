import { runCommand } from '../../core/command.js';
import type { ServiceContext } from '../../core/context.js';
import { renderMemo } from '../../core/documents/memo.js';
import { SAMPLE_MEASURE_ROWS, sharedGaruda } from '../../core/documents/sample-memo.js';
import type { DemoContext } from '../../core/module.js';
import { bangkokDate } from '../../core/thai/bangkok.js';
import { getOrganization } from '../organization/service.js';
import { measuresPlanItem } from './oit-items.js';
import { publish } from './service.js';

/**
 * The FY 2567 plan of integrity measures (OIT o42): the clerk's memo proposing the ten
 * measures, approved by the mayor, published in December 2566 — a real PDF rendered from the
 * same memo template as the report the reports module publishes under o43.
 */
export async function seedDemoPublications(demo: DemoContext): Promise<void> {
  const org = await getOrganization(demo.ctx);
  const orgName = org.names.full;
  const people = demo.shared.get('staff.people') as Map<string, { staffId: number; userId: number | null }> | undefined;
  const ita = people?.get('ita');
  const publishedAt = bangkokDate(2023, 12, 20, 10, 30);
  // Published by the coordinator, on the day it was published (the demo's clock set back).
  const ctx: ServiceContext = {
    ...demo.ctx,
    app: { ...demo.ctx.app, now: () => publishedAt },
    actor: ita?.userId
      ? {
          orgId: demo.ctx.orgId,
          userId: ita.userId,
          username: 'ita',
          displayName: 'ita',
          roles: ['ita_coordinator', 'staff'],
          mustChangePassword: false,
        }
      : demo.ctx.actor,
  };
  // Measure 5 gets its own title here (the seed repeated measure 4's).
  const rows = SAMPLE_MEASURE_ROWS.map((row, i) => {
    const title = i === 4 ? '5.มีการประชุมเพื่อระดมความคิดเห็นของบุคลากรและผู้มีส่วนได้เสียภายนอก เพื่อปรับปรุงกระบวนการทำงาน' : row[0];
    return [title ?? '', row[1] ?? '', row[2] ?? '', 'รายงานความก้าวหน้ารอบ ๖ เดือน และรายงานผลเมื่อสิ้นปีงบประมาณต่อนายก'];
  });
  const bytes = await renderMemo({
    ...(sharedGaruda() ? { garuda: sharedGaruda() } : {}),
    agency: `สำนักงานปลัด ${orgName}`,
    reference: `${org.docCode}/-`,
    date: bangkokDate(2023, 12, 15),
    subject: 'ขออนุมัติมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567',
    to: `นายก${orgName}`,
    body: [
      `ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ ได้ประกาศผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. 2566 นั้น ${orgName} ได้วิเคราะห์ผลการประเมินรายตัวชี้วัด พบประเด็นที่ต้องพัฒนา ได้แก่ การอำนวยความสะดวกแก่ผู้รับบริการ การเปิดเผยข้อมูล และการมีส่วนร่วมของผู้มีส่วนได้เสีย`,
      'สำนักงานปลัดจึงได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567 จำนวน ๑๐ มาตรการ โดยกำหนดผู้รับผิดชอบ วิธีการดำเนินการ และการกำกับติดตามและรายงานผล ตามรายละเอียดที่แนบ',
      'จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ และเห็นควรประกาศบนเว็บไซต์ของหน่วยงานต่อไป',
    ],
    signer: { name: 'นางสาวฟาตีเมาะ หะเดวา', positions: ['เจ้าพนักงานธุรการชำนาญงาน'] },
    comments: [
      {
        heading: `ความเห็นนายก${orgName}`,
        text: 'อนุมัติ',
        signer: { name: 'นายจิรเดช ชามาละ', positions: [`นายก${orgName}`] },
        date: bangkokDate(2023, 12, 18, 11, 0),
      },
    ],
    attachments: [
      {
        kind: 'table',
        title: [`มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ของ${orgName}`, 'ประจำปีงบประมาณ พ.ศ. 2567'],
        columns: [
          { header: 'มาตรการ', width: 1.4 },
          { header: 'วิธีการดำเนินการ', width: 1.5 },
          { header: 'ผู้รับผิดชอบ', width: 0.8 },
          { header: 'การกำกับติดตามและรายงานผล', width: 1.1 },
        ],
        rows,
        orientation: 'landscape',
      },
    ],
  });
  const p = await runCommand(ctx, { action: 'publications.publish', allowed: true }, async (tx, _tools, txCtx) => {
    const created = await publish(tx, txCtx, {
      fiscalYear: 2567,
      itemCode: measuresPlanItem(2567),
      title: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567',
      bytes,
      fileName: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส-2567.pdf',
    });
    return { result: created, entity: 'publication', entityId: created.id, summary: `เผยแพร่ ${created.title}` };
  });
  demo.log(`publications: o42 measures plan of FY 2567 published (#${p.id}, sha256 ${p.sha256.slice(0, 12)}…)`);
}
