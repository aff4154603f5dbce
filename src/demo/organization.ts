import type { OrgInput } from '../modules/organization/inputs.js';

/**
 * The demo organization of the founding memo: อบต.ลูโบะปือซา, Narathiwat, with the document code
 * the memo uses (นธ ๗๘๑๐๑). Its address, phone and e-mail are invented for the demo.
 */
export const DEMO_ORGANIZATION: OrgInput = {
  type: 'sao',
  name: 'ลูโบะปือซา',
  nameEn: 'Luboh Puesa',
  province: 'นราธิวาส',
  district: 'ยี่งอ',
  subdistrict: 'ลูโบะปือซา',
  docCode: 'นธ 78101',
  address: 'เลขที่ 99 หมู่ที่ 2 ตำบลลูโบะปือซา อำเภอยี่งอ จังหวัดนราธิวาส',
  postcode: '96180',
  phone: '073 530 123',
  email: 'saraban@lubopeusa.example',
  website: undefined,
};
