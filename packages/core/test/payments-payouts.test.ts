import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ageOn,
  applyEntitlementEvent,
  consecutiveUncollectedMonths,
  DEFAULT_MONEY_RATES,
  deriveEntitlement,
  heirsPeriods,
  homePayoutEligible,
  INITIAL_ENTITLEMENT,
  type MoneyRates,
  type PayableLine,
  PaymentRuleError,
  type PayoutAttempt,
  type PayoutRule,
  payoutProblems,
  proxyAuthorisationLastDay,
  proxyAuthorisationProblems,
  resumeArrears,
  suspendForUncollected,
} from '../src/payments/index.ts';

const rates = DEFAULT_MONEY_RATES;

function withPayoutRule(change: Partial<PayoutRule>): MoneyRates {
  const rule = rates.payouts[0]!;
  return { ...rates, payouts: [{ ...rule, value: { ...rule.value, ...change } }] };
}

const codes = (problems: readonly { field: string; code: string }[]) =>
  problems.map((problem) => `${problem.field}:${problem.code}`);

describe('a proxy’s authorisation', () => {
  it('is valid up to the same day 12 months after it was made', () => {
    const authorisation = { madeOn: '2025-09-15', certified: true };
    assert.equal(proxyAuthorisationLastDay(authorisation, rates), '2026-09-15');
    assert.deepEqual(proxyAuthorisationProblems(authorisation, '2026-09-15', rates), []);
    assert.deepEqual(codes(proxyAuthorisationProblems(authorisation, '2026-09-16', rates)), [
      'proxy.authorisation.madeOn:PROXY_EXPIRED',
    ]);
  });

  it('ends on the last day of a shorter month', () => {
    assert.equal(proxyAuthorisationLastDay({ madeOn: '2026-01-31', certified: true }, rates), '2027-01-31');
    assert.equal(
      proxyAuthorisationLastDay(
        { madeOn: '2027-02-28', certified: true },
        withPayoutRule({ proxyMaxMonths: 12 }),
      ),
      '2028-02-28',
    );
  });

  it('ends earlier when the end written on it comes first', () => {
    const authorisation = { madeOn: '2025-09-15', expiresOn: '2026-03-31', certified: true };
    assert.equal(proxyAuthorisationLastDay(authorisation, rates), '2026-03-31');
    const [problem] = proxyAuthorisationProblems(authorisation, '2026-04-01', rates);
    assert.equal(problem!.field, 'proxy.authorisation.expiresOn');
    assert.match(problem!.vi, /31\/03\/2026/);
  });

  it('must be certified under the 2024 law', () => {
    assert.deepEqual(
      codes(proxyAuthorisationProblems({ madeOn: '2026-02-10', certified: false }, '2026-03-05', rates)),
      ['proxy.authorisation.certified:PROXY_NOT_CERTIFIED'],
    );
  });

  it('made under the 2014 law, stays usable to 30/6/2026 and no later', () => {
    const authorisation = { madeOn: '2025-03-10', expiresOn: '2027-03-10', certified: false };
    assert.equal(proxyAuthorisationLastDay(authorisation, rates), '2026-06-30');
    assert.deepEqual(proxyAuthorisationProblems(authorisation, '2026-06-30', rates), []);
    const [problem] = proxyAuthorisationProblems(authorisation, '2026-07-02', rates);
    assert.equal(problem!.code, 'PROXY_EXPIRED');
    assert.match(problem!.vi, /Luật BHXH 2014/);
    assert.match(problem!.en, /2014 law/);
  });

  it('cannot be used before it was made', () => {
    assert.deepEqual(
      codes(proxyAuthorisationProblems({ madeOn: '2026-08-10', certified: true }, '2026-08-05', rates)),
      ['proxy.authorisation.madeOn:PROXY_NOT_YET_MADE'],
    );
  });
});

describe('age and payout at home', () => {
  it('counts whole years to the birthday', () => {
    assert.equal(ageOn('1946-05-20', '2026-05-19'), 79);
    assert.equal(ageOn('1946-05-20', '2026-05-20'), 80);
    assert.equal(ageOn('1946', '2026-01-01'), 80);
    assert.equal(ageOn('1946-12', '2026-11-30'), 79);
  });

  it('lets people aged 80 or more be paid at home', () => {
    assert.equal(homePayoutEligible('1946-05-20', '2026-05-20', rates), true);
    assert.equal(homePayoutEligible('1948-01-02', '2026-08-05', rates), false);
  });
});

describe('suspension, stop and resumption (Art. 75)', () => {
  it('pays the unpaid months when payment resumes after a suspension', () => {
    const suspended = applyEntitlementEvent(INITIAL_ENTITLEMENT, {
      kind: 'suspend',
      from: '2026-03',
      reason: 'failed_verification',
    });
    assert.equal(suspended.status, 'suspended');
    assert.deepEqual(resumeArrears(suspended, '2026-07'), ['2026-03', '2026-04', '2026-05', '2026-06']);
  });

  it('pays nothing back when payment resumes after a refusal', () => {
    const refused = deriveEntitlement([{ kind: 'stop', from: '2026-02', reason: 'refusal' }]);
    assert.deepEqual(resumeArrears(refused, '2026-05'), []);
    assert.equal(applyEntitlementEvent(refused, { kind: 'resume', from: '2026-05' }).status, 'active');
  });

  it('never resumes after death, and suspends only an active entitlement', () => {
    const dead = deriveEntitlement([{ kind: 'stop', from: '2026-03', reason: 'death' }]);
    assert.throws(
      () => applyEntitlementEvent(dead, { kind: 'resume', from: '2026-04' }),
      (error: unknown) => error instanceof PaymentRuleError && error.code === 'CANNOT_RESUME',
    );
    const suspended = deriveEntitlement([{ kind: 'suspend', from: '2026-03', reason: 'declared_missing' }]);
    assert.throws(
      () =>
        applyEntitlementEvent(suspended, { kind: 'suspend', from: '2026-04', reason: 'illegal_emigration' }),
      (error: unknown) => error instanceof PaymentRuleError && error.code === 'CANNOT_SUSPEND',
    );
    assert.throws(
      () => applyEntitlementEvent(suspended, { kind: 'resume', from: '2026-02' }),
      (error: unknown) => error instanceof PaymentRuleError && error.code === 'EVENT_BEFORE_CURRENT',
    );
  });

  it('gives heirs the months not collected up to the month of death', () => {
    assert.deepEqual(heirsPeriods(['2026-04', '2026-01', '2026-02', '2026-02'], '2026-02-14'), [
      '2026-01',
      '2026-02',
    ]);
  });

  it('does not suspend for months not collected unless configured', () => {
    const uncollected = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
    assert.equal(consecutiveUncollectedMonths(uncollected, '2026-06'), 6);
    assert.equal(consecutiveUncollectedMonths(['2026-01', '2026-03'], '2026-03'), 1);
    assert.equal(suspendForUncollected(6, '2026-07-01', rates), false);
    const sixMonths = withPayoutRule({ suspendAfterUncollectedMonths: 6 });
    assert.equal(suspendForUncollected(5, '2026-07-01', sixMonths), false);
    assert.equal(suspendForUncollected(6, '2026-07-01', sixMonths), true);
  });
});

describe('whether a payout line can be paid', () => {
  const line: PayableLine = {
    amount: 4_850_000,
    period: '2026-08',
    status: 'unpaid',
    beneficiaryCitizenId: '075155001234',
    beneficiaryBirthDate: '1955-03-12',
    proxy: {
      citizenId: '070089004321',
      authorisation: { madeOn: '2026-01-15', expiresOn: '2026-12-31', certified: true },
    },
  };
  const atCounter: PayoutAttempt = {
    payOn: '2026-08-05',
    channel: 'counter',
    payee: 'beneficiary',
    payeeCitizenId: '075 155 001 234',
    identityChecked: true,
  };

  it('pays Nguyễn Thị Ánh at the counter on her own card', () => {
    assert.deepEqual(payoutProblems(line, atCounter, rates), []);
  });

  it('pays her proxy Đặng Văn Đức on his card while the authorisation holds', () => {
    const proxy: PayoutAttempt = { ...atCounter, payee: 'proxy', payeeCitizenId: '070089004321' };
    assert.deepEqual(payoutProblems(line, proxy, rates), []);
    assert.deepEqual(codes(payoutProblems(line, { ...proxy, payOn: '2027-01-04' }, rates)), [
      'proxy.authorisation.expiresOn:PROXY_EXPIRED',
    ]);
    assert.deepEqual(codes(payoutProblems(line, { ...proxy, payeeCitizenId: '075155001234' }, rates)), [
      'payeeCitizenId:PAYEE_NOT_PROXY',
    ]);
    assert.deepEqual(codes(payoutProblems({ ...line, proxy: null }, proxy, rates)), ['proxy:NO_PROXY']);
  });

  it('refuses a line already paid, a suspended entitlement, another person’s card and an unchecked identity', () => {
    assert.deepEqual(
      codes(
        payoutProblems(
          { ...line, status: 'paid', entitlement: 'suspended' },
          { ...atCounter, payeeCitizenId: '075155009999', identityChecked: false },
          rates,
        ),
      ),
      [
        'status:LINE_PAID',
        'entitlement:ENTITLEMENT_SUSPENDED',
        'identityChecked:IDENTITY_NOT_CHECKED',
        'payeeCitizenId:PAYEE_NOT_BENEFICIARY',
      ],
    );
  });

  it('pays at home only people aged 80 or more, unless the agency approved it', () => {
    const home: PayoutAttempt = { ...atCounter, channel: 'home' };
    assert.deepEqual(codes(payoutProblems(line, home, rates)), ['channel:HOME_PAYOUT_NOT_ELIGIBLE']);
    assert.deepEqual(payoutProblems({ ...line, beneficiaryBirthDate: '1944-07-01' }, home, rates), []);
    assert.deepEqual(payoutProblems(line, { ...home, homeApproved: true }, rates), []);
    assert.deepEqual(codes(payoutProblems({ ...line, beneficiaryBirthDate: null }, home, rates)), [
      'beneficiaryBirthDate:BIRTH_DATE_REQUIRED',
    ]);
  });

  it('keeps to the payout window when one is configured', () => {
    const windowed = withPayoutRule({ paymentWindow: { firstDay: 2, lastDay: 25 } });
    assert.deepEqual(payoutProblems(line, atCounter, windowed), []);
    const [problem] = payoutProblems(line, { ...atCounter, payOn: '2026-08-27' }, windowed);
    assert.equal(problem!.field, 'payOn');
    assert.match(problem!.vi, /từ ngày 2 đến ngày 25/);
  });

  it('refuses an amount that is not a positive whole number of đồng', () => {
    assert.deepEqual(codes(payoutProblems({ ...line, amount: 4_850_000.5 }, atCounter, rates)), [
      'amount:AMOUNT_NOT_INTEGER',
    ]);
  });
});
