/**
 * The public-sector working calendar: which days state agencies work, and in which sessions.
 *
 * The kind of a day is resolved in this order (first match wins):
 * 1. the administrator's overrides (`entries` given to {@link createWorkCalendar}; the last entry for a
 *    date wins),
 * 2. the announced schedule shipped in schedules.ts,
 * 3. the computed default of holidays.ts (holidays and compensatory days), except the holiday groups an
 *    announcement replaces for that year (e.g. where the 5 days of Tết fall),
 * 4. the weekday rule: Monday–Friday work, Saturday and Sunday off.
 */

import { datesOfYear, fromEpochDay, type IsoDate, parseIsoDate, weekday } from './dates.ts';
import { defaultEntries } from './holidays.ts';
import { announcedEntries, replacedGroups } from './schedules.ts';
import type { CalendarEntry, DayKind, Session } from './types.ts';

/** Default sessions: 07:00–11:30 and 13:30–17:00, 8 working hours a day. */
export const DEFAULT_SESSIONS: readonly Session[] = Object.freeze([
  { start: '07:00', end: '11:30' },
  { start: '13:30', end: '17:00' },
]);

/** Where the kind of a day was decided. */
export type DayOrigin = 'override' | 'announced' | 'default' | 'weekday';

/** The kind of a day, why, and where that was decided. */
export interface DayInfo {
  kind: DayKind;
  reason: string;
  origin: DayOrigin;
  source?: string;
}

/** A session as minutes after local midnight. */
export interface SessionMinutes {
  start: number;
  end: number;
}

/** Thrown for an invalid calendar configuration (session times, override entries). */
export class CalendarConfigError extends Error {
  readonly code = 'CALENDAR_INVALID_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'CalendarConfigError';
  }
}

/** Options of {@link createWorkCalendar}. */
export interface WorkCalendarOptions {
  /** Administrator's overrides, applied last (they win over announced and computed days). */
  entries?: CalendarEntry[];
  /** Working sessions of a day in Vietnam time, configurable per site. */
  sessions?: Session[];
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of `HH:MM`; `24:00` is accepted as the end of the day. */
export function parseTimeOfDay(text: string): number {
  if (text === '24:00') return 24 * 60;
  const match = HH_MM.exec(text);
  if (!match) throw new CalendarConfigError(`Giờ không hợp lệ / invalid time "${text}" (expected HH:MM)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function parseSessions(sessions: readonly Session[]): SessionMinutes[] {
  if (sessions.length === 0)
    throw new CalendarConfigError('Cần ít nhất một buổi làm việc / at least one session');
  const parsed = sessions
    .map((s) => ({ start: parseTimeOfDay(s.start), end: parseTimeOfDay(s.end) }))
    .sort((a, b) => a.start - b.start);
  let previousEnd = -1;
  for (const s of parsed) {
    if (s.end <= s.start)
      throw new CalendarConfigError(`Buổi làm việc rỗng / empty session ${s.start}–${s.end}`);
    if (s.start < previousEnd)
      throw new CalendarConfigError('Các buổi làm việc chồng nhau / sessions overlap');
    previousEnd = s.end;
  }
  return parsed;
}

const WEEKDAY_REASON = ['Nghỉ cuối tuần (Chủ nhật)', '', '', '', '', '', 'Nghỉ cuối tuần (thứ Bảy)'];

/** A site's working calendar: day kinds (with caching per year) and sessions. */
export class WorkCalendar {
  /** The configured sessions, sorted. */
  readonly sessions: readonly Session[];
  /** The sessions as minutes after local midnight, sorted. */
  readonly sessionMinutes: readonly SessionMinutes[];
  /** Working time of one full working day, in milliseconds (8 h by default). */
  readonly workingMillisPerDay: number;
  readonly #overrides = new Map<IsoDate, CalendarEntry>();
  readonly #years = new Map<number, Map<IsoDate, DayInfo>>();
  /** Working or not, by epoch day: the deadline arithmetic asks day after day. */
  readonly #working = new Map<number, boolean>();

  constructor(options: WorkCalendarOptions = {}) {
    this.sessionMinutes = Object.freeze(parseSessions(options.sessions ?? DEFAULT_SESSIONS));
    this.sessions = Object.freeze(
      this.sessionMinutes.map((s) => ({ start: formatMinutes(s.start), end: formatMinutes(s.end) })),
    );
    this.workingMillisPerDay = this.sessionMinutes.reduce((sum, s) => sum + (s.end - s.start) * 60_000, 0);
    for (const entry of options.entries ?? []) {
      parseIsoDate(entry.date);
      if (entry.kind !== 'off' && entry.kind !== 'work') {
        throw new CalendarConfigError(`Loại ngày không hợp lệ / invalid kind "${String(entry.kind)}"`);
      }
      this.#overrides.set(entry.date, entry);
    }
  }

  /** The kind of a day and its reason (see the resolution order in the module comment). */
  dayInfo(date: IsoDate): DayInfo {
    const { year } = parseIsoDate(date);
    const special = this.#yearEntries(year).get(date);
    if (special) return special;
    const day = weekday(date);
    if (day === 0 || day === 6) return { kind: 'off', reason: WEEKDAY_REASON[day]!, origin: 'weekday' };
    return { kind: 'work', reason: 'Ngày làm việc', origin: 'weekday' };
  }

  /** True when state agencies work on that date. */
  isWorkingDay(date: IsoDate): boolean {
    return this.dayInfo(date).kind === 'work';
  }

  /** {@link isWorkingDay} of a day given as days since 1970-01-01, remembered per calendar. */
  isWorkingEpochDay(epochDay: number): boolean {
    let working = this.#working.get(epochDay);
    if (working === undefined) {
      working = this.isWorkingDay(fromEpochDay(epochDay));
      // Bounded: a few decades of days, then start again.
      if (this.#working.size >= 20_000) this.#working.clear();
      this.#working.set(epochDay, working);
    }
    return working;
  }

  /** Non-working weekdays and working weekend days of a year, sorted by date. */
  nonStandardDays(year: number): CalendarEntry[] {
    const result: CalendarEntry[] = [];
    for (const date of datesOfYear(year)) {
      const info = this.dayInfo(date);
      const day = weekday(date);
      const weekend = day === 0 || day === 6;
      if (weekend === (info.kind === 'off')) continue;
      const entry: CalendarEntry = { date, kind: info.kind, reason: info.reason };
      if (info.source !== undefined) entry.source = info.source;
      result.push(entry);
    }
    return result;
  }

  #yearEntries(year: number): Map<IsoDate, DayInfo> {
    const cached = this.#years.get(year);
    if (cached) return cached;
    const map = new Map<IsoDate, DayInfo>();
    const replaced = replacedGroups(year);
    for (const e of defaultEntries(year)) {
      if (e.holiday !== undefined && replaced.has(e.holiday)) continue;
      map.set(e.date, { kind: e.kind, reason: e.reason, origin: 'default' });
    }
    for (const e of announcedEntries(year)) map.set(e.date, toInfo(e, 'announced'));
    const prefix = `${year}-`;
    for (const [date, e] of this.#overrides)
      if (date.startsWith(prefix)) map.set(date, toInfo(e, 'override'));
    this.#years.set(year, map);
    return map;
  }
}

function toInfo(entry: CalendarEntry, origin: DayOrigin): DayInfo {
  const info: DayInfo = { kind: entry.kind, reason: entry.reason, origin };
  if (entry.source !== undefined) info.source = entry.source;
  return info;
}

function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Creates a site's working calendar from admin overrides and sessions (defaults: none, 07:00–11:30 + 13:30–17:00). */
export function createWorkCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  return new WorkCalendar(options);
}

/**
 * The text of `motcua calendar show <year>`: one line per non-working weekday and per working weekend
 * day, sorted, `YYYY-MM-DD  off  <reason>` or `YYYY-MM-DD  work  <reason>`, joined by `\n` with no
 * trailing newline (empty string when the year has no such day).
 */
export function formatCalendarYear(year: number, calendar: WorkCalendar): string {
  return calendar
    .nonStandardDays(year)
    .map((e) => `${e.date}  ${e.kind}  ${e.reason}`)
    .join('\n');
}
