/**
 * Deadline arithmetic in working time (domain.md §5).
 *
 * All instants are JS `Date`s (UTC instants). Local time is Asia/Ho_Chi_Minh, a fixed UTC+7 with no
 * daylight saving since 1975, so local wall-clock values are obtained by adding 7 hours and reading the
 * UTC fields; the machine's time zone is never used.
 *
 * Default rules:
 * - N working days are N × (working time of one day, 8 h with the default sessions) of working time,
 *   counted from the receipt instant. Hours-based procedures use the same arithmetic.
 * - Only time inside a session of a working day counts: nights, lunch breaks, weekends, holidays and
 *   compensatory days do not; swapped working Saturdays do.
 * - Receipt outside a session starts the clock at the next session's start.
 * - An appointment that falls exactly at a session's end is that end time (11:30 or 17:00), not the next
 *   session's start.
 */

import { addDays, fromEpochDay, type IsoDate, MS_PER_DAY, parseIsoDate, toEpochDay } from './dates.ts';
import { parseTimeOfDay, type WorkCalendar } from './work-calendar.ts';

/** Vietnam's fixed offset from UTC (UTC+7), in milliseconds. */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
/** Safety bound: a calendar with no working day in ten years is a configuration error. */
const MAX_SEARCH_DAYS = 3660;

/** A processing time: whole or fractional working days, or working hours. */
export type WorkingAmount = { days: number } | { hours: number };

/** Thrown for an invalid amount, share list or instant given to the deadline functions. */
export class DeadlineError extends Error {
  readonly code = 'CALENDAR_INVALID_DEADLINE_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineError';
  }
}

function localMillis(instant: Date): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new DeadlineError('Thời điểm không hợp lệ / invalid Date');
  return ms + VIETNAM_OFFSET_MS;
}

function fromLocalMillis(local: number): Date {
  return new Date(local - VIETNAM_OFFSET_MS);
}

/** The calendar date (`YYYY-MM-DD`) of an instant in Vietnam time. */
export function vnDate(instant: Date): IsoDate {
  return fromEpochDay(Math.floor(localMillis(instant) / MS_PER_DAY));
}

/** An instant formatted in Vietnam time as `HH:MM DD/MM/YYYY` (the style of the receipt form Mẫu 01). */
export function formatVnDateTime(instant: Date): string {
  const local = new Date(localMillis(instant));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} ${pad(local.getUTCDate())}/${pad(
    local.getUTCMonth() + 1,
  )}/${local.getUTCFullYear()}`;
}

/** The instant of a Vietnam wall-clock date and time, e.g. `vnDateTime('2025-04-29', '16:30')`. */
export function vnDateTime(isoDate: IsoDate, time = '00:00'): Date {
  parseIsoDate(isoDate);
  return fromLocalMillis(toEpochDay(isoDate) * MS_PER_DAY + parseTimeOfDay(time) * MS_PER_MINUTE);
}

/** Working intervals [start, end) in local milliseconds, from `fromLocal` onwards, in order. */
function* workingIntervals(calendar: WorkCalendar, fromLocal: number): Generator<[number, number]> {
  let day = Math.floor(fromLocal / MS_PER_DAY);
  for (let searched = 0; searched < MAX_SEARCH_DAYS; day++, searched++) {
    if (!calendar.isWorkingEpochDay(day)) continue;
    searched = 0;
    const midnight = day * MS_PER_DAY;
    for (const session of calendar.sessionMinutes) {
      const start = Math.max(midnight + session.start * MS_PER_MINUTE, fromLocal);
      const end = midnight + session.end * MS_PER_MINUTE;
      if (start < end) yield [start, end];
    }
  }
  throw new DeadlineError('Không tìm thấy ngày làm việc trong 10 năm / no working day within ten years');
}

/** Working time in milliseconds of an amount: days × the calendar's working day, or hours. */
export function amountToMillis(calendar: WorkCalendar, amount: WorkingAmount): number {
  const value = 'days' in amount ? amount.days : amount.hours;
  if (!Number.isFinite(value) || value < 0) {
    throw new DeadlineError(`Thời hạn không hợp lệ / invalid amount ${JSON.stringify(amount)}`);
  }
  return Math.round('days' in amount ? value * calendar.workingMillisPerDay : value * MS_PER_HOUR);
}

/**
 * The instant at which a clock started at `instant` begins to run: `instant` itself when it lies inside
 * a session of a working day (session start ≤ instant < session end), otherwise the next session start.
 */
export function clockStart(calendar: WorkCalendar, instant: Date): Date {
  const first = workingIntervals(calendar, localMillis(instant)).next();
  return fromLocalMillis((first.value as [number, number])[0]);
}

/** The start of the first session of a working day that begins at or after `instant`. */
export function startOfNextSession(calendar: WorkCalendar, instant: Date): Date {
  const local = localMillis(instant);
  let day = Math.floor(local / MS_PER_DAY);
  for (let i = 0; i < MAX_SEARCH_DAYS; i++, day++) {
    if (!calendar.isWorkingEpochDay(day)) continue;
    for (const session of calendar.sessionMinutes) {
      const start = day * MS_PER_DAY + session.start * MS_PER_MINUTE;
      if (start >= local) return fromLocalMillis(start);
    }
  }
  throw new DeadlineError('Không tìm thấy ngày làm việc trong 10 năm / no working day within ten years');
}

function isSessionEnd(calendar: WorkCalendar, local: number): boolean {
  const day = Math.floor(local / MS_PER_DAY);
  if (!calendar.isWorkingEpochDay(day)) return false;
  return calendar.sessionMinutes.some((s) => day * MS_PER_DAY + s.end * MS_PER_MINUTE === local);
}

/**
 * Adds working time to a receipt instant and returns the appointment (hẹn trả kết quả).
 * `{ days: N }` is N × the working time of a day (fractions allowed); `{ hours: H }` is H hours.
 * The result is the earliest instant inside a session (its end included) with that much working time
 * since `from`; so an amount of 0 returns `from` when it is inside a session or exactly at a session's
 * end, otherwise the next session start. Adding N then M equals adding N + M.
 */
export function addWorkingTime(calendar: WorkCalendar, from: Date, amount: WorkingAmount): Date {
  return addWorkingMillis(calendar, from, amountToMillis(calendar, amount));
}

/** Adds a number of milliseconds of working time to an instant (the engine of {@link addWorkingTime}). */
export function addWorkingMillis(calendar: WorkCalendar, from: Date, millis: number): Date {
  if (!Number.isFinite(millis) || millis < 0)
    throw new DeadlineError(`Thời lượng không hợp lệ / invalid ${millis}`);
  const fromLocal = localMillis(from);
  // Sessions are closed at their end for appointments: nothing to add at 17:00 sharp stays at 17:00.
  if (millis === 0 && isSessionEnd(calendar, fromLocal)) return from;
  let remaining = millis;
  for (const [start, end] of workingIntervals(calendar, fromLocal)) {
    if (remaining <= end - start) return fromLocalMillis(start + remaining);
    remaining -= end - start;
  }
  throw new DeadlineError('unreachable: workingIntervals never ends without throwing');
}

/**
 * Working time between two instants in milliseconds. When `to` is before `from` the result is the
 * negative of `workingMillisBetween(to, from)`; it is 0 when they are equal.
 */
export function workingMillisBetween(calendar: WorkCalendar, from: Date, to: Date): number {
  const fromLocal = localMillis(from);
  const toLocal = localMillis(to);
  if (toLocal < fromLocal) return -workingMillisBetween(calendar, to, from);
  let total = 0;
  for (const [start, end] of workingIntervals(calendar, fromLocal)) {
    if (start >= toLocal) break;
    total += Math.min(end, toLocal) - start;
  }
  return total;
}

/** The first working day strictly after a date. */
export function nextWorkingDay(calendar: WorkCalendar, isoDate: IsoDate): IsoDate {
  let day = addDays(isoDate, 1);
  for (let i = 0; i < MAX_SEARCH_DAYS; i++, day = addDays(day, 1)) if (calendar.isWorkingDay(day)) return day;
  throw new DeadlineError('Không tìm thấy ngày làm việc trong 10 năm / no working day within ten years');
}

function previousWorkingDay(calendar: WorkCalendar, isoDate: IsoDate): IsoDate {
  let day = addDays(isoDate, -1);
  for (let i = 0; i < MAX_SEARCH_DAYS; i++, day = addDays(day, -1))
    if (calendar.isWorkingDay(day)) return day;
  throw new DeadlineError('Không tìm thấy ngày làm việc trong 10 năm / no working day within ten years');
}

/**
 * Moves a date by whole working days: `n > 0` gives the n-th working day after it, `n < 0` the n-th
 * before it, `n = 0` the date itself if it is a working day, otherwise the next working day.
 */
export function addWorkingDays(calendar: WorkCalendar, isoDate: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new DeadlineError(`Số ngày phải là số nguyên / n must be an integer: ${n}`);
  if (n === 0) return calendar.isWorkingDay(isoDate) ? isoDate : nextWorkingDay(calendar, isoDate);
  let day = isoDate;
  for (let i = 0; i < Math.abs(n); i++)
    day = n > 0 ? nextWorkingDay(calendar, day) : previousWorkingDay(calendar, day);
  return day;
}

/** The end of the last session of a date, as an instant. */
export function endOfWorkingDay(calendar: WorkCalendar, isoDate: IsoDate): Date {
  const last = calendar.sessionMinutes[calendar.sessionMinutes.length - 1]!;
  return fromLocalMillis(toEpochDay(isoDate) * MS_PER_DAY + last.end * MS_PER_MINUTE);
}

/**
 * Procedures counted in calendar days excluding public holidays (e.g. the pension decision, 20 days).
 * Convention (Bộ luật Dân sự 2015 Art. 147–148): day 1 is the day after receipt (Vietnam date); every
 * calendar day counts, weekends included, except days the calendar marks off as holidays, compensatory
 * or swapped days off (any day whose kind is 'off' for a reason other than the plain weekday rule); if
 * the last day is not a working day the time ends on the next working day; the deadline is the end of
 * that day's last session.
 */
export function addCalendarDaysExcludingHolidays(calendar: WorkCalendar, from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0)
    throw new DeadlineError(`Số ngày không hợp lệ / invalid days ${days}`);
  let day = vnDate(from);
  for (let counted = 0; counted < days; ) {
    day = addDays(day, 1);
    const info = calendar.dayInfo(day);
    if (info.kind === 'off' && info.origin !== 'weekday') continue;
    counted++;
  }
  if (!calendar.isWorkingDay(day)) day = nextWorkingDay(calendar, day);
  return endOfWorkingDay(calendar, day);
}

/** The default cut-off of the transfer rule and of "within the day" procedures (15:00). */
export const DEFAULT_CUTOFF = '15:00';

/** Options of {@link transferDeadline}. */
export interface TransferOptions {
  /** Receipts after this local time go at the start of the next working day (default `15:00`). */
  cutoff?: string;
}

/** True when `instant` is on a working day and not after the cut-off (`HH:MM`, local time) of that day. */
function beforeCutoff(calendar: WorkCalendar, instant: Date, cutoff: string): boolean {
  const minutes = parseTimeOfDay(cutoff) * MS_PER_MINUTE;
  const date = vnDate(instant);
  return calendar.isWorkingDay(date) && localMillis(instant) - toEpochDay(date) * MS_PER_DAY <= minutes;
}

/**
 * When a paper dossier received at a one-stop unit or a post office must reach the competent agency
 * (NĐ 61/2018 Art. 18(1)(b) [article text unverified, see docs/calendar.md §3]): within the same
 * working day (by the end of its last session) when received on a working day up to the cut-off
 * (15:00 sharp included); received after the cut-off, or on a day off, at the START of the next working
 * day (its first session's opening, 07:00 by default), not at its end.
 */
export function transferDeadline(
  calendar: WorkCalendar,
  receivedAt: Date,
  options: TransferOptions = {},
): Date {
  const date = vnDate(receivedAt);
  if (beforeCutoff(calendar, receivedAt, options.cutoff ?? DEFAULT_CUTOFF))
    return endOfWorkingDay(calendar, date);
  const next = nextWorkingDay(calendar, date);
  const first = calendar.sessionMinutes[0]!;
  return fromLocalMillis(toEpochDay(next) * MS_PER_DAY + first.start * MS_PER_MINUTE);
}

/**
 * The deadline of a procedure settled "within the day" (trong ngày): the end of the same working day
 * when the dossier reaches the agency on a working day up to the cut-off (the procedure's, else the
 * site's, else 15:00), otherwise the end of the next working day. A dossier received at 08:00 is due
 * at 17:00 the same day, never 08:00 the next day.
 */
export function withinDayDeadline(calendar: WorkCalendar, receivedAt: Date, cutoff = DEFAULT_CUTOFF): Date {
  const date = vnDate(receivedAt);
  return endOfWorkingDay(
    calendar,
    beforeCutoff(calendar, receivedAt, cutoff) ? date : nextWorkingDay(calendar, date),
  );
}

/**
 * True when an instant is working time: on a working day, inside a session or exactly at its start or
 * end (an appointment at 11:30 or 17:00 sharp is on working time).
 */
export function isWorkingInstant(calendar: WorkCalendar, instant: Date): boolean {
  const local = localMillis(instant);
  const day = Math.floor(local / MS_PER_DAY);
  if (!calendar.isWorkingEpochDay(day)) return false;
  const minute = (local - day * MS_PER_DAY) / MS_PER_MINUTE;
  return calendar.sessionMinutes.some((s) => s.start <= minute && minute <= s.end);
}

/** The instant itself when it is working time, otherwise the next session start. */
export function nextWorkingInstant(calendar: WorkCalendar, instant: Date): Date {
  return isWorkingInstant(calendar, instant) ? instant : startOfNextSession(calendar, instant);
}

/**
 * Splits a budget (integer milliseconds of working time, or whole days) into steps proportional to
 * `shares`, as integers that sum exactly to the total (largest-remainder rounding; ties go to the
 * earlier step). For inter-agency procedures (liên thông) that give each agency its part of the time.
 */
export function splitBudget(total: number, shares: number[]): number[] {
  if (!Number.isInteger(total) || total < 0)
    throw new DeadlineError(`Tổng không hợp lệ / invalid total ${total}`);
  if (shares.length === 0 || shares.some((s) => !Number.isFinite(s) || s < 0)) {
    throw new DeadlineError('Tỷ lệ không hợp lệ / shares must be non-negative numbers');
  }
  const sum = shares.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new DeadlineError('Tổng tỷ lệ phải dương / shares must not all be zero');
  const exact = shares.map((s) => (total * s) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => ({ index, fraction: value - Math.floor(value) }));
  order.sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index]! += 1;
    left--;
  }
  return parts;
}

/** Input of {@link clockStatus}. */
export interface ClockInput {
  start: Date;
  due: Date;
  now: Date;
  /** Share of the total working time under which the dossier is "nearing due" (default 0.2). */
  nearingShare?: number;
}

/** Where a processing clock stands, in working time. */
export interface ClockStatus {
  /** Working time elapsed since start (0 before start). */
  usedMillis: number;
  /** Working time left until due (0 once due). */
  leftMillis: number;
  /** True when `now` is after the due instant. */
  overdue: boolean;
  /** Working time elapsed since the due instant (0 when not overdue, or overdue only outside sessions). */
  overdueMillis: number;
  /** True when not overdue and the time left is at most `nearingShare` of the total. */
  nearingDue: boolean;
}

/** The state of a processing clock at `now`: used, left, overdue and nearing-due, in working time. */
export function clockStatus(calendar: WorkCalendar, input: ClockInput): ClockStatus {
  const nearingShare = input.nearingShare ?? 0.2;
  if (!(nearingShare >= 0 && nearingShare <= 1))
    throw new DeadlineError('nearingShare must be within [0, 1]');
  const total = Math.max(0, workingMillisBetween(calendar, input.start, input.due));
  const usedMillis = Math.max(0, workingMillisBetween(calendar, input.start, input.now));
  const leftMillis = Math.max(0, workingMillisBetween(calendar, input.now, input.due));
  const overdue = input.now.getTime() > input.due.getTime();
  const overdueMillis = overdue ? workingMillisBetween(calendar, input.due, input.now) : 0;
  return {
    usedMillis,
    leftMillis,
    overdue,
    overdueMillis,
    nearingDue: !overdue && leftMillis <= nearingShare * total,
  };
}

/**
 * The new agency deadline after a supplement (bổ sung hồ sơ): the processing time restarts from zero
 * when the completed dossier reaches the agency (NĐ 61/2018 Art. 19, see docs/calendar.md §3), so it
 * is the full amount counted from `resumedAt`; the time used before the supplement request and the
 * wait for the applicant are discarded.
 */
export function restartAfterSupplement(calendar: WorkCalendar, resumedAt: Date, amount: WorkingAmount): Date {
  return addWorkingTime(calendar, resumedAt, amount);
}

/** Result timeliness: trước hạn (early), đúng hạn (on time), quá hạn (late). */
export type ResultTiming = 'early' | 'on_time' | 'late';

/**
 * Classifies when a result was ready against the appointment: 'late' after the due instant; 'early'
 * on a Vietnam calendar day before the due day; otherwise (on the due day, not after the due instant)
 * 'on_time'.
 */
export function classifyResult(resultAt: Date, due: Date): ResultTiming {
  if (resultAt.getTime() > due.getTime()) return 'late';
  return vnDate(resultAt) < vnDate(due) ? 'early' : 'on_time';
}
