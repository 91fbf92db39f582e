import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkCalendar } from '../src/calendar/index.ts';
import {
  DEFAULT_MONEY_RATES,
  type FineRule,
  fineLateDays,
  fineLateSurcharge,
  fineTerm,
  type MoneyRates,
  PaymentRuleError,
  seizedPapersReturnDeadline,
} from '../src/payments/index.ts';

const rates = DEFAULT_MONEY_RATES;

function ruleError(code: string, field?: string) {
  return (error: unknown) =>
    error instanceof PaymentRuleError &&
    error.code === code &&
    (field === undefined || error.field === field) &&
    error.messageEn.length > 0;
}

describe('the term to pay a fine', () => {
  it('ends 10 days after the day the decision was received', () => {
    assert.deepEqual(fineTerm({ rates, decisionDate: '2026-03-02', receivedOn: '2026-03-05' }), {
      lastDay: '2026-03-15',
      basis: 'receipt',
      termDays: 10,
    });
  });

  it('ends 12 days after the decision date when receipt is unproven', () => {
    const term = fineTerm({ rates, decisionDate: '2026-03-02' });
    assert.equal(term.lastDay, '2026-03-14');
    assert.equal(term.basis, 'unproven_receipt');
  });

  it('keeps a longer term written in the decision', () => {
    assert.equal(
      fineTerm({ rates, decisionDate: '2026-03-02', receivedOn: '2026-03-05', termDays: 30 }).lastDay,
      '2026-04-04',
    );
    assert.equal(fineTerm({ rates, decisionDate: '2026-03-02', termDays: 30 }).lastDay, '2026-04-03');
  });

  it('refuses a term shorter than 10 days and a receipt before the decision', () => {
    assert.throws(
      () => fineTerm({ rates, decisionDate: '2026-03-02', receivedOn: '2026-03-05', termDays: 5 }),
      ruleError('INVALID_TERM', 'termDays'),
    );
    assert.throws(
      () => fineTerm({ rates, decisionDate: '2026-03-02', receivedOn: '2026-03-01' }),
      ruleError('RECEIVED_BEFORE_DECISION', 'receivedOn'),
    );
    assert.throws(
      () => fineTerm({ rates, decisionDate: '02/03/2026' }),
      ruleError('INVALID_DATE', 'decisionDate'),
    );
  });
});

describe('the late-payment surcharge', () => {
  it('counts from the day after the last day to the day before payment', () => {
    assert.equal(fineLateDays('2026-03-15', '2026-03-15'), 0);
    assert.equal(fineLateDays('2026-03-15', '2026-03-16'), 0);
    assert.equal(fineLateDays('2026-03-15', '2026-03-17'), 1);
    assert.equal(fineLateDays('2026-03-15', '2026-04-16'), 31);
  });

  it('charges 0,05% of the unpaid fine a day, simple, with no cap', () => {
    const result = fineLateSurcharge({
      rates,
      unpaidAmount: 4_000_000,
      lastDay: '2026-03-15',
      paidOn: '2026-04-16',
    });
    assert.equal(result.lateDays, 31);
    assert.equal(result.firstLateDay, '2026-03-16');
    assert.equal(result.lastLateDay, '2026-04-15');
    assert.equal(result.surcharge, 62_000);
    assert.equal(result.total, 4_062_000);
    const twoYears = fineLateSurcharge({
      rates,
      unpaidAmount: 4_000_000,
      lastDay: '2026-03-15',
      paidOn: '2028-03-16',
    });
    assert.equal(twoYears.lateDays, 731);
    assert.equal(twoYears.surcharge, 731 * 2_000);
  });

  it('counts Tết and weekends as days late', () => {
    const result = fineLateSurcharge({
      rates,
      unpaidAmount: 800_000,
      lastDay: '2026-02-13',
      paidOn: '2026-02-24',
    });
    assert.equal(result.lateDays, 10);
    assert.equal(result.surcharge, 4_000);
  });

  it('charges nothing when paid on time', () => {
    const result = fineLateSurcharge({
      rates,
      unpaidAmount: 800_000,
      lastDay: '2026-03-15',
      paidOn: '2026-03-16',
    });
    assert.deepEqual(
      [result.lateDays, result.surcharge, result.total, result.firstLateDay],
      [0, 0, 800_000, null],
    );
  });

  it('rounds the total once, to the đồng', () => {
    const result = fineLateSurcharge({
      rates,
      unpaidAmount: 1_234_567,
      lastDay: '2026-03-15',
      paidOn: '2026-03-20',
    });
    assert.equal(result.lateDays, 4);
    assert.equal(result.surcharge, 2_469); // 1.234.567 × 0,05% × 4 = 2.469,134
  });

  it('applies each day the rate in force that day', () => {
    const base = rates.fines[1]!.value;
    const changed: FineRule = { ...base, dailyLateRateBp: 3 };
    const custom: MoneyRates = {
      ...rates,
      fines: [
        { from: '2022-01-01', until: '2026-03-31', value: base, source: 'test', verified: false },
        { from: '2026-04-01', until: null, value: changed, source: 'test', verified: false },
      ],
    };
    const result = fineLateSurcharge({
      rates: custom,
      unpaidAmount: 1_000_000,
      lastDay: '2026-03-29',
      paidOn: '2026-04-04',
    });
    // 30, 31/3 at 0,05% and 1, 2, 3/4 at 0,03%
    assert.equal(result.lateDays, 5);
    assert.equal(result.surcharge, 2 * 500 + 3 * 300);
  });

  it('refuses an unpaid amount that is not a positive whole number of đồng', () => {
    assert.throws(
      () => fineLateSurcharge({ rates, unpaidAmount: 0, lastDay: '2026-03-15', paidOn: '2026-04-16' }),
      ruleError('AMOUNT_NOT_POSITIVE', 'unpaidAmount'),
    );
  });
});

describe('returning seized papers', () => {
  const calendar = createWorkCalendar();

  it('gives the police 5 working days after the payment, past the Giỗ Tổ, 30/4 and 1/5 days off', () => {
    assert.equal(seizedPapersReturnDeadline({ rates, calendar, paidOn: '2026-04-24' }), '2026-05-06');
  });

  it('skips the National Day holidays', () => {
    assert.equal(seizedPapersReturnDeadline({ rates, calendar, paidOn: '2026-08-28' }), '2026-09-08');
  });

  it('has no deadline before NĐ 118/2021', () => {
    assert.throws(
      () => seizedPapersReturnDeadline({ rates, calendar, paidOn: '2021-06-01' }),
      ruleError('NO_PAPERS_RETURN_RULE', 'paidOn'),
    );
  });
});
