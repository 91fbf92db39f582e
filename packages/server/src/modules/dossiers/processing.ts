import {
  agencyDueAt,
  apologyProblem,
  appointmentAfterSupplement,
  appointmentOffWorkingTime,
  type DossierState,
  handoverDueAt,
  postalLegDays,
  resultTiming,
  supplementWindowOpen,
  vnDate,
  workingMillisBetween,
} from '@motcua/core';
import type { Updateable } from 'kysely';
import type { Database, Executor } from '../../db/database.ts';
import { inTransaction } from '../../db/helpers.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, invalidField, offWorkingTime } from '../../errors.ts';
import { type Actor, authorize, roleFor } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import { workCalendarFor } from '../calendar/service.ts';
import { findServicePoint } from '../org/repository.ts';
import { assertAgencyInForce, inForce } from '../org/validity.ts';
import { type ActionInput, lockDossier, runAction } from './actions.ts';
import { placeOf } from './places.ts';
import { type DossierRow, dossierActions, findDossier } from './repository.ts';

interface Common {
  dossierId: string;
  clientTxId: string;
}

const processing = (d: DossierRow) => ({
  unit: d.processing_unit,
  amount: d.processing_amount,
  cutoff: d.processing_cutoff,
});

/**
 * Runs one agency-side action: authorises it against the agency now holding the dossier, locks the
 * dossier, applies the action with its projection, in one transaction.
 */
async function agencyAction(
  database: Database,
  actor: Actor,
  permission: Permission,
  input: Common & Omit<ActionInput, 'clientTxId' | 'role' | 'agencyId'> & { role: string },
  now: Date,
  extra?: (
    state: DossierState,
    dossier: DossierRow,
    trx: Executor,
  ) => Promise<Updateable<DB['dossiers']>> | Updateable<DB['dossiers']>,
): Promise<DossierRow> {
  await inTransaction(database, async (trx) => {
    const dossier = await lockDossier(trx, database.dialect, input.dossierId);
    authorize(actor, permission, { agencyIds: [dossier.current_agency_id] });
    const extraColumns = extra ? await extra({} as DossierState, dossier, trx) : {};
    await runAction(
      trx,
      database.dialect,
      actor,
      dossier,
      {
        type: input.type,
        clientTxId: input.clientTxId,
        role: roleFor(actor, permission, { agencyIds: [dossier.current_agency_id] }, input.role),
        agencyId: dossier.current_agency_id,
        payload: input.payload ?? {},
      },
      now,
      () => extraColumns,
    );
  });
  return (await findDossier(database.db, input.dossierId))!;
}

/** Phân công: the agency head assigns an officer of the same agency. */
export async function assignOfficer(
  database: Database,
  actor: Actor,
  input: Common & { officerId: string },
  now = new Date(),
) {
  const dossier = await findDossier(database.db, input.dossierId);
  if (dossier) {
    // Checked against the dossier's agency before anything about it is told.
    authorize(actor, Permission.DossierAssign, { agencyIds: [dossier.current_agency_id] });
    const today = vnDate(now);
    await assertAgencyInForce(database.db, dossier.current_agency_id, today, 'dossierId');
    const grants = await database.db
      .selectFrom('user_roles')
      .select(['user_id', 'valid_from', 'valid_to'])
      .where('user_id', '=', input.officerId)
      .where('agency_id', '=', dossier.current_agency_id)
      .where('role', 'in', ['officer', 'leader'])
      .execute();
    const officer = grants.find((g) => inForce(g, today));
    if (!officer) {
      throw invalidField('officerId', {
        vi: 'Cán bộ này không thuộc cơ quan đang giải quyết hồ sơ',
        en: 'This officer does not belong to the agency handling the dossier',
      });
    }
  }
  return agencyAction(
    database,
    actor,
    Permission.DossierAssign,
    { ...input, type: 'assign', role: 'leader', payload: { officerId: input.officerId } },
    now,
  );
}

/** A handling step for the control slip (Mẫu 05/06): what was done, with its time budget. */
export async function recordStep(
  database: Database,
  actor: Actor,
  input: Common & { step: string; note?: string | null; budgetHours?: number | null },
  now = new Date(),
) {
  return agencyAction(
    database,
    actor,
    Permission.DossierProcess,
    {
      ...input,
      type: 'record_step',
      role: 'officer',
      payload: { step: input.step, note: input.note ?? null, budgetHours: input.budgetHours ?? null },
    },
    now,
  );
}

/**
 * Yêu cầu bổ sung after appraisal: within 3 working days of the agency's receipt, once; the clock
 * stops until the completed dossier arrives.
 */
export async function requestSupplement(
  database: Database,
  actor: Actor,
  input: Common & { items: string[]; reason: string; dueDate?: string | null },
  now = new Date(),
) {
  if (input.items.length === 0)
    throw invalidField('items', { vi: 'Liệt kê giấy tờ cần bổ sung', en: 'List the items' });
  if (input.dueDate && input.dueDate < vnDate(now)) {
    throw invalidField('dueDate', {
      vi: 'Ngày đề nghị nộp bổ sung đã qua',
      en: 'The date to bring the papers by is in the past',
    });
  }
  const dossier = await findDossier(database.db, input.dossierId);
  if (dossier?.clock_started_at) {
    const calendar = await workCalendarFor(database);
    if (!supplementWindowOpen(calendar, new Date(dossier.clock_started_at), now)) {
      throw new AppError(409, 'SUPPLEMENT_WINDOW_CLOSED', {
        vi: 'Đã quá 03 ngày làm việc kể từ khi nhận hồ sơ: không được yêu cầu bổ sung',
        en: 'More than 3 working days since receipt: a supplement can no longer be requested',
      });
    }
  }
  return agencyAction(
    database,
    actor,
    Permission.DossierProcess,
    {
      ...input,
      type: 'request_supplement',
      role: 'officer',
      payload: { items: input.items, reason: input.reason, dueDate: input.dueDate ?? null },
    },
    now,
    () => ({ agency_due_at: null }),
  );
}

/**
 * The completed dossier reaches the agency: the processing time restarts from zero (NĐ 61/2018
 * Art. 19; docs/dossiers.md "Supplement clock"). The agency's deadline counts the full time from now.
 * The citizen's appointment is counted from where and when the papers were handed in: at a post office
 * or a one-stop unit away from the agency (`handedInSiteId`, `handedInAt`), the outbound postal leg is
 * added again, as at receipt; then the full processing time and the return leg. It may move earlier
 * or later than the first appointment; the action keeps both for the citizen's lookup.
 */
export async function receiveSupplement(
  database: Database,
  actor: Actor,
  input: Common & { note?: string | null; handedInSiteId?: string | null; handedInAt?: string | null },
  now = new Date(),
) {
  const handedInAt = input.handedInAt ? new Date(input.handedInAt) : now;
  if (Number.isNaN(handedInAt.getTime()) || handedInAt.getTime() > now.getTime()) {
    throw invalidField('handedInAt', {
      vi: 'Thời điểm nộp hồ sơ bổ sung không hợp lệ hoặc ở tương lai',
      en: 'The hand-in time of the supplement is invalid or in the future',
    });
  }
  if (input.handedInAt && !input.handedInSiteId) {
    throw invalidField('handedInSiteId', {
      vi: 'Cho biết nơi công dân nộp hồ sơ bổ sung',
      en: 'Say where the applicant handed in the supplement',
    });
  }
  const handedInSite = input.handedInSiteId
    ? await findServicePoint(database.db, input.handedInSiteId)
    : undefined;
  if (input.handedInSiteId && !handedInSite?.active) {
    throw invalidField('handedInSiteId', { vi: 'Không có điểm tiếp nhận này', en: 'No such site' });
  }
  // Places are read before the transaction (SQLite has one connection: no query outside it inside).
  const dossier = await findDossier(database.db, input.dossierId);
  let outboundLegDays = 0;
  if (dossier && handedInSite && handedInSite.agencyId !== dossier.current_agency_id) {
    const agency = await database.db
      .selectFrom('agencies')
      .select('unit_id')
      .where('id', '=', dossier.current_agency_id)
      .executeTakeFirst();
    if (agency) {
      outboundLegDays = postalLegDays(
        await placeOf(database.db, handedInSite.unitId),
        await placeOf(database.db, agency.unit_id),
      );
    }
  }
  if (dossier) {
    const requested = (await dossierActions(database.db, dossier.id))
      .filter((a) => a.type === 'request_supplement')
      .at(-1);
    if (requested && handedInAt.getTime() < Date.parse(requested.at)) {
      throw invalidField('handedInAt', {
        vi: 'Hồ sơ bổ sung không thể nộp trước khi có yêu cầu bổ sung',
        en: 'The supplement cannot be handed in before it was requested',
      });
    }
  }
  const plan = async (trx: Executor, d: DossierRow) => {
    const calendar = await workCalendarFor(database, { executor: trx });
    const citizen = appointmentAfterSupplement(calendar, {
      receivedAt: handedInAt,
      processing: processing(d),
      outboundLegDays,
      returnLegDays: d.return_leg_days,
      previousAppointment: new Date(d.appointment_at),
    });
    return { citizen, agencyDue: agencyDueAt(calendar, now, processing(d)) };
  };
  return agencyAction(
    database,
    actor,
    Permission.DossierProcess,
    {
      ...input,
      type: 'receive_supplement',
      role: 'officer',
      payload: {
        note: input.note ?? null,
        handedInAt: handedInAt.toISOString(),
        handedInSiteId: handedInSite?.id ?? null,
        outboundLegDays,
        previousAppointmentAt: dossier?.appointment_at ?? null,
        ...(dossier
          ? { newAppointmentAt: (await plan(database.db, dossier)).citizen.appointment.toISOString() }
          : {}),
      },
    },
    now,
    async (_state, d, trx) => {
      const { citizen, agencyDue } = await plan(trx, d);
      return { agency_due_at: agencyDue.toISOString(), appointment_at: citizen.appointment.toISOString() };
    },
  );
}

/**
 * The applicant hands the supplement's papers in at the counter of the dossier's receiving site (a
 * post office): the clerk of that site records them, and they travel to the agency in a handover batch
 * like the first handover (`send_to_agency`, `confirm_at_agency`); the processing time restarts when
 * the agency confirms them.
 */
export async function receiveSupplementAtCounter(
  database: Database,
  actor: Actor,
  input: Common & { items: string[]; note?: string | null },
  now = new Date(),
) {
  const items = input.items.map((i) => i.normalize('NFC').trim()).filter(Boolean);
  if (items.length === 0)
    throw invalidField('items', { vi: 'Liệt kê giấy tờ đã nhận', en: 'List the papers handed in' });
  await inTransaction(database, async (trx) => {
    const dossier = await lockDossier(trx, database.dialect, input.dossierId);
    const scope = { servicePointIds: [dossier.receiving_site_id] };
    authorize(actor, Permission.DossierIntake, scope);
    const calendar = await workCalendarFor(database, { executor: trx });
    // The citizen's new appointment, as at receipt: the papers travel the outbound postal leg again,
    // then the full processing time and the return leg (calendar.md "The supplement clock"). The
    // agency's own time restarts when it confirms the papers (handover.ts), from their real arrival.
    const plan = appointmentAfterSupplement(calendar, {
      receivedAt: now,
      processing: processing(dossier),
      outboundLegDays: dossier.outbound_leg_days,
      returnLegDays: dossier.return_leg_days,
      previousAppointment: new Date(dossier.appointment_at),
    });
    await runAction(
      trx,
      database.dialect,
      actor,
      dossier,
      {
        type: 'receive_supplement',
        clientTxId: input.clientTxId,
        role: roleFor(actor, Permission.DossierIntake, scope, 'clerk'),
        siteId: dossier.receiving_site_id,
        payload: {
          items,
          note: input.note?.normalize('NFC') ?? null,
          atCounter: true,
          handedInAt: now.toISOString(),
          handedInSiteId: dossier.receiving_site_id,
          outboundLegDays: dossier.outbound_leg_days,
          previousAppointmentAt: dossier.appointment_at,
          newAppointmentAt: plan.appointment.toISOString(),
        },
      },
      now,
      () => ({
        handover_due_at: handoverDueAt(calendar, now).toISOString(),
        appointment_at: plan.appointment.toISOString(),
      }),
    );
  });
  return (await findDossier(database.db, input.dossierId))!;
}

/** Liên thông: the dossier goes to another agency for its part, with a time budget. */
export async function forwardDossier(
  database: Database,
  actor: Actor,
  input: Common & { toAgencyId: string; note?: string | null; budgetDays?: number | null },
  now = new Date(),
) {
  const target = await database.db
    .selectFrom('agencies')
    .select('id')
    .where('id', '=', input.toAgencyId)
    .executeTakeFirst();
  if (!target) throw invalidField('toAgencyId', { vi: 'Không có cơ quan này', en: 'No such agency' });
  return agencyAction(
    database,
    actor,
    Permission.DossierProcess,
    {
      ...input,
      type: 'forward',
      role: 'officer',
      payload: {
        toAgencyId: input.toAgencyId,
        note: input.note ?? null,
        budgetDays: input.budgetDays ?? null,
      },
    },
    now,
  );
}

/** An agency step whose only content is an optional note. */
function noteAction(
  type: 'return_from_forward' | 'submit' | 'approve',
  role: string,
  permission: Permission,
) {
  return (database: Database, actor: Actor, input: Common & { note?: string | null }, now = new Date()) =>
    agencyAction(
      database,
      actor,
      permission,
      { ...input, type, role, payload: { note: input.note ?? null } },
      now,
    );
}

/** The other agency hands the dossier back with its opinion. */
export const returnFromForward = noteAction('return_from_forward', 'officer', Permission.DossierProcess);
/** Trình lãnh đạo: the officer submits the dossier for approval. */
export const submitForApproval = noteAction('submit', 'officer', Permission.DossierProcess);
/** Phê duyệt: the head of the agency approves. */
export const approveDossier = noteAction('approve', 'leader', Permission.DossierDecide);

/** The leader returns a submitted dossier to the officer for rework, saying why; it may be submitted again. */
export async function returnForRework(
  database: Database,
  actor: Actor,
  input: Common & { reason: string },
  now = new Date(),
) {
  if (!input.reason.trim()) {
    throw invalidField('reason', { vi: 'Cần nêu lý do trả lại', en: 'A reason is required' });
  }
  return agencyAction(
    database,
    actor,
    Permission.DossierDecide,
    { ...input, type: 'return_for_rework', role: 'leader', payload: { reason: input.reason.trim() } },
    now,
  );
}

/** Từ chối: written reasons; the refusal is the result that goes back to the applicant. */
export async function refuseDossier(
  database: Database,
  actor: Actor,
  input: Common & { reasons: string[] },
  now = new Date(),
) {
  if (input.reasons.length === 0 || input.reasons.every((r) => !r.trim())) {
    throw invalidField('reasons', { vi: 'Cần nêu rõ lý do từ chối', en: 'Reasons are required' });
  }
  return agencyAction(
    database,
    actor,
    Permission.DossierDecide,
    { ...input, type: 'refuse', role: 'leader', payload: { reasons: input.reasons } },
    now,
    (_s, dossier) => ({ result_timing: resultTiming(now, new Date(dossier.appointment_at)) }),
  );
}

/** The result document: number, date, signer; the result timing is fixed against the appointment. */
export async function recordResult(
  database: Database,
  actor: Actor,
  input: Common & { number: string; date: string; signer: string; summary?: string | null },
  now = new Date(),
) {
  return agencyAction(
    database,
    actor,
    Permission.DossierProcess,
    {
      ...input,
      type: 'record_result',
      role: 'officer',
      payload: {
        number: input.number,
        date: input.date,
        signer: input.signer,
        summary: input.summary ?? null,
      },
    },
    now,
    (_s, dossier) => ({ result_timing: resultTiming(now, new Date(dossier.appointment_at)) }),
  );
}

/**
 * Xin lỗi và hẹn lại (Mẫu 04): at least 1 working day before the deadline, once, with a later
 * appointment; the citizen is notified through the outbox.
 */
export async function apologise(
  database: Database,
  actor: Actor,
  input: Common & { reason: string; newAppointmentAt: string },
  now = new Date(),
) {
  const dossier = await findDossier(database.db, input.dossierId);
  const newAppointment = new Date(input.newAppointmentAt);
  if (Number.isNaN(newAppointment.getTime())) {
    throw invalidField('newAppointmentAt', {
      vi: 'Ngày hẹn mới không hợp lệ',
      en: 'Invalid new appointment',
    });
  }
  const calendar = await workCalendarFor(database);
  // The new appointment is a time the citizen comes or the result leaves: working time only.
  const offTime = appointmentOffWorkingTime(calendar, newAppointment);
  if (offTime) throw offWorkingTime('newAppointmentAt', offTime);
  if (dossier) {
    authorize(actor, Permission.DossierDecide, { agencyIds: [dossier.current_agency_id] });
    const currentDue = new Date(dossier.agency_due_at ?? dossier.appointment_at);
    const problem = apologyProblem(calendar, { now, currentDue, newAppointment });
    if (problem) throw new AppError(409, 'APOLOGY_NOT_ALLOWED', problem);
  }
  return agencyAction(
    database,
    actor,
    Permission.DossierDecide,
    {
      ...input,
      type: 'apologise',
      role: 'leader',
      payload: {
        reason: input.reason,
        previousAppointmentAt: dossier?.appointment_at ?? null,
        newAppointmentAt: newAppointment.toISOString(),
      },
    },
    now,
    (_s, d) => {
      const shift = newAppointment.getTime() - new Date(d.appointment_at).getTime();
      return {
        appointment_at: newAppointment.toISOString(),
        ...(d.agency_due_at
          ? { agency_due_at: new Date(new Date(d.agency_due_at).getTime() + shift).toISOString() }
          : {}),
      };
    },
  );
}

/** Working time used so far on a dossier at its agency (for the control slip and the inbox). */
export async function workingTimeUsed(database: Database, d: DossierRow, now = new Date()): Promise<number> {
  if (!d.clock_started_at) return 0;
  return workingMillisBetween(await workCalendarFor(database), new Date(d.clock_started_at), now);
}
