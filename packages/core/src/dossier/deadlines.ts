/**
 * The deadline rules of the one-stop mechanism, over a working calendar (domain.md §2, §5, §6).
 * Instants are `Date` (UTC); the calendar does the Vietnam-time arithmetic.
 */
import {
  addCalendarDaysExcludingHolidays,
  addWorkingTime,
  classifyResult,
  clockStatus,
  DEFAULT_CUTOFF,
  formatVnDateTime,
  isWorkingInstant,
  nextWorkingInstant,
  type ResultTiming,
  transferDeadline,
  withinDayDeadline,
  workingMillisBetween,
} from '../calendar/deadlines.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';

/**
 * The kinds of time limit a procedure version can have (docs/calendar.md §3): working days, working
 * hours, "within the day" (trong ngày: same day up to a cut-off, else the next working day), and
 * calendar days excluding public holidays.
 */
export type ProcessingUnit = 'working_days' | 'working_hours' | 'within_day' | 'calendar_days_excl_holidays';

export const PROCESSING_UNITS: readonly ProcessingUnit[] = [
  'working_days',
  'working_hours',
  'within_day',
  'calendar_days_excl_holidays',
];

/** How a procedure's processing time is counted (part of the procedure in the catalogue). */
export interface ProcessingTime {
  unit: ProcessingUnit;
  /** Days or hours; not used by `within_day`. */
  amount: number;
  /** `within_day` only: receipts after this local time (`HH:MM`) are due the next working day. */
  cutoff?: string | null;
}

/** Where a site or agency is, for the postal time targets. */
export interface Place {
  districtId: string | null;
  provinceId: string;
}

/**
 * Postal delivery target in working days after acceptance (QĐ 45/2016 Art. 7, TT 17/2017): J+1 in
 * the same district, J+2 between districts of a province, J+4 between provinces (J+3 between
 * class-I cities, when `classICities`), doubled when an appointment slip travels too.
 * Zero when both ends are the same place (no trip).
 */
export function postalLegDays(
  from: Place,
  to: Place,
  options: { sameSpot?: boolean; classICities?: boolean; withAppointmentSlip?: boolean } = {},
): number {
  if (options.sameSpot) return 0;
  let days: number;
  if (from.provinceId !== to.provinceId) days = options.classICities ? 3 : 4;
  else if (from.districtId && from.districtId === to.districtId) days = 1;
  else days = 2;
  return options.withAppointmentSlip ? days * 2 : days;
}

/** The agency's deadline: the processing time counted from the instant its clock started. */
export function agencyDueAt(calendar: WorkCalendar, clockStart: Date, processing: ProcessingTime): Date {
  switch (processing.unit) {
    case 'working_days':
      return addWorkingTime(calendar, clockStart, { days: processing.amount });
    case 'working_hours':
      return addWorkingTime(calendar, clockStart, { hours: processing.amount });
    case 'within_day':
      return withinDayDeadline(calendar, clockStart, processing.cutoff ?? DEFAULT_CUTOFF);
    case 'calendar_days_excl_holidays':
      return addCalendarDaysExcludingHolidays(calendar, clockStart, processing.amount);
  }
}

/** The legs and processing time that make a citizen's appointment. */
export interface AppointmentInput {
  /** When the papers were handed in (at the one-stop unit, the agency or a post office). */
  receivedAt: Date;
  processing: ProcessingTime;
  /** Working days from where the papers were handed in to the agency (0 when handed in there). */
  outboundLegDays: number;
  /** Working days from the agency to where the result is returned. */
  returnLegDays: number;
}

/** The three instants of an appointment: arrival at the agency, the agency's deadline, the citizen's. */
export interface AppointmentPlan {
  arrivesAtAgency: Date;
  agencyDue: Date;
  appointment: Date;
}

/**
 * The arrival at the agency (the outbound postal leg after the hand-in), the agency's deadline (the
 * processing time counted from that arrival) and the citizen's appointment (plus the return leg).
 */
export function appointmentPlan(calendar: WorkCalendar, input: AppointmentInput): AppointmentPlan {
  const arrivesAtAgency =
    input.outboundLegDays > 0
      ? addWorkingTime(calendar, input.receivedAt, { days: input.outboundLegDays })
      : input.receivedAt;
  const agencyDue = agencyDueAt(calendar, arrivesAtAgency, input.processing);
  const appointment =
    input.returnLegDays > 0 ? addWorkingTime(calendar, agencyDue, { days: input.returnLegDays }) : agencyDue;
  return { arrivesAtAgency, agencyDue, appointment };
}

/**
 * The citizen's appointment at receipt: the outbound postal leg (the agency's clock starts when the
 * handover record is signed), the processing time, then the return leg, in working days.
 */
export function citizenAppointment(calendar: WorkCalendar, input: AppointmentInput): Date {
  return appointmentPlan(calendar, input).appointment;
}

/**
 * The new appointment after a supplement (NĐ 61/2018 Art. 19): the clock restarts from zero when the
 * complete dossier reaches the agency, so the new appointment is that arrival + the FULL processing
 * time + the return leg, whatever the first appointment was (it can move earlier or later). Papers
 * handed in at a post office (`outboundLegDays` > 0) travel the outbound leg again, as the first
 * papers did; handed in at the agency itself, the leg is 0.
 */
export function appointmentAfterSupplement(
  calendar: WorkCalendar,
  input: AppointmentInput & { previousAppointment?: Date },
): AppointmentPlan & { moved: 'earlier' | 'later' | 'same' | null } {
  const plan = appointmentPlan(calendar, input);
  const previous = input.previousAppointment?.getTime();
  const moved =
    previous === undefined
      ? null
      : plan.appointment.getTime() < previous
        ? 'earlier'
        : plan.appointment.getTime() > previous
          ? 'later'
          : 'same';
  return { ...plan, moved };
}

/** Transfer to the agency is due the same working day, or at the start of the next one after 15:00. */
export function handoverDueAt(calendar: WorkCalendar, receivedAt: Date, cutoff = DEFAULT_CUTOFF): Date {
  return transferDeadline(calendar, receivedAt, { cutoff });
}

/**
 * Why an appointment given by a person (an apology's new date, a pickup time…) is refused: it must be
 * working time of a working day (a session, its start and end included). The message names the next
 * possible instant, which is also returned for the client to offer.
 */
export function appointmentOffWorkingTime(
  calendar: WorkCalendar,
  at: Date,
): { vi: string; en: string; nextPossible: Date } | null {
  if (isWorkingInstant(calendar, at)) return null;
  const nextPossible = nextWorkingInstant(calendar, at);
  const shown = formatVnDateTime(nextPossible);
  return {
    vi: `Ngày hẹn phải trong giờ làm việc của ngày làm việc; thời điểm gần nhất có thể: ${shown}`,
    en: `An appointment must be within working hours of a working day; the next possible time is ${shown}`,
    nextPossible,
  };
}

/** A supplement after appraisal may be requested within 3 working days of the agency's receipt. */
export const SUPPLEMENT_WINDOW_DAYS = 3;

export function supplementWindowOpen(calendar: WorkCalendar, agencyReceivedAt: Date, now: Date): boolean {
  return (
    workingMillisBetween(calendar, agencyReceivedAt, now) <=
    SUPPLEMENT_WINDOW_DAYS * calendar.workingMillisPerDay
  );
}

/**
 * The apology with a new appointment (Mẫu 04) must be sent at least 1 working day before the
 * deadline, and the new appointment must be later than the old one.
 */
export function apologyProblem(
  calendar: WorkCalendar,
  input: { now: Date; currentDue: Date; newAppointment: Date },
): { vi: string; en: string } | null {
  if (workingMillisBetween(calendar, input.now, input.currentDue) < calendar.workingMillisPerDay) {
    return {
      vi: 'Phải gửi văn bản xin lỗi chậm nhất 01 ngày làm việc trước ngày hết hạn',
      en: 'The apology must be sent at least 1 working day before the deadline',
    };
  }
  if (input.newAppointment.getTime() <= input.currentDue.getTime()) {
    return { vi: 'Ngày hẹn mới phải sau ngày hẹn cũ', en: 'The new appointment must be after the old one' };
  }
  return null;
}

/** Flags that depend on the clock: nearing due (last `nearingShare` of the time) and overdue. */
export function timeFlags(
  calendar: WorkCalendar,
  input: { start: Date; due: Date; now: Date; nearingShare?: number },
): { overdue: boolean; nearingDue: boolean; leftMillis: number; overdueMillis: number } {
  const s = clockStatus(calendar, input);
  return {
    overdue: s.overdue,
    nearingDue: s.nearingDue,
    leftMillis: s.leftMillis,
    overdueMillis: s.overdueMillis,
  };
}

/** Trước hạn / đúng hạn / quá hạn: the moment the result was ready against the appointment. */
export function resultTiming(resultReadyAt: Date, appointment: Date): ResultTiming {
  return classifyResult(resultReadyAt, appointment);
}

export const RESULT_TIMING_LABELS: Record<ResultTiming, { vi: string; en: string }> = {
  early: { vi: 'Trước hạn', en: 'Before the deadline' },
  on_time: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Quá hạn', en: 'Late' },
};
