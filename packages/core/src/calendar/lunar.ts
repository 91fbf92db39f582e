/**
 * Vietnamese lunar calendar (âm lịch) ⇄ Gregorian calendar.
 *
 * Written from the published astronomical method of Hồ Ngọc Đức ("Thuật toán tính âm lịch",
 * https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html), which follows the rules of the
 * Vietnamese calendar:
 *
 * 1. Days are counted as Julian day numbers (JDN); a lunar month starts on the civil day, in the
 *    time zone UTC+7 (Vietnam, since 1968), that contains the new moon (sóc).
 * 2. New moons are computed with the truncated series of Jean Meeus, "Astronomical Algorithms"
 *    (1998), ch. 49, with his ΔT approximation.
 * 3. The sun's apparent longitude is computed with Meeus ch. 25 (low precision); it tells which
 *    "major solar term" (trung khí) falls in a month.
 * 4. The 11th lunar month is the month that contains the winter solstice (Đông chí, sun longitude
 *    270°).
 * 5. If there are 13 lunar months between two 11th months (a leap year, năm nhuận), the first month
 *    after the 11th month that contains no major solar term is the leap month (tháng nhuận); it takes
 *    the number of the month before it.
 *
 * Because months start by the UTC+7 civil day, results differ from the Chinese calendar (UTC+8) in
 * some years: Tết 1985 was 1985-01-21 in Vietnam but 1985-02-20 in China (the leap month fell
 * differently), Tết 2007 was 2007-02-17 in Vietnam and 2007-02-18 in China, likewise 2030-02-02 vs
 * 2030-02-03 and 2053-02-18 vs 2053-02-19.
 */

import { formatIsoDate, parseIsoDate } from './dates.ts';

/** A date of the Vietnamese lunar calendar. `year` is the Gregorian year in which the lunar year begins. */
export interface LunarDate {
  day: number;
  month: number;
  year: number;
  /** True for the leap month (tháng nhuận), which repeats the number of the month before it. */
  leap: boolean;
}

/** Thrown by {@link lunarToSolar} for a lunar date that does not exist (e.g. day 30 of a 29-day month). */
export class InvalidLunarDateError extends Error {
  readonly code = 'CALENDAR_INVALID_LUNAR_DATE';
  constructor(readonly lunar: LunarDate) {
    const text = `${lunar.day}/${lunar.month}${lunar.leap ? ' (nhuận)' : ''}/${lunar.year}`;
    super(`Ngày âm lịch không tồn tại / lunar date does not exist: ${text}`);
    this.name = 'InvalidLunarDateError';
  }
}

/** Vietnam's time zone offset used by the calendar, in hours. */
const TIME_ZONE = 7;
/** Mean length of a synodic month in days. */
const SYNODIC_MONTH = 29.530588853;
/** JDN-based reference of new moon number 0 (1900-01-01 13:52 UT) used to index new moons. */
const NEW_MOON_EPOCH = 2415021.076998695;
const DEG = Math.PI / 180;

/** Julian day number of a Gregorian date (Julian calendar before 1582-10-15). */
export function julianDayNumber(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  let jd =
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045;
  if (jd < 2299161) jd = day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083;
  return jd;
}

/** Gregorian (or Julian before 1582-10-15) date of a Julian day number. */
export function fromJulianDayNumber(jd: number): { year: number; month: number; day: number } {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: b * 100 + d - 4800 + Math.floor(m / 10),
  };
}

/** Julian date (UT, fractional) of the k-th new moon after 1900-01-01 (Meeus ch. 49, truncated). */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const latitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  let c1 = (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly * DEG) + 0.0021 * Math.sin(2 * DEG * sunAnomaly);
  c1 = c1 - 0.4068 * Math.sin(moonAnomaly * DEG) + 0.0161 * Math.sin(DEG * 2 * moonAnomaly);
  c1 -= 0.0004 * Math.sin(DEG * 3 * moonAnomaly);
  c1 = c1 + 0.0104 * Math.sin(DEG * 2 * latitude) - 0.0051 * Math.sin(DEG * (sunAnomaly + moonAnomaly));
  c1 =
    c1 -
    0.0074 * Math.sin(DEG * (sunAnomaly - moonAnomaly)) +
    0.0004 * Math.sin(DEG * (2 * latitude + sunAnomaly));
  c1 =
    c1 -
    0.0004 * Math.sin(DEG * (2 * latitude - sunAnomaly)) -
    0.0006 * Math.sin(DEG * (2 * latitude + moonAnomaly));
  c1 =
    c1 +
    0.001 * Math.sin(DEG * (2 * latitude - moonAnomaly)) +
    0.0005 * Math.sin(DEG * (2 * moonAnomaly + sunAnomaly));
  // ΔT (TT − UT) in days.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd1 + c1 - deltaT;
}

/** Apparent longitude of the sun, in radians [0, 2π), at a Julian date (Meeus ch. 25, low precision). */
function sunLongitude(jdn: number): number {
  const t = (jdn - 2451545.0) / 36525;
  const t2 = t * t;
  const meanAnomaly = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  let center = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(DEG * meanAnomaly);
  center +=
    (0.019993 - 0.000101 * t) * Math.sin(DEG * 2 * meanAnomaly) + 0.00029 * Math.sin(DEG * 3 * meanAnomaly);
  let longitude = (meanLongitude + center) * DEG;
  longitude -= Math.PI * 2 * Math.floor(longitude / (Math.PI * 2));
  return longitude;
}

/**
 * Index 0–11 of the 30° sector of the sun's longitude at the start (00:00 local) of a civil day;
 * a major solar term falls in a month when this index changes.
 */
function sunSector(dayNumber: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - TIME_ZONE / 24) / Math.PI) * 6);
}

/** JDN of the local civil day containing the k-th new moon. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + TIME_ZONE / 24);
}

/** JDN of the first day of the 11th lunar month containing the winter solstice of Gregorian year `year`. */
function lunarMonth11(year: number): number {
  const offset = julianDayNumber(year, 12, 31) - 2415021;
  const k = Math.floor(offset / SYNODIC_MONTH);
  const start = newMoonDay(k);
  // Sector 9 = 270°: if the new moon is already past the solstice, month 11 began one moon earlier.
  return sunSector(start) >= 9 ? newMoonDay(k - 1) : start;
}

/** Offset (in months after month 11 starting at `month11Start`) of the leap month of a 13-month year. */
function leapMonthOffset(month11Start: number): number {
  const k = Math.floor((month11Start - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = sector;
    i++;
    sector = sunSector(newMoonDay(k + i));
  } while (sector !== last && i < 14);
  return i - 1;
}

function lunarFromJdn(dayNumber: number, gregorianYear: number): LunarDate {
  const k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > dayNumber) monthStart = newMoonDay(k);
  let a11 = lunarMonth11(gregorianYear);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = gregorianYear;
    a11 = lunarMonth11(gregorianYear - 1);
  } else {
    lunarYear = gregorianYear + 1;
    b11 = lunarMonth11(gregorianYear + 1);
  }
  const day = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { day, month, year: lunarYear, leap };
}

/** Converts a Gregorian ISO date `YYYY-MM-DD` to its Vietnamese lunar date (UTC+7). */
export function solarToLunar(isoDate: string): LunarDate {
  const { year, month, day } = parseIsoDate(isoDate);
  return lunarFromJdn(julianDayNumber(year, month, day), year);
}

/**
 * Converts a Vietnamese lunar date to its Gregorian ISO date `YYYY-MM-DD`.
 * Throws {@link InvalidLunarDateError} if the date does not exist: a leap flag on a month that is not
 * the year's leap month, day 30 of a 29-day month, or numbers out of range.
 */
export function lunarToSolar(lunar: LunarDate): string {
  const { day, month, year, leap } = lunar;
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year)) {
    throw new InvalidLunarDateError(lunar);
  }
  if (day < 1 || day > 30 || month < 1 || month > 12) throw new InvalidLunarDateError(lunar);
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1);
    b11 = lunarMonth11(year);
  } else {
    a11 = lunarMonth11(year);
    b11 = lunarMonth11(year + 1);
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    // Offset 1 is month 11, offset 2 month 12, offset 3 month 1, …
    const leapMonth = (leapOffset + 10) % 12 || 12;
    if (leap && month !== leapMonth) throw new InvalidLunarDateError(lunar);
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    throw new InvalidLunarDateError(lunar);
  }
  const monthStart = newMoonDay(k + offset);
  const jdn = monthStart + day - 1;
  const solar = fromJulianDayNumber(jdn);
  // Day 30 of a 29-day month lands in the next month: reject it by converting back.
  const check = lunarFromJdn(jdn, solar.year);
  if (check.day !== day || check.month !== month || check.year !== year || check.leap !== leap) {
    throw new InvalidLunarDateError(lunar);
  }
  return formatIsoDate(solar.year, solar.month, solar.day);
}

/** Leap month number of a lunar year (the month that is repeated), or `undefined` when there is none. */
export function leapMonthOf(lunarYear: number): number | undefined {
  for (let month = 1; month <= 12; month++) {
    try {
      lunarToSolar({ day: 1, month, year: lunarYear, leap: true });
      return month;
    } catch {
      // not the leap month
    }
  }
  return undefined;
}
