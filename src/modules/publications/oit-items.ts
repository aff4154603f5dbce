import list2567 from '../disclosure/oit/2567.json' with { type: 'json' };
import list2568 from '../disclosure/oit/2568.json' with { type: 'json' };
import list2569 from '../disclosure/oit/2569.json' with { type: 'json' };

/**
 * The OIT items (แบบตรวจการเปิดเผยข้อมูลสาธารณะ) an อปท. publishes evidence for, per fiscal
 * year, as rebuilt in /shared/reference/ita-oit.md (the NACC manuals were not at hand), shipped
 * as data files in src/modules/disclosure/oit/.
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

/** One item of a shipped list file (src/modules/disclosure/oit/<year>.json). */
export interface OitListFileItem extends OitItem {
  /** The stable topics (OIT_TOPICS) this item asks for; modules provide evidence by topic. */
  topics: string[];
}

interface OitListFile {
  fiscalYear: number;
  /** The first fiscal year the list applies to (2567's list is also 2566's). */
  appliesFrom: number;
  items: OitListFileItem[];
}

const INDICATORS: readonly number[] = [9, 10];
const GROUPS: readonly string[] = ['basic', 'management', 'procurement', 'hr', 'transparency', 'prevention', 'bribery', 'internal'];

/** A shipped list is checked when it is loaded: a broken file stops the start, not an assessor's page. */
function loadList(file: unknown, name: string): OitListFile {
  const f = file as OitListFile;
  const codes = new Set<string>();
  for (const i of f.items) {
    const ok =
      typeof i.code === 'string' &&
      /^[oO]\d{1,3}$/.test(i.code) &&
      !codes.has(i.code) &&
      typeof i.name === 'string' &&
      i.name.length > 0 &&
      typeof i.gloss === 'string' &&
      INDICATORS.includes(i.indicator) &&
      GROUPS.includes(i.group) &&
      typeof i.verified === 'boolean' &&
      Array.isArray(i.topics) &&
      i.topics.every((t) => (OIT_TOPICS as readonly string[]).includes(t));
    if (!ok) throw new Error(`OIT list ${name}: item ${JSON.stringify(i)} is not valid`);
    codes.add(i.code);
  }
  return f;
}

/**
 * The lists shipped with this version, one data file per ITA year (2567: o1–o43, used for 2566
 * too; 2568: O1–O27; 2569: O1–O26). An organization's admin may replace a year's list for the
 * organization when the NACC publishes a new one (disclosure module, oit_lists); these are the
 * defaults and what the rest of the code reads when it has no organization at hand.
 */
const SHIPPED: readonly OitListFile[] = [loadList(list2567, '2567.json'), loadList(list2568, '2568.json'), loadList(list2569, '2569.json')];

/** The first and last fiscal years with a known list. */
export const FIRST_OIT_YEAR = 2566;
export const LATEST_OIT_YEAR = 2569;

/** The shipped list file that applies to a fiscal year (years after the latest use the latest list). */
function shippedFileOf(fiscalYear: number): OitListFile | undefined {
  if (fiscalYear < FIRST_OIT_YEAR) return undefined;
  let found: OitListFile | undefined;
  for (const f of SHIPPED) if (f.appliesFrom <= fiscalYear) found = f;
  return found;
}

/** The fiscal year whose shipped list applies to a year (2566 → 2567's list), or undefined before the first. */
export function shippedListYear(fiscalYear: number): number | undefined {
  return shippedFileOf(fiscalYear)?.fiscalYear;
}

/** The shipped list of a fiscal year with each item's topics (the disclosure module's default list). */
export function shippedOitList(fiscalYear: number): readonly OitListFileItem[] {
  return shippedFileOf(fiscalYear)?.items ?? [];
}

/** The OIT items of a fiscal year; years after the latest known use the latest list. */
export function oitItemsOf(fiscalYear: number): readonly OitItem[] {
  return shippedOitList(fiscalYear);
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

type TopicCodes = Partial<Record<OitTopic, string>>;

/** The topics → item codes of a fiscal year's shipped list (from each item's topics in the file). */
export function oitTopicsOf(fiscalYear: number): TopicCodes {
  const out: TopicCodes = {};
  for (const item of shippedOitList(fiscalYear)) for (const t of item.topics) out[t as OitTopic] ??= item.code;
  return out;
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
