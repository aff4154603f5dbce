import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addAggregates, bandOf, roundHalfUp, summarize, summaryOf } from './stats.js';

const close = (actual: number | null, expected: number, what: string) => {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);
};

describe('summary statistics of 5-level ratings', () => {
  test('mean, sample S.D. (n − 1), percent and band by hand', () => {
    // 5 4 4 3 5: Σx = 21, Σx² = 91, x̄ = 4.2, s² = (5·91 − 21²) / (5·4) = 14 / 20 = 0.7
    const s = summarize([5, 4, 4, 3, 5]);
    assert.equal(s.n, 5);
    close(s.mean, 4.2, 'mean');
    close(s.sd, Math.sqrt(0.7), 'sd');
    assert.equal(s.sd?.toFixed(2), '0.84');
    close(s.percent, 84, 'percent');
    assert.equal(s.band, 4);
    // 5 5 4: x̄ = 14/3 = 4.67, s² = (3·66 − 196) / 6 = 1/3, S.D. 0.58, 93.33 %
    const t = summarize([5, 5, 4]);
    close(t.mean, 14 / 3, 'mean');
    close(t.sd, Math.sqrt(1 / 3), 'sd');
    close(t.percent, (14 / 3 / 5) * 100, 'percent');
    assert.equal(t.band, 5);
    // All the same: S.D. 0 (not NaN from rounding below zero).
    const same = summarize([4, 4, 4, 4]);
    assert.equal(same.sd, 0);
    assert.equal(same.band, 4);
  });

  test('summaryOf from SQL aggregates equals summarize; pooled aggregates add', () => {
    const a = [5, 4, 3, 2, 1, 5, 5];
    const b = [4, 4, 2];
    const agg = (xs: number[]) => ({ n: xs.length, sum: xs.reduce((x, y) => x + y, 0), sumSq: xs.reduce((x, y) => x + y * y, 0) });
    assert.deepEqual(summaryOf(agg(a)), summarize(a));
    assert.deepEqual(summaryOf(addAggregates(agg(a), agg(b))), summarize([...a, ...b]));
    // Aggregates arrive from PostgreSQL as strings (bigint): still numbers out.
    const fromSql = summaryOf({ n: '3', sum: '12', sumSq: '50' } as unknown as { n: number; sum: number; sumSq: number });
    assert.equal(fromSql.n, 3);
    close(fromSql.mean, 4, 'mean');
    close(fromSql.sd, 1, 'sd');
  });

  test('n = 0 and n = 1', () => {
    assert.deepEqual(summarize([]), { n: 0, mean: null, sd: null, percent: null, band: null });
    assert.deepEqual(summaryOf({ n: 0, sum: 0, sumSq: 0 }), { n: 0, mean: null, sd: null, percent: null, band: null });
    assert.deepEqual(summarize([3]), { n: 1, mean: 3, sd: null, percent: 60, band: 3 });
  });

  test('band edges on the mean rounded to two decimals', () => {
    const cases: [number, number][] = [
      [1, 1],
      [1.8, 1],
      [1.804, 1],
      [1.805, 2],
      [1.81, 2],
      [2.6, 2],
      [2.61, 3],
      [3.4, 3],
      [3.41, 4],
      [4.2, 4],
      [4.2049, 4],
      [4.205, 5],
      [4.21, 5],
      [5, 5],
    ];
    for (const [mean, band] of cases) assert.equal(bandOf(mean), band, `bandOf(${mean})`);
    // Means that are not short decimals: 21/5 = 4.2 exactly as printed; 4.2 + tiny is still 4.20.
    assert.equal(bandOf(21 / 5), 4);
    assert.equal(bandOf(4.2 + 1e-12), 4);
    // 3 answers of 5, 5, 4 → 4.666…; 1.805 and 4.205 in floating point are just under: still rounded up.
    assert.equal(roundHalfUp(4.205), 4.21);
    assert.equal(roundHalfUp(1.805), 1.81);
    assert.equal(roundHalfUp(4.2049), 4.2);
    assert.equal(roundHalfUp(84.444, 1), 84.4);
  });
});
