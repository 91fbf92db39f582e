/**
 * Computed public holidays of state agencies (cơ quan hành chính nhà nước) for any year, from the
 * Labour Code: Bộ luật Lao động 2019 Art. 112 (from 2021-01-01) and Bộ luật Lao động 2012 Art. 115
 * (2013–2020; the same days except that 2/9 stands alone; earlier years are computed with the 2012
 * rules too). These are defaults: the Government's announcement for a year (schedules.ts)
 * and the administrator's overrides take precedence.
 */

import { addDays, formatIsoDate, type IsoDate, isWeekend } from './dates.ts';
import { lunarToSolar } from './lunar.ts';
import type { CalendarEntry, HolidayKey } from './types.ts';

/** Vietnamese names of the holidays, used as `reason`. */
export const HolidayName: Readonly<Record<HolidayKey, string>> = {
  newYear: 'Tết Dương lịch',
  lunarNewYear: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  victoryDay: 'Ngày Chiến thắng 30/4',
  labourDay: 'Ngày Quốc tế Lao động 1/5',
  nationalDay: 'Quốc khánh',
};

/** First year in which the Labour Code 2019 applies (2/9 plus an adjacent day). */
export const LABOUR_CODE_2019_FROM = 2021;

interface Holiday {
  date: IsoDate;
  holiday: HolidayKey;
}

/**
 * The five days of Tết placed by the default rule: the last day of the old lunar year (29 or 30 of the
 * 12th month, "ngày cuối năm") plus days 1–4 of the new year. Used when no schedule is announced.
 */
export function defaultTetDays(year: number): IsoDate[] {
  const newYear = lunarToSolar({ day: 1, month: 1, year, leap: false });
  return [addDays(newYear, -1), newYear, addDays(newYear, 1), addDays(newYear, 2), addDays(newYear, 3)];
}

/**
 * The day added to 2/9 from 2021 (Labour Code 2019 Art. 112(1)(đ): "ngày 01 hoặc 03 tháng 9"), when no
 * schedule is announced. Default rule: the one that joins the holiday to a weekend: 3/9 when 2/9 is a
 * Monday or a Thursday, otherwise 1/9 (this matches the choices announced for 2021–2025).
 */
export function defaultNationalDayExtra(year: number): IsoDate {
  const secondSeptember = formatIsoDate(year, 9, 2);
  const weekdayOf2 = new Date(Date.UTC(year, 8, 2)).getUTCDay();
  return weekdayOf2 === 1 || weekdayOf2 === 4 ? addDays(secondSeptember, 1) : addDays(secondSeptember, -1);
}

function statutoryHolidays(year: number): Holiday[] {
  const holidays: Holiday[] = [{ date: formatIsoDate(year, 1, 1), holiday: 'newYear' }];
  for (const date of defaultTetDays(year)) holidays.push({ date, holiday: 'lunarNewYear' });
  holidays.push({ date: lunarToSolar({ day: 10, month: 3, year, leap: false }), holiday: 'hungKings' });
  holidays.push({ date: formatIsoDate(year, 4, 30), holiday: 'victoryDay' });
  holidays.push({ date: formatIsoDate(year, 5, 1), holiday: 'labourDay' });
  holidays.push({ date: formatIsoDate(year, 9, 2), holiday: 'nationalDay' });
  if (year >= LABOUR_CODE_2019_FROM)
    holidays.push({ date: defaultNationalDayExtra(year), holiday: 'nationalDay' });
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Computed holidays and compensatory days of a Gregorian year, sorted by date. A holiday that falls on
 * Saturday or Sunday gives a compensatory day off (nghỉ bù, Labour Code 2019 Art. 111(3)) on the next
 * weekday that is neither a holiday nor already a compensatory day.
 */
export function defaultEntries(year: number): CalendarEntry[] {
  const holidays = statutoryHolidays(year);
  const taken = new Set(holidays.map((h) => h.date));
  const entries: CalendarEntry[] = holidays.map((h) => ({
    date: h.date,
    kind: 'off',
    reason: HolidayName[h.holiday],
    holiday: h.holiday,
  }));
  for (const h of holidays) {
    if (!isWeekend(h.date)) continue;
    let day = addDays(h.date, 1);
    while (isWeekend(day) || taken.has(day)) day = addDays(day, 1);
    taken.add(day);
    entries.push({ date: day, kind: 'off', reason: `Nghỉ bù ${HolidayName[h.holiday]}`, holiday: h.holiday });
  }
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
