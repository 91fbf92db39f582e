import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_MONEY_RATES,
  findRate,
  flattenMoneyRates,
  type MoneyRateRecord,
  moneyRatesFromRecords,
  moneyRatesProblems,
  PaymentRuleError,
  rateOn,
  rateTableProblems,
} from '../src/payments/index.ts';

describe('dated rates', () => {
  it('ships defaults that are consistent and each carry a source', () => {
    assert.deepEqual(moneyRatesProblems(DEFAULT_MONEY_RATES), []);
  });

  it('finds the entry in force on a day, both ends included', () => {
    assert.equal(rateOn(DEFAULT_MONEY_RATES, 'referenceLevel', '2026-06-30').value, 2_340_000);
    assert.equal(rateOn(DEFAULT_MONEY_RATES, 'referenceLevel', '2026-07-01').value, 2_530_000);
    assert.equal(rateOn(DEFAULT_MONEY_RATES, 'referenceLevel', '2024-07-01').value, 2_340_000);
    assert.equal(findRate(DEFAULT_MONEY_RATES.referenceLevel, '2019-06-30'), undefined);
  });

  it('refuses a day with no entry, naming the table', () => {
    assert.throws(
      () => rateOn(DEFAULT_MONEY_RATES, 'payouts', '2025-06-30'),
      (error: unknown) =>
        error instanceof PaymentRuleError && error.code === 'RATE_MISSING' && error.field === 'rates.payouts',
    );
  });

  it('finds overlapping entries, an end before a start and a missing source', () => {
    const problems = rateTableProblems(
      [
        { from: '2026-01-01', until: '2026-12-31', value: 1, source: 'NĐ A', verified: false },
        { from: '2026-07-01', until: null, value: 2, source: '', verified: false },
        { from: '2027-05-01', until: '2027-04-30', value: 3, source: 'NĐ C', verified: false },
      ],
      'ruralPovertyLine',
    );
    assert.deepEqual(
      problems.map((problem) => `${problem.field}:${problem.code}`),
      [
        'ruralPovertyLine[1].source:RATE_SOURCE_MISSING',
        'ruralPovertyLine[2].until:RATE_UNTIL_BEFORE_FROM',
        'ruralPovertyLine[1].from:RATE_OVERLAP',
        'ruralPovertyLine[2].from:RATE_OVERLAP',
      ],
    );
  });

  it('goes to rows for storage and back unchanged', () => {
    const records = flattenMoneyRates(DEFAULT_MONEY_RATES);
    assert.ok(records.every((record) => record.source.length > 0));
    const back = moneyRatesFromRecords([...records].reverse());
    assert.deepEqual(flattenMoneyRates(back), records);
  });

  it('refuses stored rows that name no table or overlap', () => {
    const bad: MoneyRateRecord[] = [
      {
        key: 'referenceLevel',
        from: '2026-07-01',
        until: null,
        value: 2_530_000,
        source: 'NĐ 161/2026',
        verified: true,
      },
      {
        key: 'referenceLevel',
        from: '2026-12-01',
        until: null,
        value: 2_600_000,
        source: 'typo',
        verified: false,
      },
      {
        key: 'salary' as 'referenceLevel',
        from: '2026-07-01',
        until: null,
        value: 1,
        source: 'x',
        verified: false,
      },
    ];
    assert.throws(
      () => moneyRatesFromRecords(bad),
      (error: unknown) =>
        error instanceof PaymentRuleError &&
        error.problems.map((problem) => problem.code).join() === 'RATE_UNKNOWN_TABLE,RATE_OVERLAP',
    );
  });
});
