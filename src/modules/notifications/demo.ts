import type { Db } from '../../core/db/client.js';
import type { DemoContext } from '../../core/module.js';
import { notify } from '../../core/notify/notify.js';

/**
 * A few messages in the demo inboxes, so the staff home shows what waits for each person.
 * (Demo content in Thai, as the organization's staff would write it.)
 */
export async function seedDemoNotifications(demo: DemoContext) {
  const people = demo.shared.get('staff.people') as Map<string, { userId: number | null }> | undefined;
  if (!people) return;
  const user = (name: string) => people.get(name)?.userId ?? null;
  const everyone = [...people.values()].map((p) => p.userId).filter((id): id is number => id !== null);
  await demo.ctx.app.db.transaction(async (tx) => {
    const ctx = { ...demo.ctx, tx: tx as unknown as Db };
    await notify(ctx, {
      userIds: everyone,
      kind: 'notifications.welcome',
      title: 'ยินดีต้อนรับสู่ระบบโปร่งใส',
      body: 'ระบบงานส่งเสริมคุณธรรมและความโปร่งใสของ อบต.ลูโบะปือซา เริ่มใช้งานแล้ว โปรดเปลี่ยนรหัสผ่านของท่านที่เมนู "เปลี่ยนรหัสผ่าน"',
      href: '/staff/password',
    });
    const ita = user('ita');
    if (ita) {
      await notify(ctx, {
        userIds: [ita],
        kind: 'notifications.reminder',
        title: 'ตรวจสอบรายชื่อบุคลากรและสายการบังคับบัญชาก่อนจัดทำรายงานมาตรการ',
        body: 'รายงานผลการดำเนินการตามมาตรการจะเสนอตามสายการบังคับบัญชา: หัวหน้าสำนักปลัด → รองปลัด รักษาการแทนปลัด → นายก',
        href: '/staff',
      });
    }
  });
  demo.log(`notifications: a welcome message for ${everyone.length} accounts`);
}
