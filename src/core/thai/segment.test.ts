import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { segmentWords, thaiSearchTokens } from './segment.js';

const thaiish = fc.string({
  unit: fc.oneof(
    fc.constantFrom('องค์การ', 'บริหาร', 'ส่วน', 'ตำบล', 'เทศบาล', 'ประกาศ', 'ปี', '๒๕๖๗', '2567', 'ABC', ' ', ',', '.', '\n', '(', ')'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
});

describe('segment examples', () => {
  it('splits Thai words', () => {
    assert.deepEqual(segmentWords('องค์การบริหารส่วนตำบล'), ['องค์การ', 'บริหาร', 'ส่วน', 'ตำบล']);
    assert.deepEqual(segmentWords('สวัสดีครับ โลก!'), ['สวัสดี', 'ครับ', ' ', 'โลก', '!']);
    assert.deepEqual(segmentWords(''), []);
  });
  it('builds search tokens', () => {
    assert.deepEqual(thaiSearchTokens('ประกาศ อบต. ABC, ปี ๒๕๖๗!'), ['ประกาศ', 'อบต', 'abc', 'ปี', '2567']);
    assert.deepEqual(thaiSearchTokens(' , . ! '), []);
  });
});

describe('segment properties', () => {
  it('segments concatenate back to the input', () => {
    fc.assert(
      fc.property(fc.oneof(thaiish, fc.string({ unit: 'binary' })), (s) => {
        assert.equal(segmentWords(s).join(''), s);
        assert.ok(segmentWords(s).every((seg) => seg.length > 0));
      }),
    );
  });
  it('tokens contain no whitespace, are lower-case and have no Thai digits', () => {
    fc.assert(
      fc.property(thaiish, (s) => {
        for (const t of thaiSearchTokens(s)) {
          assert.ok(t.length > 0);
          assert.doesNotMatch(t, /\s/u);
          assert.equal(t, t.toLowerCase());
          assert.doesNotMatch(t, /[๐-๙]/u);
        }
      }),
    );
  });
});
