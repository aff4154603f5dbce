import type { ServiceContext } from '../../core/context.js';
import { type DatasetColumn, type DatasetTable, registerDataset } from '../opendata/registry.js';
import { allPublicProcurements, bidsOf, type Procurement, type ProcurementBid, publicYears } from './list.js';
import { buildMonthlySummary } from './monthly.js';
import { publishedMonths } from './reports.js';
import type { ProcurementListFilter } from './types.js';

/**
 * Open data: 'procurement' — every public procurement of a fiscal year ('YYYY' B.E.) with the
 * สขร.๑ columns and the e-GP fields; 'procurement-monthly' — the rows of each published monthly
 * summary ('YYYY-MM'). The public CSV download of /procurement uses the same columns.
 * Amounts are baht with two decimals, computed from integer satang.
 */
export const PROCUREMENT_DATASET_ID = 'procurement';
export const PROCUREMENT_MONTHLY_DATASET_ID = 'procurement-monthly';

/** Satang as a decimal baht string, exactly ('1234.50'). */
export function bahtDecimal(satang: number | null): string | null {
  if (satang == null) return null;
  const neg = satang < 0;
  const abs = Math.abs(satang);
  return `${neg ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Satang as a number of baht (open data cells: exact to the satang, read as a decimal). */
export function bahtNumber(satang: number | null): number | null {
  return satang == null ? null : Number(bahtDecimal(satang));
}

/** "name: 1234.50; name: …" — the bidders as one cell. */
export function bidsCell(bids: readonly Pick<ProcurementBid, 'bidderName' | 'priceSatang'>[]): string {
  return bids.map((b) => `${b.bidderName}: ${bahtDecimal(b.priceSatang)}`).join('; ');
}

export const PROCUREMENT_COLUMNS: DatasetColumn[] = [
  { key: 'id', th: 'รหัส', en: 'id', ms: 'id', type: 'integer' },
  { key: 'fiscal_year', th: 'ปีงบประมาณ', en: 'Fiscal year', ms: 'Tahun kewangan', type: 'integer' },
  { key: 'title', th: 'งานที่จัดซื้อหรือจัดจ้าง', en: 'Procurement', ms: 'Perolehan' },
  { key: 'category', th: 'ประเภท', en: 'Category', ms: 'Jenis' },
  { key: 'method', th: 'วิธีซื้อหรือจ้าง', en: 'Method', ms: 'Kaedah' },
  { key: 'status', th: 'สถานะ', en: 'Status', ms: 'Status' },
  { key: 'budget_source', th: 'แหล่งที่มาของงบประมาณ', en: 'Source of funds', ms: 'Sumber peruntukan' },
  { key: 'budget_baht', th: 'วงเงินงบประมาณ (บาท)', en: 'Budget (baht)', ms: 'Peruntukan (baht)', type: 'decimal' },
  { key: 'reference_price_baht', th: 'ราคากลาง (บาท)', en: 'Reference price (baht)', ms: 'Harga rujukan (baht)', type: 'decimal' },
  { key: 'bids', th: 'รายชื่อผู้เสนอราคาและราคาที่เสนอ', en: 'Bidders and prices', ms: 'Pembida dan harga' },
  { key: 'winner', th: 'ผู้ได้รับการคัดเลือก', en: 'Selected supplier', ms: 'Pembekal dipilih' },
  { key: 'winner_tax_id', th: 'เลขประจำตัวผู้เสียภาษี', en: 'Supplier tax ID', ms: 'No. cukai pembekal' },
  { key: 'agreed_price_baht', th: 'ราคาที่ตกลงซื้อหรือจ้าง (บาท)', en: 'Agreed price (baht)', ms: 'Harga dipersetujui (baht)', type: 'decimal' },
  { key: 'selection_reason', th: 'เหตุผลที่คัดเลือกโดยสรุป', en: 'Reason for selection', ms: 'Sebab pemilihan' },
  { key: 'contract_no', th: 'เลขที่สัญญา', en: 'Contract number', ms: 'No. kontrak' },
  { key: 'contract_date', th: 'วันที่สัญญา (ค.ศ.)', en: 'Contract date', ms: 'Tarikh kontrak' },
  { key: 'announced_on', th: 'วันที่ประกาศเชิญชวน (ค.ศ.)', en: 'Invitation date', ms: 'Tarikh pelawaan' },
  { key: 'awarded_on', th: 'วันที่ประกาศผู้ชนะ (ค.ศ.)', en: 'Winner announced', ms: 'Tarikh pemenang' },
  { key: 'egp_project_no', th: 'เลขที่โครงการในระบบ e-GP', en: 'e-GP project number', ms: 'No. projek e-GP' },
];

/** One row in the order of PROCUREMENT_COLUMNS (codes for method, category and status: stable machine values). */
export function procurementCells(
  p: Procurement,
  bids: readonly ProcurementBid[],
  money: (satang: number | null) => string | number | null = bahtNumber,
): (string | number | null)[] {
  return [
    p.id,
    p.fiscalYear,
    p.title,
    p.category,
    p.method,
    p.status,
    p.budgetSource,
    money(p.budgetSatang),
    money(p.referencePriceSatang),
    bidsCell(bids),
    p.winnerName,
    p.winnerTaxId,
    money(p.agreedPriceSatang),
    p.selectionReason,
    p.contractNo,
    p.contractDate,
    p.announcedOn,
    p.awardedOn,
    p.egpProjectNo,
  ];
}

/** The public rows of a year with these filters, as a table (the dataset and the CSV download). */
export async function procurementTable(
  ctx: ServiceContext,
  filter: Omit<ProcurementListFilter, 'limit' | 'before'>,
  money: (satang: number | null) => string | number | null = bahtNumber,
): Promise<DatasetTable> {
  const rows = await allPublicProcurements(ctx, filter);
  const bids = await bidsOf(
    ctx.tx ?? ctx.app.db,
    ctx.orgId,
    rows.map((r) => r.id),
  );
  return { columns: PROCUREMENT_COLUMNS, rows: rows.map((r) => procurementCells(r, bids.get(r.id) ?? [], money)) };
}

const MONTHLY_COLUMNS: DatasetColumn[] = [
  { key: 'month', th: 'เดือน (ค.ศ.)', en: 'Month', ms: 'Bulan' },
  { key: 'no', th: 'ลำดับที่', en: 'No.', ms: 'Bil.', type: 'integer' },
  ...PROCUREMENT_COLUMNS.filter((c) =>
    [
      'id',
      'title',
      'budget_baht',
      'reference_price_baht',
      'method',
      'bids',
      'winner',
      'agreed_price_baht',
      'selection_reason',
      'contract_no',
      'contract_date',
      'egp_project_no',
    ].includes(c.key),
  ),
];

registerDataset({
  id: PROCUREMENT_DATASET_ID,
  module: 'procurement',
  frequency: 'yearly',
  keywords: ['จัดซื้อจัดจ้าง', 'สขร.1', 'e-GP', 'procurement'],
  title: { th: 'ผลการจัดซื้อจัดจ้างรายปี', en: 'Procurement results by year', ms: 'Keputusan perolehan mengikut tahun' },
  description: {
    th: 'รายการจัดซื้อจัดจ้างที่เปิดเผยแล้วทั้งปีงบประมาณ ตามคอลัมน์ของแบบ สขร.๑ และข้อมูลที่ระบบ e-GP ใช้',
    en: 'Every disclosed procurement of a fiscal year with the columns of form สขร.๑ and the e-GP fields.',
    ms: 'Setiap perolehan yang didedahkan dalam tahun kewangan dengan lajur borang สขร.๑ dan medan e-GP.',
  },
  async periods(ctx) {
    return (await publicYears(ctx)).map(String);
  },
  async table(ctx, period) {
    return procurementTable(ctx, { fiscalYear: Number(period) });
  },
});

registerDataset({
  id: PROCUREMENT_MONTHLY_DATASET_ID,
  module: 'procurement',
  frequency: 'monthly',
  keywords: ['จัดซื้อจัดจ้าง', 'สขร.1', 'procurement'],
  title: { th: 'สรุปผลการจัดซื้อจัดจ้างรายเดือน (สขร.๑)', en: 'Monthly procurement summary (สขร.๑)', ms: 'Ringkasan perolehan bulanan (สขร.๑)' },
  description: {
    th: 'รายการที่ทำสัญญาหรือข้อตกลงในแต่ละเดือน ตามแบบ สขร.๑ ที่เผยแพร่แล้ว',
    en: 'Procurements contracted in each month, as in the published form สขร.๑.',
    ms: 'Perolehan yang dikontrakkan setiap bulan, seperti dalam borang สขร.๑ yang diterbitkan.',
  },
  async periods(ctx) {
    return publishedMonths(ctx);
  },
  async table(ctx, period) {
    const y = Number(period.slice(0, 4));
    const m = Number(period.slice(5, 7));
    const fy = y + 543 + (m >= 10 ? 1 : 0);
    const s = await buildMonthlySummary(ctx, fy, period);
    return {
      columns: MONTHLY_COLUMNS,
      rows: s.rows.map((r, i) => [
        period,
        i + 1,
        r.id,
        r.title,
        r.method,
        bahtNumber(r.budgetSatang),
        bahtNumber(r.referencePriceSatang),
        r.bids.map((b) => `${b.name}: ${bahtDecimal(b.priceSatang)}`).join('; '),
        r.winnerName,
        bahtNumber(r.agreedPriceSatang),
        r.reason,
        r.contractNo,
        r.contractDate,
        r.egpProjectNo,
      ]),
    };
  },
});
