/**
 * Payout and contribution periods are months, written `YYYY-MM` (kỳ chi trả, tháng đóng). Dates are
 * ISO `YYYY-MM-DD`. Pure arithmetic on text; no clock, no time zone.
 */
import { daysInMonth, formatIsoDate, type IsoDate, parseIsoDate } from '../calendar/dates.ts';
import { PaymentRuleError, problem } from './problems.ts';

/** A month `YYYY-MM`. */
export type Period = string;

const PERIOD = /^(\d{4})-(\d{2})$/;

/** True when `value` is a real month `YYYY-MM` (years 1900–2199). */
export function isPeriod(value: unknown): value is Period {
  if (typeof value !== 'string') return false;
  const match = PERIOD.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year >= 1900 && year <= 2199 && month >= 1 && month <= 12;
}

/** Splits a period; throws {@link PaymentRuleError} (field `period`) when it is not `YYYY-MM`. */
export function parsePeriod(period: Period, field = 'period'): { year: number; month: number } {
  if (!isPeriod(period)) {
    throw new PaymentRuleError([
      problem(
        field,
        'INVALID_PERIOD',
        `Kỳ "${String(period)}" không hợp lệ; cần dạng năm-tháng, ví dụ 2026-07.`,
        `The period "${String(period)}" is invalid; expected year-month, e.g. 2026-07.`,
      ),
    ]);
  }
  return { year: Number(period.slice(0, 4)), month: Number(period.slice(5, 7)) };
}

/** `YYYY-MM` of a year and month. */
export function formatPeriod(year: number, month: number): Period {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The period `n` months after (or before, n < 0) `period`. */
export function addMonthsToPeriod(period: Period, n: number): Period {
  const { year, month } = parsePeriod(period);
  const index = year * 12 + (month - 1) + n;
  return formatPeriod(Math.floor(index / 12), (index % 12) + 1);
}

/** Whole months from `from` to `to` (`to − from`; 0 for the same month, negative when `to` is earlier). */
export function monthsBetween(from: Period, to: Period): number {
  const a = parsePeriod(from);
  const b = parsePeriod(to);
  return b.year * 12 + b.month - (a.year * 12 + a.month);
}

/** Every period from `from` to `to`, both included (empty when `to` is before `from`). */
export function periodsBetween(from: Period, to: Period): Period[] {
  const count = monthsBetween(from, to);
  const result: Period[] = [];
  for (let i = 0; i <= count; i++) result.push(addMonthsToPeriod(from, i));
  return result;
}

/** The period a date falls in. */
export function periodOf(date: IsoDate): Period {
  const { year, month } = parseIsoDate(date);
  return formatPeriod(year, month);
}

/** The first day of a period. */
export function firstDayOf(period: Period): IsoDate {
  const { year, month } = parsePeriod(period);
  return formatIsoDate(year, month, 1);
}

/** The last day of a period. */
export function lastDayOf(period: Period): IsoDate {
  const { year, month } = parsePeriod(period);
  return formatIsoDate(year, month, daysInMonth(year, month));
}

/**
 * The date `months` calendar months after `date`, on the same day of the month, or on the month's last
 * day when it has no such day (31/01 + 1 month = 28/02 or 29/02): how a period "of N months from a day"
 * ends under Bộ luật Dân sự 2015 Art. 147–148 (counted from the next day; it ends on the corresponding
 * day of the last month).
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return formatIsoDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}
