import type { ModuleMessages } from '../../core/i18n/i18n.js';

export const messages: ModuleMessages = {
  th: {
    nav: 'บันทึกการใช้งาน',
    title: 'บันทึกการใช้งาน (Audit log)',
    lead: 'ทุกการบันทึกหรือแก้ไขข้อมูลถูกบันทึกต่อท้ายที่นี่ แก้ไขหรือลบไม่ได้ แต่ละรายการผูกกับรายการก่อนหน้าด้วยค่าแฮช หากมีการแก้ไขย้อนหลังจะตรวจพบได้ทันที',
    chainOk: 'ตรวจสอบแล้ว: บันทึกล่าสุด {n} รายการครบถ้วนและไม่ถูกแก้ไข (ตรวจทั้งหมดได้ด้วยคำสั่ง verify-log)',
    chainBroken: 'พบความผิดปกติ: รายการลำดับที่ {seq} ถูกแก้ไขหรือหายไป ({reason}) โปรดแจ้งผู้ดูแลระบบทันที',
    search: 'ค้นหาผู้ทำรายการหรือรายละเอียด',
    action: 'ประเภทรายการ',
    allActions: 'ทุกประเภท',
    from: 'ตั้งแต่วันที่',
    to: 'ถึงวันที่',
    dateHint: 'เช่น 1/10/2567',
    none: 'ไม่พบรายการ',
    columns: { seq: 'ลำดับ', at: 'วันเวลา', actor: 'ผู้ทำรายการ', action: 'รายการ', summary: 'รายละเอียด', hash: 'แฮช' },
  },
  en: {
    nav: 'Audit log',
    title: 'Audit log',
    lead: 'Every write is appended here and can be neither changed nor removed. Each entry is chained to the one before by its hash, so a change made afterwards is detected at once.',
    chainOk: 'Checked: the latest {n} entries are complete and unaltered (the whole log: the verify-log command)',
    chainBroken: 'Problem found: entry {seq} was altered or removed ({reason}). Tell your administrator at once.',
    search: 'Search who or what',
    action: 'Action',
    allActions: 'All actions',
    from: 'From',
    to: 'To',
    dateHint: 'e.g. 1/10/2567',
    none: 'No entries found',
    columns: { seq: 'No.', at: 'Time', actor: 'By', action: 'Action', summary: 'Details', hash: 'Hash' },
  },
};
