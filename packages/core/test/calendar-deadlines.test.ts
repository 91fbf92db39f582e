import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addCalendarDaysExcludingHolidays,
  addWorkingDays,
  addWorkingTime,
  classifyResult,
  clockStart,
  clockStatus,
  createWorkCalendar,
  DeadlineError,
  formatVnDateTime,
  isWorkingInstant,
  nextWorkingDay,
  nextWorkingInstant,
  restartAfterSupplement,
  solarToLunar,
  splitBudget,
  startOfNextSession,
  transferDeadline,
  vnDate,
  vnDateTime,
  withinDayDeadline,
  workingMillisBetween,
} from '../src/calendar/index.ts';

const calendar = createWorkCalendar();
const HOUR = 3_600_000;
const at = vnDateTime;
const show = formatVnDateTime;

describe('Vietnam time helpers', () => {
  it('reads and formats instants at UTC+7 whatever the UTC date', () => {
    const instant = new Date('2025-04-29T17:30:00Z');
    assert.equal(vnDate(instant), '2025-04-30');
    assert.equal(show(instant), '00:30 30/04/2025');
    assert.equal(at('2025-04-30', '00:30').toISOString(), '2025-04-29T17:30:00.000Z');
  });
});

describe('addWorkingTime', () => {
  it('moves the appointment past Tết when the dossier arrives on the 26th of the twelfth lunar month (2026)', () => {
    assert.deepEqual(solarToLunar('2026-02-13'), { day: 26, month: 12, year: 2025, leap: false });
    // Fri 13/02 09:00: 6 h that day; 16–20/02 Tết; 23/02 and 24/02 8 h each; 2 h on 25/02.
    assert.equal(show(addWorkingTime(calendar, at('2026-02-13', '09:00'), { days: 3 })), '09:00 25/02/2026');
  });

  it('starts the clock after Tết for a dossier posted on the 27th of the twelfth lunar month (Saturday 14/02/2026)', () => {
    assert.deepEqual(solarToLunar('2026-02-14'), { day: 27, month: 12, year: 2025, leap: false });
    assert.equal(show(clockStart(calendar, at('2026-02-14', '10:00'))), '07:00 23/02/2026');
    assert.equal(show(addWorkingTime(calendar, at('2026-02-14', '10:00'), { days: 3 })), '17:00 25/02/2026');
  });

  it('counts the swapped working Saturday 26/04/2025 and skips 30/4, 1/5 and the swapped 02/05', () => {
    // Fri 25/04 10:00: 5 h; Sat 26/04 8 h; Mon 28/04 3 h.
    assert.equal(show(addWorkingTime(calendar, at('2025-04-25', '10:00'), { days: 2 })), '10:00 28/04/2025');
    // Tue 29/04 14:00: 3 h; then nothing until Mon 05/05: 4.5 h morning + 0.5 h.
    assert.equal(show(addWorkingTime(calendar, at('2025-04-29', '14:00'), { days: 1 })), '14:00 05/05/2025');
  });

  it('skips Quốc khánh 01/09 and 02/09/2025', () => {
    assert.equal(show(addWorkingTime(calendar, at('2025-08-29', '15:00'), { days: 1 })), '15:00 03/09/2025');
  });

  it('uses the announced Tết 2024 (08/02–14/02), so Thursday 15/02/2024 is a working day', () => {
    assert.equal(show(addWorkingTime(calendar, at('2024-02-07', '08:00'), { days: 2 })), '08:00 16/02/2024');
  });

  it('carries a dossier received at 16:30 on Friday over the weekend', () => {
    assert.equal(show(addWorkingTime(calendar, at('2025-10-10', '16:30'), { days: 1 })), '16:30 13/10/2025');
  });

  it('starts the clock at 13:30 for a dossier received at 11:45 (lunch break)', () => {
    assert.equal(show(clockStart(calendar, at('2025-10-14', '11:45'))), '13:30 14/10/2025');
    assert.equal(show(addWorkingTime(calendar, at('2025-10-14', '11:45'), { hours: 4 })), '07:30 15/10/2025');
  });

  it('gives an appointment that falls exactly at a session end that end time', () => {
    assert.equal(
      show(addWorkingTime(calendar, at('2025-10-14', '11:45'), { hours: 3.5 })),
      '17:00 14/10/2025',
    );
    assert.equal(
      show(addWorkingTime(calendar, at('2025-10-14', '07:00'), { hours: 4.5 })),
      '11:30 14/10/2025',
    );
    assert.equal(show(addWorkingTime(calendar, at('2025-10-14', '07:00'), { days: 1 })), '17:00 14/10/2025');
  });

  it('starts the clock at 07:00 the next working day for a receipt at or after 17:00 or before 07:00', () => {
    assert.equal(show(addWorkingTime(calendar, at('2025-10-14', '17:00'), { hours: 1 })), '08:00 15/10/2025');
    assert.equal(show(addWorkingTime(calendar, at('2025-10-15', '05:10'), { hours: 1 })), '08:00 15/10/2025');
  });

  it('returns the receipt instant or the next session start for a zero amount, and rejects negative or non-finite amounts', () => {
    assert.equal(show(addWorkingTime(calendar, at('2025-10-18', '09:00'), { days: 0 })), '07:00 20/10/2025');
    assert.equal(show(addWorkingTime(calendar, at('2025-10-14', '17:00'), { days: 0 })), '17:00 14/10/2025');
    assert.throws(() => addWorkingTime(calendar, at('2025-10-14', '09:00'), { days: -1 }), DeadlineError);
    assert.throws(
      () => addWorkingTime(calendar, at('2025-10-14', '09:00'), { hours: Number.NaN }),
      DeadlineError,
    );
  });

  it('follows a site’s own sessions', () => {
    const site = createWorkCalendar({ sessions: [{ start: '08:00', end: '12:00' }] });
    // A working day there is 4 h: Tue 10:00 + 1 day = 2 h Tue + 2 h Wed.
    assert.equal(show(addWorkingTime(site, at('2025-10-14', '10:00'), { days: 1 })), '10:00 15/10/2025');
  });
});

describe('working days and sessions', () => {
  it('finds the next working day across holidays and swapped Saturdays', () => {
    assert.equal(nextWorkingDay(calendar, '2025-04-29'), '2025-05-05');
    assert.equal(nextWorkingDay(calendar, '2025-04-25'), '2025-04-26');
    assert.equal(addWorkingDays(calendar, '2025-04-25', 2), '2025-04-28');
    assert.equal(addWorkingDays(calendar, '2025-05-05', -1), '2025-04-29');
    assert.equal(addWorkingDays(calendar, '2025-10-19', 0), '2025-10-20');
    assert.equal(addWorkingDays(calendar, '2025-10-20', 0), '2025-10-20');
  });

  it('gives the start of the next session at or after an instant', () => {
    assert.equal(show(startOfNextSession(calendar, at('2025-10-14', '10:00'))), '13:30 14/10/2025');
    assert.equal(show(startOfNextSession(calendar, at('2025-10-14', '13:30'))), '13:30 14/10/2025');
    assert.equal(show(startOfNextSession(calendar, at('2025-10-17', '14:00'))), '07:00 20/10/2025');
  });

  it('measures working time between instants, negative when reversed', () => {
    const from = at('2025-10-17', '16:00');
    const to = at('2025-10-20', '08:00');
    assert.equal(workingMillisBetween(calendar, from, to), 2 * HOUR);
    assert.equal(workingMillisBetween(calendar, to, from), -2 * HOUR);
    assert.equal(workingMillisBetween(calendar, from, from), 0);
    assert.equal(workingMillisBetween(calendar, at('2025-10-18', '08:00'), at('2025-10-18', '12:00')), 0);
  });
});

describe('transferDeadline (chuyển hồ sơ)', () => {
  it('requires transfer the same working day up to 15:00 and at the START of the next working day after', () => {
    assert.equal(show(transferDeadline(calendar, at('2025-10-14', '14:59'))), '17:00 14/10/2025');
    assert.equal(show(transferDeadline(calendar, at('2025-10-14', '15:00'))), '17:00 14/10/2025');
    assert.equal(show(transferDeadline(calendar, at('2025-10-14', '15:01'))), '07:00 15/10/2025');
    assert.equal(show(transferDeadline(calendar, at('2025-10-17', '16:30'))), '07:00 20/10/2025');
  });

  it('moves receipts on days off to the start of the next working day, past holidays', () => {
    assert.equal(show(transferDeadline(calendar, at('2025-10-18', '09:00'))), '07:00 20/10/2025');
    assert.equal(show(transferDeadline(calendar, at('2025-04-29', '16:00'))), '07:00 05/05/2025');
  });

  it("opens the next day at the site's own first session", () => {
    const site = createWorkCalendar({
      sessions: [
        { start: '07:30', end: '11:30' },
        { start: '13:00', end: '17:00' },
      ],
    });
    assert.equal(show(transferDeadline(site, at('2025-10-14', '16:10'))), '07:30 15/10/2025');
  });

  it('accepts another cut-off time', () => {
    assert.equal(
      show(transferDeadline(calendar, at('2025-10-14', '15:30'), { cutoff: '16:00' })),
      '17:00 14/10/2025',
    );
  });
});

describe('withinDayDeadline (trong ngày)', () => {
  it('is due the same day, not 24 hours later, when received before the cut-off', () => {
    assert.equal(show(withinDayDeadline(calendar, at('2025-10-14', '08:00'))), '17:00 14/10/2025');
    assert.equal(show(withinDayDeadline(calendar, at('2025-10-14', '15:00'))), '17:00 14/10/2025');
    assert.equal(show(withinDayDeadline(calendar, at('2025-10-14', '06:30'))), '17:00 14/10/2025');
  });

  it('is due the next working day after the cut-off or on a day off', () => {
    assert.equal(show(withinDayDeadline(calendar, at('2025-10-14', '15:01'))), '17:00 15/10/2025');
    assert.equal(show(withinDayDeadline(calendar, at('2025-10-17', '16:00'))), '17:00 20/10/2025');
    assert.equal(show(withinDayDeadline(calendar, at('2025-10-18', '09:00'))), '17:00 20/10/2025');
    assert.equal(show(withinDayDeadline(calendar, at('2025-04-29', '16:00'))), '17:00 05/05/2025');
  });

  it("uses the cut-off given (the procedure's or the site's)", () => {
    assert.equal(show(withinDayDeadline(calendar, at('2025-10-14', '10:30'), '10:00')), '17:00 15/10/2025');
    assert.equal(show(withinDayDeadline(calendar, at('2025-10-14', '16:00'), '16:00')), '17:00 14/10/2025');
  });
});

describe('working instants', () => {
  it('accepts session times, their start and end, and refuses lunch, nights and days off', () => {
    assert.equal(isWorkingInstant(calendar, at('2025-10-14', '07:00')), true);
    assert.equal(isWorkingInstant(calendar, at('2025-10-14', '11:30')), true);
    assert.equal(isWorkingInstant(calendar, at('2025-10-14', '17:00')), true);
    assert.equal(isWorkingInstant(calendar, at('2025-10-14', '12:00')), false);
    assert.equal(isWorkingInstant(calendar, at('2025-10-14', '17:01')), false);
    assert.equal(isWorkingInstant(calendar, at('2025-10-19', '09:00')), false); // Sunday
    assert.equal(isWorkingInstant(calendar, at('2025-09-01', '09:00')), false); // Quốc khánh
    assert.equal(isWorkingInstant(calendar, at('2025-04-26', '09:00')), true); // swapped Saturday
  });

  it('offers the next session start for an instant outside working time', () => {
    assert.equal(show(nextWorkingInstant(calendar, at('2025-10-19', '09:00'))), '07:00 20/10/2025');
    assert.equal(show(nextWorkingInstant(calendar, at('2025-10-14', '12:00'))), '13:30 14/10/2025');
    assert.equal(show(nextWorkingInstant(calendar, at('2025-10-14', '10:15'))), '10:15 14/10/2025');
  });
});

describe('addCalendarDaysExcludingHolidays', () => {
  it('counts weekends but not holidays or swapped days off, from the day after receipt', () => {
    // 26/04 … 29/04 (4), 30/04–02/05 skipped, 03/05 … 08/05 (6) → ends Thu 08/05/2025.
    assert.equal(
      show(addCalendarDaysExcludingHolidays(calendar, at('2025-04-25', '10:00'), 10)),
      '17:00 08/05/2025',
    );
  });

  it('moves an end falling on a weekend to the next working day', () => {
    assert.equal(
      show(addCalendarDaysExcludingHolidays(calendar, at('2025-06-01', '10:00'), 6)),
      '17:00 09/06/2025',
    );
  });
});

describe('splitBudget', () => {
  it('splits a budget into integer steps that sum exactly to the total', () => {
    assert.deepEqual(splitBudget(10, [1, 1, 1]), [4, 3, 3]);
    assert.deepEqual(splitBudget(15, [0.5, 0.3, 0.2]), [8, 4, 3]);
    const millis = 7 * 8 * HOUR + 1;
    const parts = splitBudget(millis, [2, 3, 5]);
    assert.equal(
      parts.reduce((a, b) => a + b, 0),
      millis,
    );
  });

  it('rejects bad totals and shares', () => {
    assert.throws(() => splitBudget(1.5, [1]), DeadlineError);
    assert.throws(() => splitBudget(10, []), DeadlineError);
    assert.throws(() => splitBudget(10, [0, 0]), DeadlineError);
    assert.throws(() => splitBudget(10, [1, -1]), DeadlineError);
  });
});

describe('clockStatus', () => {
  const start = at('2025-10-13', '07:00');
  const due = addWorkingTime(calendar, start, { days: 1 }); // Mon 17:00

  it('reports used and left working time and flags the last 20% as nearing due', () => {
    const at15 = clockStatus(calendar, { start, due, now: at('2025-10-13', '15:00') });
    assert.deepEqual(at15, {
      usedMillis: 6 * HOUR,
      leftMillis: 2 * HOUR,
      overdue: false,
      overdueMillis: 0,
      nearingDue: false,
    });
    assert.equal(clockStatus(calendar, { start, due, now: at('2025-10-13', '15:30') }).nearingDue, true);
  });

  it('uses a configurable nearing share', () => {
    assert.equal(
      clockStatus(calendar, { start, due, now: at('2025-10-13', '15:00'), nearingShare: 0.3 }).nearingDue,
      true,
    );
  });

  it('measures overdue time in working time only', () => {
    const tuesday = clockStatus(calendar, { start, due, now: at('2025-10-14', '08:00') });
    assert.equal(tuesday.overdue, true);
    assert.equal(tuesday.overdueMillis, HOUR);
    assert.equal(tuesday.leftMillis, 0);
    assert.equal(tuesday.nearingDue, false);
    const evening = clockStatus(calendar, { start, due, now: at('2025-10-13', '20:00') });
    assert.deepEqual([evening.overdue, evening.overdueMillis], [true, 0]);
  });
});

describe('restartAfterSupplement', () => {
  it('restarts the full processing time from zero at receipt of the completed dossier', () => {
    const received = at('2025-10-13', '07:00');
    const originalDue = addWorkingTime(calendar, received, { days: 5 });
    assert.equal(show(originalDue), '17:00 17/10/2025');
    // Supplement requested after 2 days, completed dossier back on Wed 22/10 at 10:00.
    const newDue = restartAfterSupplement(calendar, at('2025-10-22', '10:00'), { days: 5 });
    assert.equal(show(newDue), '10:00 29/10/2025');
  });
});

describe('classifyResult', () => {
  const due = at('2025-10-20', '17:00');
  it('is early on a day before the due day, on time on the due day until the due instant, late after', () => {
    assert.equal(classifyResult(at('2025-10-17', '16:59'), due), 'early');
    assert.equal(classifyResult(at('2025-10-20', '07:00'), due), 'on_time');
    assert.equal(classifyResult(due, due), 'on_time');
    assert.equal(classifyResult(at('2025-10-20', '17:01'), due), 'late');
  });

  it('uses the Vietnam calendar day, not the UTC day', () => {
    // 2025-10-20 06:30 in Vietnam is 2025-10-19 23:30 UTC: still the due day, so on time.
    assert.equal(classifyResult(new Date('2025-10-19T23:30:00Z'), due), 'on_time');
  });
});
