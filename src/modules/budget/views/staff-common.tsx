import type { Translate } from '../../../core/i18n/i18n.js';
import { formatSatang } from '../../../core/thai/numbers.js';
import { assetUrl } from '../../../core/ui/assets.js';

/** Shared bits of the budget staff pages (plan, import, disbursements). */

export const staffCss = () => <link rel="stylesheet" href={assetUrl('budget-staff.css')} />;

/** Baht with two decimals from satang (exact). */
export const baht = (satang: number) => formatSatang(satang);

/** A signed amount: "−1,250.00" for a negative variance (a real minus sign), "+1,250.00" above. */
export function signedBaht(satang: number): string {
  if (satang === 0) return formatSatang(0);
  return `${satang < 0 ? '−' : '+'}${formatSatang(Math.abs(satang))}`;
}

/** Basis points as a percent with two decimals, exactly ("96.54"); "—" when there is no base. */
export function percentText(bp: number | null): string {
  if (bp == null) return '—';
  return `${Math.trunc(bp / 100)}.${String(Math.abs(bp % 100)).padStart(2, '0')}`;
}

/** The name of fiscal month m (1 = ตุลาคม). */
export const monthName = (t: Translate, m: number) => t(`budget.phasing.months.m${m}`);

/** "ตุลาคม 2566": fiscal month m of fiscal year fy with its calendar year (B.E.). */
export function monthYear(t: Translate, fy: number, m: number): string {
  return t('budget.phasing.monthYear', { month: monthName(t, m), year: m <= 3 ? fy - 1 : fy });
}

export const planHref = (fy: number, q = '') => `/staff/budget?fy=${fy}${q}`;
export const importHref = (fy: number) => `/staff/budget/import?fy=${fy}`;
export const disburseHref = (fy: number, month: number) => `/staff/budget/disburse?fy=${fy}&month=${month}`;
