import { existsSync, readFileSync } from 'node:fs';
import {
  addCalendarDaysExcludingHolidays,
  addWorkingTime,
  type CalendarEntry,
  createWorkCalendar,
  formatCalendarYear,
  lunarToSolar,
  type Session,
  solarToLunar,
  VIETNAM_OFFSET_MS,
} from '@motcua/core';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '../config.ts';
import { openDatabase, sqliteFile } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { addOverrides, loadOverrides } from '../modules/calendar/service.ts';
import { withDatabase } from './context.ts';

/** Administrator overrides from the configured database, when there is one (none on a fresh machine). */
async function storedOverrides(): Promise<CalendarEntry[]> {
  const config = loadConfig();
  const file = sqliteFile(config.databaseUrl);
  if (file !== null && !existsSync(file)) return [];
  const database = openDatabase(config.databaseUrl);
  try {
    await migrate(database);
    return await loadOverrides(database.db);
  } finally {
    await database.close();
  }
}

/** `--sessions 07:00-11:30,13:30-17:00` → sessions. */
function parseSessions(text: string | undefined): Session[] | undefined {
  if (!text) return undefined;
  return text.split(',').map((part) => {
    const match = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(part.trim());
    if (!match) throw new Error(`--sessions: "${part}" is not HH:MM-HH:MM`);
    return { start: match[1]!, end: match[2]! };
  });
}

/** An instant in ISO-8601 with +07:00, as the citizen's appointment is read. */
export function toVietnamIso(instant: Date): string {
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}+07:00`;
}

function parseInteger(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, got "${value}"`);
  return Number(value);
}

export function registerCalendarCommands(program: Command): void {
  const calendar = program
    .command('calendar')
    .description('Working-day calendar: non-working days, appointments, lunar dates, announced schedules');

  calendar
    .command('show <year>')
    .description(
      'One line per non-working weekday and per working weekend day: YYYY-MM-DD  off|work  <lý do>',
    )
    .action(async (year: string) => {
      const y = parseInteger(year, 'year');
      const cal = createWorkCalendar({ entries: await storedOverrides() });
      const text = formatCalendarYear(y, cal);
      if (text) console.log(text);
    });

  calendar
    .command('due')
    .description('The appointment for a receipt instant and a processing time, as ISO-8601 with +07:00')
    .requiredOption('--from <instant>', 'receipt instant, ISO-8601 (e.g. 2026-02-13T09:00:00+07:00)')
    .option('--days <n>', 'processing time in working days')
    .option('--hours <n>', 'processing time in working hours')
    .option('--calendar-days <n>', 'processing time in calendar days excluding public holidays')
    .option('--sessions <list>', 'working sessions of the site, e.g. 07:30-11:30,13:30-17:00')
    .action(
      async (o: {
        from: string;
        days?: string;
        hours?: string;
        calendarDays?: string;
        sessions?: string;
      }) => {
        const from = new Date(o.from);
        if (Number.isNaN(from.getTime()) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(o.from)) {
          throw new Error(`--from must be an ISO-8601 instant with a time zone, got "${o.from}"`);
        }
        const given = [o.days, o.hours, o.calendarDays].filter((v) => v !== undefined);
        if (given.length !== 1) throw new Error('give exactly one of --days, --hours, --calendar-days');
        const sessions = parseSessions(o.sessions);
        const cal = createWorkCalendar({
          entries: await storedOverrides(),
          ...(sessions ? { sessions } : {}),
        });
        const due =
          o.calendarDays !== undefined
            ? addCalendarDaysExcludingHolidays(cal, from, parseInteger(o.calendarDays, '--calendar-days'))
            : addWorkingTime(
                cal,
                from,
                o.days !== undefined
                  ? { days: parseInteger(o.days, '--days') }
                  : { hours: parseInteger(o.hours!, '--hours') },
              );
        console.log(toVietnamIso(due));
      },
    );

  calendar
    .command('lunar <date>')
    .description(
      'Lunar date of a solar date (YYYY-MM-DD) as D/M/YYYY [(nhuận)]; --to-solar the other way (D/M/YYYY)',
    )
    .option('--to-solar', 'convert a lunar date D/M/YYYY to the solar date')
    .option('--leap', 'with --to-solar: the lunar month is the leap month')
    .action((date: string, o: { toSolar?: boolean; leap?: boolean }) => {
      if (o.toSolar) {
        const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date.trim());
        if (!match) throw new Error(`lunar date must be D/M/YYYY, got "${date}"`);
        console.log(
          lunarToSolar({
            day: Number(match[1]),
            month: Number(match[2]),
            year: Number(match[3]),
            leap: !!o.leap,
          }),
        );
        return;
      }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date.trim())) throw new Error(`date must be YYYY-MM-DD, got "${date}"`);
      const l = solarToLunar(date.trim());
      console.log(`${l.day}/${l.month}/${l.year}${l.leap ? ' (nhuận)' : ''}`);
    });

  calendar
    .command('import <file>')
    .description(
      'Load an announced schedule or local days: CSV with columns date,kind,reason[,source] (kind off|work)',
    )
    .option(
      '--unit <id>',
      'the province (unit id, e.g. 2008:70) that declared these days; default the whole country',
    )
    .action(async (file: string, o: { unit?: string }) => {
      if (!existsSync(file)) throw new Error(`no such file: ${file}`);
      const rows = parse(readFileSync(file), {
        bom: true,
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
      }) as string[][];
      const body = rows[0]?.[0]?.toLowerCase() === 'date' ? rows.slice(1) : rows;
      const entries = body.map((r, i) => {
        const [date = '', kind = '', reason = '', source] = r;
        if (kind !== 'off' && kind !== 'work')
          throw new Error(`line ${i + 1}: kind must be off or work, got "${kind}"`);
        return { date, kind: kind as 'off' | 'work', reason, source: source ?? null, unitId: o.unit ?? null };
      });
      // Through withDatabase: the import's audit entry is sealed with the audit key.
      await withDatabase(async (database) => {
        const added = await addOverrides(database, null, entries);
        console.log(`Imported ${added} day(s) from ${file}.`);
      });
    });
}
