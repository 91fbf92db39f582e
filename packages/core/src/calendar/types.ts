/** Whether state agencies work on a day. */
export type DayKind = 'off' | 'work';

/** The public holidays of Labour Code 2019 Art. 112 (and its 2012 predecessor), as groups. */
export type HolidayKey =
  | 'newYear'
  | 'lunarNewYear'
  | 'hungKings'
  | 'victoryDay'
  | 'labourDay'
  | 'nationalDay';

/**
 * One day whose kind differs from, or explains, the weekday rule.
 * `reason` is Vietnamese text shown to users (e.g. 'Tết Nguyên đán', 'Nghỉ bù Quốc khánh',
 * 'Làm bù cho ngày 02/05').
 */
export interface CalendarEntry {
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  kind: DayKind;
  reason: string;
  /** Where the entry comes from: the announcement (number and date) or the administrator's decision. */
  source?: string;
  /** The holiday group the day belongs to, when it is a holiday or a compensatory day. */
  holiday?: HolidayKey;
}

/** A working session of a day in Vietnam local time, `HH:MM` to `HH:MM` (e.g. 07:00–11:30). */
export interface Session {
  start: string;
  end: string;
}
