export { defaultEntries } from './holidays.ts';
export { InvalidLunarDateError, type LunarDate, leapMonthOf, lunarToSolar, solarToLunar } from './lunar.ts';
export { announcedEntries } from './schedules.ts';
export * from './types.ts';
export { createWorkCalendar, DEFAULT_SESSIONS, formatCalendarYear, WorkCalendar } from './work-calendar.ts';
