/**
 * Voluntary social insurance (bảo hiểm xã hội tự nguyện), collected at the post office as the
 * social-insurance agency's contracted agent.
 *
 * - Contribution: 22% of the monthly income the participant declares (Luật BHXH 41/2024 Art. 36.1);
 *   the income is at least the rural poverty line and at most 20 × the reference level at the time of
 *   payment (Art. 31), in steps of 50.000 đ above the floor (the agency's practice, secondary source).
 * - State support: a share of 22% × the rural poverty line — not of the declared income — by group,
 *   for at most 120 months in a participant's life (NĐ 134/2015 Art. 14 before 1/7/2025; NĐ 159/2025
 *   Art. 5 from then); a person in several groups gets the highest share.
 * - Modes and deadlines (Art. 36.2–36.3): monthly (within the month), every 3 months (within the 3
 *   months), every 6 months (within the first 4), every 12 months (within the first 7); a lump sum for
 *   future years (discounted) or for missing years (with interest), due when registered. The lump-sum
 *   formulas follow NĐ 159/2025 Art. 6–7 as quoted by a secondary source (see docs/money.md).
 * - Rates are those in force on the day of payment: the law keeps the amount paid for 3, 6 or 12
 *   months when a rate changes during them.
 */
import type { IsoDate } from '../calendar/dates.ts';
import {
  applyShares,
  type Fraction,
  parseDecimalRate,
  roundHalfAwayFromZero,
  toSafeNumber,
} from './arithmetic.ts';
import { addMonthsToPeriod, lastDayOf, type Period, parsePeriod } from './period.ts';
import { type FieldProblem, PaymentRuleError, problem, throwIfProblems } from './problems.ts';
import { type MoneyRates, rateOn, VOLUNTARY_SUPPORT_GROUPS, type VoluntarySupportGroup } from './rates.ts';

/** How a participant pays (phương thức đóng). */
export type VoluntaryMode =
  | 'monthly'
  | 'every_3_months'
  | 'every_6_months'
  | 'every_12_months'
  | 'future_years'
  | 'missing_years';

export const VOLUNTARY_MODES: readonly VoluntaryMode[] = [
  'monthly',
  'every_3_months',
  'every_6_months',
  'every_12_months',
  'future_years',
  'missing_years',
];

export const VOLUNTARY_MODE_LABELS: Record<VoluntaryMode, { vi: string; en: string }> = {
  monthly: { vi: 'Đóng hằng tháng', en: 'Monthly' },
  every_3_months: { vi: 'Đóng 03 tháng một lần', en: 'Every 3 months' },
  every_6_months: { vi: 'Đóng 06 tháng một lần', en: 'Every 6 months' },
  every_12_months: { vi: 'Đóng 12 tháng một lần', en: 'Every 12 months' },
  future_years: { vi: 'Đóng một lần cho nhiều năm về sau', en: 'Lump sum for future years' },
  missing_years: { vi: 'Đóng một lần cho những năm còn thiếu', en: 'Lump sum for missing years' },
};

export const VOLUNTARY_SUPPORT_GROUP_LABELS: Record<VoluntarySupportGroup, { vi: string; en: string }> = {
  poor: { vi: 'Người thuộc hộ nghèo', en: 'Member of a poor household' },
  near_poor: { vi: 'Người thuộc hộ cận nghèo', en: 'Member of a near-poor household' },
  ethnic_minority: { vi: 'Người dân tộc thiểu số', en: 'Ethnic minority' },
  island: { vi: 'Người sinh sống tại xã đảo, đặc khu', en: 'Resident of an island commune or special zone' },
  other: { vi: 'Người tham gia khác', en: 'Other participant' },
};

/** Months covered by each periodic mode. */
const PERIODIC_MONTHS: Partial<Record<VoluntaryMode, number>> = {
  monthly: 1,
  every_3_months: 3,
  every_6_months: 6,
  every_12_months: 12,
};

/** The limits of the declared income on a day. */
export interface VoluntaryIncomeLimits {
  /** The rural poverty line: the lowest income that may be declared. */
  readonly floor: number;
  /** 20 × the reference level: the highest. */
  readonly ceiling: number;
  /** Incomes go up from the floor in steps of this many đồng; `null`: any whole đồng. */
  readonly step: number | null;
  /** 22% = 2200. */
  readonly rateBp: number;
  readonly referenceLevel: number;
  readonly povertyLine: number;
  /** The sources of the values used. */
  readonly sources: readonly string[];
}

/** The floor, ceiling, step and rate of the declared income on a day. */
export function voluntaryIncomeLimits(rates: MoneyRates, on: IsoDate): VoluntaryIncomeLimits {
  const rule = rateOn(rates, 'voluntaryContribution', on);
  const poverty = rateOn(rates, 'ruralPovertyLine', on);
  const reference = rateOn(rates, 'referenceLevel', on);
  return {
    floor: poverty.value,
    ceiling: reference.value * rule.value.ceilingMultiple,
    step: rule.value.incomeStep,
    rateBp: rule.value.rateBp,
    referenceLevel: reference.value,
    povertyLine: poverty.value,
    sources: [rule.source, poverty.source, reference.source],
  };
}

function formatDong(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

/** Problems of a declared monthly income on a day: not a whole amount, below the floor, above the ceiling, off-step. */
export function declaredIncomeProblems(
  income: unknown,
  on: IsoDate,
  rates: MoneyRates,
  field = 'declaredIncome',
): FieldProblem[] {
  if (typeof income !== 'number' || !Number.isSafeInteger(income)) {
    return [
      problem(
        field,
        'AMOUNT_NOT_INTEGER',
        `Mức thu nhập làm căn cứ đóng phải là số nguyên đồng, không phải "${String(income)}".`,
        `The declared income must be a whole number of đồng, not "${String(income)}".`,
      ),
    ];
  }
  const limits = voluntaryIncomeLimits(rates, on);
  if (income < limits.floor) {
    return [
      problem(
        field,
        'INCOME_BELOW_FLOOR',
        `Mức thu nhập ${formatDong(income)} thấp hơn chuẩn hộ nghèo khu vực nông thôn ${formatDong(limits.floor)}.`,
        `The declared income ${formatDong(income)} is below the rural poverty line ${formatDong(limits.floor)}.`,
      ),
    ];
  }
  if (income > limits.ceiling) {
    return [
      problem(
        field,
        'INCOME_ABOVE_CEILING',
        `Mức thu nhập ${formatDong(income)} cao hơn 20 lần mức tham chiếu (${formatDong(limits.ceiling)}).`,
        `The declared income ${formatDong(income)} is above 20 times the reference level (${formatDong(limits.ceiling)}).`,
      ),
    ];
  }
  if (limits.step !== null && (income - limits.floor) % limits.step !== 0) {
    return [
      problem(
        field,
        'INCOME_OFF_STEP',
        `Mức thu nhập phải bằng chuẩn hộ nghèo cộng một bội số của ${formatDong(limits.step)} (ví dụ ${formatDong(limits.floor + limits.step)}).`,
        `The declared income must be the poverty line plus a multiple of ${formatDong(limits.step)} (e.g. ${formatDong(limits.floor + limits.step)}).`,
      ),
    ];
  }
  return [];
}

/** The state's monthly support on a day for a participant in the given groups (the highest share wins). */
export interface VoluntarySupport {
  /** The group whose share applies; `null` when no group was given (no support). */
  readonly group: VoluntarySupportGroup | null;
  readonly shareBp: number;
  /** Support per month: share × 22% × rural poverty line, rounded to the đồng. */
  readonly perMonth: number;
  /** Lifetime cap in months. */
  readonly maxMonths: number;
}

/** Support per month for the given groups on a day (no groups: no support). */
export function voluntarySupportPerMonth(
  rates: MoneyRates,
  on: IsoDate,
  groups: readonly VoluntarySupportGroup[],
): VoluntarySupport {
  const rule = rateOn(rates, 'voluntarySupport', on).value;
  const contribution = rateOn(rates, 'voluntaryContribution', on).value;
  const povertyLine = rateOn(rates, 'ruralPovertyLine', on).value;
  for (const group of groups) {
    if (!VOLUNTARY_SUPPORT_GROUPS.includes(group)) {
      throw new PaymentRuleError([
        problem(
          'supportGroups',
          'UNKNOWN_SUPPORT_GROUP',
          `Nhóm hỗ trợ "${String(group)}" không có.`,
          `There is no support group "${String(group)}".`,
        ),
      ]);
    }
  }
  let best: { group: VoluntarySupportGroup; shareBp: number } | null = null;
  for (const group of groups) {
    const shareBp = rule.shareBp[group] ?? rule.shareBp.other;
    if (!best || shareBp > best.shareBp) best = { group, shareBp };
  }
  if (!best) return { group: null, shareBp: 0, perMonth: 0, maxMonths: rule.maxMonths };
  return {
    group: best.group,
    shareBp: best.shareBp,
    perMonth: applyShares(povertyLine, contribution.rateBp, best.shareBp),
    maxMonths: rule.maxMonths,
  };
}

/** What a participant pays, and how it is made up. */
export interface VoluntaryContribution {
  readonly mode: VoluntaryMode;
  readonly months: number;
  readonly declaredIncome: number;
  /** 22% × declared income, rounded to the đồng. */
  readonly monthlyContribution: number;
  /** Before support: months × monthly contribution, discounted (future years) or with interest (missing years). */
  readonly gross: number;
  readonly support: VoluntarySupport;
  /** Months of this payment that receive support (the lifetime cap counts earlier supported months). */
  readonly supportedMonths: number;
  /** Support deducted: supported months × support per month. */
  readonly supportAmount: number;
  /** What the participant pays: gross − support. */
  readonly payable: number;
  /** The day whose rates were used. */
  readonly ratesOn: IsoDate;
}

export interface VoluntaryContributionInput {
  readonly rates: MoneyRates;
  /** The day of payment (or of registration, for a lump sum): the rates in force that day apply. */
  readonly on: IsoDate;
  readonly declaredIncome: number;
  readonly mode: VoluntaryMode;
  /** Months paid for; required for the two lump sums, must match the mode otherwise. */
  readonly months?: number;
  /** Support groups the participant belongs to (empty or absent: none). */
  readonly supportGroups?: readonly VoluntarySupportGroup[];
  /** Months of support already received in the participant's life (default 0). */
  readonly supportMonthsUsed?: number;
  /**
   * For the lump sums: the fund's average monthly investment return of the previous year, as published
   * each year by the social-insurance agency, written as a decimal (e.g. `'0.0031'` for 0,31%).
   */
  readonly monthlyFundReturn?: string;
}

/**
 * The contribution for one payment: checks the income against the floor, ceiling and step of the day,
 * the months against the mode, applies the support within the lifetime cap, and for the lump sums
 * discounts (future years: Σ P / (1 + r)^(i−1), i = 1…n) or adds interest (missing years:
 * Σ P × (1 + r)^i, i = 1…t). Throws `PaymentRuleError` naming the field on bad input.
 */
export function voluntaryContribution(input: VoluntaryContributionInput): VoluntaryContribution {
  const { rates, on, declaredIncome, mode } = input;
  if (!VOLUNTARY_MODES.includes(mode)) {
    throw new PaymentRuleError([
      problem(
        'mode',
        'UNKNOWN_MODE',
        `Phương thức đóng "${String(mode)}" không có.`,
        `There is no payment mode "${String(mode)}".`,
      ),
    ]);
  }
  throwIfProblems(declaredIncomeProblems(declaredIncome, on, rates));
  const rule = rateOn(rates, 'voluntaryContribution', on).value;
  const months = monthsOf(input, rule);
  const used = input.supportMonthsUsed ?? 0;
  if (!Number.isInteger(used) || used < 0) {
    throw new PaymentRuleError([
      problem(
        'supportMonthsUsed',
        'INVALID_MONTHS',
        'Số tháng đã được hỗ trợ phải là số nguyên không âm.',
        'The months of support already received must be a whole number, at least 0.',
      ),
    ]);
  }
  const monthlyContribution = applyShares(declaredIncome, rule.rateBp);
  let gross: number;
  if (mode === 'future_years' || mode === 'missing_years') {
    const rate = parseDecimalRate(requireFundReturn(input), 'monthlyFundReturn');
    gross =
      mode === 'future_years'
        ? discountedSum(monthlyContribution, months, rate)
        : compoundedSum(monthlyContribution, months, rate);
  } else {
    gross = toSafeNumber(BigInt(monthlyContribution) * BigInt(months));
  }
  const support = voluntarySupportPerMonth(rates, on, input.supportGroups ?? []);
  const supportApplies = mode !== 'missing_years' || rule.supportOnMissingYears;
  const supportedMonths =
    supportApplies && support.perMonth > 0 ? Math.max(0, Math.min(months, support.maxMonths - used)) : 0;
  const supportAmount = toSafeNumber(BigInt(support.perMonth) * BigInt(supportedMonths));
  return {
    mode,
    months,
    declaredIncome,
    monthlyContribution,
    gross,
    support,
    supportedMonths,
    supportAmount,
    payable: gross - supportAmount,
    ratesOn: on,
  };
}

function requireFundReturn(input: VoluntaryContributionInput): string {
  if (input.monthlyFundReturn === undefined) {
    throw new PaymentRuleError([
      problem(
        'monthlyFundReturn',
        'FUND_RETURN_REQUIRED',
        'Đóng một lần cần lãi suất đầu tư quỹ bình quân tháng của năm trước do cơ quan BHXH công bố.',
        'A lump sum needs the fund’s average monthly investment return of the previous year, as published by the agency.',
      ),
    ]);
  }
  return input.monthlyFundReturn;
}

function monthsOf(
  input: VoluntaryContributionInput,
  rule: { futureYearsMinMonths: number; futureYearsMaxMonths: number; missingYearsMaxMonths: number },
): number {
  const periodic = PERIODIC_MONTHS[input.mode];
  const months = input.months ?? periodic;
  const bad = (vi: string, en: string) => new PaymentRuleError([problem('months', 'INVALID_MONTHS', vi, en)]);
  if (months === undefined || !Number.isInteger(months) || months < 1) {
    throw bad(
      'Cần số tháng đóng là số nguyên dương.',
      'The number of months must be a positive whole number.',
    );
  }
  if (periodic !== undefined && months !== periodic) {
    throw bad(
      `Phương thức này đóng đúng ${periodic} tháng, không phải ${months}.`,
      `This mode covers exactly ${periodic} months, not ${months}.`,
    );
  }
  if (input.mode === 'future_years') {
    if (months % 12 !== 0 || months < rule.futureYearsMinMonths || months > rule.futureYearsMaxMonths) {
      throw bad(
        `Đóng cho nhiều năm về sau: số tháng là số năm tròn, từ ${rule.futureYearsMinMonths} đến ${rule.futureYearsMaxMonths} tháng.`,
        `Future years: whole years, from ${rule.futureYearsMinMonths} to ${rule.futureYearsMaxMonths} months.`,
      );
    }
  }
  if (input.mode === 'missing_years' && months > rule.missingYearsMaxMonths) {
    throw bad(
      `Đóng cho những năm còn thiếu: tối đa ${rule.missingYearsMaxMonths} tháng.`,
      `Missing years: at most ${rule.missingYearsMaxMonths} months.`,
    );
  }
  return months;
}

/** Σ_{i=1..n} P / (1 + r)^(i−1), exact, rounded once. */
function discountedSum(monthly: number, n: number, rate: Fraction): number {
  const b = rate.denominator;
  const growth = rate.denominator + rate.numerator;
  // Common denominator growth^(n−1): term i contributes P × b^(i−1) × growth^(n−i).
  let numerator = 0n;
  for (let i = 1; i <= n; i++) numerator += BigInt(monthly) * b ** BigInt(i - 1) * growth ** BigInt(n - i);
  return toSafeNumber(roundHalfAwayFromZero(numerator, growth ** BigInt(n - 1)));
}

/** Σ_{i=1..t} P × (1 + r)^i, exact, rounded once. */
function compoundedSum(monthly: number, t: number, rate: Fraction): number {
  const b = rate.denominator;
  const growth = rate.denominator + rate.numerator;
  let numerator = 0n;
  for (let i = 1; i <= t; i++) numerator += BigInt(monthly) * growth ** BigInt(i) * b ** BigInt(t - i);
  return toSafeNumber(roundHalfAwayFromZero(numerator, b ** BigInt(t)));
}

/**
 * The last day to pay (Art. 36.3): monthly — the last day of the month; every 3 months — of the third
 * month; every 6 months — of the fourth; every 12 months — of the seventh; a lump sum — the day it is
 * registered (`registeredOn`).
 */
export function voluntaryPaymentDeadline(
  mode: VoluntaryMode,
  firstPeriod: Period,
  registeredOn?: IsoDate,
): IsoDate {
  parsePeriod(firstPeriod, 'firstPeriod');
  switch (mode) {
    case 'monthly':
      return lastDayOf(firstPeriod);
    case 'every_3_months':
      return lastDayOf(addMonthsToPeriod(firstPeriod, 2));
    case 'every_6_months':
      return lastDayOf(addMonthsToPeriod(firstPeriod, 3));
    case 'every_12_months':
      return lastDayOf(addMonthsToPeriod(firstPeriod, 6));
    case 'future_years':
    case 'missing_years':
      if (registeredOn === undefined) {
        throw new PaymentRuleError([
          problem(
            'registeredOn',
            'REGISTRATION_DATE_REQUIRED',
            'Đóng một lần phải nộp tại thời điểm đăng ký; cần ngày đăng ký.',
            'A lump sum is due when registered; the registration date is required.',
          ),
        ]);
      }
      return registeredOn;
  }
  throw new PaymentRuleError([
    problem(
      'mode',
      'UNKNOWN_MODE',
      `Phương thức đóng "${String(mode)}" không có.`,
      `There is no payment mode "${String(mode)}".`,
    ),
  ]);
}
