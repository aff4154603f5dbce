/**
 * The OIT items (แบบตรวจการเปิดเผยข้อมูลสาธารณะ) an อปท. publishes evidence for, per fiscal
 * year, as rebuilt in /shared/reference/ita-oit.md (the NACC manuals were not at hand).
 * The item names are the official Thai titles — data, not UI text. Items the reference could
 * only infer carry `verified: false`; confirm them against the NACC manual of the year.
 */

/** 9 การเปิดเผยข้อมูล (disclosure), 10 การป้องกันการทุจริต (corruption prevention). */
export type OitIndicator = 9 | 10;

/** Sub-indicator groups; labels in the catalog under publications.groups.*. */
export type OitGroup = 'basic' | 'management' | 'procurement' | 'hr' | 'transparency' | 'prevention' | 'bribery' | 'internal';

export interface OitItem {
  code: string;
  /** Official Thai title. */
  name: string;
  /** English gloss, for en/ms readers. */
  gloss: string;
  indicator: OitIndicator;
  group: OitGroup;
  verified: boolean;
}

type Row = [code: string, name: string, gloss: string, group: OitGroup, verified?: boolean];

function build(rows: Row[], preventionFrom: number): OitItem[] {
  return rows.map(([code, name, gloss, group, verified = true]) => ({
    code,
    name,
    gloss,
    group,
    verified,
    indicator: Number(code.slice(1)) >= preventionFrom ? 10 : 9,
  }));
}

/** FY 2566–2567: 43 items, o1–o43 (ita-oit.md §3.1). */
const FY2567 = build(
  [
    ['o1', 'โครงสร้าง', 'Organisation chart', 'basic'],
    ['o2', 'ข้อมูลผู้บริหาร', 'Executives', 'basic'],
    ['o3', 'อำนาจหน้าที่', 'Powers and duties', 'basic'],
    ['o4', 'แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน', 'Strategic or development plan', 'basic'],
    ['o5', 'ข้อมูลการติดต่อ', 'Contact information', 'basic'],
    ['o6', 'กฎหมายที่เกี่ยวข้อง', 'Relevant laws', 'basic'],
    ['o7', 'ข่าวประชาสัมพันธ์', 'News', 'basic'],
    ['o8', 'Q&A', 'Questions and answers', 'basic'],
    ['o9', 'Social Network', 'Social media', 'basic'],
    ['o10', 'นโยบายคุ้มครองข้อมูลส่วนบุคคล', 'Personal data protection policy', 'basic'],
    ['o11', 'แผนดำเนินงานและการใช้งบประมาณประจำปี', 'Annual operating and budget plan', 'management'],
    ['o12', 'รายงานการกำกับติดตามการดำเนินงานและการใช้งบประมาณ ประจำปี รอบ 6 เดือน', 'Six-month progress and budget report', 'management'],
    ['o13', 'รายงานผลการดำเนินงานประจำปี', 'Annual performance report', 'management'],
    ['o14', 'คู่มือหรือมาตรฐานการปฏิบัติงาน', 'Staff work manuals', 'management'],
    ['o15', 'คู่มือหรือมาตรฐานการให้บริการ', 'Service manuals and standards', 'management'],
    ['o16', 'ข้อมูลเชิงสถิติการให้บริการ', 'Service statistics', 'management'],
    ['o17', 'รายงานผลการสำรวจความพึงพอใจการให้บริการ', 'Service satisfaction survey report', 'management'],
    ['o18', 'E–Service', 'Online services', 'management'],
    ['o19', 'แผนการจัดซื้อจัดจ้างหรือแผนการจัดหาพัสดุ', 'Procurement plan', 'procurement'],
    ['o20', 'ประกาศต่าง ๆ เกี่ยวกับการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ', 'Procurement notices', 'procurement'],
    ['o21', 'สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน', 'Monthly procurement summary', 'procurement'],
    ['o22', 'รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี', 'Annual procurement report', 'procurement'],
    ['o23', 'นโยบายการบริหารทรัพยากรบุคคล', 'Human resources policy', 'hr'],
    ['o24', 'การดำเนินการตามนโยบายการบริหารทรัพยากรบุคคล', 'Human resources policy in practice', 'hr'],
    ['o25', 'หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล', 'Human resources rules', 'hr'],
    ['o26', 'รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี', 'Annual human resources report', 'hr'],
    ['o27', 'แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ', 'Corruption complaint guideline', 'transparency'],
    ['o28', 'ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ', 'Corruption complaint channel', 'transparency'],
    ['o29', 'ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ', 'Corruption complaint statistics', 'transparency'],
    ['o30', 'การเปิดโอกาสให้เกิดการมีส่วนร่วม', 'Public participation', 'transparency'],
    ['o31', 'ประกาศเจตนารมณ์นโยบาย No Gift Policy จากการปฏิบัติหน้าที่', 'No Gift Policy declaration', 'prevention'],
    ['o32', 'การสร้างวัฒนธรรม No Gift Policy', 'No Gift Policy culture', 'prevention'],
    ['o33', 'รายงานผลตามนโยบาย No Gift Policy', 'No Gift Policy report', 'prevention'],
    ['o34', 'การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบประจำปี', 'Annual corruption risk assessment', 'prevention'],
    ['o35', 'การดำเนินการเพื่อจัดการความเสี่ยงการทุจริตและประพฤติมิชอบ', 'Corruption risk treatment', 'prevention'],
    ['o36', 'แผนปฏิบัติการป้องกันการทุจริต', 'Anti-corruption action plan', 'prevention'],
    ['o37', 'รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริตประจำปี รอบ 6 เดือน', 'Six-month anti-corruption report', 'prevention'],
    ['o38', 'รายงานผลการดำเนินการป้องกันการทุจริตประจำปี', 'Annual anti-corruption report', 'prevention'],
    ['o39', 'ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ', 'Code of ethics for officials', 'internal'],
    ['o40', 'การขับเคลื่อนจริยธรรม', 'Promoting ethics', 'internal'],
    ['o41', 'การประเมินจริยธรรมเจ้าหน้าที่ของรัฐ', 'Ethics evaluation of officials', 'internal'],
    ['o42', 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน', 'Integrity and transparency measures', 'internal'],
    [
      'o43',
      'การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน',
      'Implementation of the integrity and transparency measures',
      'internal',
    ],
  ],
  31,
);

/** FY 2568: rebuilt, O1–O26 mostly confirmed; O2, O5–O7 inferred; O27 unverified (§3.2). */
const FY2568 = build(
  [
    ['O1', 'โครงสร้างและอำนาจหน้าที่', 'Structure and powers', 'basic'],
    ['O2', 'ข้อมูลผู้บริหาร', 'Executives', 'basic', false],
    ['O3', 'ข้อมูลการติดต่อ', 'Contact information', 'basic'],
    ['O4', 'ข่าวประชาสัมพันธ์', 'News', 'basic'],
    ['O5', 'แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน', 'Strategic or development plan', 'management', false],
    ['O6', 'แผนปฏิบัติและความก้าวหน้าในการดำเนินงานและการใช้งบประมาณประจำปี', 'Annual operating plan, budget and progress', 'management', false],
    ['O7', 'รายงานผลการดำเนินงานประจำปี', 'Annual performance report', 'management', false],
    ['O8', 'คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่', 'Staff work manuals', 'management'],
    ['O9', 'คู่มือหรือแนวทางการขอรับบริการสำหรับผู้รับบริการหรือผู้มาติดต่อ', 'Service guides for the public', 'management'],
    ['O10', 'E–Service', 'Online services', 'management'],
    ['O11', 'ข้อมูลสถิติการให้บริการ', 'Service statistics', 'management'],
    ['O12', 'รายการการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ และความก้าวหน้าการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ', 'Procurement list and progress', 'procurement'],
    ['O13', 'รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี', 'Annual procurement report', 'procurement'],
    ['O14', 'แผนการบริหารและพัฒนาทรัพยากรบุคคล', 'Human resources plan', 'hr'],
    ['O15', 'รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี', 'Annual human resources report', 'hr'],
    ['O16', 'ประมวลจริยธรรมและการขับเคลื่อนจริยธรรม', 'Code of ethics and its promotion', 'hr'],
    ['O17', 'แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ', 'Corruption complaint guideline', 'transparency'],
    ['O18', 'ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ', 'Corruption complaint channel', 'transparency'],
    ['O19', 'ข้อมูลสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ประจำปี', 'Corruption complaint statistics', 'transparency'],
    ['O20', 'การเปิดโอกาสให้เกิดการมีส่วนร่วม', 'Public participation', 'transparency'],
    ['O21', 'ประกาศเจตนารมณ์และการสร้างวัฒนธรรม ตามนโยบาย No Gift Policy จากการปฏิบัติหน้าที่', 'No Gift Policy declaration and culture', 'bribery'],
    ['O22', 'รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา', 'Report on gifts received', 'bribery'],
    ['O23', 'การประเมินความเสี่ยงที่อาจเกิดการให้หรือรับสินบนจากการดำเนินงานตามภารกิจของหน่วยงาน', 'Bribery risk assessment', 'bribery'],
    ['O24', 'รายงานผลการดำเนินการเพื่อจัดการความเสี่ยงการทุจริตและประพฤติมิชอบประจำปี', 'Corruption risk treatment report', 'prevention'],
    ['O25', 'แผนปฏิบัติการป้องกันการทุจริต', 'Anti-corruption action plan', 'prevention'],
    ['O26', 'รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต', 'Anti-corruption plan report', 'prevention'],
    ['O27', 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน', 'Integrity and transparency measures', 'internal', false],
  ],
  21,
);

/** FY 2569: O1–O26 (§3.3); O2, O6, O7 inferred. */
const FY2569 = build(
  [
    ['O1', 'โครงสร้าง หน้าที่และอำนาจ', 'Structure, duties and powers', 'basic'],
    ['O2', 'ข้อมูลผู้บริหาร', 'Executives', 'basic', false],
    ['O3', 'ข้อมูลการติดต่อและช่องทางการสอบถาม', 'Contact and enquiry channels', 'basic'],
    ['O4', 'ข่าวประชาสัมพันธ์', 'News', 'basic'],
    ['O5', 'แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน', 'Strategic or development plan', 'management'],
    ['O6', 'แผนดำเนินงานและการใช้งบประมาณประจำปี', 'Annual operating and budget plan', 'management', false],
    ['O7', 'รายงานผลการดำเนินงานประจำปี', 'Annual performance report', 'management', false],
    ['O8', 'คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่', 'Staff work manuals', 'management'],
    ['O9', 'คู่มือหรือแนวทางการขอรับบริการสำหรับผู้รับบริการหรือผู้มาติดต่อ', 'Service guides for the public', 'management'],
    ['O10', 'ระบบการให้บริการผ่านช่องทางออนไลน์ (E-SERVICE)', 'Online services and their statistics', 'management'],
    ['O11', 'สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน', 'Monthly procurement summary', 'procurement'],
    ['O12', 'รายงานสรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุของหน่วยงาน', 'Annual procurement report (previous year)', 'procurement'],
    ['O13', 'หลักเกณฑ์และแผนการบริหารและพัฒนาทรัพยากรบุคคล', 'Human resources rules and plan', 'hr'],
    ['O14', 'รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล', 'Human resources report (previous year)', 'hr'],
    ['O15', 'ประมวลจริยธรรมและการขับเคลื่อนจริยธรรม', 'Code of ethics and its promotion', 'hr'],
    ['O16', 'แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ', 'Corruption complaint guideline', 'transparency'],
    ['O17', 'ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ', 'Corruption complaint channel', 'transparency'],
    ['O18', 'ข้อมูลสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ', 'Corruption complaint statistics', 'transparency'],
    ['O19', 'ผลการเปิดโอกาสให้มีส่วนร่วมในการดำเนินงาน', 'Results of public participation', 'transparency'],
    [
      'O20',
      'การขับเคลื่อนนโยบาย NO GIFT POLICY จากการปฏิบัติหน้าที่และการเสริมสร้างความรู้เกี่ยวกับหลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยาของเจ้าพนักงานของรัฐ',
      'No Gift Policy and the rules on accepting gifts',
      'bribery',
    ],
    ['O21', 'การประเมินความเสี่ยงการทุจริตในหน่วยงานภาครัฐ', 'Corruption risk assessment', 'prevention'],
    ['O22', 'รายงานผลการดำเนินการตามแผนบริหารจัดการความเสี่ยงการทุจริตของหน่วยงาน', 'Corruption risk plan report (previous year)', 'prevention'],
    ['O23', 'แผนปฏิบัติการป้องกันการทุจริต', 'Anti-corruption action plan', 'prevention'],
    ['O24', 'รายงานผลการดำเนินการป้องกันการทุจริต', 'Anti-corruption report (previous year)', 'prevention'],
    ['O25', 'การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร', 'Using the ITA results to improve the organization', 'internal'],
    [
      'O26',
      'รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน',
      'Report on integrity and transparency actions (previous year)',
      'internal',
    ],
  ],
  20,
);

/** The first and last fiscal years with a known list. */
export const FIRST_OIT_YEAR = 2566;
export const LATEST_OIT_YEAR = 2569;

/** The OIT items of a fiscal year; years after the latest known use the latest list. */
export function oitItemsOf(fiscalYear: number): readonly OitItem[] {
  if (fiscalYear < FIRST_OIT_YEAR) return [];
  if (fiscalYear <= 2567) return FY2567;
  if (fiscalYear === 2568) return FY2568;
  return FY2569;
}

export function oitItem(fiscalYear: number, code: string): OitItem | undefined {
  return oitItemsOf(fiscalYear).find((i) => i.code === code);
}

/**
 * OIT item of the measures-implementation report (รายงานผลการดำเนินการตามมาตรการส่งเสริม
 * คุณธรรมและความโปร่งใส) for a fiscal year: 2566–2567 'o43'; 2568 'O27' (the reference could
 * not confirm the 2568 number); 2569 and later 'O26'.
 */
export function measuresReportItem(fiscalYear: number): string {
  if (fiscalYear <= 2567) return 'o43';
  if (fiscalYear === 2568) return 'O27';
  return 'O26';
}

/** OIT item of the measures themselves (the plan): 2566–2567 'o42'; 2568 'O27'; 2569+ 'O25'. */
export function measuresPlanItem(fiscalYear: number): string {
  if (fiscalYear <= 2567) return 'o42';
  if (fiscalYear === 2568) return 'O27';
  return 'O25';
}

/**
 * Topics: what an OIT item asks for, named the same way every year, so that a module says
 * "news satisfy the topic 'news'" once and each year's list says which item that is (o7 in
 * 2567, O4 in 2569). One item may cover several topics (2569's O1 is structure and powers).
 */
export const OIT_TOPICS = [
  'structure',
  'executives',
  'powers',
  'strategic-plan',
  'contact',
  'laws',
  'news',
  'qa',
  'social',
  'privacy',
  'operating-plan',
  'progress-report',
  'annual-report',
  'work-manuals',
  'service-guides',
  'service-statistics',
  'satisfaction',
  'e-service',
  'procurement-plan',
  'procurement-notices',
  'procurement-monthly',
  'procurement-annual',
  'complaint-guideline',
  'complaint-channel',
  'complaint-statistics',
  'participation',
  'measures-plan',
  'measures-report',
] as const;
export type OitTopic = (typeof OIT_TOPICS)[number];

type TopicCodes = Partial<Record<OitTopic, string>>;

const TOPICS_2567: TopicCodes = {
  structure: 'o1',
  executives: 'o2',
  powers: 'o3',
  'strategic-plan': 'o4',
  contact: 'o5',
  laws: 'o6',
  news: 'o7',
  qa: 'o8',
  social: 'o9',
  privacy: 'o10',
  'operating-plan': 'o11',
  'progress-report': 'o12',
  'annual-report': 'o13',
  'work-manuals': 'o14',
  'service-guides': 'o15',
  'service-statistics': 'o16',
  satisfaction: 'o17',
  'e-service': 'o18',
  'procurement-plan': 'o19',
  'procurement-notices': 'o20',
  'procurement-monthly': 'o21',
  'procurement-annual': 'o22',
  'complaint-guideline': 'o27',
  'complaint-channel': 'o28',
  'complaint-statistics': 'o29',
  participation: 'o30',
  'measures-plan': 'o42',
  'measures-report': 'o43',
};

const TOPICS_2568: TopicCodes = {
  structure: 'O1',
  powers: 'O1',
  executives: 'O2',
  contact: 'O3',
  qa: 'O3',
  social: 'O3',
  news: 'O4',
  'strategic-plan': 'O5',
  'operating-plan': 'O6',
  'progress-report': 'O6',
  'annual-report': 'O7',
  'work-manuals': 'O8',
  'service-guides': 'O9',
  'e-service': 'O10',
  'service-statistics': 'O11',
  satisfaction: 'O11',
  'procurement-plan': 'O12',
  'procurement-notices': 'O12',
  'procurement-monthly': 'O12',
  'procurement-annual': 'O13',
  'complaint-guideline': 'O17',
  'complaint-channel': 'O18',
  'complaint-statistics': 'O19',
  participation: 'O20',
  'measures-plan': 'O27',
  'measures-report': 'O27',
};

const TOPICS_2569: TopicCodes = {
  structure: 'O1',
  powers: 'O1',
  executives: 'O2',
  contact: 'O3',
  qa: 'O3',
  social: 'O3',
  news: 'O4',
  'strategic-plan': 'O5',
  'operating-plan': 'O6',
  'annual-report': 'O7',
  'work-manuals': 'O8',
  'service-guides': 'O9',
  'e-service': 'O10',
  'service-statistics': 'O10',
  satisfaction: 'O10',
  'procurement-notices': 'O11',
  'procurement-monthly': 'O11',
  'procurement-annual': 'O12',
  'complaint-guideline': 'O16',
  'complaint-channel': 'O17',
  'complaint-statistics': 'O18',
  participation: 'O19',
  'measures-plan': 'O25',
  'measures-report': 'O26',
};

/** The topics → item codes of a fiscal year's shipped list. */
export function oitTopicsOf(fiscalYear: number): TopicCodes {
  if (fiscalYear < FIRST_OIT_YEAR) return {};
  if (fiscalYear <= 2567) return TOPICS_2567;
  if (fiscalYear === 2568) return TOPICS_2568;
  return TOPICS_2569;
}

/** The item code that covers a topic in a fiscal year's shipped list, if any. */
export function oitItemForTopic(fiscalYear: number, topic: OitTopic): string | undefined {
  return oitTopicsOf(fiscalYear)[topic];
}

/** The topics an item covers in a fiscal year's shipped list. */
export function topicsOfItem(fiscalYear: number, code: string): OitTopic[] {
  return Object.entries(oitTopicsOf(fiscalYear))
    .filter(([, c]) => c === code)
    .map(([t]) => t as OitTopic);
}
