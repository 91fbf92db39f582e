/**
 * Pension and benefit payouts at the post office (chi trả lương hưu, trợ cấp BHXH hằng tháng).
 *
 * Rules (Luật BHXH 41/2024, in force 1/7/2025; domain.md §7):
 * - A proxy (người được ủy quyền) needs a certified authorisation, valid at most 12 months from the day
 *   it was made (Art. 10.2.d); authorisations made under the 2014 law stay usable until 30/6/2026
 *   (Art. 141.14).
 * - People aged 80 or more may be paid at their home (Art. 10.2.đ).
 * - Payment is suspended on illegal emigration, a court's declaration of disappearance or a failed
 *   annual verification, and stopped on death, a written refusal or an unlawful entitlement; it resumes
 *   with the unpaid months after a suspension and without them after a refusal; heirs receive the months
 *   not collected before the death (Art. 75).
 * - Suspension after N months not collected, and the payout window, come from the agency's own payout
 *   procedure, which could not be verified: they are configuration, by default off.
 */
import { type IsoDate, parseIsoDate } from '../calendar/dates.ts';
import {
  addCalendarMonths,
  addMonthsToPeriod,
  type Period,
  parsePeriod,
  periodOf,
  periodsBetween,
} from './period.ts';
import { amountProblem, type FieldProblem, PaymentRuleError, problem } from './problems.ts';
import { type MoneyRates, rateOn } from './rates.ts';

/** The day Luật BHXH 41/2024 came into force: authorisations made before it fall under the 2014 law. */
export const SOCIAL_INSURANCE_LAW_2024_FROM: IsoDate = '2025-07-01';

/** A proxy's written authorisation (văn bản ủy quyền). */
export interface ProxyAuthorisation {
  /** The day it was made (ngày lập). */
  readonly madeOn: IsoDate;
  /** The end written on it (hạn ủy quyền), if any. */
  readonly expiresOn?: IsoDate | null;
  /** Certified (có chứng thực). */
  readonly certified: boolean;
}

function validDate(value: unknown): value is IsoDate {
  try {
    parseIsoDate(String(value));
    return true;
  } catch {
    return false;
  }
}

function invalidDate(field: string, value: unknown): FieldProblem {
  return problem(
    field,
    'INVALID_DATE',
    `Ngày "${String(value)}" không hợp lệ (cần dạng YYYY-MM-DD).`,
    `The date "${String(value)}" is invalid (expected YYYY-MM-DD).`,
  );
}

function formatVnDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/**
 * The last day an authorisation may be used.
 * - Made under the 2024 law (from 1/7/2025): the earlier of the end written on it and 12 months after
 *   the day it was made (the corresponding day of the 12th month).
 * - Made under the 2014 law: the earlier of its own end and 30/6/2026. With no end written on it, its
 *   own end is taken as 12 months after it was made (Bộ luật Dân sự 2015 Art. 563: one year when no
 *   term is agreed; not read here).
 */
export function proxyAuthorisationLastDay(authorisation: ProxyAuthorisation, rates: MoneyRates): IsoDate {
  const law2024 = authorisation.madeOn >= SOCIAL_INSURANCE_LAW_2024_FROM;
  const rule = rateOn(
    rates,
    'payouts',
    law2024 ? authorisation.madeOn : SOCIAL_INSURANCE_LAW_2024_FROM,
  ).value;
  const twelveMonths = addCalendarMonths(authorisation.madeOn, rule.proxyMaxMonths);
  const written = authorisation.expiresOn ?? null;
  if (law2024) return written === null ? twelveMonths : earlierOf(written, twelveMonths);
  return earlierOf(written ?? twelveMonths, rule.law2014ProxyUsableUntil);
}

/** The earlier of two ISO dates (ISO text sorts as dates). */
function earlierOf(a: IsoDate, b: IsoDate): IsoDate {
  return [a, b].sort()[0]!;
}

/** Why an authorisation cannot be used on `payOn` (empty when it can). */
export function proxyAuthorisationProblems(
  authorisation: ProxyAuthorisation,
  payOn: IsoDate,
  rates: MoneyRates,
  field = 'proxy.authorisation',
): FieldProblem[] {
  if (!validDate(authorisation.madeOn)) return [invalidDate(`${field}.madeOn`, authorisation.madeOn)];
  if (authorisation.expiresOn != null && !validDate(authorisation.expiresOn)) {
    return [invalidDate(`${field}.expiresOn`, authorisation.expiresOn)];
  }
  const rule = rateOn(rates, 'payouts', payOn).value;
  const problems: FieldProblem[] = [];
  if (authorisation.madeOn > payOn) {
    problems.push(
      problem(
        `${field}.madeOn`,
        'PROXY_NOT_YET_MADE',
        `Văn bản ủy quyền lập ngày ${formatVnDate(authorisation.madeOn)}, sau ngày chi trả.`,
        `The authorisation is dated ${formatVnDate(authorisation.madeOn)}, after the payout day.`,
      ),
    );
  }
  const law2024 = authorisation.madeOn >= SOCIAL_INSURANCE_LAW_2024_FROM;
  if (law2024 && rule.proxyRequiresCertification && authorisation.certified !== true) {
    problems.push(
      problem(
        `${field}.certified`,
        'PROXY_NOT_CERTIFIED',
        'Văn bản ủy quyền nhận lương hưu, trợ cấp phải có chứng thực.',
        'The authorisation to collect the pension or benefit must be certified.',
      ),
    );
  }
  const lastDay = proxyAuthorisationLastDay(authorisation, rates);
  if (payOn > lastDay) {
    const written = authorisation.expiresOn != null && lastDay === authorisation.expiresOn;
    const cutoff = !law2024 && !written && lastDay === rule.law2014ProxyUsableUntil;
    const until = formatVnDate(lastDay);
    const [where, vi, en] = written
      ? [
          'expiresOn',
          `Văn bản ủy quyền hết hạn ngày ${until} (hạn ghi trên văn bản).`,
          `The authorisation expired on ${until} (the end written on it).`,
        ]
      : cutoff
        ? [
            'madeOn',
            `Văn bản ủy quyền lập theo Luật BHXH 2014 chỉ dùng được đến hết ngày ${until}.`,
            `An authorisation made under the 2014 law was usable only until ${until}.`,
          ]
        : [
            'madeOn',
            `Văn bản ủy quyền chỉ có giá trị tối đa ${rule.proxyMaxMonths} tháng kể từ ngày lập, đến hết ngày ${until}.`,
            `An authorisation is valid at most ${rule.proxyMaxMonths} months from the day it was made, until ${until}.`,
          ];
    problems.push(problem(`${field}.${where}`, 'PROXY_EXPIRED', vi, en));
  }
  return problems;
}

/**
 * Age in whole years on a day. `birth` may be `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (records that hold only
 * the year): a missing day or month is taken as the first (01/01 of the year), the convention of
 * social-insurance records.
 */
export function ageOn(birth: string, on: IsoDate): number {
  const full = /^\d{4}$/.test(birth) ? `${birth}-01-01` : /^\d{4}-\d{2}$/.test(birth) ? `${birth}-01` : birth;
  const b = parseIsoDate(full);
  const d = parseIsoDate(on);
  let age = d.year - b.year;
  if (d.month < b.month || (d.month === b.month && d.day < b.day)) age -= 1;
  return age;
}

/** True when a person born on `birth` may be paid at home on `on` (aged 80 or more, Art. 10.2.đ). */
export function homePayoutEligible(birth: string, on: IsoDate, rates: MoneyRates): boolean {
  return ageOn(birth, on) >= rateOn(rates, 'payouts', on).value.homePayoutMinimumAge;
}

/** Whether a beneficiary is being paid. */
export type EntitlementStatus = 'active' | 'suspended' | 'stopped';
/** Tạm dừng: why. `not_collected` only when configured (months not collected). */
export type SuspensionReason =
  | 'illegal_emigration'
  | 'declared_missing'
  | 'failed_verification'
  | 'not_collected';
/** Chấm dứt: why. */
export type StopReason = 'death' | 'refusal' | 'unlawful_entitlement';

export const SUSPENSION_REASON_LABELS: Record<SuspensionReason, { vi: string; en: string }> = {
  illegal_emigration: { vi: 'Xuất cảnh trái phép', en: 'Illegal emigration' },
  declared_missing: { vi: 'Tòa án tuyên bố mất tích', en: 'Declared missing by a court' },
  failed_verification: { vi: 'Không xác minh thông tin định kỳ', en: 'Annual verification failed' },
  not_collected: { vi: 'Không nhận tiền nhiều tháng liên tục', en: 'Not collected for several months' },
};

export const STOP_REASON_LABELS: Record<StopReason, { vi: string; en: string }> = {
  death: { vi: 'Người hưởng chết', en: 'Death of the beneficiary' },
  refusal: { vi: 'Có văn bản từ chối hưởng', en: 'Written refusal' },
  unlawful_entitlement: { vi: 'Hưởng không đúng quy định', en: 'Unlawful entitlement' },
};

/** An event of a beneficiary's entitlement, effective from a period. */
export type EntitlementEvent =
  | { readonly kind: 'suspend'; readonly from: Period; readonly reason: SuspensionReason }
  | { readonly kind: 'stop'; readonly from: Period; readonly reason: StopReason }
  | { readonly kind: 'resume'; readonly from: Period };

export interface EntitlementState {
  readonly status: EntitlementStatus;
  /** Period from which the status applies (null: active since the start). */
  readonly since: Period | null;
  readonly reason: SuspensionReason | StopReason | null;
}

export const INITIAL_ENTITLEMENT: EntitlementState = { status: 'active', since: null, reason: null };

/** Why an event cannot follow the state (null when it can). */
export function entitlementEventProblem(
  state: EntitlementState,
  event: EntitlementEvent,
): FieldProblem | null {
  parsePeriod(event.from, 'from');
  if (state.since !== null && event.from < state.since) {
    return problem(
      'from',
      'EVENT_BEFORE_CURRENT',
      `Sự kiện từ kỳ ${event.from} sớm hơn trạng thái hiện tại (từ kỳ ${state.since}).`,
      `The event from ${event.from} is earlier than the current status (from ${state.since}).`,
    );
  }
  if (event.kind === 'suspend' && state.status !== 'active') {
    return problem(
      'kind',
      'CANNOT_SUSPEND',
      'Chỉ tạm dừng được khi đang hưởng.',
      'Only an active entitlement can be suspended.',
    );
  }
  if (event.kind === 'stop' && state.status === 'stopped') {
    return problem(
      'kind',
      'ALREADY_STOPPED',
      'Việc hưởng đã chấm dứt.',
      'The entitlement has already stopped.',
    );
  }
  if (event.kind === 'resume') {
    const resumable =
      state.status === 'suspended' || (state.status === 'stopped' && state.reason === 'refusal');
    if (!resumable) {
      return problem(
        'kind',
        'CANNOT_RESUME',
        'Chỉ hưởng tiếp được sau khi tạm dừng, hoặc sau khi đã từ chối hưởng.',
        'Payment resumes only after a suspension or after a refusal.',
      );
    }
  }
  return null;
}

/** The state after an event; throws `PaymentRuleError` when the event cannot follow. */
export function applyEntitlementEvent(state: EntitlementState, event: EntitlementEvent): EntitlementState {
  const bad = entitlementEventProblem(state, event);
  if (bad) throw new PaymentRuleError([bad]);
  if (event.kind === 'resume') return { status: 'active', since: event.from, reason: null };
  return {
    status: event.kind === 'suspend' ? 'suspended' : 'stopped',
    since: event.from,
    reason: event.reason,
  };
}

/** The state after a list of events, in order. */
export function deriveEntitlement(events: readonly EntitlementEvent[]): EntitlementState {
  return events.reduce(applyEntitlementEvent, INITIAL_ENTITLEMENT);
}

/**
 * The months paid on resumption from `resumeFrom`: after a suspension, every month from the start of
 * the suspension to the month before resumption (truy lĩnh); after a refusal, none.
 */
export function resumeArrears(state: EntitlementState, resumeFrom: Period): Period[] {
  applyEntitlementEvent(state, { kind: 'resume', from: resumeFrom });
  if (state.status !== 'suspended' || state.since === null) return [];
  return periodsBetween(state.since, addMonthsToPeriod(resumeFrom, -1));
}

/**
 * The months heirs receive: the periods not collected up to and including the month of death (the
 * death month's inclusion is the project's reading of Art. 75, to confirm with the agency).
 */
export function heirsPeriods(uncollected: readonly Period[], deathDate: IsoDate): Period[] {
  const deathPeriod = periodOf(deathDate);
  return [...new Set(uncollected)].filter((period) => period <= deathPeriod).sort();
}

/**
 * Consecutive months not collected up to and including `upTo` (a run ends at the first collected or
 * missing period going back).
 */
export function consecutiveUncollectedMonths(uncollected: readonly Period[], upTo: Period): number {
  const set = new Set(uncollected);
  let count = 0;
  for (let period = upTo; set.has(period); period = addMonthsToPeriod(period, -1)) count += 1;
  return count;
}

/** True when the configured "months not collected" rule suspends payment (never by default). */
export function suspendForUncollected(consecutiveMonths: number, on: IsoDate, rates: MoneyRates): boolean {
  const limit = rateOn(rates, 'payouts', on).value.suspendAfterUncollectedMonths;
  return limit !== null && consecutiveMonths >= limit;
}

/** Status of a line of a payout list. */
export type PayoutLineStatus = 'unpaid' | 'paid' | 'returned' | 'cancelled';

/** What the payability check needs to know about a line. */
export interface PayableLine {
  readonly amount: number;
  readonly period: Period;
  readonly status: PayoutLineStatus;
  readonly beneficiaryCitizenId: string;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; needed for a payout at home. */
  readonly beneficiaryBirthDate?: string | null;
  readonly entitlement?: EntitlementStatus;
  readonly proxy?: { readonly citizenId: string; readonly authorisation: ProxyAuthorisation } | null;
}

/** One attempt to pay a line, at the counter or at home. */
export interface PayoutAttempt {
  readonly payOn: IsoDate;
  readonly channel: 'counter' | 'home';
  readonly payee: 'beneficiary' | 'proxy';
  /** The ID number read from the payee's card. */
  readonly payeeCitizenId: string;
  /** The clerk or courier checked the card against the person. */
  readonly identityChecked: boolean;
  /** The agency approved a home payout for another reason (e.g. illness), so age is not checked. */
  readonly homeApproved?: boolean;
}

const LINE_STATUS_PROBLEMS: Record<Exclude<PayoutLineStatus, 'unpaid'>, { vi: string; en: string }> = {
  paid: {
    vi: 'Dòng này đã được chi trả cho kỳ này.',
    en: 'This line has already been paid for this period.',
  },
  returned: { vi: 'Dòng này đã trả lại cơ quan BHXH.', en: 'This line has been returned to the agency.' },
  cancelled: { vi: 'Dòng này đã bị hủy.', en: 'This line has been cancelled.' },
};

function digits(value: string): string {
  return String(value ?? '').replace(/\D/g, '');
}

/**
 * Everything that stops a line from being paid now, each naming its field (empty: pay). Checks the
 * line's status and entitlement, the amount, the identity check, the payee's ID against the beneficiary
 * or the proxy, the proxy's authorisation, home-payout eligibility and the configured payout window.
 */
export function payoutProblems(line: PayableLine, attempt: PayoutAttempt, rates: MoneyRates): FieldProblem[] {
  if (!validDate(attempt.payOn)) return [invalidDate('payOn', attempt.payOn)];
  const problems: FieldProblem[] = [];
  if (line.status !== 'unpaid') {
    const text = LINE_STATUS_PROBLEMS[line.status] ?? {
      vi: `Trạng thái "${String(line.status)}" không chi trả được.`,
      en: `Status "${String(line.status)}" cannot be paid.`,
    };
    problems.push(problem('status', `LINE_${String(line.status).toUpperCase()}`, text.vi, text.en));
  }
  const entitlement = line.entitlement ?? 'active';
  if (entitlement !== 'active') {
    problems.push(
      entitlement === 'suspended'
        ? problem(
            'entitlement',
            'ENTITLEMENT_SUSPENDED',
            'Việc chi trả đang tạm dừng.',
            'Payment is suspended.',
          )
        : problem(
            'entitlement',
            'ENTITLEMENT_STOPPED',
            'Việc hưởng đã chấm dứt.',
            'The entitlement has stopped.',
          ),
    );
  }
  const amount = amountProblem('amount', line.amount, { positive: true });
  if (amount) problems.push(amount);
  if (attempt.identityChecked !== true) {
    problems.push(
      problem(
        'identityChecked',
        'IDENTITY_NOT_CHECKED',
        'Chưa đối chiếu căn cước của người nhận tiền.',
        'The payee’s identity card has not been checked.',
      ),
    );
  }
  if (attempt.payee === 'beneficiary') {
    if (digits(attempt.payeeCitizenId) !== digits(line.beneficiaryCitizenId)) {
      problems.push(
        problem(
          'payeeCitizenId',
          'PAYEE_NOT_BENEFICIARY',
          'Số căn cước của người nhận không khớp với người hưởng.',
          'The payee’s ID number does not match the beneficiary’s.',
        ),
      );
    }
  } else if (!line.proxy) {
    problems.push(
      problem(
        'proxy',
        'NO_PROXY',
        'Danh sách không có người được ủy quyền cho dòng này.',
        'The list names no proxy for this line.',
      ),
    );
  } else {
    if (digits(attempt.payeeCitizenId) !== digits(line.proxy.citizenId)) {
      problems.push(
        problem(
          'payeeCitizenId',
          'PAYEE_NOT_PROXY',
          'Số căn cước của người nhận không khớp với người được ủy quyền.',
          'The payee’s ID number does not match the proxy’s.',
        ),
      );
    }
    problems.push(...proxyAuthorisationProblems(line.proxy.authorisation, attempt.payOn, rates));
  }
  const rule = rateOn(rates, 'payouts', attempt.payOn).value;
  if (attempt.channel === 'home' && attempt.homeApproved !== true) {
    if (!line.beneficiaryBirthDate) {
      problems.push(
        problem(
          'beneficiaryBirthDate',
          'BIRTH_DATE_REQUIRED',
          'Cần ngày sinh của người hưởng để chi trả tại nhà.',
          'The beneficiary’s birth date is needed for a payout at home.',
        ),
      );
    } else if (!homePayoutEligible(line.beneficiaryBirthDate, attempt.payOn, rates)) {
      problems.push(
        problem(
          'channel',
          'HOME_PAYOUT_NOT_ELIGIBLE',
          `Chỉ người hưởng từ đủ ${rule.homePayoutMinimumAge} tuổi trở lên mới được chi trả tại nhà.`,
          `Only beneficiaries aged ${rule.homePayoutMinimumAge} or more may be paid at home.`,
        ),
      );
    }
  }
  if (rule.paymentWindow !== null) {
    const day = parseIsoDate(attempt.payOn).day;
    if (day < rule.paymentWindow.firstDay || day > rule.paymentWindow.lastDay) {
      problems.push(
        problem(
          'payOn',
          'OUTSIDE_PAYMENT_WINDOW',
          `Chỉ chi trả từ ngày ${rule.paymentWindow.firstDay} đến ngày ${rule.paymentWindow.lastDay} hằng tháng.`,
          `Payouts are made only from day ${rule.paymentWindow.firstDay} to day ${rule.paymentWindow.lastDay} of the month.`,
        ),
      );
    }
  }
  return problems;
}
