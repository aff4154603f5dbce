import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bahttext } from 'bahttext';
import fc from 'fast-check';
import { toArabicDigits } from './digits.js';
import { bahtText, formatNumber, formatSatang, parseBahtInput } from './numbers.js';

const satangAmount = fc.oneof(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 10_000_000 }));

describe('numbers examples', () => {
  it('formats numbers with grouping', () => {
    assert.equal(formatNumber(1234567), '1,234,567');
    assert.equal(formatNumber(1234567.891), '1,234,567.891');
    assert.equal(formatNumber(1234.5, { decimals: 2 }), '1,234.50');
    assert.equal(formatNumber(1234.567, { decimals: 0 }), '1,235');
    assert.equal(formatNumber(-1234, { digits: 'thai' }), '-๑,๒๓๔');
    assert.equal(formatNumber(12345678901234567890n), '12,345,678,901,234,567,890');
    assert.throws(() => formatNumber(1, { decimals: -1 }), RangeError);
  });
  it('formats satang as money', () => {
    assert.equal(formatSatang(125050), '1,250.50');
    assert.equal(formatSatang(125050, { digits: 'thai' }), '๑,๒๕๐.๕๐');
    assert.equal(formatSatang(0), '0.00');
    assert.equal(formatSatang(5), '0.05');
    assert.equal(formatSatang(100000000n), '1,000,000.00');
    assert.equal(formatSatang(-125050), '-1,250.50');
    assert.equal(formatSatang(-5), '-0.05');
    assert.equal(formatSatang(125050, { symbol: '฿' }), '฿1,250.50');
    assert.equal(formatSatang(125050, { symbol: 'บาท', digits: 'thai' }), '๑,๒๕๐.๕๐ บาท');
    assert.equal(formatSatang(Number.MAX_SAFE_INTEGER), '90,071,992,547,409.91');
    assert.equal(formatSatang(10n ** 24n + 1n), '10,000,000,000,000,000,000,000.01');
    assert.throws(() => formatSatang(12.5), RangeError);
    assert.throws(() => formatSatang(2 ** 60), RangeError);
  });
  it('writes amounts in words', () => {
    const cases: [number | bigint, string][] = [
      [125050, 'หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์'],
      [100000, 'หนึ่งพันบาทถ้วน'],
      [0, 'ศูนย์บาทถ้วน'],
      [21, 'ยี่สิบเอ็ดสตางค์'],
      [1, 'หนึ่งสตางค์'],
      [11, 'สิบเอ็ดสตางค์'],
      [100, 'หนึ่งบาทถ้วน'],
      [101, 'หนึ่งบาทหนึ่งสตางค์'],
      [1100, 'สิบเอ็ดบาทถ้วน'],
      [2100, 'ยี่สิบเอ็ดบาทถ้วน'],
      [10100, 'หนึ่งร้อยหนึ่งบาทถ้วน'],
      [100000100, 'หนึ่งล้านหนึ่งบาทถ้วน'],
      [1100000000, 'สิบเอ็ดล้านบาทถ้วน'],
      [10100000000, 'หนึ่งร้อยหนึ่งล้านบาทถ้วน'], // bahttext alone: หนึ่งร้อยเอ็ดล้าน
      [100000000000000, 'หนึ่งล้านล้านบาทถ้วน'],
      [100000000000500, 'หนึ่งล้านล้านห้าบาทถ้วน'],
      [123456789, 'หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทแปดสิบเก้าสตางค์'],
      [-125050, 'ลบหนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์'],
      [-21, 'ลบยี่สิบเอ็ดสตางค์'],
      [10n ** 20n, 'หนึ่งล้านล้านล้านบาทถ้วน'], // beyond MAX_SAFE_INTEGER, where bahttext gives ศูนย์บาทถ้วน
    ];
    for (const [satang, words] of cases) assert.equal(bahtText(satang), words, String(satang));
    assert.throws(() => bahtText(0.5), RangeError);
  });
  it('pins the bahttext quirks we work around', () => {
    assert.equal(bahttext('101000000'), 'หนึ่งร้อยเอ็ดล้านบาทถ้วน');
    assert.equal(bahttext('9007199254740992'), 'ศูนย์บาทถ้วน');
  });
  it('parses typed amounts', () => {
    const cases: [string, bigint][] = [
      ['1,250.50', 125050n],
      ['๑,๒๕๐.๕๐', 125050n],
      ['1250', 125000n],
      ['1250.5', 125050n],
      ['0.05', 5n],
      ['0', 0n],
      [' 1,000,000 ', 100000000n],
      ['฿1,250', 125000n],
      ['1,250.50 บาท', 125050n],
      ['007', 700n],
      ['90,071,992,547,409.91', 9007199254740991n],
      ['123456789012345678901234567890', 12345678901234567890123456789000n],
    ];
    for (const [s, satang] of cases) assert.equal(parseBahtInput(s), satang, s);
  });
  it('rejects invalid amounts', () => {
    for (const s of [
      '1250.505',
      '-1250',
      '+1250',
      '',
      ' ',
      'abc',
      '1,2,50',
      '12,50',
      '1250.',
      '.5',
      '1,250.5.0',
      '1 250',
      '1e3',
      '0x10',
      'NaN',
      'Infinity',
      '1,250,',
      ',250',
      '1,2500',
    ]) {
      assert.equal(parseBahtInput(s), null, s);
    }
  });
});

describe('numbers properties', () => {
  it('parseBahtInput(formatSatang(x)) === x', () => {
    fc.assert(
      fc.property(satangAmount, fc.constantFrom('thai', 'arabic' as const), (x, digits) => {
        assert.equal(parseBahtInput(formatSatang(x, { digits })), BigInt(x));
        assert.equal(parseBahtInput(formatSatang(x, { symbol: 'บาท' })), BigInt(x));
      }),
    );
  });
  it('formatSatang of numbers and bigints agree, and equals Intl for baht', () => {
    fc.assert(
      fc.property(satangAmount, (x) => {
        assert.equal(formatSatang(x), formatSatang(BigInt(x)));
        const [baht] = formatSatang(x).split('.');
        assert.equal(baht, new Intl.NumberFormat('en-US').format(BigInt(x) / 100n));
      }),
    );
  });
  it('formatNumber digit styles agree', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 6 }), (n, decimals) => {
        assert.equal(toArabicDigits(formatNumber(n, { decimals, digits: 'thai' })), formatNumber(n, { decimals }));
      }),
    );
  });
  it('bahtText ends with ถ้วน iff whole baht (for amounts from 1 satang)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 15 }), (x) => {
        const text = bahtText(x);
        assert.equal(text.endsWith('ถ้วน'), x % 100 === 0 && x >= 100);
        assert.equal(text.endsWith('สตางค์'), x % 100 !== 0);
      }),
    );
  });
  it('bahtText never throws for 0..10^15 and matches bahttext below one million baht', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 15 }), fc.integer({ min: 0, max: 10 ** 8 - 1 }), (big, small) => {
        assert.ok(bahtText(big).length > 0);
        const decimal = `${Math.floor(small / 100)}.${String(small % 100).padStart(2, '0')}`;
        assert.equal(bahtText(small), bahttext(decimal));
      }),
    );
  });
  it('bahtText of a million-multiple joins the group words with ล้าน', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 999_999n }), fc.bigInt({ min: 1n, max: 999_999n }), (high, low) => {
        const words = (n: bigint): string => bahtText(n * 100n).replace(/บาทถ้วน$/, '');
        assert.equal(words(high * 1_000_000n + low), `${words(high)}ล้าน${words(low)}`);
      }),
    );
  });
});
