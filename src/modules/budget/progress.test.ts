import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { MAX_SATANG } from '../../core/http/validation.js';
import { basisPoints, type ProgressLineInput, plannedByMonth, planProgress } from './progress.js';
import { BUDGET_CATEGORIES, type BudgetPhasing } from './schema.js';

/** Amounts as a plan has them: up to ten million baht a line, so a plan of a few hundred lines stays exact. */
const amount = fc.integer({ min: 0, max: 1_000_000_000 });

/** A line with phases summing to its approved amount, and disbursements never above it. */
const lineArb = (phasing: BudgetPhasing, id: number) =>
  fc
    .record({
      phases: fc.array(amount, { minLength: phasing === 'month' ? 12 : 4, maxLength: phasing === 'month' ? 12 : 4 }),
      spent: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 12, maxLength: 12 }),
      side: fc.constantFrom('ด้านบริหารทั่วไป', 'ด้านบริการชุมชนและสังคม', 'ด้านเศรษฐกิจ'),
      program: fc.constantFrom('แผนงานบริหารงานทั่วไป', 'แผนงานการศึกษา', 'แผนงานสาธารณสุข', 'แผนงานงบกลาง'),
      work: fc.constantFrom('งานบริหารทั่วไป', 'งานบริหารงานคลัง', 'งานระดับก่อนวัยเรียน'),
      category: fc.constantFrom(...BUDGET_CATEGORIES),
    })
    .map(({ phases, spent, ...rest }): ProgressLineInput => {
      const approved = phases.reduce((s, p) => s + p, 0);
      // Spend a share (per ten thousand) of what is left each month: never more than approved.
      let left = approved;
      const disbursedByMonth = spent.map((share) => {
        const x = Math.floor((left * share) / 10_000 / 4);
        left -= x;
        return x;
      });
      return { id, position: id, item: `รายการ ${id}`, approvedSatang: approved, phases, disbursedByMonth, ...rest };
    });

const planArb = fc.constantFrom<BudgetPhasing>('quarter', 'month').chain((phasing) =>
  fc
    .integer({ min: 0, max: 40 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(phasing, i + 1))))
    .map((lines) => ({ phasing, lines: lines as ProgressLineInput[] })),
);

const month = fc.integer({ min: 0, max: 12 });
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

describe('plan against actual (progress.ts)', () => {
  test('totals equal the sum of the lines, and of the groups by งบ and by แผนงาน', () => {
    fc.assert(
      fc.property(planArb, month, ({ phasing, lines }, through) => {
        const p = planProgress(phasing, lines, through);
        for (const key of ['approvedSatang', 'plannedToDateSatang', 'disbursedToDateSatang', 'varianceSatang'] as const) {
          assert.equal(p.total[key], sum(p.lines.map((l) => l[key])), key);
          assert.equal(p.total[key], sum(p.byCategory.map((g) => g[key])), `${key} by category`);
          assert.equal(p.total[key], sum(p.byProgram.map((g) => g[key])), `${key} by program`);
        }
        for (const q of [0, 1, 2, 3]) {
          assert.equal(p.total.plannedByQuarter[q], sum(p.byCategory.map((g) => g.plannedByQuarter[q] ?? 0)));
          assert.equal(p.total.disbursedByQuarter[q], sum(p.byProgram.map((g) => g.disbursedByQuarter[q] ?? 0)));
        }
        // Every line is in exactly one group of each kind.
        assert.equal(sum(p.byCategory.map((g) => p.lines.filter((l) => l.category === g.category).length)), lines.length);
        assert.equal(new Set(p.byCategory.map((g) => g.category)).size, p.byCategory.length);
        assert.equal(new Set(p.byProgram.map((g) => `${g.side}|${g.program}`)).size, p.byProgram.length);
      }),
      { numRuns: 150 },
    );
  });

  test('any grouping of the lines (any partition) adds up to the same totals', () => {
    fc.assert(
      fc.property(
        planArb,
        month,
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 40, maxLength: 40 }),
        ({ phasing, lines }, through, bucketOf) => {
          const whole = planProgress(phasing, lines, through).total;
          const buckets = [0, 1, 2, 3, 4].map(
            (b) =>
              planProgress(
                phasing,
                lines.filter((_, i) => bucketOf[i] === b),
                through,
              ).total,
          );
          for (const key of ['approvedSatang', 'plannedToDateSatang', 'disbursedToDateSatang', 'varianceSatang'] as const) {
            assert.equal(sum(buckets.map((t) => t[key])), whole[key]);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  test('quarters sum to the year; planned through 12 is the approved amount; through 0 is nothing', () => {
    fc.assert(
      fc.property(planArb, ({ phasing, lines }) => {
        const year = planProgress(phasing, lines, 12);
        for (const l of year.lines) {
          assert.equal(sum(l.plannedByQuarter), l.approvedSatang);
          assert.equal(sum(l.disbursedByQuarter), sum(l.disbursedByMonth));
          assert.equal(l.plannedToDateSatang, l.approvedSatang);
          assert.equal(sum(plannedByMonth(phasing, l.phases)), l.approvedSatang);
        }
        assert.equal(sum(year.total.plannedByQuarter), year.total.approvedSatang);
        assert.equal(sum(year.total.disbursedByQuarter), year.total.disbursedToDateSatang);
        const none = planProgress(phasing, lines, 0).total;
        assert.equal(none.plannedToDateSatang, 0);
        assert.equal(none.disbursedToDateSatang, 0);
      }),
      { numRuns: 150 },
    );
  });

  test('planned and disbursed to date never decrease month by month; a quarter counts at its last month', () => {
    fc.assert(
      fc.property(planArb, ({ phasing, lines }) => {
        let prev = planProgress(phasing, lines, 0).total;
        for (let m = 1; m <= 12; m++) {
          const cur = planProgress(phasing, lines, m).total;
          assert.ok(cur.plannedToDateSatang >= prev.plannedToDateSatang);
          assert.ok(cur.disbursedToDateSatang >= prev.disbursedToDateSatang);
          if (phasing === 'quarter' && m % 3 !== 0) assert.equal(cur.plannedToDateSatang, prev.plannedToDateSatang);
          prev = cur;
        }
      }),
      { numRuns: 80 },
    );
  });

  test('basis points: 0 … 10,000 while disbursed ≤ approved, rounded down exactly, null without a base', () => {
    fc.assert(
      fc.property(planArb, month, ({ phasing, lines }, through) => {
        const p = planProgress(phasing, lines, through);
        for (const t of [p.total, ...p.lines, ...p.byCategory, ...p.byProgram]) {
          if (t.approvedSatang === 0) assert.equal(t.disbursedBp, null);
          else {
            assert.ok(t.disbursedBp !== null && t.disbursedBp >= 0 && t.disbursedBp <= 10_000);
            // bp = floor(disbursed × 10000 / approved): bp/10000 ≤ ratio < (bp+1)/10000, in integers.
            assert.ok(BigInt(t.disbursedBp) * BigInt(t.approvedSatang) <= BigInt(t.disbursedToDateSatang) * 10_000n);
            assert.ok(BigInt(t.disbursedBp + 1) * BigInt(t.approvedSatang) > BigInt(t.disbursedToDateSatang) * 10_000n);
          }
        }
      }),
      { numRuns: 150 },
    );
    fc.assert(
      // Disbursed never exceeds approved (the service refuses it), so part ≤ whole here.
      fc.property(fc.integer({ min: 1, max: MAX_SATANG }), fc.double({ min: 0, max: 1, noNaN: true }), (whole, share) => {
        const part = Math.floor(whole * share);
        const bp = basisPoints(part, whole);
        assert.ok(bp !== null && Number.isSafeInteger(bp) && bp >= 0 && bp <= 10_000);
        assert.equal(basisPoints(whole, whole), 10_000);
      }),
    );
    assert.equal(basisPoints(1, 3), 3333);
    assert.equal(basisPoints(2, 3), 6666);
  });

  test('bad shapes are refused rather than guessed', () => {
    assert.throws(() => plannedByMonth('quarter', [1, 2, 3]), RangeError);
    assert.throws(() => plannedByMonth('month', [1, 2, 3, 4]), RangeError);
    assert.throws(() => planProgress('quarter', [], 13), RangeError);
    assert.throws(() => planProgress('quarter', [], 1.5), RangeError);
    assert.deepEqual(plannedByMonth('quarter', [1, 2, 3, 4]), [0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4]);
  });
});
