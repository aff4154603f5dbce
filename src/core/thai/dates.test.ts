import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bangkokDate, bangkokDateParts } from './bangkok.js';
import {
  formatThaiDate,
  formatThaiDateTime,
  formatThaiMonthYear,
  formatThaiTime,
  parseThaiDateInput,
  type ThaiDateStyle,
  thaiMonthName,
  toBuddhistYear,
  toGregorianYear,
} from './dates.js';
import { toArabicDigits } from './digits.js';

/** 22 Oct 2024 (B.E. 2567), a Tuesday, 14:05 in Bangkok. */
const SAMPLE = new Date('2024-10-22T07:05:00Z');
const instant = fc.date({
  min: new Date('1950-01-01T00:00:00Z'),
  max: new Date('2100-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const styles = fc.constantFrom<ThaiDateStyle>('long', 'short', 'full', 'numeric');

describe('ICU', () => {
  it('has Thai locale data (Node built with full ICU)', () => {
    assert.deepEqual(Intl.DateTimeFormat.supportedLocalesOf(['th-TH']), ['th-TH']);
    const f = new Intl.DateTimeFormat('th-TH', { timeZone: 'Asia/Bangkok', dateStyle: 'long' });
    assert.equal(f.resolvedOptions().calendar, 'buddhist');
    assert.equal(f.format(SAMPLE), '22 ตุลาคม 2567');
    assert.deepEqual(Intl.Segmenter.supportedLocalesOf(['th']), ['th']);
  });
});

describe('dates examples', () => {
  it('converts eras', () => {
    assert.equal(toBuddhistYear(2024), 2567);
    assert.equal(toGregorianYear(2567), 2024);
  });
  it('formats every style', () => {
    assert.equal(formatThaiDate(SAMPLE), '22 ตุลาคม 2567');
    assert.equal(formatThaiDate(SAMPLE, { digits: 'thai' }), '๒๒ ตุลาคม ๒๕๖๗');
    assert.equal(formatThaiDate(SAMPLE, { style: 'short' }), '22 ต.ค. 67');
    assert.equal(formatThaiDate(SAMPLE, { style: 'full' }), 'วันอังคารที่ 22 ตุลาคม พ.ศ. 2567');
    assert.equal(formatThaiDate(SAMPLE, { style: 'numeric' }), '22/10/2567');
    assert.equal(formatThaiDate(SAMPLE, { era: true }), '22 ตุลาคม พ.ศ. 2567');
    assert.equal(formatThaiDate(SAMPLE, { era: true, digits: 'thai' }), '๒๒ ตุลาคม พ.ศ. ๒๕๖๗');
    assert.equal(formatThaiDate(SAMPLE, { style: 'short', era: true }), '22 ต.ค. พ.ศ. 67');
    assert.equal(formatThaiDate(bangkokDate(2000, 1, 5), { style: 'short' }), '5 ม.ค. 43');
    assert.equal(formatThaiDate(bangkokDate(2057, 3, 1), { style: 'short' }), '1 มี.ค. 00');
  });
  it('uses the Bangkok day, not the UTC day', () => {
    const lateUtc = new Date('2024-10-21T18:30:00Z'); // 01:30 on the 22nd in Bangkok
    assert.equal(formatThaiDate(lateUtc, { style: 'numeric' }), '22/10/2567');
    assert.equal(formatThaiDate(new Date('2023-12-31T17:00:00Z')), '1 มกราคม 2567');
  });
  it('formats times and date-times', () => {
    assert.equal(formatThaiTime(SAMPLE), '14:05 น.');
    assert.equal(formatThaiTime(bangkokDate(2024, 1, 1, 9, 0)), '09:00 น.');
    assert.equal(formatThaiTime(SAMPLE, { digits: 'thai' }), '๑๔:๐๕ น.');
    assert.equal(formatThaiDateTime(SAMPLE), '22 ต.ค. 2567 14:05 น.');
    assert.equal(formatThaiDateTime(SAMPLE, { digits: 'thai' }), '๒๒ ต.ค. ๒๕๖๗ ๑๔:๐๕ น.');
  });
  it('formats month and year without the era prefix', () => {
    assert.equal(formatThaiMonthYear(SAMPLE), 'ตุลาคม 2567');
    assert.equal(formatThaiMonthYear({ year: 2024, month: 10 }, { digits: 'thai' }), 'ตุลาคม ๒๕๖๗');
    assert.equal(formatThaiMonthYear({ year: 2025, month: 2 }), 'กุมภาพันธ์ 2568');
  });
  it('names months', () => {
    assert.equal(thaiMonthName(1), 'มกราคม');
    assert.equal(thaiMonthName(12), 'ธันวาคม');
    assert.equal(thaiMonthName(10, 'short'), 'ต.ค.');
    assert.equal(thaiMonthName(5, 'short'), 'พ.ค.');
    assert.throws(() => thaiMonthName(0), RangeError);
    assert.throws(() => thaiMonthName(13), RangeError);
    assert.throws(() => thaiMonthName(1.5), RangeError);
  });
  it('parses what clerks type', () => {
    const expected = '2024-10-21T17:00:00.000Z';
    for (const s of [
      '22/10/2567',
      '22/10/2024',
      '๒๒/๑๐/๒๕๖๗',
      '2024-10-22',
      ' 22/10/2567 ',
      '22-10-2567',
      '22.10.2567',
      '22 / 10 / 2567',
      '22 ตุลาคม 2567',
      '๒๒ ตุลาคม พ.ศ. ๒๕๖๗',
      '22 ต.ค. 2567',
      '22 ต.ค. พ.ศ. 2567',
      '22 ตค 2567',
    ]) {
      assert.equal(parseThaiDateInput(s)?.toISOString(), expected, s);
    }
    assert.equal(parseThaiDateInput('1/1/2567')?.toISOString(), '2023-12-31T17:00:00.000Z');
    assert.equal(parseThaiDateInput('29/02/2567')?.toISOString(), '2024-02-28T17:00:00.000Z');
  });
  it('rejects invalid input', () => {
    for (const s of [
      '31/02/2567',
      '29/02/2566',
      '32/01/2567',
      '00/01/2567',
      '1/13/2567',
      '22/10/67',
      '22/10',
      '2024-10-32',
      '2024-1-5',
      '2567-10-22',
      '22/10-2567',
      'garbage',
      '',
      '22 ตุลา 2567',
      '22 ตุลาคม',
      '22/10/1500',
      '22/10/9999',
      'NaN/NaN/NaN',
    ]) {
      assert.equal(parseThaiDateInput(s), null, s);
    }
  });
});

describe('dates properties', () => {
  it('the B.E. year in the long format is the Bangkok year + 543', () => {
    fc.assert(
      fc.property(instant, (d) => {
        const year = Number(formatThaiDate(d).split(' ')[2]);
        assert.equal(year, bangkokDateParts(d).year + 543);
      }),
    );
  });
  it('Thai-digit and Arabic-digit outputs agree', () => {
    fc.assert(
      fc.property(instant, styles, fc.boolean(), (d, style, era) => {
        const thai = formatThaiDate(d, { style, era, digits: 'thai' });
        assert.doesNotMatch(thai, /[0-9]/);
        assert.equal(toArabicDigits(thai), formatThaiDate(d, { style, era, digits: 'arabic' }));
        assert.equal(toArabicDigits(formatThaiDateTime(d, { digits: 'thai' })), formatThaiDateTime(d));
      }),
    );
  });
  it('long and full styles equal ICU dateStyle output', () => {
    const long = new Intl.DateTimeFormat('th-TH', { timeZone: 'Asia/Bangkok', dateStyle: 'long' });
    const full = new Intl.DateTimeFormat('th-TH', { timeZone: 'Asia/Bangkok', dateStyle: 'full' });
    fc.assert(
      fc.property(instant, (d) => {
        assert.equal(formatThaiDate(d), long.format(d));
        assert.equal(formatThaiDate(d, { style: 'full' }), full.format(d));
      }),
    );
  });
  it('parse(format) round-trips to Bangkok midnight of the same day', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom<ThaiDateStyle>('numeric', 'long'), fc.boolean(), (d, style, thai) => {
        const text = formatThaiDate(d, { style, digits: thai ? 'thai' : 'arabic' });
        const parsed = parseThaiDateInput(text);
        const p = bangkokDateParts(d);
        assert.equal(parsed?.getTime(), bangkokDate(p.year, p.month, p.day).getTime(), text);
      }),
    );
  });
  it('parse never throws and returns only Bangkok midnights', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{1,2}\/\d{1,2}\/\d{4}$/)), (s) => {
        const parsed = parseThaiDateInput(s);
        if (parsed !== null) {
          const p = bangkokDateParts(parsed);
          assert.deepEqual([p.hour, p.minute], [0, 0]);
        }
      }),
    );
  });
});
