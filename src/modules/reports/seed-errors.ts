/**
 * The copy errors of the founding memo (shared/reference/seed-ita-measures-report-2567.txt),
 * applied to a correct memo: the demo's returned version 1 and the tests' "unfixed draft".
 * Document text, not UI text.
 */
import type { ReportMemo } from './document.js';

export const SEED_WRONG_NAMES = { table: 'บุษบือชา', website: 'แม่ตง' } as const;

export function withSeedErrors(memo: ReportMemo, orgFullName: string, orgName: string): ReportMemo {
  const other = (name: string) => orgFullName.slice(0, orgFullName.length - orgName.length) + name;
  return {
    ...memo,
    subject: memo.subject.replace('มาตรการส่งเสริม', 'มาตรฐานส่งเสริม'),
    to: memo.to.replace(/^นายก/, 'นาย'),
    body: memo.body.map((p, i) => (i === 1 ? p.replace(`เว็บไซต์ของ${orgFullName}`, `เว็บไซต์ของ${other(SEED_WRONG_NAMES.website)}`) : p)),
    tableTitle: memo.tableTitle.map((t) => t.replace(orgFullName, other(SEED_WRONG_NAMES.table))),
    tableIntro: memo.tableIntro.replace(orgFullName, other(SEED_WRONG_NAMES.table)),
  };
}
