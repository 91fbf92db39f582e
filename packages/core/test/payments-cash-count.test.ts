import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cashCountProblems,
  countCash,
  drawerDifference,
  PaymentRuleError,
  VND_DENOMINATIONS,
} from '../src/payments/index.ts';

describe('cash count', () => {
  it('totals the pieces counted by denomination, notes and coins apart', () => {
    const count = countCash([
      { value: 500_000, pieces: 9 },
      { value: 200_000, pieces: 2 },
      { value: 100_000, pieces: 5 },
      { value: 50_000, pieces: 1 },
      { value: 10_000, pieces: 7 },
      { value: 500, pieces: 4 },
      { value: 5_000, form: 'coin', pieces: 2 },
    ]);
    assert.equal(count.total, 4_500_000 + 400_000 + 500_000 + 50_000 + 70_000 + 2_000 + 10_000);
    assert.deepEqual(count.lines.at(-1), { value: 5_000, form: 'coin', pieces: 2, amount: 10_000 });
  });

  it('knows the polymer notes from 10.000 đ up and the small cotton notes', () => {
    const common = VND_DENOMINATIONS.filter((d) => d.inCommonUse).map((d) => d.value);
    assert.deepEqual(common, [500_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500]);
    assert.ok(VND_DENOMINATIONS.filter((d) => d.material === 'polymer').every((d) => d.value >= 10_000));
  });

  it('refuses an unknown denomination, one entered twice and a bad number of pieces', () => {
    assert.deepEqual(
      cashCountProblems([
        { value: 300_000, pieces: 1 },
        { value: 100_000, pieces: 2 },
        { value: 100_000, pieces: 1 },
        { value: 20_000, pieces: -1 },
        { value: 50_000, form: 'coin', pieces: 1 },
      ]).map((problem) => `${problem.field}:${problem.code}`),
      [
        'lines[0].value:UNKNOWN_DENOMINATION',
        'lines[2].value:DENOMINATION_REPEATED',
        'lines[3].pieces:INVALID_PIECES',
        'lines[4].value:UNKNOWN_DENOMINATION',
      ],
    );
    assert.throws(() => countCash([{ value: 10_000, pieces: 1.5 }]), PaymentRuleError);
  });

  it('tells a short drawer from an over one', () => {
    assert.deepEqual(drawerDifference(5_000_000, 4_950_000), { difference: -50_000, outcome: 'short' });
    assert.deepEqual(drawerDifference(5_000_000, 5_020_000), { difference: 20_000, outcome: 'over' });
    assert.deepEqual(drawerDifference(5_000_000, 5_000_000), { difference: 0, outcome: 'balanced' });
  });
});
