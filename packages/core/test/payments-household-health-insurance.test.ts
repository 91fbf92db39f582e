import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MONEY_RATES, householdHealthInsurance, PaymentRuleError } from '../src/payments/index.ts';

const rates = DEFAULT_MONEY_RATES;

describe('household health insurance', () => {
  it('charges 4,5% of 2.530.000 đ for the first member and 70/60/50/40% of that for the next from 1/7/2026', () => {
    const result = householdHealthInsurance({ rates, on: '2026-08-03', memberCount: 6, months: 12 });
    assert.equal(result.referenceLevel, 2_530_000);
    assert.deepEqual(
      result.members.map((member) => member.monthly),
      [113_850, 79_695, 68_310, 56_925, 45_540, 45_540],
    );
    assert.equal(result.monthlyTotal, 409_860);
    assert.equal(result.total, 409_860 * 12);
    assert.equal(result.members[0]!.total, 1_366_200);
  });

  it('used 2.340.000 đ before 1/7/2026', () => {
    const result = householdHealthInsurance({ rates, on: '2026-06-30', memberCount: 3, months: 3 });
    assert.deepEqual(
      result.members.map((member) => member.monthly),
      [105_300, 73_710, 63_180],
    );
    assert.equal(result.total, 726_570);
  });

  it('gives no ladder reduction to a household the state budget supports', () => {
    const result = householdHealthInsurance({
      rates,
      on: '2026-08-03',
      memberCount: 3,
      months: 6,
      stateSupported: true,
    });
    assert.deepEqual(
      result.members.map((member) => member.shareBp),
      [10_000, 10_000, 10_000],
    );
    assert.equal(result.total, 3 * 113_850 * 6);
  });

  it('refuses a period other than 3, 6 or 12 months and an empty household', () => {
    assert.throws(
      () => householdHealthInsurance({ rates, on: '2026-08-03', memberCount: 2, months: 4 }),
      (error: unknown) =>
        error instanceof PaymentRuleError && error.field === 'months' && /3, 6, 12/.test(error.message),
    );
    assert.throws(
      () => householdHealthInsurance({ rates, on: '2026-08-03', memberCount: 0, months: 12 }),
      (error: unknown) => error instanceof PaymentRuleError && error.field === 'memberCount',
    );
  });
});
