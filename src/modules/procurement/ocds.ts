import type { ServiceContext } from '../../core/context.js';
import type { Organization } from '../../core/tenancy/organization.js';
import { getOrganization } from '../organization/service.js';
import { getPublicProcurement } from './list.js';
import type { ProcurementMethod } from './schema.js';
import { getProcurement, type Procurement, type ProcurementBid, type ProcurementNotice } from './service.js';

/**
 * Open Contracting Data Standard 1.1 release packages, one per procurement.
 *
 * The ocid is `ocds-prongsai-<organization id>-<procurement id>`. "ocds-prongsai" is this
 * platform's prefix; it is NOT registered with the Open Contracting Partnership (a registered
 * prefix is `ocds-` + six characters) — an organization publishing to a registry should ask for
 * one and replace OCID_PREFIX. The organization id keeps ocids unique across the organizations
 * served by one installation.
 *
 * One release per stage the procurement has reached — planning (always), tender (announced),
 * award (awarded), contract (contracted/completed) — each a snapshot of what was known at that
 * stage; a cancelled procurement adds tenderCancellation. Money is THB with amounts as decimals
 * computed exactly from integer satang (the string → number step happens only here, at the edge).
 */
export const OCID_PREFIX = 'ocds-prongsai';

export function ocidOf(orgId: number, procurementId: number): string {
  return `${OCID_PREFIX}-${orgId}-${procurementId}`;
}

/** Integer satang → a decimal amount in baht, exactly (123456 → 1234.56): digits are split, never divided. */
export function satangToAmount(satang: number): number {
  if (!Number.isSafeInteger(satang) || satang < 0) throw new Error(`not an amount in satang: ${satang}`);
  const s = String(satang).padStart(3, '0');
  return Number(`${s.slice(0, -2)}.${s.slice(-2)}`);
}

const value = (satang: number | null | undefined) => (satang == null ? undefined : { amount: satangToAmount(satang), currency: 'THB' });

/** 'YYYY-MM-DD' (a Bangkok day) → ISO date-time at Bangkok midnight. */
const isoDay = (d: string | null | undefined) => (d ? `${d}T00:00:00+07:00` : undefined);
const iso = (d: Date) => d.toISOString();

/** OCDS procurementMethod codelist: open, selective, limited, direct. */
const OCDS_METHOD: Record<ProcurementMethod, 'open' | 'selective' | 'limited' | 'direct'> = {
  e_bidding: 'open',
  e_market: 'open',
  selection: 'selective',
  specific: 'direct',
  consultant: 'selective',
  design: 'selective',
  other: 'limited',
};

/** วิธีซื้อหรือจ้าง as named in the regulation (procurementMethodDetails). */
const METHOD_DETAILS: Record<ProcurementMethod, string> = {
  e_bidding: 'ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)',
  e_market: 'ตลาดอิเล็กทรอนิกส์ (e-market)',
  selection: 'คัดเลือก',
  specific: 'เฉพาะเจาะจง',
  consultant: 'จ้างที่ปรึกษา',
  design: 'จ้างออกแบบและควบคุมงานก่อสร้าง',
  other: 'อื่น ๆ',
};

const NOTICE_TYPE: Record<ProcurementNotice['kind'], string> = {
  plan: 'procurementPlan',
  invitation: 'tenderNotice',
  winner: 'awardNotice',
  cancellation: 'cancellationDetails',
  other: 'notice',
};

export interface OcdsParty {
  id: string;
  name: string;
  identifier?: { scheme: string; id: string };
  roles: string[];
}

export interface OcdsRelease {
  ocid: string;
  id: string;
  date: string;
  tag: string[];
  initiationType: 'tender';
  language: 'th';
  parties: OcdsParty[];
  buyer: { id: string; name: string };
  planning?: Record<string, unknown>;
  tender: Record<string, unknown>;
  awards?: Record<string, unknown>[];
  contracts?: Record<string, unknown>[];
}

export interface OcdsReleasePackage {
  uri: string;
  version: '1.1';
  publishedDate: string;
  publisher: { name: string; uri?: string };
  publicationPolicy?: string;
  releases: OcdsRelease[];
}

export interface OcdsInput {
  org: Pick<Organization, 'id' | 'names' | 'website'>;
  procurement: Procurement;
  bids: ProcurementBid[];
  notices: ProcurementNotice[];
  /** Where the package is served and the site's origin (documents' links). */
  uri: string;
  origin: string;
}

/** The RD tax id scheme (เลขประจำตัวผู้เสียภาษีอากร, org-id.guide TH-RD). */
const TAX_SCHEME = 'TH-RD';

/** Builds the release package of one procurement (pure: the caller has checked who may see it). */
export function buildReleasePackage(input: OcdsInput): OcdsReleasePackage {
  const { org, procurement: p, bids } = input;
  const ocid = ocidOf(org.id, p.id);
  const buyer = { id: `${OCID_PREFIX}-org-${org.id}`, name: org.names.full };
  const partyId = (_name: string, taxId: string | null, i: number) => (taxId ? `${TAX_SCHEME}-${taxId}` : `${ocid}-bidder-${i + 1}`);
  const sameName = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

  const tenderers: OcdsParty[] = bids.map((b, i) => ({
    id: partyId(b.bidderName, b.taxId, i),
    name: b.bidderName,
    identifier: b.taxId ? { scheme: TAX_SCHEME, id: b.taxId } : undefined,
    roles: ['tenderer'],
  }));
  let supplier: OcdsParty | null = null;
  if (p.winnerName) {
    const i = bids.findIndex((b) => sameName(b.bidderName, p.winnerName ?? ''));
    const taxId = p.winnerTaxId ?? (i >= 0 ? bids[i]?.taxId : null) ?? null;
    const existing = i >= 0 ? tenderers[i] : undefined;
    if (existing) {
      existing.roles.push('supplier');
      if (!existing.identifier && taxId) existing.identifier = { scheme: TAX_SCHEME, id: taxId };
      supplier = existing;
    } else {
      supplier = {
        id: taxId ? `${TAX_SCHEME}-${taxId}` : `${ocid}-supplier`,
        name: p.winnerName,
        identifier: taxId ? { scheme: TAX_SCHEME, id: taxId } : undefined,
        roles: ['supplier'],
      };
    }
  }
  const ref = (x: OcdsParty) => ({ id: x.id, name: x.name });
  const documents = input.notices
    .filter((n) => n.publicationId != null)
    .map((n) => ({
      id: `notice-${n.id}`,
      documentType: NOTICE_TYPE[n.kind],
      title: n.title,
      datePublished: isoDay(n.noticeDate),
      url: `${input.origin}/publications/${n.publicationId}/file`,
      format: 'application/pdf',
      language: 'th',
    }));
  const docsOf = (...kinds: ProcurementNotice['kind'][]) => {
    const ids = new Set(input.notices.filter((n) => kinds.includes(n.kind)).map((n) => `notice-${n.id}`));
    const list = documents.filter((d) => ids.has(d.id));
    return list.length ? list : undefined;
  };

  const reached = {
    tender: p.status === 'announced' || p.status === 'awarded' || p.status === 'contracted' || p.status === 'completed' || !!p.announcedOn,
    award: p.status === 'awarded' || p.status === 'contracted' || p.status === 'completed',
    contract: p.status === 'contracted' || p.status === 'completed',
  };
  const tenderStatus =
    p.status === 'cancelled' ? 'cancelled' : p.status === 'planned' ? 'planning' : p.status === 'announced' ? 'active' : 'complete';

  const planning = {
    budget: {
      description: p.budgetSource ?? undefined,
      amount: value(p.budgetSatang),
      projectID: p.egpProjectNo ?? undefined,
    },
    documents: docsOf('plan'),
  };
  const tender = (stage: 'planning' | 'tender' | 'final') => ({
    id: `${ocid}-tender`,
    title: p.title,
    status: stage === 'planning' ? 'planning' : stage === 'tender' && tenderStatus !== 'cancelled' ? 'active' : tenderStatus,
    procuringEntity: buyer,
    value: value(p.budgetSatang),
    procurementMethod: OCDS_METHOD[p.method],
    procurementMethodDetails: METHOD_DETAILS[p.method],
    mainProcurementCategory: p.category === 'consulting' ? 'services' : p.category,
    tenderPeriod: stage !== 'planning' && p.announcedOn ? { startDate: isoDay(p.announcedOn) } : undefined,
    tenderers: stage !== 'planning' && tenderers.length ? tenderers.map(ref) : undefined,
    numberOfTenderers: stage !== 'planning' && tenderers.length ? tenderers.length : undefined,
    documents: stage === 'planning' ? undefined : docsOf('invitation', 'cancellation', 'other'),
  });
  const award = () => ({
    id: `${ocid}-award-1`,
    title: p.title,
    description: p.selectionReason ?? undefined,
    status: p.status === 'cancelled' ? 'cancelled' : 'active',
    date: isoDay(p.awardedOn ?? p.contractDate),
    value: value(p.agreedPriceSatang),
    suppliers: supplier ? [ref(supplier)] : [],
    documents: docsOf('winner'),
  });
  const contract = () => ({
    id: `${ocid}-contract-1`,
    awardID: `${ocid}-award-1`,
    title: p.contractNo ? `${p.title} (${p.contractNo})` : p.title,
    status: p.status === 'completed' ? 'terminated' : p.status === 'cancelled' ? 'cancelled' : 'active',
    value: value(p.agreedPriceSatang),
    dateSigned: isoDay(p.contractDate),
  });

  const parties: OcdsParty[] = [{ id: buyer.id, name: buyer.name, roles: ['buyer', 'procuringEntity'] }, ...tenderers];
  if (supplier && !tenderers.includes(supplier)) parties.push(supplier);
  const partiesAt = (stage: 'planning' | 'tender' | 'award' | 'contract') =>
    stage === 'planning'
      ? [parties[0] as OcdsParty]
      : stage === 'tender'
        ? parties
            .filter((x) => x.roles.includes('buyer') || x.roles.includes('tenderer'))
            .map((x) => ({ ...x, roles: x.roles.filter((r) => r !== 'supplier') }))
        : parties;

  const base = (id: string, date: string, tag: string[], stage: 'planning' | 'tender' | 'award' | 'contract'): OcdsRelease => ({
    ocid,
    id: `${ocid}-${id}`,
    date,
    tag,
    initiationType: 'tender',
    language: 'th',
    parties: partiesAt(stage),
    buyer,
    planning,
    tender: tender(stage === 'planning' ? 'planning' : stage === 'tender' ? 'tender' : 'final'),
  });
  const releases: OcdsRelease[] = [base('planning', iso(p.createdAt), ['planning'], 'planning')];
  if (reached.tender) releases.push(base('tender', isoDay(p.announcedOn) ?? iso(p.createdAt), ['tender'], 'tender'));
  if (reached.award)
    releases.push({ ...base('award', isoDay(p.awardedOn ?? p.contractDate) ?? iso(p.updatedAt), ['award'], 'award'), awards: [award()] });
  if (reached.contract)
    releases.push({
      ...base('contract', isoDay(p.contractDate) ?? iso(p.updatedAt), ['contract'], 'contract'),
      awards: [award()],
      contracts: [contract()],
    });
  if (p.status === 'cancelled')
    releases.push({
      ...base('cancellation', iso(p.updatedAt), ['tenderCancellation'], reached.tender ? 'tender' : 'planning'),
      tender: { ...tender('final'), status: 'cancelled', statusDetails: p.cancelReason ?? undefined },
    });
  return dropUndefined({
    uri: input.uri,
    version: '1.1',
    publishedDate: iso(p.updatedAt),
    publisher: { name: org.names.full, uri: org.website ?? undefined },
    publicationPolicy: `${input.origin}/procurement`,
    releases,
  });
}

/** JSON without undefined members (OCDS forbids nulls for missing fields; absent is right). */
function dropUndefined<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * The release package of one procurement. `public`: only what the public may see (list.ts's rule,
 * published notices only; unknown or not public → 404); otherwise staff (read policy), all notices.
 */
export async function procurementOcds(
  ctx: ServiceContext,
  id: number,
  opts: { public: boolean; origin: string },
): Promise<OcdsReleasePackage> {
  const detail = opts.public ? await getPublicProcurement(ctx, id) : await getProcurement(ctx, id);
  const org = await getOrganization(ctx);
  return buildReleasePackage({
    org,
    procurement: detail.procurement,
    bids: detail.bids,
    notices: detail.notices,
    uri: `${opts.origin}/procurement/${id}/ocds.json`,
    origin: opts.origin,
  });
}
