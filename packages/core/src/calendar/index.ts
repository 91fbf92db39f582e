/**
 * Calendar of the one-stop service: the Vietnamese lunar calendar, the public-sector working calendar
 * (holidays, announced schedules, admin overrides, sessions) and deadline arithmetic in working time.
 * Pure functions and values: no I/O, no clock, no dependence on the machine's time zone.
 */

// ISO date helpers (UTC arithmetic only): addDays, weekday, isWeekend.
export { addDays, InvalidDateError, type IsoDate, isIsoDate, isWeekend, weekday } from './dates.ts';
// Deadlines in working time, Vietnam time helpers (fixed UTC+7). See docs/calendar.md §3.
export {
  addCalendarDaysExcludingHolidays,
  addWorkingDays,
  addWorkingMillis,
  addWorkingTime,
  amountToMillis,
  type ClockInput,
  type ClockStatus,
  classifyResult,
  clockStart,
  clockStatus,
  DEFAULT_CUTOFF,
  DeadlineError,
  endOfWorkingDay,
  formatVnDateTime,
  isWorkingInstant,
  nextWorkingDay,
  nextWorkingInstant,
  type ResultTiming,
  restartAfterSupplement,
  splitBudget,
  startOfNextSession,
  type TransferOptions,
  transferDeadline,
  VIETNAM_OFFSET_MS,
  vnDate,
  vnDateTime,
  type WorkingAmount,
  withinDayDeadline,
  workingMillisBetween,
} from './deadlines.ts';
// Computed holidays and compensatory days of the Labour Code for any year.
export {
  defaultEntries,
  defaultNationalDayExtra,
  defaultTetDays,
  HolidayName,
  LABOUR_CODE_2019_FROM,
} from './holidays.ts';
// Vietnamese lunar calendar (Hồ Ngọc Đức's method at UTC+7).
export { InvalidLunarDateError, type LunarDate, leapMonthOf, lunarToSolar, solarToLunar } from './lunar.ts';
// Announced public-sector schedules 2018–2026 with their sources.
export { ANNOUNCED_YEARS, ANNOUNCEMENTS, type Announcement, announcedEntries } from './schedules.ts';
export type { CalendarEntry, DayKind, HolidayKey, Session } from './types.ts';
// The working calendar of a site: overrides ?? announced ?? computed ?? weekday rule; sessions.
export {
  CalendarConfigError,
  createWorkCalendar,
  type DayInfo,
  type DayOrigin,
  DEFAULT_SESSIONS,
  formatCalendarYear,
  parseTimeOfDay,
  WorkCalendar,
  type WorkCalendarOptions,
} from './work-calendar.ts';
