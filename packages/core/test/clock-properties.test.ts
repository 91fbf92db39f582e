/**
 * Properties of the clock (issue 16 point 3, issue 14 point 2) over random instants and procedures:
 * every appointment lands on working time; a dossier received after 15:00 must reach the agency at
 * the start of the next working day; after a supplement the new appointment is the complete dossier's
 * arrival at the agency + the full processing time + the return leg.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addDays,
  addWorkingTime,
  createWorkCalendar,
  startOfNextSession,
  transferDeadline,
  vnDate,
  workingMillisBetween,
} from '../src/calendar/index.ts';
import {
  agencyDueAt,
  appointmentAfterSupplement,
  appointmentOffWorkingTime,
  citizenAppointment,
  type ProcessingTime,
} from '../src/dossier/index.ts';

const HOUR = 3_600_000;
const calendars = [
  createWorkCalendar(),
  createWorkCalendar({
    sessions: [
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '17:00' },
    ],
  }),
];

/** Instants from 2018 to 2027, to the minute. */
const instant = fc
  .integer({ min: Date.UTC(2018, 0, 1) / 60_000, max: Date.UTC(2027, 11, 31) / 60_000 })
  .map((minutes) => new Date(minutes * 60_000));
const cutoff = fc
  .tuple(fc.integer({ min: 8, max: 16 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const procedure: fc.Arbitrary<ProcessingTime> = fc.oneof(
  fc.integer({ min: 0, max: 30 }).map((amount) => ({ unit: 'working_days' as const, amount })),
  fc.integer({ min: 1, max: 80 }).map((amount) => ({ unit: 'working_hours' as const, amount })),
  fc.option(cutoff, { nil: null }).map((c) => ({ unit: 'within_day' as const, amount: 0, cutoff: c })),
  fc.integer({ min: 1, max: 60 }).map((amount) => ({ unit: 'calendar_days_excl_holidays' as const, amount })),
);
const leg = fc.integer({ min: 0, max: 8 });
const calendarIndex = fc.integer({ min: 0, max: calendars.length - 1 });

function minutesOfDayVn(date: Date): number {
  const local = new Date(date.getTime() + 7 * HOUR);
  return local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60;
}

/** Working time checked from the calendar's data, not through the function under test. */
function onWorkingTime(calendar: (typeof calendars)[number], at: Date): boolean {
  if (!calendar.isWorkingDay(vnDate(at))) return false;
  const minute = minutesOfDayVn(at);
  return calendar.sessionMinutes.some((s) => s.start <= minute && minute <= s.end);
}

describe('clock properties', () => {
  it('never puts an appointment outside working time, whatever the kind of time limit and the legs', () => {
    fc.assert(
      fc.property(calendarIndex, instant, procedure, leg, leg, (c, receivedAt, processing, out, back) => {
        const calendar = calendars[c]!;
        const agencyDue = agencyDueAt(calendar, receivedAt, processing);
        assert.ok(onWorkingTime(calendar, agencyDue), `agency due ${agencyDue.toISOString()}`);
        const appointment = citizenAppointment(calendar, {
          receivedAt,
          processing,
          outboundLegDays: out,
          returnLegDays: back,
        });
        assert.ok(onWorkingTime(calendar, appointment), `appointment ${appointment.toISOString()}`);
        assert.ok(appointment.getTime() >= receivedAt.getTime());
      }),
      { numRuns: 400 },
    );
  });

  it('settles within-the-day procedures the same working day exactly when received by the cut-off', () => {
    fc.assert(
      fc.property(calendarIndex, instant, cutoff, (c, receivedAt, cut) => {
        const calendar = calendars[c]!;
        const due = agencyDueAt(calendar, receivedAt, { unit: 'within_day', amount: 0, cutoff: cut });
        const [h, m] = cut.split(':').map(Number) as [number, number];
        const day = vnDate(receivedAt);
        const sameDay = calendar.isWorkingDay(day) && minutesOfDayVn(receivedAt) <= h * 60 + m;
        const last = calendar.sessionMinutes[calendar.sessionMinutes.length - 1]!;
        assert.equal(minutesOfDayVn(due), last.end, 'due at the end of the working day');
        if (sameDay) assert.equal(vnDate(due), day);
        else {
          assert.ok(vnDate(due) > day);
          for (let d = addDays(day, 1); d < vnDate(due); d = addDays(d, 1))
            assert.equal(calendar.isWorkingDay(d), false, `${d} skipped`);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('makes a dossier received after 15:00 (or on a day off) due at the agency at the next session start', () => {
    fc.assert(
      fc.property(calendarIndex, instant, (c, receivedAt) => {
        const calendar = calendars[c]!;
        const due = transferDeadline(calendar, receivedAt);
        const day = vnDate(receivedAt);
        const afterCutoff = !calendar.isWorkingDay(day) || minutesOfDayVn(receivedAt) > 15 * 60;
        if (!afterCutoff) {
          assert.equal(vnDate(due), day);
          return;
        }
        // The first session's opening of the first working day after the day of receipt.
        assert.ok(vnDate(due) > day);
        assert.ok(calendar.isWorkingDay(vnDate(due)));
        assert.equal(minutesOfDayVn(due), calendar.sessionMinutes[0]!.start);
        for (let d = addDays(day, 1); d < vnDate(due); d = addDays(d, 1))
          assert.equal(calendar.isWorkingDay(d), false, `${d} skipped`);
        assert.equal(due.getTime(), startOfNextSession(calendar, due).getTime());
      }),
      { numRuns: 400 },
    );
  });

  it('after a supplement: arrival at the agency + the full processing time + the return leg', () => {
    const counted = fc.oneof(
      fc.integer({ min: 1, max: 30 }).map((amount) => ({ unit: 'working_days' as const, amount })),
      fc.integer({ min: 1, max: 80 }).map((amount) => ({ unit: 'working_hours' as const, amount })),
    );
    fc.assert(
      fc.property(
        calendarIndex,
        instant,
        counted,
        leg,
        leg,
        instant,
        (c, handedInAt, processing, out, back, previous) => {
          const calendar = calendars[c]!;
          const plan = appointmentAfterSupplement(calendar, {
            receivedAt: handedInAt,
            processing,
            outboundLegDays: out,
            returnLegDays: back,
            previousAppointment: previous,
          });
          const day = calendar.workingMillisPerDay;
          const full =
            processing.unit === 'working_days' ? processing.amount * day : processing.amount * HOUR;
          // The outbound leg again when handed in at a post office, nothing when handed in at the agency.
          assert.equal(workingMillisBetween(calendar, handedInAt, plan.arrivesAtAgency), out * day);
          // The whole processing time from the arrival, whatever was used before the request.
          assert.equal(workingMillisBetween(calendar, plan.arrivesAtAgency, plan.agencyDue), full);
          assert.equal(workingMillisBetween(calendar, plan.agencyDue, plan.appointment), back * day);
          assert.ok(onWorkingTime(calendar, plan.appointment));
          // It may move either way against the first appointment, and says which.
          const expected =
            plan.appointment < previous ? 'earlier' : plan.appointment > previous ? 'later' : 'same';
          assert.equal(plan.moved, expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses exactly the instants outside working time and offers the next possible one', () => {
    fc.assert(
      fc.property(calendarIndex, instant, (c, at) => {
        const calendar = calendars[c]!;
        const problem = appointmentOffWorkingTime(calendar, at);
        assert.equal(problem === null, onWorkingTime(calendar, at));
        if (problem) {
          assert.ok(onWorkingTime(calendar, problem.nextPossible));
          assert.ok(problem.nextPossible.getTime() > at.getTime());
          // Nothing of working time between the refused instant and the one offered.
          assert.equal(workingMillisBetween(calendar, at, problem.nextPossible), 0);
          assert.equal(addWorkingTime(calendar, at, { days: 0 }).getTime(), problem.nextPossible.getTime());
        }
      }),
      { numRuns: 400 },
    );
  });
});
