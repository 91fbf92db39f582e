/**
 * Household health insurance (bảo hiểm y tế hộ gia đình), collected at the post office.
 *
 * NĐ 146/2018/NĐ-CP Art. 7.1 (same ladder under NĐ 188/2025/NĐ-CP, secondary source): the first member
 * pays 4,5% of the base salary (the reference level) a month; the second, third and fourth pay 70%,
 * 60% and 50% of the first member's amount; the fifth and every later member 40%. A household whose
 * contribution the state budget supports gets no ladder reduction. Art. 9.7: paid for 3, 6 or 12
 * months at a time.
 */
import type { IsoDate } from '../calendar/dates.ts';
import { applyShares, toSafeNumber } from './arithmetic.ts';
import { PaymentRuleError, problem } from './problems.ts';
import { type MoneyRates, rateOn } from './rates.ts';

/** One member's line. */
export interface HouseholdMemberContribution {
  /** 1 for the first member. */
  readonly rank: number;
  /** Share of the first member's amount, in bp (10000 = 100%). */
  readonly shareBp: number;
  readonly monthly: number;
  readonly total: number;
}

export interface HouseholdHealthInsurance {
  readonly months: number;
  readonly referenceLevel: number;
  /** The first member's monthly amount: 4,5% × reference level, rounded to the đồng. */
  readonly firstMemberMonthly: number;
  readonly members: readonly HouseholdMemberContribution[];
  readonly monthlyTotal: number;
  readonly total: number;
  readonly ratesOn: IsoDate;
}

/**
 * The household's contribution for `memberCount` members and `months` months at the rates of `on`
 * (the day of payment). Each member's monthly amount is rounded to the đồng, then multiplied by the
 * months. Throws `PaymentRuleError` on a bad count or a number of months the rule does not allow.
 */
export function householdHealthInsurance(input: {
  rates: MoneyRates;
  on: IsoDate;
  memberCount: number;
  months: number;
  /** The state budget supports this household's contribution: no ladder reduction. */
  stateSupported?: boolean;
}): HouseholdHealthInsurance {
  const rule = rateOn(input.rates, 'householdHealthInsurance', input.on).value;
  const referenceLevel = rateOn(input.rates, 'referenceLevel', input.on).value;
  if (!Number.isInteger(input.memberCount) || input.memberCount < 1 || input.memberCount > 100) {
    throw new PaymentRuleError([
      problem(
        'memberCount',
        'INVALID_MEMBER_COUNT',
        'Số thành viên tham gia phải là số nguyên từ 1 đến 100.',
        'The number of members must be a whole number from 1 to 100.',
      ),
    ]);
  }
  if (!rule.paymentMonths.includes(input.months)) {
    throw new PaymentRuleError([
      problem(
        'months',
        'INVALID_MONTHS',
        `BHYT hộ gia đình đóng ${rule.paymentMonths.join(', ')} tháng một lần, không phải ${String(input.months)}.`,
        `Household health insurance is paid for ${rule.paymentMonths.join(', ')} months at a time, not ${String(input.months)}.`,
      ),
    ]);
  }
  const firstMemberMonthly = applyShares(referenceLevel, rule.firstMemberRateBp);
  const members: HouseholdMemberContribution[] = [];
  for (let rank = 1; rank <= input.memberCount; rank++) {
    const shareBp = input.stateSupported
      ? 10_000
      : (rule.ladderBp[Math.min(rank, rule.ladderBp.length) - 1] ?? 10_000);
    const monthly = applyShares(firstMemberMonthly, shareBp);
    members.push({ rank, shareBp, monthly, total: toSafeNumber(BigInt(monthly) * BigInt(input.months)) });
  }
  const monthlyTotal = toSafeNumber(members.reduce((sum, member) => sum + BigInt(member.monthly), 0n));
  return {
    months: input.months,
    referenceLevel,
    firstMemberMonthly,
    members,
    monthlyTotal,
    total: toSafeNumber(BigInt(monthlyTotal) * BigInt(input.months)),
    ratesOn: input.on,
  };
}
