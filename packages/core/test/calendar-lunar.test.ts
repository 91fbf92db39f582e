import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLunarDate } from '@dqcai/vn-lunar';
import { InvalidLunarDateError, leapMonthOf, lunarToSolar, solarToLunar } from '../src/calendar/index.ts';

/**
 * Tết Nguyên đán (1/1 lunar) and Giỗ Tổ Hùng Vương (10/3 lunar) in Vietnam, 1985–2035.
 *
 * Sources:
 * - Tết: Hồ Ngọc Đức, "Lịch Việt Nam" tables (https://www.informatik.uni-leipzig.de/~duc/amlich/),
 *   the list of Vietnamese New Year dates in Wikipedia "Tết" (vi/en), and, for 2018–2026, the
 *   Government's holiday announcements (see src/calendar/schedules.ts). Vietnam differs from the
 *   Chinese New Year in 1985 (VN 01-21, CN 02-20), 2007 (02-17 vs 02-18) and 2030 (02-02 vs 02-03).
 * - Giỗ Tổ: 2018–2026 from the announced holiday schedules (e.g. 2019-04-14 Sunday → compensatory
 *   Monday, 2023-04-29, 2024-04-18, 2025-04-07); the other years were taken from Hồ Ngọc Đức's tables
 *   as reproduced by @dqcai/vn-lunar 1.0.1 and frozen here, so a regression in either shows up.
 */
const GOLDEN: Record<number, readonly [tet: string, hungKings: string]> = {
  1985: ['1985-01-21', '1985-04-29'],
  1986: ['1986-02-09', '1986-04-18'],
  1987: ['1987-01-29', '1987-04-07'],
  1988: ['1988-02-17', '1988-04-25'],
  1989: ['1989-02-06', '1989-04-15'],
  1990: ['1990-01-27', '1990-04-05'],
  1991: ['1991-02-15', '1991-04-24'],
  1992: ['1992-02-04', '1992-04-12'],
  1993: ['1993-01-23', '1993-04-01'],
  1994: ['1994-02-10', '1994-04-20'],
  1995: ['1995-01-31', '1995-04-09'],
  1996: ['1996-02-19', '1996-04-27'],
  1997: ['1997-02-07', '1997-04-16'],
  1998: ['1998-01-28', '1998-04-06'],
  1999: ['1999-02-16', '1999-04-25'],
  2000: ['2000-02-05', '2000-04-14'],
  2001: ['2001-01-24', '2001-04-03'],
  2002: ['2002-02-12', '2002-04-22'],
  2003: ['2003-02-01', '2003-04-11'],
  2004: ['2004-01-22', '2004-04-28'],
  2005: ['2005-02-09', '2005-04-18'],
  2006: ['2006-01-29', '2006-04-07'],
  2007: ['2007-02-17', '2007-04-26'],
  2008: ['2008-02-07', '2008-04-15'],
  2009: ['2009-01-26', '2009-04-04'],
  2010: ['2010-02-14', '2010-04-23'],
  2011: ['2011-02-03', '2011-04-12'],
  2012: ['2012-01-23', '2012-03-31'],
  2013: ['2013-02-10', '2013-04-19'],
  2014: ['2014-01-31', '2014-04-09'],
  2015: ['2015-02-19', '2015-04-28'],
  2016: ['2016-02-08', '2016-04-16'],
  2017: ['2017-01-28', '2017-04-06'],
  2018: ['2018-02-16', '2018-04-25'],
  2019: ['2019-02-05', '2019-04-14'],
  2020: ['2020-01-25', '2020-04-02'],
  2021: ['2021-02-12', '2021-04-21'],
  2022: ['2022-02-01', '2022-04-10'],
  2023: ['2023-01-22', '2023-04-29'],
  2024: ['2024-02-10', '2024-04-18'],
  2025: ['2025-01-29', '2025-04-07'],
  2026: ['2026-02-17', '2026-04-26'],
  2027: ['2027-02-06', '2027-04-16'],
  2028: ['2028-01-26', '2028-04-04'],
  2029: ['2029-02-13', '2029-04-23'],
  2030: ['2030-02-02', '2030-04-12'],
  2031: ['2031-01-23', '2031-04-01'],
  2032: ['2032-02-11', '2032-04-19'],
  2033: ['2033-01-31', '2033-04-09'],
  2034: ['2034-02-19', '2034-04-28'],
  2035: ['2035-02-08', '2035-04-17'],
};

function isoOf(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('lunar calendar: golden dates', () => {
  for (const [yearText, [tet, hungKings]] of Object.entries(GOLDEN)) {
    const year = Number(yearText);
    it(`places Tết ${year} on ${tet} and Giỗ Tổ on ${hungKings}`, () => {
      assert.equal(lunarToSolar({ day: 1, month: 1, year, leap: false }), tet);
      assert.equal(lunarToSolar({ day: 10, month: 3, year, leap: false }), hungKings);
      assert.deepEqual(solarToLunar(tet), { day: 1, month: 1, year, leap: false });
      assert.deepEqual(solarToLunar(hungKings), { day: 10, month: 3, year, leap: false });
    });
  }

  it('uses the Vietnamese (UTC+7) new moon where China (UTC+8) differs, including 2053', () => {
    assert.equal(lunarToSolar({ day: 1, month: 1, year: 1985, leap: false }), '1985-01-21');
    assert.equal(lunarToSolar({ day: 1, month: 1, year: 2007, leap: false }), '2007-02-17');
    assert.equal(lunarToSolar({ day: 1, month: 1, year: 2030, leap: false }), '2030-02-02');
    assert.equal(lunarToSolar({ day: 1, month: 1, year: 2053, leap: false }), '2053-02-18');
    // 1985-02-20, the Chinese New Year, opened the 2nd month in Vietnam.
    assert.deepEqual(solarToLunar('1985-02-20'), { day: 1, month: 2, year: 1985, leap: false });
  });
});

describe('lunar calendar: leap months', () => {
  // Known Vietnamese leap months (tháng nhuận): 2012 → 4, 2014 → 9, 2017 → 6, 2020 → 4, 2023 → 2,
  // 2025 → 6, 2028 → 5, 2031 → 3, 2033 → 11 (the "2033 problem").
  const leapMonths: Record<number, number | undefined> = {
    2012: 4,
    2013: undefined,
    2014: 9,
    2017: 6,
    2020: 4,
    2023: 2,
    2024: undefined,
    2025: 6,
    2026: undefined,
    2028: 5,
    2031: 3,
    2033: 11,
  };
  for (const [year, month] of Object.entries(leapMonths)) {
    it(`finds the leap month of ${year}: ${month ?? 'none'}`, () => {
      assert.equal(leapMonthOf(Number(year)), month);
    });
  }

  it('converts both the regular and the leap 6th month of 2025', () => {
    assert.equal(lunarToSolar({ day: 1, month: 6, year: 2025, leap: false }), '2025-06-25');
    assert.equal(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true }), '2025-07-25');
    assert.deepEqual(solarToLunar('2025-08-01'), { day: 8, month: 6, year: 2025, leap: true });
  });

  it('converts the leap 11th month of 2033, which falls in Gregorian 2033-12', () => {
    const start = lunarToSolar({ day: 1, month: 11, year: 2033, leap: true });
    assert.deepEqual(solarToLunar(start), { day: 1, month: 11, year: 2033, leap: true });
    assert.ok(start > lunarToSolar({ day: 1, month: 11, year: 2033, leap: false }));
  });

  it('gives days of the 11th and 12th months to the lunar year that began the previous January', () => {
    assert.deepEqual(solarToLunar('2026-01-01'), { day: 13, month: 11, year: 2025, leap: false });
    assert.deepEqual(solarToLunar('2026-02-16'), { day: 29, month: 12, year: 2025, leap: false });
  });
});

describe('lunar calendar: invalid dates', () => {
  it('rejects a leap flag on a month that is not the leap month', () => {
    assert.throws(() => lunarToSolar({ day: 1, month: 5, year: 2025, leap: true }), InvalidLunarDateError);
    assert.throws(() => lunarToSolar({ day: 1, month: 1, year: 2024, leap: true }), InvalidLunarDateError);
  });

  it('rejects day 30 of a 29-day month and accepts it in a 30-day month', () => {
    // The 12th month of Ất Tỵ (2025) has 29 days: Tết 2026 follows 29/12.
    assert.throws(() => lunarToSolar({ day: 30, month: 12, year: 2025, leap: false }), InvalidLunarDateError);
    // The 12th month of Mậu Tuất (2018) has 30 days: 2019-02-04 was 30 Tết.
    assert.equal(lunarToSolar({ day: 30, month: 12, year: 2018, leap: false }), '2019-02-04');
  });

  it('rejects out-of-range numbers with a typed error carrying a code', () => {
    for (const bad of [
      { day: 0, month: 1, year: 2025, leap: false },
      { day: 31, month: 1, year: 2025, leap: false },
      { day: 1, month: 13, year: 2025, leap: false },
      { day: 1.5, month: 1, year: 2025, leap: false },
    ]) {
      assert.throws(
        () => lunarToSolar(bad),
        (error: unknown) =>
          error instanceof InvalidLunarDateError && error.code === 'CALENDAR_INVALID_LUNAR_DATE',
      );
    }
  });

  it('rejects a Gregorian date that does not exist', () => {
    assert.throws(() => solarToLunar('2025-02-29'));
    assert.throws(() => solarToLunar('2025-2-1'));
  });
});

describe('lunar calendar: agreement with @dqcai/vn-lunar', () => {
  it('matches the library on every day from 2000-01-01 to 2050-12-31 and round-trips', () => {
    const mismatches: string[] = [];
    const start = Date.UTC(2000, 0, 1);
    const end = Date.UTC(2050, 11, 31);
    let days = 0;
    for (let ms = start; ms <= end; ms += 86_400_000) {
      const date = new Date(ms);
      const year = date.getUTCFullYear();
      const month = date.getUTCMonth() + 1;
      const day = date.getUTCDate();
      const iso = isoOf(year, month, day);
      const ours = solarToLunar(iso);
      const theirs = getLunarDate(day, month, year);
      if (
        ours.day !== theirs.day ||
        ours.month !== theirs.month ||
        ours.year !== theirs.year ||
        ours.leap !== theirs.leap
      ) {
        mismatches.push(`${iso}: ours ${JSON.stringify(ours)} library ${theirs.toString()}`);
      }
      if (lunarToSolar(ours) !== iso) mismatches.push(`${iso}: round trip gave ${lunarToSolar(ours)}`);
      days++;
    }
    assert.equal(days, 18_628);
    assert.deepEqual(mismatches.slice(0, 5), []);
  });
});
