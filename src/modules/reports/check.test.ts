import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OrganizationRow } from '../../core/tenancy/organization.js';
import { orgNames, toOrganization } from '../../core/tenancy/organization.js';
import { checkReport, datesInText } from './check.js';
import { defaultAgency, defaultBody, defaultSubject, defaultTableIntro, defaultTableTitle, type ReportRow } from './document.js';
import { withSeedErrors } from './seed-errors.js';

const org = toOrganization({ id: 1, type: 'sao', name: 'ลูโบะปือซา', phone: null } as OrganizationRow);
const FY = 2567;

function memo() {
  return {
    agency: defaultAgency(org, 'สำนักปลัด'),
    subject: defaultSubject(FY),
    to: orgNames(org).mayor,
    body: defaultBody(org, FY, 'สำนักปลัด'),
    authorStaffId: null,
    signerName: 'นางสาวฟาตีเมาะ หะเดวา',
    signerPositions: ['เจ้าพนักงานธุรการชำนาญงาน'],
    tableTitle: defaultTableTitle(org, FY),
    tableIntro: defaultTableIntro(org, FY),
  };
}

const row = (number: number, title: string, extra: Partial<ReportRow> = {}): ReportRow => ({
  number,
  title,
  titleDetails: [],
  methods: ['แต่งตั้งเจ้าหน้าที่', 'รายงานผล'],
  responsible: 'สำนักปลัด',
  results: ['ดำเนินการแล้ว'],
  outcome: 'สำเร็จ',
  startsOn: '2023-10-01',
  endsOn: '2024-09-30',
  ...extra,
});

describe('the consistency check', () => {
  it('finds nothing in the organization’s own wording', () => {
    assert.deepEqual(checkReport({ org, fiscalYear: FY, memo: memo(), rows: [row(1, 'มาตรการหนึ่ง'), row(2, 'มาตรการสอง')] }), []);
  });

  it('finds the seed’s copy errors, naming where and what', () => {
    const seed = withSeedErrors(memo(), org.names.full, org.name);
    const rows = [row(4, 'มีการประเมินความพึงพอใจต่อคุณภาพการบริการ ณ จุดให้บริการ'), row(5, '๕.มีการประเมินความพึงพอใจต่อคุณภาพการบริการ ณ จุดให้บริการ')];
    const w = checkReport({ org, fiscalYear: FY, memo: seed, rows });
    const codes = w.map((x) => `${x.code}@${x.where.kind === 'field' ? x.where.field : x.where.number}`);
    assert.deepEqual(codes, [
      'wording@subject',
      'executiveTitle@to',
      'orgName@body.2',
      'orgName@tableTitle',
      'orgName@tableIntro',
      'duplicateTitle@5',
    ]);
    assert.equal(w[2]?.params.found, 'องค์การบริหารส่วนตำบลแม่ตง');
    assert.equal(w[3]?.params.found, 'องค์การบริหารส่วนตำบลบุษบือชา');
    assert.equal(w[5]?.params.other, 4);
  });

  it('flags short forms and other types of organization', () => {
    const m = { ...memo(), body: ['ตามที่ อบต.แม่ตง และเทศบาลตำบลลูโบะปือซา ได้ร่วมกัน', 'อบต.ลูโบะปือซา ดำเนินการ'] };
    const found = checkReport({ org, fiscalYear: FY, memo: m, rows: [] }).map((w) => w.params.found);
    assert.deepEqual(found, ['อบต.แม่ตง', 'เทศบาลตำบลลูโบะปือซา']);
  });

  it('finds measures without results or outcome, and dates outside the fiscal year', () => {
    const m = { ...memo(), body: ['ประชุมเมื่อวันที่ ๒๒ ตุลาคม ๒๕๖๗ และวันที่ 15 มีนาคม 2567 และ 1 ต.ค. 66'] };
    const rows = [row(1, 'หนึ่ง', { results: [], outcome: ' ' }), row(2, 'สอง', { endsOn: '2024-10-15', methods: ['ภายใน 30/09/2566'] })];
    const w = checkReport({ org, fiscalYear: FY, memo: m, rows });
    assert.deepEqual(
      w.map((x) => x.code),
      ['dateOutside', 'missingResults', 'missingOutcome', 'dateOutside', 'scheduleOutside'],
    );
    assert.equal(w[0]?.params.found, '๒๒ ตุลาคม ๒๕๖๗');
    assert.equal(w[3]?.params.found, '30/09/2566');
  });

  it('reads dates in Thai and Arabic digits', () => {
    assert.deepEqual(
      datesInText('วันที่ ๒๒ ตุลาคม พ.ศ. ๒๕๖๗ และ 1 ต.ค. 66').map((d) => d.written),
      ['๒๒ ตุลาคม พ.ศ. ๒๕๖๗', '1 ต.ค. 66'],
    );
  });
});
