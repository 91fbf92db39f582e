import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import {
  addWorkingTime,
  createWorkCalendar,
  lunarToSolar,
  solarToLunar,
  splitBudget,
  vnDate,
  vnDateTime,
  workingMillisBetween,
} from '../src/calendar/index.ts';
import { probe } from './fixtures/calendar-tz-probe.ts';

const calendar = createWorkCalendar();
const HOUR = 3_600_000;
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');

/** Instants from 2018 to 2027, to the minute. */
const instant = fc
  .integer({ min: Date.UTC(2018, 0, 1) / 60_000, max: Date.UTC(2027, 11, 31) / 60_000 })
  .map((minutes) => new Date(minutes * 60_000));
const amount = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map((days) => ({ days })),
  fc.integer({ min: 0, max: 200 }).map((hours) => ({ hours })),
);

function minutesOfDayVn(date: Date): number {
  const local = new Date(date.getTime() + 7 * HOUR);
  return local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60;
}

describe('deadline properties', () => {
  it('never puts an appointment on a day off or outside a session (a session end itself is allowed)', () => {
    fc.assert(
      fc.property(instant, amount, (from, howMuch) => {
        const due = addWorkingTime(calendar, from, howMuch);
        assert.ok(calendar.isWorkingDay(vnDate(due)), `${due.toISOString()} is a day off`);
        const minute = minutesOfDayVn(due);
        const inSession = calendar.sessionMinutes.some((s) => s.start <= minute && minute <= s.end);
        assert.ok(inSession, `${due.toISOString()} is outside the sessions`);
        assert.ok(due.getTime() >= from.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('adds N then M working days the same as N + M', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 25 }), (from, n, m) => {
        const stepwise = addWorkingTime(calendar, addWorkingTime(calendar, from, { days: n }), { days: m });
        assert.equal(stepwise.getTime(), addWorkingTime(calendar, from, { days: n + m }).getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('measures back exactly the working time that was added when it is positive', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 300 }), (from, hours) => {
        const due = addWorkingTime(calendar, from, { hours });
        assert.equal(workingMillisBetween(calendar, from, due), hours * HOUR);
        assert.equal(workingMillisBetween(calendar, due, from), -hours * HOUR);
      }),
      { numRuns: 200 },
    );
  });

  it('splits any budget into steps that sum exactly to it, each within one unit of its share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 8 })
          .filter((s) => s.some((x) => x > 0)),
        (total, shares) => {
          const parts = splitBudget(total, shares);
          const sum = shares.reduce((a, b) => a + b, 0);
          assert.equal(
            parts.reduce((a, b) => a + b, 0),
            total,
          );
          parts.forEach((part, i) => {
            assert.ok(Number.isInteger(part));
            assert.ok(Math.abs(part - (total * shares[i]!) / sum) < 1);
          });
        },
      ),
    );
  });
});

describe('lunar properties', () => {
  it('round-trips any date from 1900 to 2100 through the lunar calendar', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2100, 11, 31) / 86_400_000 }),
        (day) => {
          const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
          const lunar = solarToLunar(iso);
          assert.ok(lunar.day >= 1 && lunar.day <= 30);
          assert.equal(lunarToSolar(lunar), iso);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('independence from the machine time zone', () => {
  it('gives identical results under TZ=America/New_York and TZ=Asia/Tokyo', () => {
    const expected = probe();
    const probeUrl = pathToFileURL(resolve(here, 'fixtures/calendar-tz-probe.ts')).href;
    const code = `const m = await import(${JSON.stringify(probeUrl)}); process.stdout.write(JSON.stringify({ tz: Intl.DateTimeFormat().resolvedOptions().timeZone, offset: new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset(), lines: m.probe() }));`;
    for (const tz of ['America/New_York', 'Asia/Tokyo']) {
      const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
        cwd: repoRoot,
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      });
      const child = JSON.parse(output) as { tz: string; offset: number; lines: string[] };
      assert.equal(child.tz, tz, 'the child really runs in the other zone');
      assert.notEqual(child.offset, -420);
      assert.deepEqual(child.lines, expected);
    }
  });

  it('places a local wall-clock time at UTC+7 regardless of the process zone', () => {
    assert.equal(vnDateTime('2026-02-16', '07:00').toISOString(), '2026-02-16T00:00:00.000Z');
  });
});
