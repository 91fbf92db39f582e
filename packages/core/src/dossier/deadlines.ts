/**
 * The deadline rules of the one-stop mechanism, over a working calendar (domain.md §2, §5, §6).
 * Instants are `Date` (UTC); the calendar does the Vietnam-time arithmetic.
 */
import {
  addCalendarDaysExcludingHolidays,
  addWorkingTime,
  classifyResult,
  clockStatus,
  type ResultTiming,
  transferDeadline,
  workingMillisBetween,
} from '../calendar/deadlines.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';

/** How a procedure's processing time is counted (part of the procedure in the catalogue). */
export interface ProcessingTime {
  unit: 'working_days' | 'working_hours' | 'calendar_days_excl_holidays';
  amount: number;
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
    case 'calendar_days_excl_holidays':
      return addCalendarDaysExcludingHolidays(calendar, clockStart, processing.amount);
  }
}

/**
 * The citizen's appointment at receipt: the outbound postal leg (the agency's clock starts when the
 * handover record is signed), the processing time, then the return leg, in working days.
 */
export function citizenAppointment(
  calendar: WorkCalendar,
  input: { receivedAt: Date; processing: ProcessingTime; outboundLegDays: number; returnLegDays: number },
): Date {
  const atAgency =
    input.outboundLegDays > 0
      ? addWorkingTime(calendar, input.receivedAt, { days: input.outboundLegDays })
      : input.receivedAt;
  const decided = agencyDueAt(calendar, atAgency, input.processing);
  return input.returnLegDays > 0 ? addWorkingTime(calendar, decided, { days: input.returnLegDays }) : decided;
}

/** Transfer to the agency is due the same working day, or the next one when received after 15:00. */
export function handoverDueAt(calendar: WorkCalendar, receivedAt: Date): Date {
  return transferDeadline(calendar, receivedAt);
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
