import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as thai from './index.js';

describe('index', () => {
  it('re-exports the public API', () => {
    const expected = [
      'toThaiDigits',
      'toArabicDigits',
      'applyDigits',
      'bangkokDate',
      'bangkokDateParts',
      'bangkokMidnight',
      'addMonths',
      'daysInMonth',
      'isValidCalendarDate',
      'formatThaiDate',
      'formatThaiDateTime',
      'formatThaiTime',
      'formatThaiMonthYear',
      'thaiMonthName',
      'toBuddhistYear',
      'toGregorianYear',
      'parseThaiDateInput',
      'fiscalYearOf',
      'fiscalYearRange',
      'fiscalQuarterOf',
      'fiscalQuarterRange',
      'fiscalHalfRange',
      'fiscalMonths',
      'formatFiscalYear',
      'formatNumber',
      'formatSatang',
      'bahtText',
      'parseBahtInput',
      'segmentWords',
      'thaiSearchTokens',
    ];
    for (const name of expected) assert.equal(typeof (thai as Record<string, unknown>)[name], 'function', name);
    assert.equal(thai.BANGKOK_TIME_ZONE, 'Asia/Bangkok');
    assert.equal(thai.BUDDHIST_ERA_OFFSET, 543);
  });
  it('composes for an official document line', () => {
    const d = thai.bangkokDate(2024, 10, 22);
    const line = `${thai.formatFiscalYear(thai.fiscalYearOf(d), { digits: 'thai' })} ลงวันที่ ${thai.formatThaiDate(d, { digits: 'thai' })} จำนวน ${thai.formatSatang(125050, { digits: 'thai', symbol: 'บาท' })} (${thai.bahtText(125050)})`;
    assert.equal(line, 'ปีงบประมาณ พ.ศ. ๒๕๖๘ ลงวันที่ ๒๒ ตุลาคม ๒๕๖๗ จำนวน ๑,๒๕๐.๕๐ บาท (หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์)');
  });
});
