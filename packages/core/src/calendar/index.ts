/**
 * Calendar of the one-stop service: the Vietnamese lunar calendar, the public-sector working calendar
 * (holidays, announced schedules, admin overrides, sessions) and deadline arithmetic in working time.
 * Pure functions and values: no I/O, no clock, no dependence on the machine's time zone.
 */

export { addDays, InvalidDateError, type IsoDate, isWeekend, weekday } from './dates.ts';
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
  DeadlineError,
  endOfWorkingDay,
  formatVnDateTime,
  nextWorkingDay,
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
  workingMillisBetween,
} from './deadlines.ts';
export {
  defaultEntries,
  defaultNationalDayExtra,
  defaultTetDays,
  HolidayName,
  LABOUR_CODE_2019_FROM,
} from './holidays.ts';
export { InvalidLunarDateError, type LunarDate, leapMonthOf, lunarToSolar, solarToLunar } from './lunar.ts';
export { ANNOUNCED_YEARS, ANNOUNCEMENTS, type Announcement, announcedEntries } from './schedules.ts';
export type { CalendarEntry, DayKind, HolidayKey, Session } from './types.ts';
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
