import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { validateValues } from './forms.js';
import { bahtAmount, MAX_SATANG, satangFromBahtInput } from './validation.js';

describe('money typed in baht', () => {
  test('becomes integer satang exactly', () => {
    for (const [typed, satang] of [
      ['5,000.50', 500050],
      ['5000.50', 500050],
      ['5000.5', 500050],
      ['5000', 500000],
      ['๕,๐๐๐.๕๐', 500050],
      ['฿1,250', 125000],
      ['1,250.50 บาท', 125050],
      ['0.01', 1],
      ['0', 0],
      ['999,999,999,999.99', MAX_SATANG],
    ] as const) {
      assert.deepEqual(satangFromBahtInput(typed), { ok: true, satang }, typed);
    }
  });

  test('words, signs, more than two decimals and misplaced commas are refused; so is more than the maximum', () => {
    for (const typed of ['ห้าพัน', '-1', '+1', '1.234', '1,00', '5,000.50.1', '1e3', '', ' ']) {
      assert.deepEqual(satangFromBahtInput(typed), { ok: false, message: 'core.validation.money' }, typed);
    }
    assert.deepEqual(satangFromBahtInput('1,000,000,000,000'), {
      ok: false,
      message: 'core.validation.moneyTooLarge',
      params: { max: '999,999,999,999.99' },
    });
    assert.equal(satangFromBahtInput('100.01', 10000).ok, false);
    assert.equal(satangFromBahtInput('100', 10000).ok, true);
  });

  test('as a form field: satang out, or a message naming the field', () => {
    const schema = z.object({ amount: bahtAmount().optional() });
    const ok = validateValues(schema, { amount: ' 5,000.50 ' }, { amount: 'x.amount' });
    assert.ok(ok.ok);
    assert.equal(ok.data.amount, 500050);
    const blank = validateValues(schema, { amount: '' }, { amount: 'x.amount' });
    assert.ok(blank.ok);
    assert.equal(blank.data.amount, undefined);
    const bad = validateValues(schema, { amount: 'ห้าพัน' }, { amount: 'x.amount' });
    assert.ok(!bad.ok);
    assert.deepEqual(bad.errors, [{ field: 'amount', label: 'x.amount', message: 'core.validation.money' }]);
    const big = validateValues(z.object({ amount: bahtAmount(100) }), { amount: '2' }, { amount: 'x.amount' });
    assert.ok(!big.ok);
    assert.deepEqual(big.errors, [
      { field: 'amount', label: 'x.amount', message: 'core.validation.moneyTooLarge', params: { max: '1.00' } },
    ]);
  });
});
