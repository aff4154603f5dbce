/**
 * The statistics of a 5-level satisfaction survey (ita-oit.md §5), pure: the mean (x̄), the
 * sample standard deviation (S.D., n − 1), the percent (x̄ ÷ 5 × 100) and the level band of the
 * mean as it is printed (two decimals):
 *
 *   4.21–5.00 มากที่สุด (5) · 3.41–4.20 มาก (4) · 2.61–3.40 ปานกลาง (3) · 1.81–2.60 น้อย (2) · 1.00–1.80 น้อยที่สุด (1)
 *
 * Reports aggregate in SQL (count, sum, sum of squares) and finish here with summaryOf, so a
 * month of one division and a fiscal year of the whole organization cost the same in memory.
 */

/** The level of a mean; its words are in the catalog, surveys.levels.<band>. */
export type Band = 5 | 4 | 3 | 2 | 1;

export interface Summary {
  /** Rating answers counted (for an item: people who answered it). */
  n: number;
  mean: number | null;
  /** Sample standard deviation; null when n < 2. */
  sd: number | null;
  /** mean ÷ 5 × 100. */
  percent: number | null;
  band: Band | null;
}

export interface Aggregate {
  n: number;
  sum: number;
  sumSq: number;
}

export const EMPTY_AGGREGATE: Readonly<Aggregate> = Object.freeze({ n: 0, sum: 0, sumSq: 0 });

/** Adds aggregates (pooling items into a group, groups into the overall). */
export function addAggregates(...xs: readonly Aggregate[]): Aggregate {
  const out = { n: 0, sum: 0, sumSq: 0 };
  for (const x of xs) {
    out.n += x.n;
    out.sum += x.sum;
    out.sumSq += x.sumSq;
  }
  return out;
}

/**
 * Half-up rounding to a number of decimals as a person reads it: 4.205 → 4.21 (the binary
 * double 4.204999… is meant as 4.205), 4.2049 → 4.20.
 */
export function roundHalfUp(x: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(x * f + Math.sign(x) * 1e-7) / f;
}

/** The band of a mean, decided on the mean rounded to two decimals (what is printed). */
export function bandOf(mean: number): Band {
  const r = roundHalfUp(mean, 2);
  if (r >= 4.21) return 5;
  if (r >= 3.41) return 4;
  if (r >= 2.61) return 3;
  if (r >= 1.81) return 2;
  return 1;
}

/** n, mean, sample S.D., percent and band from the count, sum and sum of squares. */
export function summaryOf(agg: Aggregate): Summary {
  const n = Number(agg.n);
  if (!n) return { n: 0, mean: null, sd: null, percent: null, band: null };
  const sum = Number(agg.sum);
  const sumSq = Number(agg.sumSq);
  const mean = sum / n;
  let sd: number | null = null;
  if (n >= 2) {
    // (n·Σx² − (Σx)²) / (n(n − 1)): integer arithmetic for integer ratings, exact up to 2^53.
    const variance = (n * sumSq - sum * sum) / (n * (n - 1));
    sd = Math.sqrt(Math.max(0, variance));
  }
  return { n, mean, sd, percent: (mean / 5) * 100, band: bandOf(mean) };
}

/** The summary of a list of ratings. */
export function summarize(values: readonly number[]): Summary {
  let sum = 0;
  let sumSq = 0;
  for (const v of values) {
    sum += v;
    sumSq += v * v;
  }
  return summaryOf({ n: values.length, sum, sumSq });
}
