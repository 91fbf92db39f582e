/**
 * Road-traffic fines paid at the post office (nộp tiền phạt qua dịch vụ bưu chính công ích) and the
 * return of seized papers.
 *
 * - Term (Luật XLVPHC Art. 73): 10 days from the day the violator received the decision, or the
 *   decision's own longer term. When receipt is unproven the term ends 12 days after the decision date
 *   (domain.md §7; the decision is taken as received 2 days after it is made).
 * - Late payment (Art. 78): 0,05% of the unpaid fine for each day late, simple, no cap. The days late
 *   include rest days and holidays and run from the day after the term's last day to the day before
 *   payment (TT 18/2023/TT-BTC Art. 5, secondary source): paying the day after the last day costs
 *   nothing; each further day adds 0,05%.
 * - Seized papers (NĐ 118/2021 Art. 21): within 5 working days of a payment through the post, the
 *   holder sends the papers back through the public postal service; the violator pays the postage.
 */
import { addDays, type IsoDate, parseIsoDate, toEpochDay } from '../calendar/dates.ts';
import { addWorkingDays } from '../calendar/deadlines.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import { roundHalfAwayFromZero, toSafeNumber } from './arithmetic.ts';
import { amountProblem, PaymentRuleError, problem } from './problems.ts';
import { type MoneyRates, rateOn } from './rates.ts';

/** When a fine must be paid. */
export interface FineTerm {
  /** The last day to pay without surcharge (included). */
  readonly lastDay: IsoDate;
  /** `receipt`: counted from the day the decision was received; `unproven_receipt`: from its date. */
  readonly basis: 'receipt' | 'unproven_receipt';
  readonly termDays: number;
}

function dateProblem(field: string, value: unknown) {
  try {
    parseIsoDate(String(value));
    return null;
  } catch {
    return problem(
      field,
      'INVALID_DATE',
      `Ngày "${String(value)}" không hợp lệ (cần dạng YYYY-MM-DD).`,
      `The date "${String(value)}" is invalid (expected YYYY-MM-DD).`,
    );
  }
}

/**
 * The last day to pay a fine: the day of receipt + the term (10 days, or the decision's longer
 * `termDays`); with no proven receipt, the decision date + 12 days (+ any longer term beyond 10).
 */
export function fineTerm(input: {
  rates: MoneyRates;
  decisionDate: IsoDate;
  receivedOn?: IsoDate | null;
  termDays?: number;
}): FineTerm {
  const bad = dateProblem('decisionDate', input.decisionDate);
  if (bad) throw new PaymentRuleError([bad]);
  const rule = rateOn(input.rates, 'fines', input.decisionDate).value;
  const termDays = input.termDays ?? rule.paymentTermDays;
  if (!Number.isInteger(termDays) || termDays < rule.paymentTermDays) {
    throw new PaymentRuleError([
      problem(
        'termDays',
        'INVALID_TERM',
        `Thời hạn chấp hành ghi trong quyết định phải là số ngày nguyên, ít nhất ${rule.paymentTermDays} ngày.`,
        `The decision's term must be a whole number of days, at least ${rule.paymentTermDays}.`,
      ),
    ]);
  }
  if (input.receivedOn == null) {
    const deemedReceipt = addDays(input.decisionDate, rule.unprovenReceiptDays - rule.paymentTermDays);
    return { lastDay: addDays(deemedReceipt, termDays), basis: 'unproven_receipt', termDays };
  }
  const badReceipt = dateProblem('receivedOn', input.receivedOn);
  if (badReceipt) throw new PaymentRuleError([badReceipt]);
  if (input.receivedOn < input.decisionDate) {
    throw new PaymentRuleError([
      problem(
        'receivedOn',
        'RECEIVED_BEFORE_DECISION',
        `Ngày nhận quyết định ${input.receivedOn} trước ngày ra quyết định ${input.decisionDate}.`,
        `The decision was received on ${input.receivedOn}, before it was made on ${input.decisionDate}.`,
      ),
    ]);
  }
  return { lastDay: addDays(input.receivedOn, termDays), basis: 'receipt', termDays };
}

/** Days late: from the day after `lastDay` to the day before `paidOn`, both included; 0 when on time. */
export function fineLateDays(lastDay: IsoDate, paidOn: IsoDate): number {
  return Math.max(0, toEpochDay(paidOn) - toEpochDay(lastDay) - 1);
}

export interface FineLateSurcharge {
  readonly lateDays: number;
  /** First and last day counted as late (null when none). */
  readonly firstLateDay: IsoDate | null;
  readonly lastLateDay: IsoDate | null;
  /** Σ unpaid × daily rate of each late day, rounded once to the đồng. */
  readonly surcharge: number;
  /** Unpaid fine + surcharge. */
  readonly total: number;
}

/**
 * The late-payment surcharge (tiền chậm nộp phạt) on an unpaid fine paid on `paidOn`: each late day
 * adds the daily rate in force that day (0,05%), simple interest, no cap.
 */
export function fineLateSurcharge(input: {
  rates: MoneyRates;
  unpaidAmount: number;
  lastDay: IsoDate;
  paidOn: IsoDate;
}): FineLateSurcharge {
  const bad =
    amountProblem('unpaidAmount', input.unpaidAmount, {
      positive: true,
      label: { vi: 'Số tiền phạt chưa nộp', en: 'The unpaid fine' },
    }) ??
    dateProblem('lastDay', input.lastDay) ??
    dateProblem('paidOn', input.paidOn);
  if (bad) throw new PaymentRuleError([bad]);
  const lateDays = fineLateDays(input.lastDay, input.paidOn);
  if (lateDays === 0) {
    return { lateDays, firstLateDay: null, lastLateDay: null, surcharge: 0, total: input.unpaidAmount };
  }
  const firstLateDay = addDays(input.lastDay, 1);
  let basisPointDays = 0n;
  for (let i = 0; i < lateDays; i++) {
    basisPointDays += BigInt(rateOn(input.rates, 'fines', addDays(firstLateDay, i)).value.dailyLateRateBp);
  }
  const surcharge = toSafeNumber(roundHalfAwayFromZero(BigInt(input.unpaidAmount) * basisPointDays, 10_000n));
  return {
    lateDays,
    firstLateDay,
    lastLateDay: addDays(firstLateDay, lateDays - 1),
    surcharge,
    total: input.unpaidAmount + surcharge,
  };
}

/**
 * The last day for the holder of seized papers (police) to send them back after the fine was paid
 * through the post: `paidOn` + 5 working days of the given working calendar.
 */
export function seizedPapersReturnDeadline(input: {
  rates: MoneyRates;
  calendar: WorkCalendar;
  paidOn: IsoDate;
}): IsoDate {
  const bad = dateProblem('paidOn', input.paidOn);
  if (bad) throw new PaymentRuleError([bad]);
  const days = rateOn(input.rates, 'fines', input.paidOn).value.papersReturnWorkingDays;
  if (days === null) {
    throw new PaymentRuleError([
      problem(
        'paidOn',
        'NO_PAPERS_RETURN_RULE',
        `Chưa có quy định thời hạn trả giấy tờ tạm giữ áp dụng cho ngày ${input.paidOn}.`,
        `No deadline for returning seized papers applies on ${input.paidOn}.`,
      ),
    ]);
  }
  return addWorkingDays(input.calendar, input.paidOn, days);
}
