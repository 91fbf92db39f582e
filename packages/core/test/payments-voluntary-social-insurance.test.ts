import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_MONEY_RATES,
  declaredIncomeProblems,
  type MoneyRates,
  PaymentRuleError,
  voluntaryContribution,
  voluntaryIncomeLimits,
  voluntaryPaymentDeadline,
  voluntarySupportPerMonth,
} from '../src/payments/index.ts';

const rates = DEFAULT_MONEY_RATES;

function ruleError(code: string, field?: string) {
  return (error: unknown) =>
    error instanceof PaymentRuleError &&
    error.code === code &&
    (field === undefined || error.field === field) &&
    error.messageEn.length > 0;
}

describe('declared income limits', () => {
  it('uses the rural poverty line as the floor and 20 × the reference level as the ceiling of the day', () => {
    const june = voluntaryIncomeLimits(rates, '2026-06-30');
    assert.equal(june.floor, 1_500_000);
    assert.equal(june.ceiling, 46_800_000);
    const july = voluntaryIncomeLimits(rates, '2026-07-01');
    assert.equal(july.ceiling, 50_600_000);
    assert.equal(july.rateBp, 2200);
  });

  it('refuses an income below the floor, above the ceiling, off the 50.000 đ step or not whole', () => {
    const codes = (income: unknown, on: string) =>
      declaredIncomeProblems(income, on, rates).map((problem) => `${problem.field}:${problem.code}`);
    assert.deepEqual(codes(1_450_000, '2026-08-10'), ['declaredIncome:INCOME_BELOW_FLOOR']);
    assert.deepEqual(codes(50_600_000, '2026-08-10'), []);
    assert.deepEqual(codes(50_650_000, '2026-08-10'), ['declaredIncome:INCOME_ABOVE_CEILING']);
    assert.deepEqual(codes(50_600_000, '2026-06-30'), ['declaredIncome:INCOME_ABOVE_CEILING']);
    assert.deepEqual(codes(1_520_000, '2026-08-10'), ['declaredIncome:INCOME_OFF_STEP']);
    assert.deepEqual(codes(2_000_000.5, '2026-08-10'), ['declaredIncome:AMOUNT_NOT_INTEGER']);
  });

  it('says in Vietnamese and English what the floor is', () => {
    const [problem] = declaredIncomeProblems(1_000_000, '2026-08-10', rates);
    assert.match(problem!.vi, /1\.500\.000 đ/);
    assert.match(problem!.en, /rural poverty line/);
  });
});

describe('state support', () => {
  it('gives 50/40/30/20% of 22% × the poverty line from 1/7/2025', () => {
    const perMonth = (group: 'poor' | 'near_poor' | 'ethnic_minority' | 'island' | 'other') =>
      voluntarySupportPerMonth(rates, '2026-08-10', [group]).perMonth;
    assert.equal(perMonth('poor'), 165_000);
    assert.equal(perMonth('island'), 165_000);
    assert.equal(perMonth('near_poor'), 132_000);
    assert.equal(perMonth('ethnic_minority'), 99_000);
    assert.equal(perMonth('other'), 66_000);
  });

  it('gave 30/25/10% before 1/7/2025, with ethnic minorities counted as others', () => {
    const perMonth = (group: 'poor' | 'near_poor' | 'ethnic_minority' | 'other') =>
      voluntarySupportPerMonth(rates, '2025-03-10', [group]).perMonth;
    assert.equal(perMonth('poor'), 99_000);
    assert.equal(perMonth('near_poor'), 82_500);
    assert.equal(perMonth('other'), 33_000);
    assert.equal(perMonth('ethnic_minority'), 33_000);
  });

  it('gives a person in several groups the highest share, and nobody in no group any support', () => {
    const support = voluntarySupportPerMonth(rates, '2026-08-10', ['ethnic_minority', 'near_poor']);
    assert.equal(support.group, 'near_poor');
    assert.equal(support.perMonth, 132_000);
    assert.equal(voluntarySupportPerMonth(rates, '2026-08-10', []).perMonth, 0);
  });
});

describe('periodic contributions', () => {
  it('charges Nguyễn Thị Ánh, of a poor household, 165.000 đ a month at the floor', () => {
    const result = voluntaryContribution({
      rates,
      on: '2026-08-10',
      declaredIncome: 1_500_000,
      mode: 'monthly',
      supportGroups: ['poor'],
    });
    assert.equal(result.monthlyContribution, 330_000);
    assert.equal(result.gross, 330_000);
    assert.equal(result.supportAmount, 165_000);
    assert.equal(result.payable, 165_000);
  });

  it('charges Đặng Văn Đức 3.102.000 đ for three months on 5.000.000 đ', () => {
    const result = voluntaryContribution({
      rates,
      on: '2026-08-10',
      declaredIncome: 5_000_000,
      mode: 'every_3_months',
      supportGroups: ['other'],
    });
    assert.equal(result.months, 3);
    assert.equal(result.gross, 3_300_000);
    assert.equal(result.supportAmount, 198_000);
    assert.equal(result.payable, 3_102_000);
  });

  it('stops the support at 120 months in a lifetime', () => {
    const result = voluntaryContribution({
      rates,
      on: '2026-08-10',
      declaredIncome: 2_000_000,
      mode: 'every_12_months',
      supportGroups: ['near_poor'],
      supportMonthsUsed: 118,
    });
    assert.equal(result.supportedMonths, 2);
    assert.equal(result.supportAmount, 264_000);
    assert.equal(result.payable, 12 * 440_000 - 264_000);
    const none = voluntaryContribution({
      rates,
      on: '2026-08-10',
      declaredIncome: 2_000_000,
      mode: 'monthly',
      supportGroups: ['near_poor'],
      supportMonthsUsed: 120,
    });
    assert.equal(none.supportAmount, 0);
  });

  it('refuses months that do not match the mode, a bad income and an unknown mode, naming the field', () => {
    assert.throws(
      () =>
        voluntaryContribution({
          rates,
          on: '2026-08-10',
          declaredIncome: 2_000_000,
          mode: 'every_6_months',
          months: 3,
        }),
      ruleError('INVALID_MONTHS', 'months'),
    );
    assert.throws(
      () => voluntaryContribution({ rates, on: '2026-08-10', declaredIncome: 1_000_000, mode: 'monthly' }),
      ruleError('INCOME_BELOW_FLOOR', 'declaredIncome'),
    );
    assert.throws(
      () =>
        voluntaryContribution({
          rates,
          on: '2026-08-10',
          declaredIncome: 2_000_000,
          mode: 'weekly' as 'monthly',
        }),
      ruleError('UNKNOWN_MODE', 'mode'),
    );
  });

  it('refuses a day for which no rate is configured instead of reading it as zero', () => {
    const empty: MoneyRates = { ...rates, ruralPovertyLine: [] };
    assert.throws(
      () =>
        voluntaryContribution({ rates: empty, on: '2026-08-10', declaredIncome: 2_000_000, mode: 'monthly' }),
      ruleError('RATE_MISSING', 'rates.ruralPovertyLine'),
    );
  });
});

describe('lump sums', () => {
  const monthly = 440_000; // 22% × 2.000.000 đ

  it('discounts a lump sum for future years at the fund’s monthly return', () => {
    const r = 0.0031;
    const result = voluntaryContribution({
      rates,
      on: '2026-08-10',
      declaredIncome: 2_000_000,
      mode: 'future_years',
      months: 24,
      monthlyFundReturn: '0.0031',
    });
    const expected = (monthly * ((1 + r) ** 24 - 1)) / (r * (1 + r) ** 23);
    assert.ok(Math.abs(result.gross - expected) <= 1, `${result.gross} vs ${expected}`);
    assert.ok(result.gross < 24 * monthly);
    assert.equal(result.payable, result.gross);
  });

  it('charges the plain sum when the return is zero', () => {
    const result = voluntaryContribution({
      rates,
      on: '2026-08-10',
      declaredIncome: 2_000_000,
      mode: 'future_years',
      months: 36,
      monthlyFundReturn: '0',
    });
    assert.equal(result.gross, 36 * monthly);
  });

  it('adds interest to a lump sum for missing years and gives it no support by default', () => {
    const r = 0.0031;
    const result = voluntaryContribution({
      rates,
      on: '2026-08-10',
      declaredIncome: 2_000_000,
      mode: 'missing_years',
      months: 12,
      supportGroups: ['poor'],
      monthlyFundReturn: '0.0031',
    });
    const expected = (monthly * (1 + r) * ((1 + r) ** 12 - 1)) / r;
    assert.ok(Math.abs(result.gross - expected) <= 1, `${result.gross} vs ${expected}`);
    assert.ok(result.gross > 12 * monthly);
    assert.equal(result.supportAmount, 0);
  });

  it('applies support to a lump sum for future years within the 120-month cap', () => {
    const result = voluntaryContribution({
      rates,
      on: '2026-08-10',
      declaredIncome: 2_000_000,
      mode: 'future_years',
      months: 60,
      supportGroups: ['other'],
      supportMonthsUsed: 100,
      monthlyFundReturn: '0',
    });
    assert.equal(result.supportedMonths, 20);
    assert.equal(result.payable, 60 * monthly - 20 * 66_000);
  });

  it('refuses future years that are not whole years from 2 to 5, too many missing months, and a missing return', () => {
    const base = { rates, on: '2026-08-10', declaredIncome: 2_000_000, monthlyFundReturn: '0.0031' } as const;
    assert.throws(
      () => voluntaryContribution({ ...base, mode: 'future_years', months: 30 }),
      ruleError('INVALID_MONTHS', 'months'),
    );
    assert.throws(
      () => voluntaryContribution({ ...base, mode: 'future_years', months: 72 }),
      ruleError('INVALID_MONTHS', 'months'),
    );
    assert.throws(
      () => voluntaryContribution({ ...base, mode: 'missing_years', months: 61 }),
      ruleError('INVALID_MONTHS', 'months'),
    );
    assert.throws(
      () =>
        voluntaryContribution({ ...base, mode: 'future_years', months: 24, monthlyFundReturn: undefined }),
      ruleError('FUND_RETURN_REQUIRED', 'monthlyFundReturn'),
    );
    assert.throws(
      () => voluntaryContribution({ ...base, mode: 'future_years', months: 24, monthlyFundReturn: '0,31%' }),
      ruleError('INVALID_RATE', 'monthlyFundReturn'),
    );
  });
});

describe('payment deadlines (Art. 36.3)', () => {
  it('ends within the month, the 3 months, the first 4 of 6 and the first 7 of 12', () => {
    assert.equal(voluntaryPaymentDeadline('monthly', '2026-02'), '2026-02-28');
    assert.equal(voluntaryPaymentDeadline('every_3_months', '2026-11'), '2027-01-31');
    assert.equal(voluntaryPaymentDeadline('every_6_months', '2026-07'), '2026-10-31');
    assert.equal(voluntaryPaymentDeadline('every_12_months', '2026-01'), '2026-07-31');
  });

  it('makes a lump sum due on the day it is registered', () => {
    assert.equal(voluntaryPaymentDeadline('future_years', '2026-09', '2026-08-20'), '2026-08-20');
    assert.throws(
      () => voluntaryPaymentDeadline('missing_years', '2026-09'),
      ruleError('REGISTRATION_DATE_REQUIRED'),
    );
    assert.throws(
      () => voluntaryPaymentDeadline('monthly', '2026-13'),
      ruleError('INVALID_PERIOD', 'firstPeriod'),
    );
  });
});
