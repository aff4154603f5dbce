import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { markThaiWordBreaks } from '../../core/documents/memo.js';
import { officialTypstLibrary } from '../../core/documents/official.typ.js';
import { renderPdf } from '../../core/documents/typst.js';
import type { DemoContext } from '../../core/module.js';
import { queueServices } from '../queue/schema.js';
import type { ServiceCategory } from './categories.js';
import type { GuideStep } from './schema.js';
import { addGuideFile, createGuide, type DocumentDraft, type FeeDraft, getGuide, publishGuide, updateGuide } from './service.js';

const HOURS = 'วันจันทร์ ถึง วันศุกร์ (ยกเว้นวันหยุดที่ทางราชการกำหนด) ตั้งแต่เวลา 08:30 – 16:30 น. (มีพักเที่ยง)';
const LOCATION = 'ที่ทำการองค์การบริหารส่วนตำบลลูโบะปือซา อำเภอบาเจาะ จังหวัดนราธิวาส โทรศัพท์ 073 512 345';

const ID_CARD: DocumentDraft = {
  group: 'identity',
  name: 'บัตรประจำตัวประชาชน',
  issuer: 'กรมการปกครอง',
  originals: 1,
  copies: 1,
  unit: 'copy',
};
const HOUSE_REG: DocumentDraft = {
  group: 'identity',
  name: 'สำเนาทะเบียนบ้าน',
  issuer: 'กรมการปกครอง',
  originals: 1,
  copies: 1,
  unit: 'copy',
};

type Step = Omit<GuideStep, 'divisionId' | 'positionId'> & { division?: string; position?: string };

interface DemoGuide {
  title: string;
  category: ServiceCategory;
  division: string;
  queue?: string;
  summary: string;
  legalBasis: string[];
  criteria: string;
  steps: Step[];
  documents: DocumentDraft[];
  fees: FeeDraft[];
  complaintChannels?: string;
  remarks?: string;
  forms?: { title: string; fields: [string, string][] };
  publish: boolean;
}

const GUIDES: DemoGuide[] = [
  {
    title: 'การขออนุญาตก่อสร้าง ดัดแปลง รื้อถอนอาคาร',
    category: 'permit',
    division: 'works',
    queue: 'ขออนุญาตก่อสร้างอาคาร',
    summary: 'ยื่นขออนุญาตก่อนก่อสร้าง ดัดแปลง หรือรื้อถอนอาคารในเขตองค์การบริหารส่วนตำบลลูโบะปือซา ตามพระราชบัญญัติควบคุมอาคาร',
    legalBasis: [
      'พระราชบัญญัติควบคุมอาคาร พ.ศ. 2522 และที่แก้ไขเพิ่มเติม มาตรา 21 และมาตรา 22',
      'กฎกระทรวงกำหนดแบบและวิธีการเกี่ยวกับการขออนุญาต การอนุญาต การต่ออายุใบอนุญาต การโอนใบอนุญาต การขอใบรับรอง และการออกใบรับรอง พ.ศ. 2528',
      'กฎกระทรวงกำหนดค่าธรรมเนียมการออกใบอนุญาต ใบรับรอง และใบแทนตามกฎหมายว่าด้วยการควบคุมอาคาร',
    ],
    criteria:
      'ผู้ใดจะก่อสร้าง ดัดแปลง หรือรื้อถอนอาคาร ต้องได้รับใบอนุญาตจากเจ้าพนักงานท้องถิ่น (นายกองค์การบริหารส่วนตำบล) ก่อน โดยยื่นคำขอตามแบบ ข.1 พร้อมแผนผังบริเวณ แบบแปลน และรายการประกอบแบบแปลน\n\nเจ้าพนักงานท้องถิ่นต้องตรวจพิจารณาและออกใบอนุญาตหรือมีหนังสือแจ้งคำสั่งไม่อนุญาตพร้อมเหตุผลภายใน 45 วันนับแต่วันที่ได้รับคำขอ',
    steps: [
      { kind: 'check', detail: 'ยื่นคำขอ (แบบ ข.1) และตรวจสอบความครบถ้วนของเอกสารหลักฐาน', duration: 1, unit: 'days', position: 'worksHead' },
      {
        kind: 'consider',
        detail: 'นายช่างตรวจสอบสถานที่ก่อสร้างและตรวจพิจารณาแบบแปลนตามกฎหมายควบคุมอาคาร',
        duration: 30,
        unit: 'days',
        division: 'works',
        note: 'อาคารสาธารณะอาจต้องใช้วิศวกรผู้ได้รับใบอนุญาต',
      },
      { kind: 'consider', detail: 'ผู้อำนวยการกองช่างเสนอความเห็นต่อเจ้าพนักงานท้องถิ่น', duration: 7, unit: 'days', position: 'worksHead' },
      { kind: 'sign', detail: 'เจ้าพนักงานท้องถิ่นลงนามในใบอนุญาต (อ.1) หรือหนังสือแจ้งไม่อนุญาต', duration: 6, unit: 'days', position: 'mayor' },
      { kind: 'deliver', detail: 'แจ้งผลให้ผู้ขอทราบ และรับใบอนุญาตเมื่อชำระค่าธรรมเนียมแล้ว', duration: 1, unit: 'days', division: 'works' },
    ],
    documents: [
      ID_CARD,
      HOUSE_REG,
      { group: 'other', name: 'แบบคำขออนุญาตก่อสร้างอาคาร (แบบ ข.1)', originals: 1, copies: 0, unit: 'copy' },
      {
        group: 'other',
        name: 'สำเนาโฉนดที่ดิน น.ส.3 หรือ ส.ค.1 ขนาดเท่าต้นฉบับ ทุกหน้า',
        issuer: 'กรมที่ดิน',
        originals: 0,
        copies: 1,
        unit: 'copy',
        note: 'เจ้าของที่ดินลงนามรับรองทุกหน้า',
      },
      { group: 'other', name: 'หนังสือยินยอมให้ปลูกสร้างอาคารในที่ดิน', originals: 1, copies: 0, unit: 'copy', note: 'กรณีผู้ขอไม่ใช่เจ้าของที่ดิน' },
      {
        group: 'other',
        name: 'แผนผังบริเวณ แบบแปลน และรายการประกอบแบบแปลน',
        originals: 0,
        copies: 5,
        unit: 'set',
        note: 'ลงนามสถาปนิกและวิศวกรตามที่กฎหมายกำหนด',
      },
    ],
    fees: [
      { item: 'ค่าธรรมเนียมใบอนุญาตก่อสร้าง', amount: '20', note: 'ต่อฉบับ' },
      { item: 'ค่าตรวจแบบแปลน อาคารสูงไม่เกิน 2 ชั้น หรือสูงไม่เกิน 12 เมตร', amount: '0.50', note: 'ต่อตารางเมตร' },
    ],
    forms: {
      title: 'แบบคำขออนุญาตก่อสร้างอาคาร ดัดแปลงอาคาร หรือรื้อถอนอาคาร (แบบ ข.1)',
      fields: [
        ['ชื่อผู้ขออนุญาต', 'นายมะยูโซะ สะมะแอ'],
        ['ที่อยู่', '45 หมู่ 3 ตำบลลูโบะปือซา อำเภอบาเจาะ จังหวัดนราธิวาส'],
        ['ขออนุญาต', 'ก่อสร้างอาคาร'],
        ['ที่ดินโฉนดเลขที่', '12345'],
        ['ชนิดอาคาร', 'บ้านพักอาศัย ค.ส.ล. 2 ชั้น'],
        ['พื้นที่อาคาร (ตารางเมตร)', '160'],
      ],
    },
    publish: true,
  },
  {
    title: 'การชำระภาษีที่ดินและสิ่งปลูกสร้าง',
    category: 'tax',
    division: 'finance',
    queue: 'ภาษีที่ดินและสิ่งปลูกสร้าง',
    summary: 'ชำระภาษีที่ดินและสิ่งปลูกสร้างประจำปีตามหนังสือแจ้งการประเมินภาษี ภายในเดือนเมษายนของทุกปี',
    legalBasis: ['พระราชบัญญัติภาษีที่ดินและสิ่งปลูกสร้าง พ.ศ. 2562', 'ประกาศองค์การบริหารส่วนตำบลลูโบะปือซา เรื่อง การประเมินภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี'],
    criteria:
      'ผู้เป็นเจ้าของที่ดินหรือสิ่งปลูกสร้าง ณ วันที่ 1 มกราคมของปีใด เป็นผู้มีหน้าที่เสียภาษีของปีนั้น ชำระได้ที่ที่ทำการ หรือโอนเงินตามช่องทางที่ระบุในหนังสือแจ้งการประเมิน\n\nผู้ที่ชำระเกินกำหนดต้องเสียเบี้ยปรับและเงินเพิ่มตามกฎหมาย ผู้มีภาษีตั้งแต่ 3,000 บาทขึ้นไปขอผ่อนชำระได้ 3 งวด',
    steps: [
      {
        kind: 'check',
        detail: 'ยื่นหนังสือแจ้งการประเมินภาษี (ภ.ด.ส.6) หรือบัตรประจำตัวประชาชน เจ้าหน้าที่ค้นหาข้อมูลผู้เสียภาษี',
        duration: 5,
        unit: 'minutes',
        position: 'financeHead',
      },
      {
        kind: 'consider',
        detail: 'ตรวจสอบรายการที่ดินและสิ่งปลูกสร้าง และคำนวณภาษี เบี้ยปรับ และเงินเพิ่ม (ถ้ามี)',
        duration: 5,
        unit: 'minutes',
        division: 'finance',
      },
      { kind: 'pay', detail: 'ชำระภาษีเป็นเงินสด หรือโอนผ่านคิวอาร์โค้ด', duration: 5, unit: 'minutes', division: 'finance' },
      { kind: 'deliver', detail: 'ออกใบเสร็จรับเงิน', duration: 5, unit: 'minutes', division: 'finance' },
    ],
    documents: [ID_CARD, { group: 'other', name: 'หนังสือแจ้งการประเมินภาษี (ภ.ด.ส.6)', originals: 1, copies: 0, unit: 'copy', note: 'ถ้ามี' }],
    fees: [],
    remarks: 'ภาษีที่ดินและสิ่งปลูกสร้างเป็นภาษีตามกฎหมาย ไม่ใช่ค่าธรรมเนียมการให้บริการ',
    publish: true,
  },
  {
    title: 'การลงทะเบียนรับเงินเบี้ยยังชีพผู้สูงอายุ',
    category: 'welfare',
    division: 'office',
    queue: 'เบี้ยยังชีพผู้สูงอายุและผู้พิการ',
    summary: 'ผู้ที่จะมีอายุครบ 60 ปีบริบูรณ์ในปีงบประมาณถัดไป ลงทะเบียนล่วงหน้าเพื่อรับเงินเบี้ยยังชีพผู้สูงอายุ',
    legalBasis: [
      'พระราชบัญญัติผู้สูงอายุ พ.ศ. 2546 และที่แก้ไขเพิ่มเติม',
      'ระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยยังชีพผู้สูงอายุขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2552 และที่แก้ไขเพิ่มเติม',
    ],
    criteria:
      'มีสัญชาติไทย มีภูมิลำเนาอยู่ในเขตองค์การบริหารส่วนตำบลลูโบะปือซาตามทะเบียนบ้าน มีอายุหกสิบปีบริบูรณ์ขึ้นไป และไม่เป็นผู้ได้รับสวัสดิการหรือสิทธิประโยชน์อื่นใดจากหน่วยงานของรัฐตามที่ระเบียบกำหนด\n\nลงทะเบียนด้วยตนเอง หรือมอบอำนาจให้ผู้อื่นยื่นแทนได้ ในเดือนตุลาคมถึงกันยายนของปีก่อนที่จะมีอายุครบ',
    steps: [
      { kind: 'check', detail: 'ยื่นแบบคำขอลงทะเบียนพร้อมเอกสาร เจ้าหน้าที่ตรวจสอบความครบถ้วน', duration: 15, unit: 'minutes', position: 'admin' },
      { kind: 'consider', detail: 'ตรวจสอบคุณสมบัติผู้สูงอายุและประกาศรายชื่อผู้มีสิทธิ', duration: 5, unit: 'days', position: 'head' },
      { kind: 'sign', detail: 'นายกองค์การบริหารส่วนตำบลลงนามประกาศรายชื่อผู้มีสิทธิรับเงิน', duration: 2, unit: 'days', position: 'mayor' },
      { kind: 'deliver', detail: 'แจ้งผลการลงทะเบียน และเริ่มจ่ายเงินเข้าบัญชีเดือนถัดจากเดือนที่อายุครบ', duration: 1, unit: 'days', division: 'office' },
    ],
    documents: [
      ID_CARD,
      HOUSE_REG,
      { group: 'other', name: 'สมุดบัญชีเงินฝากธนาคาร (หน้าแรก)', originals: 0, copies: 1, unit: 'copy', note: 'กรณีรับเงินโอนเข้าบัญชี' },
      { group: 'other', name: 'หนังสือมอบอำนาจ', originals: 1, copies: 0, unit: 'copy', note: 'กรณีมอบอำนาจให้ผู้อื่นยื่นแทน' },
    ],
    fees: [],
    forms: {
      title: 'แบบคำขอลงทะเบียนรับเงินเบี้ยยังชีพผู้สูงอายุ',
      fields: [
        ['ชื่อ – สกุล', 'นางแวนะ ดอเลาะ'],
        ['วัน เดือน ปีเกิด', '12 มีนาคม 2509'],
        ['เลขประจำตัวประชาชน', '3 9601 00123 45 6'],
        ['ที่อยู่ตามทะเบียนบ้าน', '18 หมู่ 2 ตำบลลูโบะปือซา อำเภอบาเจาะ จังหวัดนราธิวาส'],
        ['ความประสงค์รับเงิน', 'โอนเข้าบัญชีธนาคารกรุงไทย เลขที่ 123-4-56789-0'],
      ],
    },
    publish: true,
  },
  {
    title: 'การลงทะเบียนรับเงินเบี้ยความพิการ',
    category: 'welfare',
    division: 'office',
    queue: 'เบี้ยยังชีพผู้สูงอายุและผู้พิการ',
    summary: 'คนพิการที่มีบัตรประจำตัวคนพิการ ลงทะเบียนเพื่อรับเงินเบี้ยความพิการเป็นรายเดือน',
    legalBasis: [
      'พระราชบัญญัติส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ พ.ศ. 2550 และที่แก้ไขเพิ่มเติม',
      'ระเบียบกระทรวงมหาดไทยว่าด้วยการจ่ายเงินเบี้ยความพิการให้คนพิการขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2553 และที่แก้ไขเพิ่มเติม',
    ],
    criteria:
      'มีสัญชาติไทย มีภูมิลำเนาอยู่ในเขตองค์การบริหารส่วนตำบลลูโบะปือซาตามทะเบียนบ้าน มีบัตรประจำตัวคนพิการตามกฎหมาย และไม่เป็นบุคคลซึ่งอยู่ในความอุปการะของสถานสงเคราะห์ของรัฐ\n\nลงทะเบียนได้ตลอดปี ได้รับเงินตั้งแต่เดือนถัดไปจากเดือนที่ลงทะเบียน',
    steps: [
      {
        kind: 'check',
        detail: 'ยื่นแบบคำขอลงทะเบียนพร้อมบัตรประจำตัวคนพิการ เจ้าหน้าที่ตรวจสอบเอกสาร',
        duration: 15,
        unit: 'minutes',
        position: 'admin',
      },
      { kind: 'consider', detail: 'ตรวจสอบคุณสมบัติและสิทธิซ้ำซ้อนในระบบสารสนเทศ', duration: 3, unit: 'days', position: 'head' },
      { kind: 'sign', detail: 'นายกองค์การบริหารส่วนตำบลอนุมัติการจ่ายเงิน', duration: 2, unit: 'days', position: 'mayor' },
      { kind: 'deliver', detail: 'แจ้งผลการลงทะเบียนให้ผู้ยื่นทราบ', duration: 1, unit: 'days', division: 'office' },
    ],
    documents: [
      ID_CARD,
      HOUSE_REG,
      { group: 'identity', name: 'บัตรประจำตัวคนพิการ', issuer: 'กรมส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ', originals: 1, copies: 1, unit: 'copy' },
      { group: 'other', name: 'สมุดบัญชีเงินฝากธนาคาร (หน้าแรก)', originals: 0, copies: 1, unit: 'copy', note: 'กรณีรับเงินโอนเข้าบัญชี' },
    ],
    fees: [],
    forms: {
      title: 'แบบคำขอลงทะเบียนรับเงินเบี้ยความพิการ',
      fields: [
        ['ชื่อ – สกุล', 'นายอับดุลเราะห์มาน มะแซ'],
        ['เลขประจำตัวประชาชน', '1 9601 00456 78 9'],
        ['ประเภทความพิการ', 'ความพิการทางการเคลื่อนไหวหรือทางร่างกาย'],
        ['ที่อยู่ตามทะเบียนบ้าน', '7 หมู่ 4 ตำบลลูโบะปือซา อำเภอบาเจาะ จังหวัดนราธิวาส'],
        ['ผู้ดูแลคนพิการ', 'นางสาวรอฮานี มะแซ (บุตร)'],
      ],
    },
    publish: true,
  },
  {
    title: 'การขออนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ',
    category: 'health',
    division: 'office',
    queue: 'งานทะเบียนทั่วไป',
    summary: 'ผู้ประกอบกิจการตามประเภทที่ข้อบัญญัติกำหนด เช่น ร้านซ่อมรถ โรงสีข้าว การเลี้ยงสัตว์ ต้องได้รับใบอนุญาตก่อนเปิดกิจการ',
    legalBasis: [
      'พระราชบัญญัติการสาธารณสุข พ.ศ. 2535 และที่แก้ไขเพิ่มเติม มาตรา 31 และมาตรา 32',
      'ข้อบัญญัติองค์การบริหารส่วนตำบลลูโบะปือซา เรื่อง กิจการที่เป็นอันตรายต่อสุขภาพ',
    ],
    criteria:
      'สถานประกอบกิจการต้องมีลักษณะและมาตรการป้องกันเหตุรำคาญและอันตรายต่อสุขภาพตามที่ข้อบัญญัติกำหนด เจ้าพนักงานสาธารณสุขตรวจสถานที่ก่อนเสนอความเห็น ใบอนุญาตมีอายุหนึ่งปีนับแต่วันที่ออก',
    steps: [
      { kind: 'check', detail: 'ยื่นคำขอรับใบอนุญาต (แบบ อภ.1) และตรวจสอบเอกสาร', duration: 1, unit: 'days', position: 'head' },
      {
        kind: 'consider',
        detail: 'ตรวจสถานประกอบกิจการด้านสุขลักษณะและเสนอความเห็น',
        duration: 20,
        unit: 'days',
        division: 'office',
        responsibleText: 'เจ้าพนักงานสาธารณสุข',
      },
      { kind: 'sign', detail: 'เจ้าพนักงานท้องถิ่นพิจารณาออกใบอนุญาตหรือแจ้งคำสั่งไม่อนุญาต', duration: 7, unit: 'days', position: 'mayor' },
      { kind: 'pay', detail: 'ชำระค่าธรรมเนียมใบอนุญาต', duration: 10, unit: 'minutes', division: 'finance' },
      { kind: 'deliver', detail: 'มอบใบอนุญาต', duration: 1, unit: 'days', division: 'office' },
    ],
    documents: [
      ID_CARD,
      HOUSE_REG,
      { group: 'other', name: 'แบบคำขอรับใบอนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ (แบบ อภ.1)', originals: 1, copies: 0, unit: 'copy' },
      { group: 'other', name: 'แผนที่ตั้งสถานประกอบกิจการโดยสังเขป', originals: 1, copies: 0, unit: 'copy' },
      {
        group: 'other',
        name: 'หนังสือรับรองการจดทะเบียนนิติบุคคล',
        issuer: 'กรมพัฒนาธุรกิจการค้า',
        originals: 0,
        copies: 1,
        unit: 'copy',
        note: 'กรณีนิติบุคคล',
      },
    ],
    fees: [
      { item: 'ค่าธรรมเนียมใบอนุญาต กิจการซ่อมเครื่องยนต์ (อู่ซ่อมรถ)', amount: '500', note: 'ต่อปี' },
      { item: 'ค่าธรรมเนียมใบอนุญาต กิจการโรงสีข้าวขนาดเล็ก', amount: '300', note: 'ต่อปี' },
    ],
    remarks: 'อัตราค่าธรรมเนียมของกิจการประเภทอื่นเป็นไปตามบัญชีอัตราค่าธรรมเนียมท้ายข้อบัญญัติ',
    publish: true,
  },
  {
    title: 'การขอรับความช่วยเหลือผู้ประสบสาธารณภัย',
    category: 'disaster',
    division: 'office',
    queue: 'งานทะเบียนทั่วไป',
    summary: 'ผู้ได้รับความเดือดร้อนจากอุทกภัย วาตภัย อัคคีภัย หรือภัยอื่น ยื่นคำร้องขอรับความช่วยเหลือเบื้องต้น',
    legalBasis: [
      'พระราชบัญญัติป้องกันและบรรเทาสาธารณภัย พ.ศ. 2550',
      'ระเบียบกระทรวงมหาดไทยว่าด้วยค่าใช้จ่ายเพื่อช่วยเหลือประชาชนตามอำนาจหน้าที่ขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2560 และที่แก้ไขเพิ่มเติม',
    ],
    criteria:
      'ผู้ประสบภัยที่มีภูมิลำเนาหรืออาศัยอยู่ในเขตองค์การบริหารส่วนตำบลลูโบะปือซา ยื่นคำร้องภายใน 30 วันนับแต่วันเกิดภัย คณะกรรมการช่วยเหลือประชาชนพิจารณาตามหลักเกณฑ์และวงเงินที่ระเบียบกำหนด',
    steps: [
      { kind: 'check', detail: 'ยื่นคำร้องขอรับความช่วยเหลือ เจ้าหน้าที่ตรวจสอบเอกสาร', duration: 30, unit: 'minutes', position: 'admin' },
      {
        kind: 'consider',
        detail: 'เจ้าหน้าที่ป้องกันและบรรเทาสาธารณภัยออกสำรวจความเสียหาย ถ่ายภาพ และจัดทำรายงาน',
        duration: 3,
        unit: 'days',
        division: 'office',
      },
      { kind: 'consider', detail: 'คณะกรรมการช่วยเหลือประชาชนพิจารณาความช่วยเหลือ', duration: 3, unit: 'days', position: 'deputy' },
      { kind: 'sign', detail: 'นายกองค์การบริหารส่วนตำบลอนุมัติ', duration: 1, unit: 'days', position: 'mayor' },
      { kind: 'deliver', detail: 'มอบเงินหรือสิ่งของช่วยเหลือ', duration: 1, unit: 'days', division: 'finance' },
    ],
    documents: [
      ID_CARD,
      HOUSE_REG,
      { group: 'other', name: 'ภาพถ่ายความเสียหาย', originals: 1, copies: 0, unit: 'set', note: 'ถ้ามี' },
      { group: 'other', name: 'หนังสือรับรองจากผู้ใหญ่บ้านหรือกำนัน', originals: 1, copies: 0, unit: 'copy' },
    ],
    fees: [],
    complaintChannels: 'ศูนย์ป้องกันและบรรเทาสาธารณภัย อบต.ลูโบะปือซา โทร. 1784 (ตลอด 24 ชั่วโมง)',
    publish: true,
  },
  {
    title: 'การขอข้อมูลข่าวสารของราชการ',
    category: 'information',
    division: 'office',
    queue: 'งานทะเบียนทั่วไป',
    summary: 'ขอตรวจดูหรือขอสำเนาข้อมูลข่าวสารของราชการที่อยู่ในความครอบครองขององค์การบริหารส่วนตำบล',
    legalBasis: [
      'พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540 มาตรา 9 และมาตรา 11',
      'ประกาศคณะกรรมการข้อมูลข่าวสารของราชการ เรื่อง หลักเกณฑ์การเรียกเก็บค่าธรรมเนียมการขอสำเนาหรือขอสำเนาที่มีคำรับรองถูกต้องของข้อมูลข่าวสารของราชการ',
    ],
    criteria:
      'บุคคลไม่ว่าจะมีส่วนได้เสียหรือไม่ ย่อมมีสิทธิขอข้อมูลข่าวสารของราชการ เว้นแต่ข้อมูลที่กฎหมายห้ามเปิดเผย คำขอต้องระบุข้อมูลที่ต้องการให้ชัดเจนพอสมควร หน่วยงานจะจัดหาให้ภายในเวลาอันสมควร ไม่เกิน 15 วัน',
    steps: [
      { kind: 'check', detail: 'ยื่นคำขอข้อมูลข่าวสาร (ระบุข้อมูลที่ต้องการ) ที่ศูนย์ข้อมูลข่าวสาร', duration: 15, unit: 'minutes', position: 'clerk' },
      { kind: 'consider', detail: 'ส่วนราชการเจ้าของข้อมูลค้นหาและพิจารณาว่าเปิดเผยได้หรือไม่', duration: 7, unit: 'days', position: 'head' },
      { kind: 'sign', detail: 'ปลัดองค์การบริหารส่วนตำบลอนุญาตและรับรองสำเนาถูกต้อง', duration: 2, unit: 'days', position: 'deputy' },
      { kind: 'deliver', detail: 'แจ้งผลและส่งมอบสำเนาข้อมูล', duration: 1, unit: 'days', division: 'office' },
    ],
    documents: [ID_CARD, { group: 'other', name: 'แบบคำขอข้อมูลข่าวสารของราชการ', originals: 1, copies: 0, unit: 'copy' }],
    fees: [
      { item: 'ค่าถ่ายสำเนาเอกสารขนาด A4', amount: '1', note: 'ต่อหน้า' },
      { item: 'ค่ารับรองสำเนาถูกต้อง', amount: '5', note: 'ต่อหน้า' },
    ],
    forms: {
      title: 'แบบคำขอข้อมูลข่าวสารของราชการ',
      fields: [
        ['ชื่อผู้ขอ', 'นายรอมลี เจ๊ะหลง'],
        ['ที่อยู่ที่ติดต่อได้', '101 หมู่ 1 ตำบลลูโบะปือซา อำเภอบาเจาะ จังหวัดนราธิวาส โทร. 081 234 5678'],
        ['ข้อมูลข่าวสารที่ต้องการ', 'สัญญาจ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 5 ปีงบประมาณ 2567'],
        ['ประสงค์จะ', 'ขอสำเนาที่มีคำรับรองถูกต้อง'],
      ],
    },
    publish: true,
  },
  {
    title: 'การขอจดทะเบียนพาณิชย์',
    category: 'registration',
    division: 'finance',
    queue: 'จดทะเบียนพาณิชย์',
    summary: 'จดทะเบียนพาณิชย์ภายใน 30 วันนับแต่วันเริ่มประกอบกิจการ (ฉบับร่าง รอตรวจทาน)',
    legalBasis: ['พระราชบัญญัติทะเบียนพาณิชย์ พ.ศ. 2499'],
    criteria: 'ผู้ประกอบพาณิชยกิจตามที่กฎกระทรวงกำหนดต้องจดทะเบียนภายใน 30 วันนับแต่วันเริ่มประกอบกิจการ',
    steps: [
      { kind: 'check', detail: 'ยื่นคำขอจดทะเบียน (แบบ ทพ.) และตรวจสอบเอกสาร', duration: 10, unit: 'minutes', position: 'financeHead' },
      { kind: 'sign', detail: 'นายทะเบียนพาณิชย์ลงนามในใบทะเบียนพาณิชย์', duration: 20, unit: 'minutes', position: 'mayor' },
    ],
    documents: [ID_CARD, HOUSE_REG],
    fees: [{ item: 'ค่าธรรมเนียมจดทะเบียนพาณิชย์', amount: '50' }],
    publish: false,
  },
];

const FORM = `
#let d = json("form.json")
#set document(title: d.title, date: none)
#set page(paper: "a4", margin: (left: 3cm, right: 2cm, top: 2cm, bottom: 2cm))
#show: base-style
#if d.example {
  place(top + right, dx: 0.5cm, dy: -0.5cm, rotate(-12deg, text(size: 28pt, weight: "bold", fill: rgb("#b0231a"), tw(d.stamp))))
}
#align(center, par(text(size: label-size, weight: "bold", tw(d.title))))
#gap(pitch)
#align(right, par(tw(d.org)))
#gap(pitch)
#align(right, par(tw(d.date)))
#gap(pitch)
#for f in d.fields {
  grid(columns: (5.2cm, 1fr), column-gutter: 0.3cm,
    par(tw(f.label)),
    block(width: 100%, stroke: (bottom: (paint: black, thickness: 0.5pt, dash: "dotted")), inset: (bottom: 3pt), par(text(fill: rgb("#1d3f8f"), tw(f.value)))))
  gap(pitch)
}
#gap(pitch * 2)
#align(right, block(width: 8cm, align(center, {
  par(tw(d.sign))
  gap(lead)
  par(tw(d.signName))
})))
`;

/** A small PDF: the blank form, or the same form filled in as an example (ตัวอย่างการกรอก). */
async function formPdf(form: NonNullable<DemoGuide['forms']>, example: boolean): Promise<Uint8Array> {
  const th = (s: string) => markThaiWordBreaks(s);
  const data = {
    example,
    stamp: th('ตัวอย่าง'),
    title: th(form.title),
    org: th('เขียนที่ องค์การบริหารส่วนตำบลลูโบะปือซา'),
    date: th(example ? 'วันที่ 15 เดือน มกราคม พ.ศ. 2568' : 'วันที่ ........ เดือน .................... พ.ศ. ............'),
    fields: form.fields.map(([label, value]) => ({ label: th(label), value: example ? th(value) : ' ' })),
    sign: th('ลงชื่อ ........................................ ผู้ยื่นคำขอ'),
    signName: th(example ? `( ${form.fields[0]?.[1] ?? ''} )` : '( ........................................ )'),
  };
  return renderPdf(`${officialTypstLibrary()}\n${FORM}`, { 'form.json': new TextEncoder().encode(JSON.stringify(data)) });
}

async function queueIdsByName(ctx: ServiceContext): Promise<Map<string, number>> {
  const rows = await (ctx.tx ?? ctx.app.db)
    .select({ id: queueServices.id, name: queueServices.name })
    .from(queueServices)
    .where(eq(queueServices.orgId, ctx.orgId));
  return new Map(rows.map((r) => [r.name, r.id]));
}

/**
 * Eight citizen manuals of อบต.ลูโบะปือซา: seven published (building permits, land and building
 * tax, the elderly and disability allowances, health-hazard businesses, disaster relief, official
 * information), one draft; forms with filled examples for four; the building permit edited after
 * publishing (a second version in the publication log).
 */
export async function seedDemo(demo: DemoContext): Promise<void> {
  const { ctx } = demo;
  const divisions = (demo.shared.get('staff.divisions') as Map<string, number> | undefined) ?? new Map<string, number>();
  const positions = (demo.shared.get('staff.positions') as Map<string, number> | undefined) ?? new Map<string, number>();
  const queue = await queueIdsByName(ctx);
  let published = 0;
  let order = 10;
  let building: number | null = null;
  for (const g of GUIDES) {
    const guide = await createGuide(ctx, {
      title: g.title,
      category: g.category,
      divisionId: divisions.get(g.division) ?? null,
      queueServiceId: g.queue ? (queue.get(g.queue) ?? null) : null,
      summary: g.summary,
      legalBasis: g.legalBasis,
      location: LOCATION,
      hours: HOURS,
      criteria: g.criteria,
      steps: g.steps.map((s) => ({
        kind: s.kind,
        detail: s.detail,
        duration: s.duration,
        unit: s.unit,
        divisionId: s.division ? (divisions.get(s.division) ?? null) : null,
        positionId: s.position ? (positions.get(s.position) ?? null) : null,
        responsibleText: s.responsibleText ?? null,
        note: s.note ?? null,
      })),
      documents: g.documents,
      fees: g.fees,
      complaintChannels: g.complaintChannels ?? null,
      remarks: g.remarks ?? null,
      sortOrder: order,
    });
    order += 10;
    if (g.forms) {
      await addGuideFile(ctx, guide.id, {
        bytes: await formPdf(g.forms, false),
        fileName: `form-${guide.id}.pdf`,
        kind: 'form',
        name: g.forms.title,
      });
      await addGuideFile(ctx, guide.id, {
        bytes: await formPdf(g.forms, true),
        fileName: `example-${guide.id}.pdf`,
        kind: 'example',
        name: `ตัวอย่างการกรอก ${g.forms.title}`,
      });
    }
    if (g.publish) {
      const current = await getGuide(ctx, guide.id);
      await publishGuide(ctx, guide.id, { version: current.guide.version });
      published++;
    }
    if (g.category === 'permit') building = guide.id;
  }
  // A published guide changed later: a new version with its reason in the publication log.
  if (building) {
    const { guide } = await getGuide(ctx, building);
    await updateGuide(
      ctx,
      building,
      {
        ...guide,
        steps: guide.steps,
        fees: guide.fees.map((f) => ({ item: f.item, amountSatang: f.amount, note: f.note })),
        legalBasis: guide.legalBasis,
        hours: 'วันจันทร์ ถึง วันศุกร์ (ยกเว้นวันหยุดที่ทางราชการกำหนด) ตั้งแต่เวลา 08:30 – 16:30 น. (มีพักเที่ยง) รับคำขอถึงเวลา 15:30 น.',
      },
      { version: guide.version, reason: 'ปรับเวลารับคำขอให้ตรงกับประกาศองค์การบริหารส่วนตำบลเรื่องเวลาให้บริการ' },
    );
  }
  demo.log(`services: ${GUIDES.length} citizen manuals (${published} published, 1 edited after publishing), forms with filled examples`);
}
