import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyDigits, toArabicDigits, toThaiDigits } from './digits.js';

const isArabicDigit = (c: string): boolean => c >= '0' && c <= '9';
const isThaiDigit = (c: string): boolean => c >= '๐' && c <= '๙';
/** Strings mixing both digit sets with Thai letters, ASCII and arbitrary code units. */
const mixed = fc.string({
  unit: fc.oneof(fc.constantFrom(...'0123456789๐๑๒๓๔๕๖๗๘๙กขคงพ.ศ, -/'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
});

describe('digits examples', () => {
  it('converts each digit', () => {
    assert.equal(toThaiDigits('0123456789'), '๐๑๒๓๔๕๖๗๘๙');
    assert.equal(toArabicDigits('๐๑๒๓๔๕๖๗๘๙'), '0123456789');
  });
  it('accepts numbers and keeps signs, separators and letters', () => {
    assert.equal(toThaiDigits(-1250.5), '-๑๒๕๐.๕');
    assert.equal(toThaiDigits('พ.ศ. 2567, 22/10'), 'พ.ศ. ๒๕๖๗, ๒๒/๑๐');
    assert.equal(toArabicDigits('ปี ๒๕๖๗ abc 9'), 'ปี 2567 abc 9');
  });
  it('applyDigits only converts for the thai style', () => {
    assert.equal(applyDigits('12', 'thai'), '๑๒');
    assert.equal(applyDigits('12', 'arabic'), '12');
    assert.equal(applyDigits('12', undefined), '12');
  });
});

describe('digits properties', () => {
  it('round trips Arabic -> Thai -> Arabic when the input has no Thai digits', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        const noThai = [...s].filter((c) => !isThaiDigit(c)).join('');
        assert.equal(toArabicDigits(toThaiDigits(noThai)), noThai);
      }),
    );
  });
  it('round trips Thai -> Arabic -> Thai when the input has no Arabic digits', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        const noArabic = [...s].filter((c) => !isArabicDigit(c)).join('');
        assert.equal(toThaiDigits(toArabicDigits(noArabic)), noArabic);
      }),
    );
  });
  it('preserves length and leaves non-digits untouched', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        const thai = toThaiDigits(s);
        const arabic = toArabicDigits(s);
        assert.equal(thai.length, s.length);
        assert.equal(arabic.length, s.length);
        for (let i = 0; i < s.length; i++) {
          const c = s[i] as string;
          if (!isArabicDigit(c)) assert.equal(thai[i], c);
          else assert.ok(isThaiDigit(thai[i] as string));
          if (!isThaiDigit(c)) assert.equal(arabic[i], c);
          else assert.ok(isArabicDigit(arabic[i] as string));
        }
      }),
    );
  });
  it('converting numbers matches converting their string form', () => {
    fc.assert(
      fc.property(fc.double(), (n) => {
        assert.equal(toThaiDigits(n), toThaiDigits(String(n)));
      }),
    );
  });
});
