/**
 * Calendar-date helpers on ISO `YYYY-MM-DD` text and "epoch day" integers
 * (days since 1970-01-01). Only UTC methods of `Date` are used, so nothing here
 * depends on the machine's time zone.
 */

/** A calendar date as ISO text `YYYY-MM-DD` (no time, no zone). */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Thrown when a date string is not a real `YYYY-MM-DD` calendar date. */
export class InvalidDateError extends Error {
  readonly code = 'CALENDAR_INVALID_DATE';
  constructor(readonly input: string) {
    super(`Ngày không hợp lệ / invalid date: "${input}" (expected YYYY-MM-DD)`);
    this.name = 'InvalidDateError';
  }
}

/** Splits an ISO date into numbers, validating that the day exists. */
export function parseIsoDate(isoDate: IsoDate): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new InvalidDateError(isoDate);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new InvalidDateError(isoDate);
  }
  return { year, month, day };
}

/** Whether `text` is a real `YYYY-MM-DD` calendar date (`2026-02-30` and `2026-13-45` are not). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(match[1]), month);
}

/** Number of days in a Gregorian month. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Formats year, month, day as `YYYY-MM-DD`. */
export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of an ISO date. */
export function toEpochDay(isoDate: IsoDate): number {
  const { year, month, day } = parseIsoDate(isoDate);
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** ISO date of a number of days since 1970-01-01. */
export function fromEpochDay(epochDay: number): IsoDate {
  const date = new Date(epochDay * MS_PER_DAY);
  return formatIsoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Adds (or subtracts) whole calendar days to an ISO date. */
export function addDays(isoDate: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(isoDate) + days);
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function weekday(isoDate: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toEpochDay(isoDate) + 4) % 7) + 7) % 7;
}

/** True for Saturday and Sunday. */
export function isWeekend(isoDate: IsoDate): boolean {
  const day = weekday(isoDate);
  return day === 0 || day === 6;
}

/** Every ISO date of a Gregorian year, in order. */
export function datesOfYear(year: number): IsoDate[] {
  const first = toEpochDay(formatIsoDate(year, 1, 1));
  const last = toEpochDay(formatIsoDate(year, 12, 31));
  const dates: IsoDate[] = [];
  for (let day = first; day <= last; day++) dates.push(fromEpochDay(day));
  return dates;
}

export { MS_PER_DAY };
