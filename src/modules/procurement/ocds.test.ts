import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { orgNames } from '../../core/tenancy/organization.js';
import { buildReleasePackage, type OcdsReleasePackage, ocidOf, satangToAmount } from './ocds.js';
import type { Procurement, ProcurementBid, ProcurementNotice } from './service.js';

/**
 * The required fields of OCDS 1.1 (release-package-schema.json and release-schema.json: package
 * uri, version, publishedDate, publisher.name, releases; release ocid, id, date, tag, initiationType;
 * parties id; Value amount + currency; award id; contract id + awardID), checked by hand —
 * the small subset this module emits.
 */
const TAGS = [
  'planning',
  'planningUpdate',
  'tender',
  'tenderAmendment',
  'tenderUpdate',
  'tenderCancellation',
  'award',
  'awardUpdate',
  'awardCancellation',
  'contract',
  'contractUpdate',
  'contractAmendment',
  'implementation',
  'implementationUpdate',
  'contractTermination',
  'compiled',
];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function checkValue(v: unknown, where: string, problems: string[]) {
  if (v === undefined) return;
  const x = v as { amount?: unknown; currency?: unknown };
  if (typeof x.amount !== 'number' || !Number.isFinite(x.amount)) problems.push(`${where}.amount`);
  if (x.currency !== 'THB') problems.push(`${where}.currency`);
}

function validate(pkg: OcdsReleasePackage): string[] {
  const problems: string[] = [];
  if (typeof pkg.uri !== 'string' || !pkg.uri) problems.push('uri');
  if (pkg.version !== '1.1') problems.push('version');
  if (!ISO.test(pkg.publishedDate)) problems.push('publishedDate');
  if (!pkg.publisher?.name) problems.push('publisher.name');
  if (!Array.isArray(pkg.releases) || pkg.releases.length === 0) problems.push('releases');
  const ids = new Set<string>();
  for (const [i, r] of pkg.releases.entries()) {
    const at = `releases[${i}]`;
    if (!/^ocds-[a-z0-9]+-/.test(r.ocid)) problems.push(`${at}.ocid`);
    if (!r.id || ids.has(r.id)) problems.push(`${at}.id`);
    ids.add(r.id);
    if (!ISO.test(r.date)) problems.push(`${at}.date`);
    if (!Array.isArray(r.tag) || r.tag.length === 0 || r.tag.some((t) => !TAGS.includes(t))) problems.push(`${at}.tag`);
    if (r.initiationType !== 'tender') problems.push(`${at}.initiationType`);
    const partyIds = new Set(r.parties.map((p) => p.id));
    if (r.parties.some((p) => !p.id || !p.name)) problems.push(`${at}.parties`);
    if (!partyIds.has(r.buyer.id)) problems.push(`${at}.buyer`);
    const tender = r.tender as { id?: string; value?: unknown; tenderers?: { id: string }[]; tenderPeriod?: { startDate?: string } };
    if (!tender.id) problems.push(`${at}.tender.id`);
    checkValue(tender.value, `${at}.tender.value`, problems);
    for (const t of tender.tenderers ?? []) if (!partyIds.has(t.id)) problems.push(`${at}.tender.tenderers`);
    if (tender.tenderPeriod?.startDate && !ISO.test(tender.tenderPeriod.startDate)) problems.push(`${at}.tenderPeriod`);
    for (const a of (r.awards ?? []) as { id?: string; value?: unknown; suppliers?: { id: string }[] }[]) {
      if (!a.id) problems.push(`${at}.award.id`);
      checkValue(a.value, `${at}.award.value`, problems);
      for (const s of a.suppliers ?? []) if (!partyIds.has(s.id)) problems.push(`${at}.award.suppliers`);
    }
    for (const c of (r.contracts ?? []) as { id?: string; awardID?: string; value?: unknown; dateSigned?: string }[]) {
      if (!c.id || !c.awardID) problems.push(`${at}.contract.id`);
      if (!(r.awards ?? []).some((a) => (a as { id: string }).id === c.awardID)) problems.push(`${at}.contract.awardID`);
      checkValue(c.value, `${at}.contract.value`, problems);
      if (c.dateSigned && !ISO.test(c.dateSigned)) problems.push(`${at}.dateSigned`);
    }
    // OCDS: no nulls for missing values.
    if (JSON.stringify(r).includes(':null')) problems.push(`${at} has null`);
  }
  return problems;
}

const at = new Date('2024-01-25T03:00:00Z');
const row = (over: Partial<Procurement> = {}): Procurement => ({
  orgId: 7,
  id: 42,
  fiscalYear: 2567,
  title: 'ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3',
  category: 'works',
  method: 'e_bidding',
  status: 'planned',
  divisionId: null,
  budgetSource: 'เงินอุดหนุนเฉพาะกิจ',
  budgetLineId: null,
  budgetSatang: 245_000_000,
  referencePriceSatang: 244_500_000,
  plannedMonth: 4,
  announcedOn: null,
  awardedOn: null,
  winnerName: null,
  winnerTaxId: null,
  agreedPriceSatang: null,
  selectionReason: null,
  contractNo: null,
  contractDate: null,
  egpProjectNo: '67019123456',
  cancelReason: null,
  note: null,
  createdBy: null,
  createdAt: at,
  updatedAt: at,
  ...over,
});
const bid = (id: number, name: string, price: number, taxId: string | null = null): ProcurementBid => ({
  orgId: 7,
  id,
  procurementId: 42,
  position: id,
  bidderName: name,
  taxId,
  priceSatang: price,
  createdAt: at,
});
const org = { id: 7, names: orgNames({ type: 'sao', name: 'ลูโบะปือซา' }), website: null };
const build = (p: Procurement, bids: ProcurementBid[] = [], notices: ProcurementNotice[] = []) =>
  buildReleasePackage({
    org,
    procurement: p,
    bids,
    notices,
    uri: 'https://lubo.example/procurement/42/ocds.json',
    origin: 'https://lubo.example',
  });

describe('OCDS release packages', () => {
  test('ocid and exact amounts from satang', () => {
    assert.equal(ocidOf(7, 42), 'ocds-prongsai-7-42');
    assert.equal(satangToAmount(0), 0);
    assert.equal(satangToAmount(5), 0.05);
    assert.equal(satangToAmount(123456), 1234.56);
    assert.equal(satangToAmount(99_999_999_999_999), 999999999999.99);
    assert.throws(() => satangToAmount(-1));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999_999 }), (s) => {
        // The decimal printed is exactly the satang with the point moved two places.
        const printed = JSON.stringify(satangToAmount(s));
        const [whole, frac = ''] = printed.split('.');
        assert.equal(BigInt(whole ?? '0') * 100n + BigInt(frac.padEnd(2, '0')), BigInt(s));
      }),
    );
  });

  test('a planned procurement: one planning release, the buyer only', () => {
    const pkg = build(row());
    assert.deepEqual(validate(pkg), []);
    assert.deepEqual(
      pkg.releases.map((r) => r.tag),
      [['planning']],
    );
    assert.equal(pkg.releases[0]?.ocid, 'ocds-prongsai-7-42');
    assert.deepEqual((pkg.releases[0]!.planning as { budget: { amount: unknown } }).budget.amount, { amount: 2450000, currency: 'THB' });
    assert.deepEqual(
      pkg.releases[0]?.parties.map((p) => p.roles),
      [['buyer', 'procuringEntity']],
    );
    assert.equal(pkg.releases[0]?.parties[0]?.name, 'องค์การบริหารส่วนตำบลลูโบะปือซา');
  });

  test('releases follow the status: tender, award, contract; tenderers and the supplier as parties', () => {
    const bids = [bid(1, 'หจก.ลูโบะก่อสร้าง', 221_000_050, '0963551004560'), bid(2, 'บริษัท ตากใบวิศวกรรม จำกัด', 230_000_000)];
    const contracted = row({
      status: 'contracted',
      announcedOn: '2023-12-20',
      awardedOn: '2024-01-19',
      contractDate: '2024-01-24',
      contractNo: 'จ 3/2567',
      winnerName: 'หจก.ลูโบะก่อสร้าง',
      agreedPriceSatang: 221_000_050,
    });
    const notices: ProcurementNotice[] = [
      {
        orgId: 7,
        id: 9,
        fiscalYear: 2567,
        procurementId: 42,
        kind: 'winner',
        title: 'ประกาศผู้ชนะ',
        noticeDate: '2024-01-19',
        fileId: 3,
        publicationId: 11,
        createdBy: null,
        createdAt: at,
      },
    ];
    const pkg = build(contracted, bids, notices);
    assert.deepEqual(validate(pkg), []);
    assert.deepEqual(
      pkg.releases.map((r) => r.tag[0]),
      ['planning', 'tender', 'award', 'contract'],
    );
    const last = pkg.releases[3];
    const award = last?.awards?.[0] as { value: { amount: number }; suppliers: { id: string }[]; documents: { url: string }[] };
    assert.equal(award.value.amount, 2210000.5);
    assert.deepEqual(award.suppliers, [{ id: 'TH-RD-0963551004560', name: 'หจก.ลูโบะก่อสร้าง' }]);
    assert.equal(award.documents[0]?.url, 'https://lubo.example/publications/11/file');
    assert.deepEqual(
      last?.parties.map((p) => p.roles.join('+')),
      ['buyer+procuringEntity', 'tenderer+supplier', 'tenderer'],
    );
    assert.equal((last!.contracts![0] as { dateSigned: string }).dateSigned, '2024-01-24T00:00:00+07:00');
    // The tender release does not yet name the supplier.
    assert.ok(pkg.releases[1]?.parties.every((p) => !p.roles.includes('supplier')));
    assert.equal((pkg.releases[1]!.tender as { procurementMethod: string }).procurementMethod, 'open');
  });

  test('a winner not among the bidders (no bids recorded) is still a supplier party; cancelled adds tenderCancellation', () => {
    const direct = row({
      method: 'specific',
      status: 'completed',
      contractDate: '2024-02-02',
      winnerName: 'ร้านบาเจาะเครื่องเขียน',
      agreedPriceSatang: 1_000_000,
    });
    const pkg = build(direct);
    assert.deepEqual(validate(pkg), []);
    assert.deepEqual(
      pkg.releases.map((r) => r.tag[0]),
      ['planning', 'tender', 'award', 'contract'],
    );
    assert.equal((pkg.releases[3]!.contracts![0] as { status: string }).status, 'terminated');
    const cancelled = build(
      row({ status: 'cancelled', announcedOn: '2024-03-04', cancelReason: 'ไม่มีผู้ผ่านคุณสมบัติ', updatedAt: new Date('2024-03-30T02:00:00Z') }),
    );
    assert.deepEqual(validate(cancelled), []);
    assert.deepEqual(
      cancelled.releases.map((r) => r.tag[0]),
      ['planning', 'tender', 'tenderCancellation'],
    );
    assert.equal((cancelled.releases[2]!.tender as { status: string }).status, 'cancelled');
  });

  test('any procurement the service can hold gives a valid package', () => {
    const statuses = ['planned', 'announced', 'awarded', 'contracted', 'completed', 'cancelled'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...statuses),
        fc.integer({ min: 0, max: 99_999_999_999 }),
        fc.array(fc.integer({ min: 0, max: 9_999_999_999 }), { maxLength: 4 }),
        (status, budget, prices) => {
          const bids = prices.map((p, i) => bid(i + 1, `ผู้เสนอ ${i + 1}`, p));
          const reached = status === 'awarded' || status === 'contracted' || status === 'completed';
          const p = row({
            status,
            budgetSatang: budget,
            announcedOn: status === 'planned' ? null : '2024-01-02',
            awardedOn: reached ? '2024-01-10' : null,
            contractDate: status === 'contracted' || status === 'completed' ? '2024-01-12' : null,
            winnerName: reached ? (bids[0]?.bidderName ?? 'ร้าน ก') : null,
            agreedPriceSatang: reached ? (prices[0] ?? 100) : null,
            cancelReason: status === 'cancelled' ? 'เหตุผล' : null,
          });
          assert.deepEqual(validate(build(p, bids)), []);
        },
      ),
    );
  });
});
