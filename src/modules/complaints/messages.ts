import type { ModuleMessages } from '../../core/i18n/i18n.js';

/**
 * complaints.* shared by every part (top-level keys nav, categories, statuses, channels,
 * national): th, en, ms (the public pages use them too).
 */
export const messages: ModuleMessages = {
  th: {
    nav: {
      public: 'ร้องเรียนการทุจริต',
      staff: 'เรื่องร้องเรียนการทุจริต',
      stats: 'สถิติเรื่องร้องเรียน',
    },
    categories: {
      corruption: 'การทุจริตต่อหน้าที่',
      abuse_of_office: 'การปฏิบัติหรือละเว้นการปฏิบัติหน้าที่โดยมิชอบ',
      procurement: 'การจัดซื้อจัดจ้างไม่โปร่งใส',
      bribery: 'การเรียกรับเงินหรือผลประโยชน์',
      conflict_of_interest: 'การขัดกันระหว่างประโยชน์ส่วนตนกับประโยชน์ส่วนรวม',
      misconduct: 'การประพฤติมิชอบหรือผิดวินัยของเจ้าหน้าที่',
      other: 'อื่น ๆ',
    },
    statuses: {
      received: 'รับเรื่องแล้ว',
      acknowledged: 'ตอบรับเรื่องแล้ว',
      investigating: 'อยู่ระหว่างตรวจสอบข้อเท็จจริง',
      forwarded: 'ส่งต่อหน่วยงานที่มีอำนาจหน้าที่',
      finished: 'ดำเนินการแล้วเสร็จ',
      not_accepted: 'ไม่รับไว้พิจารณา',
    },
    channels: {
      web: 'เว็บไซต์',
      letter: 'หนังสือ/จดหมาย',
      walk_in: 'มาด้วยตนเอง',
      phone: 'โทรศัพท์',
      email: 'อีเมล',
      referred: 'หน่วยงานอื่นส่งต่อ',
    },
    national: {
      title: 'ช่องทางอื่น',
      nacc: 'สำนักงาน ป.ป.ช. (ร้องเรียนการทุจริตของเจ้าหน้าที่รัฐ)',
      pacc: 'สำนักงาน ป.ป.ท.',
      hotline1111: 'สายด่วนรัฐบาล 1111',
      traffy: 'Traffy Fondue (แจ้งปัญหาทั่วไป เช่น ถนน ไฟฟ้า ขยะ)',
    },
  },
  en: {
    nav: {
      public: 'Report corruption',
      staff: 'Corruption complaints',
      stats: 'Complaint statistics',
    },
    categories: {
      corruption: 'Corruption in office',
      abuse_of_office: 'Abuse of office or wrongful omission',
      procurement: 'Non-transparent procurement',
      bribery: 'Demanding money or benefits',
      conflict_of_interest: 'Conflict of interest',
      misconduct: 'Misconduct or breach of discipline',
      other: 'Other',
    },
    statuses: {
      received: 'Received',
      acknowledged: 'Acknowledged',
      investigating: 'Being investigated',
      forwarded: 'Forwarded to the competent authority',
      finished: 'Finished',
      not_accepted: 'Not accepted',
    },
    channels: {
      web: 'Website',
      letter: 'Letter',
      walk_in: 'In person',
      phone: 'Telephone',
      email: 'E-mail',
      referred: 'Referred by another agency',
    },
    national: {
      title: 'Other channels',
      nacc: 'NACC (corruption by state officials)',
      pacc: 'PACC',
      hotline1111: 'Government hotline 1111',
      traffy: 'Traffy Fondue (general problems: roads, lights, rubbish)',
    },
  },
  ms: {
    nav: {
      public: 'Adu rasuah',
      staff: 'Aduan rasuah',
      stats: 'Statistik aduan',
    },
    categories: {
      corruption: 'Rasuah dalam tugas',
      abuse_of_office: 'Salah guna kuasa atau cuai tugas',
      procurement: 'Perolehan yang tidak telus',
      bribery: 'Meminta wang atau faedah',
      conflict_of_interest: 'Konflik kepentingan',
      misconduct: 'Salah laku atau langgar disiplin pegawai',
      other: 'Lain-lain',
    },
    statuses: {
      received: 'Diterima',
      acknowledged: 'Diakui terima',
      investigating: 'Dalam siasatan',
      forwarded: 'Dihantar kepada pihak berkuasa',
      finished: 'Selesai',
      not_accepted: 'Tidak diterima',
    },
    channels: {
      web: 'Laman web',
      letter: 'Surat',
      walk_in: 'Datang sendiri',
      phone: 'Telefon',
      email: 'E-mel',
      referred: 'Dirujuk oleh agensi lain',
    },
    national: {
      title: 'Saluran lain',
      nacc: 'NACC (rasuah pegawai kerajaan)',
      pacc: 'PACC',
      hotline1111: 'Talian kerajaan 1111',
      traffy: 'Traffy Fondue (masalah am: jalan, lampu, sampah)',
    },
  },
};
