import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addMonths,
  bangkokDate,
  bangkokDateParts,
  bangkokIsoDay,
  bangkokMidnight,
  daysInMonth,
  isValidCalendarDate,
  parseIsoDay,
} from './bangkok.js';

const HOUR = 3_600_000;
/** Bangkok has been on a fixed UTC+7 since 1 April 1920. */
const fixedOffsetInstant = fc.date({
  min: new Date('1921-01-01T00:00:00Z'),
  max: new Date('2400-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const wallClock = fc
  .record({
    year: fc.integer({ min: 1921, max: 2400 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
  })
  .filter((w) => isValidCalendarDate(w.year, w.month, w.day));

describe('bangkok examples', () => {
  it('Bangkok midnight is 17:00 UTC of the previous day', () => {
    assert.equal(bangkokDate(2024, 10, 22).toISOString(), '2024-10-21T17:00:00.000Z');
    assert.equal(bangkokDate(2024, 10, 22, 14, 5).toISOString(), '2024-10-22T07:05:00.000Z');
    assert.equal(bangkokMidnight({ year: 2024, month: 1, day: 1 }).toISOString(), '2023-12-31T17:00:00.000Z');
  });
  it('reads wall-clock parts and weekday', () => {
    assert.deepEqual(bangkokDateParts(new Date('2024-10-21T17:00:00Z')), {
      year: 2024,
      month: 10,
      day: 22,
      hour: 0,
      minute: 0,
      weekday: 2,
    });
    assert.deepEqual(bangkokDateParts(new Date('2024-12-31T16:59:59.999Z')), {
      year: 2024,
      month: 12,
      day: 31,
      hour: 23,
      minute: 59,
      weekday: 2,
    });
  });
  it('17:00-23:59 UTC is already the next day in Bangkok', () => {
    for (const iso of ['2024-10-21T17:00:00Z', '2024-10-21T20:30:00Z', '2024-10-21T23:59:59Z']) {
      const p = bangkokDateParts(new Date(iso));
      assert.deepEqual([p.year, p.month, p.day], [2024, 10, 22], iso);
    }
    const before = bangkokDateParts(new Date('2024-10-21T16:59:59Z'));
    assert.deepEqual([before.day, before.hour, before.minute], [21, 23, 59]);
    // Also across a year boundary.
    assert.equal(bangkokDateParts(new Date('2023-12-31T17:00:00Z')).year, 2024);
  });
  it('follows tzdata before 1920 (Bangkok mean time, UTC+6:42:04)', () => {
    assert.equal(bangkokDate(1900, 1, 1).toISOString(), '1899-12-31T17:17:56.000Z');
    assert.deepEqual(bangkokDateParts(bangkokDate(1900, 1, 1)).day, 1);
  });
  it('rejects impossible fields instead of rolling over', () => {
    assert.throws(() => bangkokDate(2024, 2, 30), RangeError);
    assert.throws(() => bangkokDate(2023, 2, 29), RangeError);
    assert.throws(() => bangkokDate(2024, 13, 1), RangeError);
    assert.throws(() => bangkokDate(2024, 1, 1, 24), RangeError);
    assert.throws(() => bangkokDate(2024, 1, 1, 0, 60), RangeError);
    assert.throws(() => bangkokDate(2024, 1, 1.5), RangeError);
    assert.throws(() => bangkokDateParts(new Date(Number.NaN)), RangeError);
  });
  it('knows month lengths and leap years', () => {
    assert.equal(daysInMonth(2024, 2), 29);
    assert.equal(daysInMonth(2023, 2), 28);
    assert.equal(daysInMonth(1900, 2), 28);
    assert.equal(daysInMonth(2000, 2), 29);
    assert.equal(daysInMonth(2024, 9), 30);
    assert.equal(daysInMonth(2024, 12), 31);
    assert.ok(isValidCalendarDate(2024, 2, 29));
    assert.ok(!isValidCalendarDate(2024, 4, 31));
    assert.ok(!isValidCalendarDate(2024, 0, 1));
  });
  it('adds months across years', () => {
    assert.deepEqual(addMonths({ year: 2023, month: 10 }, 3), { year: 2024, month: 1 });
    assert.deepEqual(addMonths({ year: 2024, month: 1 }, -1), { year: 2023, month: 12 });
    assert.deepEqual(addMonths({ year: 2024, month: 5 }, 0), { year: 2024, month: 5 });
  });
});

describe('bangkok properties', () => {
  it('bangkokDate inverts bangkokDateParts', () => {
    fc.assert(
      fc.property(wallClock, (w) => {
        const { weekday: _weekday, ...parts } = bangkokDateParts(bangkokDate(w.year, w.month, w.day, w.hour, w.minute));
        assert.deepEqual(parts, { ...w }); // spread: fc.record objects have a null prototype
      }),
    );
  });
  it('every instant maps back to itself (to the minute)', () => {
    fc.assert(
      fc.property(fixedOffsetInstant, (d) => {
        const p = bangkokDateParts(d);
        const back = bangkokDate(p.year, p.month, p.day, p.hour, p.minute);
        assert.equal(back.getTime(), Math.floor(d.getTime() / 60_000) * 60_000);
      }),
    );
  });
  it('matches a plain UTC+7 shift since 1920, weekday included', () => {
    fc.assert(
      fc.property(fixedOffsetInstant, (d) => {
        const shifted = new Date(d.getTime() + 7 * HOUR);
        const p = bangkokDateParts(d);
        assert.deepEqual(
          [p.year, p.month, p.day, p.hour, p.minute, p.weekday],
          [
            shifted.getUTCFullYear(),
            shifted.getUTCMonth() + 1,
            shifted.getUTCDate(),
            shifted.getUTCHours(),
            shifted.getUTCMinutes(),
            shifted.getUTCDay(),
          ],
        );
      }),
    );
  });
  it('any instant from 17:00 to 23:59 UTC falls on the next Bangkok day', () => {
    fc.assert(
      fc.property(fixedOffsetInstant, fc.integer({ min: 17 * 60, max: 24 * 60 - 1 }), (day, minuteOfDay) => {
        const utcMidnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
        const next = new Date(utcMidnight + 24 * HOUR);
        const p = bangkokDateParts(new Date(utcMidnight + minuteOfDay * 60_000));
        assert.deepEqual([p.year, p.month, p.day], [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()]);
      }),
    );
  });
});

describe('ISO days', () => {
  it('the Bangkok day of an instant: 23:30 UTC is already the next day in Bangkok', () => {
    assert.equal(bangkokIsoDay(new Date('2026-11-25T16:59:59Z')), '2026-11-25');
    assert.equal(bangkokIsoDay(new Date('2026-11-25T17:00:00Z')), '2026-11-26');
  });
  it('only real days parse', () => {
    assert.deepEqual(parseIsoDay('2026-02-28'), { year: 2026, month: 2, day: 28 });
    for (const bad of ['2026-02-29', '2026-13-01', '26-01-01', '2026-1-01', '', null, undefined, '1999-12-31']) {
      assert.equal(parseIsoDay(bad), null, String(bad));
    }
  });
});
