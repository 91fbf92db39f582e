import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromEpochDay, toEpochDay } from '../src/calendar/dates.ts';
import {
  ANNOUNCEMENTS,
  announcedEntries,
  CalendarConfigError,
  createWorkCalendar,
  DEFAULT_SESSIONS,
  defaultEntries,
  defaultNationalDayExtra,
  defaultTetDays,
  formatCalendarYear,
  isIsoDate,
} from '../src/calendar/index.ts';

const calendar = createWorkCalendar();

function offDates(entries: { date: string; kind: string }[]): string[] {
  return entries.filter((e) => e.kind === 'off').map((e) => e.date);
}

describe('computed default holidays', () => {
  it('places the 5 days of Tết on the last day of the lunar year and days 1–4, with compensation for weekends', () => {
    // Tết Ất Tỵ: 2025-01-29 (Wed); the 12th month ended on 2025-01-28; 2025-02-01 is a Saturday.
    const tet = defaultEntries(2025).filter((e) => e.holiday === 'lunarNewYear');
    assert.deepEqual(
      tet.map((e) => [e.date, e.reason]),
      [
        ['2025-01-28', 'Tết Nguyên đán'],
        ['2025-01-29', 'Tết Nguyên đán'],
        ['2025-01-30', 'Tết Nguyên đán'],
        ['2025-01-31', 'Tết Nguyên đán'],
        ['2025-02-01', 'Tết Nguyên đán'],
        ['2025-02-03', 'Nghỉ bù Tết Nguyên đán'],
      ],
    );
  });

  it('reproduces with the default Tết rule the years whose announcement followed it (2019, 2022, 2026)', () => {
    assert.deepEqual(defaultTetDays(2019), [
      '2019-02-04',
      '2019-02-05',
      '2019-02-06',
      '2019-02-07',
      '2019-02-08',
    ]);
    assert.deepEqual(defaultTetDays(2022), [
      '2022-01-31',
      '2022-02-01',
      '2022-02-02',
      '2022-02-03',
      '2022-02-04',
    ]);
    assert.deepEqual(defaultTetDays(2026), [
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
  });

  it('gives only 2/9 before 2021 and 2/9 plus 1/9 or 3/9 from 2021 (Labour Code 2019)', () => {
    const national = (year: number) =>
      defaultEntries(year)
        .filter((e) => e.holiday === 'nationalDay')
        .map((e) => e.date);
    assert.deepEqual(national(2019), ['2019-09-02']);
    assert.deepEqual(national(2020), ['2020-09-02']);
    assert.deepEqual(national(2021), ['2021-09-02', '2021-09-03']);
    assert.deepEqual(national(2025), ['2025-09-01', '2025-09-02']);
  });

  it('chooses the adjacent National Day that joins a weekend, matching the announced choices 2021–2025', () => {
    assert.equal(defaultNationalDayExtra(2021), '2021-09-03'); // 2/9 Thursday
    assert.equal(defaultNationalDayExtra(2022), '2022-09-01'); // Friday
    assert.equal(defaultNationalDayExtra(2023), '2023-09-01'); // Saturday
    assert.equal(defaultNationalDayExtra(2024), '2024-09-03'); // Monday
    assert.equal(defaultNationalDayExtra(2025), '2025-09-01'); // Tuesday
  });

  it('gives each weekend holiday its own compensatory weekday after the holiday run (2023: Giỗ Tổ Sat, 30/4 Sun)', () => {
    const may = defaultEntries(2023).filter((e) => e.date >= '2023-04-29' && e.date <= '2023-05-03');
    assert.deepEqual(
      may.map((e) => [e.date, e.reason]),
      [
        ['2023-04-29', 'Giỗ Tổ Hùng Vương'],
        ['2023-04-30', 'Ngày Chiến thắng 30/4'],
        ['2023-05-01', 'Ngày Quốc tế Lao động 1/5'],
        ['2023-05-02', 'Nghỉ bù Giỗ Tổ Hùng Vương'],
        ['2023-05-03', 'Nghỉ bù Ngày Chiến thắng 30/4'],
      ],
    );
  });

  it('gives New Year on a Saturday a Monday off (2022-01-03)', () => {
    assert.deepEqual(calendar.dayInfo('2022-01-03'), {
      kind: 'off',
      reason: 'Nghỉ bù Tết Dương lịch',
      origin: 'default',
    });
  });

  it('keeps the yearly balance: holidays minus swapped Saturdays is 10 days before 2021 and 11 after', () => {
    let net = 0;
    for (let year = 2018; year <= 2026; year++) {
      for (const e of calendar.nonStandardDays(year)) net += e.kind === 'off' ? 1 : -1;
    }
    assert.equal(net, 3 * 10 + 6 * 11); // 2018-12-31 (off) and 2019-01-05 (work) cancel across the years
    for (let year = 2027; year <= 2100; year++) {
      const days = calendar.nonStandardDays(year);
      assert.equal(days.filter((e) => e.kind === 'off').length, 11, `year ${year}`);
      assert.equal(days.filter((e) => e.kind === 'work').length, 0, `year ${year}`);
    }
  });
});

describe('announced schedules 2018–2026', () => {
  it('cites a source on every announced entry', () => {
    for (let year = 2018; year <= 2026; year++) {
      for (const entry of announcedEntries(year)) {
        assert.ok(entry.source && entry.source.length > 20, `${entry.date} has no source`);
        assert.equal(entry.reason, entry.reason.normalize('NFC'));
      }
    }
    assert.deepEqual(
      [...new Set(ANNOUNCEMENTS.map((a) => a.year))],
      [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026],
    );
  });

  it('makes Saturdays 05/01/2019 and 04/05/2019 working days for 31/12/2018 and 29/04/2019 off', () => {
    assert.equal(calendar.dayInfo('2019-01-05').kind, 'work');
    assert.equal(calendar.dayInfo('2019-05-04').kind, 'work');
    assert.equal(calendar.dayInfo('2018-12-31').kind, 'off');
    assert.equal(calendar.dayInfo('2019-04-29').kind, 'off');
    assert.equal(calendar.dayInfo('2019-05-04').reason, 'Làm bù cho ngày 29/04');
    assert.equal(calendar.dayInfo('2019-01-05').reason, 'Làm bù cho ngày 31/12/2018');
    assert.ok(offDates(announcedEntries(2018)).includes('2018-12-31'));
  });

  it('swaps 2024-04-29 with Saturday 2024-05-04 and 2025-05-02 with Saturday 2025-04-26', () => {
    assert.equal(calendar.isWorkingDay('2024-04-29'), false);
    assert.equal(calendar.isWorkingDay('2024-05-04'), true);
    assert.equal(calendar.isWorkingDay('2025-05-02'), false);
    assert.deepEqual(
      { kind: calendar.dayInfo('2025-04-26').kind, reason: calendar.dayInfo('2025-04-26').reason },
      { kind: 'work', reason: 'Làm bù cho ngày 02/05' },
    );
    assert.match(calendar.dayInfo('2025-04-26').source ?? '', /8726\/VPCP-KGVX/);
  });

  it('replaces the computed Tết placement by the announced one (2024: 08/02–14/02, not 09/02–15/02)', () => {
    assert.equal(calendar.isWorkingDay('2024-02-08'), false);
    assert.equal(calendar.isWorkingDay('2024-02-15'), true);
    assert.deepEqual(offDates(calendar.nonStandardDays(2024)).slice(1, 6), [
      '2024-02-08',
      '2024-02-09',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
    ]);
  });

  it('still applies computed holidays the announcement does not mention (Giỗ Tổ 2026 on Sunday → Monday off)', () => {
    assert.deepEqual(calendar.dayInfo('2026-04-27'), {
      kind: 'off',
      reason: 'Nghỉ bù Giỗ Tổ Hùng Vương',
      origin: 'default',
    });
  });
});

describe('WorkCalendar', () => {
  it('uses the weekday rule on ordinary days', () => {
    assert.deepEqual(calendar.dayInfo('2025-10-14'), {
      kind: 'work',
      reason: 'Ngày làm việc',
      origin: 'weekday',
    });
    assert.deepEqual(calendar.dayInfo('2025-10-18'), {
      kind: 'off',
      reason: 'Nghỉ cuối tuần (thứ Bảy)',
      origin: 'weekday',
    });
    assert.equal(calendar.dayInfo('2025-10-19').reason, 'Nghỉ cuối tuần (Chủ nhật)');
  });

  it('lets admin overrides win over announced and computed days, the last one for a date winning', () => {
    const site = createWorkCalendar({
      entries: [
        { date: '2025-04-26', kind: 'off', reason: 'Tỉnh không áp dụng hoán đổi' },
        { date: '2025-09-03', kind: 'work', reason: 'tạm' },
        {
          date: '2025-09-03',
          kind: 'off',
          reason: 'Nghỉ theo quyết định của UBND tỉnh',
          source: 'QĐ 123/QĐ-UBND',
        },
      ],
    });
    assert.deepEqual(site.dayInfo('2025-09-03'), {
      kind: 'off',
      reason: 'Nghỉ theo quyết định của UBND tỉnh',
      origin: 'override',
      source: 'QĐ 123/QĐ-UBND',
    });
    assert.equal(site.isWorkingDay('2025-04-26'), false);
    assert.equal(calendar.isWorkingDay('2025-04-26'), true, 'other calendars are not affected');
  });

  it('rejects malformed overrides and sessions with typed errors', () => {
    assert.throws(() => createWorkCalendar({ entries: [{ date: '2025-02-30', kind: 'off', reason: 'x' }] }));
    assert.throws(
      () => createWorkCalendar({ sessions: [{ start: '13:00', end: '12:00' }] }),
      CalendarConfigError,
    );
    assert.throws(
      () =>
        createWorkCalendar({
          sessions: [
            { start: '07:00', end: '12:00' },
            { start: '11:00', end: '17:00' },
          ],
        }),
      CalendarConfigError,
    );
    assert.throws(
      () => createWorkCalendar({ sessions: [{ start: '7:00', end: '11:00' }] }),
      CalendarConfigError,
    );
    assert.throws(() => createWorkCalendar({ sessions: [] }), CalendarConfigError);
  });

  it('has 8 working hours a day with the default sessions and sorts custom sessions', () => {
    assert.equal(calendar.workingMillisPerDay, 8 * 3_600_000);
    assert.deepEqual(calendar.sessions, DEFAULT_SESSIONS);
    const site = createWorkCalendar({
      sessions: [
        { start: '13:00', end: '16:30' },
        { start: '07:30', end: '11:30' },
      ],
    });
    assert.deepEqual(site.sessions, [
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '16:30' },
    ]);
    assert.equal(site.workingMillisPerDay, 7.5 * 3_600_000);
  });
});

describe('formatCalendarYear (motcua calendar show <year>)', () => {
  it('prints the 2025 public-sector calendar line by line', () => {
    assert.equal(
      formatCalendarYear(2025, calendar),
      [
        '2025-01-01  off  Tết Dương lịch',
        '2025-01-27  off  Tết Nguyên đán',
        '2025-01-28  off  Tết Nguyên đán',
        '2025-01-29  off  Tết Nguyên đán',
        '2025-01-30  off  Tết Nguyên đán',
        '2025-01-31  off  Tết Nguyên đán',
        '2025-04-07  off  Giỗ Tổ Hùng Vương',
        '2025-04-26  work  Làm bù cho ngày 02/05',
        '2025-04-30  off  Ngày Chiến thắng 30/4',
        '2025-05-01  off  Ngày Quốc tế Lao động 1/5',
        '2025-05-02  off  Nghỉ hoán đổi, làm bù ngày 26/04',
        '2025-09-01  off  Quốc khánh',
        '2025-09-02  off  Quốc khánh',
      ].join('\n'),
    );
  });

  it('prints the 2026 calendar with the New Year swap and the Tết days of Thông báo 9441/TB-BNV', () => {
    const lines = formatCalendarYear(2026, calendar).split('\n');
    assert.deepEqual(lines.slice(0, 8), [
      '2026-01-01  off  Tết Dương lịch',
      '2026-01-02  off  Nghỉ hoán đổi, làm bù ngày 10/01',
      '2026-01-10  work  Làm bù cho ngày 02/01',
      '2026-02-16  off  Tết Nguyên đán',
      '2026-02-17  off  Tết Nguyên đán',
      '2026-02-18  off  Tết Nguyên đán',
      '2026-02-19  off  Tết Nguyên đán',
      '2026-02-20  off  Tết Nguyên đán',
    ]);
  });

  it('formats every line as date, two spaces, kind, two spaces, reason, in date order', () => {
    for (const year of [2018, 2019, 2020, 2030]) {
      const lines = formatCalendarYear(year, calendar).split('\n');
      assert.ok(lines.length >= 10);
      for (const line of lines) assert.match(line, /^\d{4}-\d{2}-\d{2} {2}(off|work) {2}\S.*$/);
      assert.deepEqual([...lines].sort(), lines);
    }
  });
});

describe('isWorkingEpochDay (the day-by-day question of the deadline arithmetic)', () => {
  it('answers as isWorkingDay for every day of 2018–2027, overrides included, asked twice', () => {
    const withOverrides = createWorkCalendar({
      entries: [
        { date: '2026-12-05', kind: 'work', reason: 'Làm bù (thứ Bảy)' },
        { date: '2026-12-07', kind: 'off', reason: 'Nghỉ theo quyết định của UBND tỉnh' },
      ],
    });
    const first = toEpochDay('2018-01-01');
    const last = toEpochDay('2027-12-31');
    for (const round of [1, 2]) {
      let offDays = 0;
      for (let day = first; day <= last; day++) {
        const expected = withOverrides.isWorkingDay(fromEpochDay(day));
        assert.equal(withOverrides.isWorkingEpochDay(day), expected, `${fromEpochDay(day)}, round ${round}`);
        if (!expected) offDays++;
      }
      assert.ok(offDays > 1000, 'weekends and holidays are off');
    }
    assert.equal(withOverrides.isWorkingEpochDay(toEpochDay('2026-12-05')), true);
    assert.equal(withOverrides.isWorkingEpochDay(toEpochDay('2026-12-07')), false);
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar days, including 29 February of a leap year', () => {
    for (const date of ['2026-02-28', '2024-02-29', '2026-12-31', '2000-02-29', '1990-01-01']) {
      assert.equal(isIsoDate(date), true, date);
    }
  });
  it('refuses impossible days and other shapes', () => {
    for (const date of [
      '2026-02-30',
      '2026-13-45',
      '2025-02-29',
      '1900-02-29',
      '2026-00-10',
      '2026-04-31',
      '2026-1-5',
      '2026-01-05T00:00',
      ' 2026-01-05',
      '',
    ]) {
      assert.equal(isIsoDate(date), false, date);
    }
  });
});
