import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addMonths, bangkokDate, type DateRange } from './bangkok.js';
import {
  type FiscalQuarter,
  fiscalHalfRange,
  fiscalMonths,
  fiscalQuarterOf,
  fiscalQuarterRange,
  fiscalYearOf,
  fiscalYearRange,
  formatFiscalYear,
} from './fiscal-year.js';

const iso = (r: DateRange): [string, string] => [r.start.toISOString(), r.end.toISOString()];
const contains = (r: DateRange, d: Date): boolean => r.start <= d && d < r.end;
const instant = fc.date({
  min: new Date('1950-01-01T00:00:00Z'),
  max: new Date('2100-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const fiscalYear = fc.integer({ min: 2490, max: 2650 });
const QUARTERS: readonly FiscalQuarter[] = [1, 2, 3, 4];

describe('fiscal year examples', () => {
  it('FY 2567 is 1 Oct 2023 – 30 Sep 2024 on the Bangkok calendar', () => {
    const r = fiscalYearRange(2567);
    assert.deepEqual(iso(r), ['2023-09-30T17:00:00.000Z', '2024-09-30T17:00:00.000Z']);
    assert.deepEqual(r.lastDay, { year: 2024, month: 9, day: 30 });
  });
  it('decides on the Bangkok day', () => {
    assert.equal(fiscalYearOf(new Date('2023-09-30T16:59:59Z')), 2566); // 23:59 on 30 Sep in Bangkok
    assert.equal(fiscalYearOf(new Date('2023-09-30T17:00:00Z')), 2567); // 00:00 on 1 Oct in Bangkok
    assert.equal(fiscalYearOf(bangkokDate(2024, 9, 30, 23, 59)), 2567);
    assert.equal(fiscalYearOf(bangkokDate(2024, 10, 1)), 2568);
    assert.equal(fiscalYearOf(bangkokDate(2024, 1, 15)), 2567);
  });
  it('finds quarters', () => {
    const q = (m: number): number => fiscalQuarterOf(bangkokDate(2024, m, 15)).quarter;
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(q), [2, 2, 2, 3, 3, 3, 4, 4, 4, 1, 1, 1]);
    assert.deepEqual(fiscalQuarterOf(bangkokDate(2023, 12, 31, 23, 59)), { fiscalYear: 2567, quarter: 1 });
    assert.deepEqual(fiscalQuarterOf(new Date('2023-12-31T17:00:00Z')), { fiscalYear: 2567, quarter: 2 });
  });
  it('gives quarter and half ranges', () => {
    assert.deepEqual(iso(fiscalQuarterRange(2567, 1)), ['2023-09-30T17:00:00.000Z', '2023-12-31T17:00:00.000Z']);
    assert.deepEqual(iso(fiscalQuarterRange(2567, 2)), ['2023-12-31T17:00:00.000Z', '2024-03-31T17:00:00.000Z']);
    assert.deepEqual(iso(fiscalQuarterRange(2567, 4)), ['2024-06-30T17:00:00.000Z', '2024-09-30T17:00:00.000Z']);
    assert.deepEqual(iso(fiscalHalfRange(2567, 1)), ['2023-09-30T17:00:00.000Z', '2024-03-31T17:00:00.000Z']);
    assert.deepEqual(iso(fiscalHalfRange(2567, 2)), ['2024-03-31T17:00:00.000Z', '2024-09-30T17:00:00.000Z']);
  });
  it('lists months October to September', () => {
    const months = fiscalMonths(2567);
    assert.deepEqual(months[0], { year: 2023, month: 10 });
    assert.deepEqual(months[3], { year: 2024, month: 1 });
    assert.deepEqual(months[11], { year: 2024, month: 9 });
  });
  it('formats', () => {
    assert.equal(formatFiscalYear(2567), 'ปีงบประมาณ พ.ศ. 2567');
    assert.equal(formatFiscalYear(2567, { digits: 'thai' }), 'ปีงบประมาณ พ.ศ. ๒๕๖๗');
  });
  it('rejects bad arguments', () => {
    assert.throws(() => fiscalYearRange(2567.5), RangeError);
    assert.throws(() => fiscalQuarterRange(2567, 5 as FiscalQuarter), RangeError);
    assert.throws(() => fiscalHalfRange(2567, 0 as 1), RangeError);
    assert.throws(() => formatFiscalYear(Number.NaN), RangeError);
  });
});

describe('fiscal year properties', () => {
  it('every date is in exactly one fiscal year range and one quarter range', () => {
    fc.assert(
      fc.property(instant, (d) => {
        const fy = fiscalYearOf(d);
        assert.ok(contains(fiscalYearRange(fy), d));
        assert.ok(!contains(fiscalYearRange(fy - 1), d));
        assert.ok(!contains(fiscalYearRange(fy + 1), d));
        const { fiscalYear: qfy, quarter } = fiscalQuarterOf(d);
        assert.equal(qfy, fy);
        const hits = QUARTERS.filter((q) => contains(fiscalQuarterRange(fy, q), d));
        assert.deepEqual(hits, [quarter]);
        const halves = ([1, 2] as const).filter((h) => contains(fiscalHalfRange(fy, h), d));
        assert.deepEqual(halves, [quarter <= 2 ? 1 : 2]);
      }),
    );
  });
  it('consecutive fiscal years, quarters and halves touch', () => {
    fc.assert(
      fc.property(fiscalYear, (fy) => {
        const r = fiscalYearRange(fy);
        assert.equal(r.end.getTime(), fiscalYearRange(fy + 1).start.getTime());
        assert.equal(r.start.getTime(), fiscalQuarterRange(fy, 1).start.getTime());
        assert.equal(r.end.getTime(), fiscalQuarterRange(fy, 4).end.getTime());
        for (const q of [1, 2, 3] as const) {
          assert.equal(fiscalQuarterRange(fy, q).end.getTime(), fiscalQuarterRange(fy, (q + 1) as FiscalQuarter).start.getTime());
        }
        assert.deepEqual(iso(fiscalHalfRange(fy, 1)), [iso(r)[0], iso(fiscalQuarterRange(fy, 2))[1]]);
        assert.deepEqual(iso(fiscalHalfRange(fy, 2)), [iso(fiscalQuarterRange(fy, 3))[0], iso(r)[1]]);
      }),
    );
  });
  it('the 12 months are distinct, consecutive and cover the range', () => {
    fc.assert(
      fc.property(fiscalYear, (fy) => {
        const months = fiscalMonths(fy);
        assert.equal(new Set(months.map((m) => `${m.year}-${m.month}`)).size, 12);
        const starts = months.map((m) => bangkokDate(m.year, m.month, 1).getTime());
        const r = fiscalYearRange(fy);
        assert.equal(starts[0], r.start.getTime());
        for (let i = 1; i < 12; i++) {
          assert.ok((starts[i] as number) > (starts[i - 1] as number));
          assert.deepEqual(months[i], addMonths(months[i - 1] as (typeof months)[number], 1));
        }
        const last = months[11];
        assert.ok(last !== undefined);
        const after = addMonths(last, 1);
        assert.equal(bangkokDate(after.year, after.month, 1).getTime(), r.end.getTime());
        assert.deepEqual(last, { year: r.lastDay.year, month: r.lastDay.month });
        for (const m of months) assert.equal(fiscalYearOf(bangkokDate(m.year, m.month, 15)), fy);
      }),
    );
  });
});
