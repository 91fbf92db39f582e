import { addWorkingTime, agencyDueAt, vnDate } from '@motcua/core';
import { recordAudit } from '../../audit/audit.ts';
import type { Database, Executor } from '../../db/database.ts';
import { fromJson, inTransaction, newId } from '../../db/helpers.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import { type Actor, authorize, roleFor } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import { workCalendarFor } from '../calendar/service.ts';
import { assertAgencyInForce, assertSiteInForce } from '../org/validity.ts';
import { lockDossier, runAction } from './actions.ts';
import { nextYearlyNumber } from './counters.ts';
import { documentsOf } from './repository.ts';

const BATCH = { vi: 'chuyến bàn giao', en: 'Handover batch' };

/**
 * Bàn giao: a site sends received dossiers to their agency (`to_agency`), or an agency sends results
 * back to the returning site (`to_site`). Every dossier of the batch gets its action in the same
 * transaction; a dossier that cannot go makes the whole batch fail, naming it.
 */
export async function createBatch(
  database: Database,
  actor: Actor,
  input: {
    clientTxId: string;
    direction: 'to_agency' | 'to_site';
    siteId: string;
    agencyId: string;
    dossierIds: string[];
    courierName?: string | null;
    postalItemNumber?: string | null;
  },
  now = new Date(),
) {
  if (input.direction === 'to_agency') {
    authorize(actor, Permission.DossierHandover, { servicePointIds: [input.siteId] });
  } else {
    authorize(actor, Permission.DossierHandover, { agencyIds: [input.agencyId] });
  }
  const replay = await database.db
    .selectFrom('dossier_actions')
    .select('dossier_id')
    .where('client_tx_id', '=', `${input.clientTxId}:${input.dossierIds[0] ?? ''}`)
    .executeTakeFirst();
  if (replay) {
    const item = await database.db
      .selectFrom('handover_items')
      .select('batch_id')
      .where('dossier_id', '=', replay.dossier_id)
      .orderBy('batch_id', 'desc')
      .executeTakeFirstOrThrow();
    return getBatch(database, item.batch_id);
  }
  if (input.dossierIds.length === 0) {
    throw invalidField('dossierIds', { vi: 'Chọn ít nhất một hồ sơ', en: 'Choose at least one dossier' });
  }
  const id = newId();
  await inTransaction(database, async (trx) => {
    const site = await trx
      .selectFrom('service_points')
      .select(['id', 'code'])
      .where('id', '=', input.siteId)
      .executeTakeFirst();
    if (!site) throw invalidField('siteId', { vi: 'Không có điểm này', en: 'No such service point' });
    const agency = await trx
      .selectFrom('agencies')
      .select('id')
      .where('id', '=', input.agencyId)
      .executeTakeFirst();
    if (!agency) throw invalidField('agencyId', { vi: 'Không có cơ quan này', en: 'No such agency' });
    // Nothing is handed to a body or a site that has ended (docs/organisation.md).
    await assertAgencyInForce(trx, input.agencyId, vnDate(now), 'agencyId');
    await assertSiteInForce(trx, input.siteId, vnDate(now), 'siteId');
    const year = Number(vnDate(now).slice(0, 4));
    const number = await nextYearlyNumber(trx, database.dialect, `batch:${site.id}`, year);
    const code = `BG-${site.code}-${year}-${String(number).padStart(5, '0')}`;
    await trx
      .insertInto('handover_batches')
      .values({
        id,
        code,
        direction: input.direction,
        site_id: input.siteId,
        agency_id: input.agencyId,
        courier_name: input.courierName?.normalize('NFC') ?? null,
        postal_item_number: input.postalItemNumber ?? null,
        status: 'sent',
        created_by: actor.userId,
        created_at: now.toISOString(),
        received_by: null,
        received_at: null,
      })
      .execute();
    for (const [i, dossierId] of input.dossierIds.entries()) {
      const dossier = await lockDossier(trx, database.dialect, dossierId);
      // Each dossier is checked against where it is: the sender holds it (at their site, or at
      // their agency), whatever site and agency the request names.
      authorize(actor, Permission.DossierHandover, {
        servicePointIds: dossier.location_kind === 'site' ? [dossier.location_id] : [],
        agencyIds: dossier.location_kind === 'agency' ? [dossier.location_id] : [],
      });
      const fits =
        input.direction === 'to_agency'
          ? dossier.lead_agency_id === input.agencyId && dossier.location_id === input.siteId
          : dossier.lead_agency_id === input.agencyId && dossier.returning_site_id === input.siteId;
      if (!fits) {
        throw invalidField(`dossierIds.${i}`, {
          vi: `Hồ sơ ${dossier.code} không thuộc chiều bàn giao này`,
          en: `Dossier ${dossier.code} does not belong to this handover`,
        });
      }
      await runAction(
        trx,
        database.dialect,
        actor,
        dossier,
        {
          type: input.direction === 'to_agency' ? 'send_to_agency' : 'send_to_site',
          clientTxId: `${input.clientTxId}:${dossierId}`,
          role:
            input.direction === 'to_agency'
              ? roleFor(actor, Permission.DossierHandover, { servicePointIds: [input.siteId] }, 'clerk')
              : roleFor(actor, Permission.DossierHandover, { agencyIds: [input.agencyId] }, 'officer'),
          siteId: input.direction === 'to_agency' ? input.siteId : null,
          agencyId: input.direction === 'to_site' ? input.agencyId : null,
          payload: { batchId: id, batchCode: code, courierName: input.courierName ?? null },
        },
        now,
      );
      await trx
        .insertInto('handover_items')
        .values({
          batch_id: id,
          dossier_id: dossierId,
          document_count:
            dossier.status === 'awaiting_supplement'
              ? await supplementPaperCount(trx, dossierId)
              : documentsOf(dossier).reduce((sum, d) => sum + d.count, 0),
          status: 'pending',
          note: null,
          confirmed_by: null,
          confirmed_at: null,
        })
        .execute();
    }
    await recordAudit(trx, database.dialect, {
      actor,
      siteId: input.siteId,
      action: 'handover.create',
      entityType: 'handover_batch',
      entityId: id,
      after: { code, direction: input.direction, dossiers: input.dossierIds },
    });
  });
  return getBatch(database, id);
}

/** The papers of a supplement handed in at the counter (the handover carries them, not the first set). */
async function supplementPaperCount(trx: Executor, dossierId: string): Promise<number> {
  const last = await trx
    .selectFrom('dossier_actions')
    .select('payload')
    .where('dossier_id', '=', dossierId)
    .where('type', '=', 'receive_supplement')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  const items = fromJson<{ items?: unknown }>(last?.payload ?? null, {}).items;
  return Array.isArray(items) ? items.length : 0;
}

/**
 * The receiving side confirms one dossier of a batch (or flags a discrepancy, which is recorded on
 * the timeline); for postal intake the agency's clock starts here — the signing of the handover record.
 */
export async function confirmItem(
  database: Database,
  actor: Actor,
  input: { batchId: string; dossierId: string; clientTxId: string; discrepancy?: string | null },
  now = new Date(),
) {
  await inTransaction(database, async (trx) => {
    const batch = await trx
      .selectFrom('handover_batches')
      .selectAll()
      .where('id', '=', input.batchId)
      .executeTakeFirst();
    if (!batch) throw notFound(BATCH);
    if (batch.direction === 'to_agency') {
      authorize(actor, Permission.DossierHandover, { agencyIds: [batch.agency_id] });
    } else {
      authorize(actor, Permission.DossierHandover, { servicePointIds: [batch.site_id] });
    }
    const item = await trx
      .selectFrom('handover_items')
      .selectAll()
      .where('batch_id', '=', batch.id)
      .where('dossier_id', '=', input.dossierId)
      .executeTakeFirst();
    if (!item) throw notFound({ vi: 'hồ sơ trong chuyến bàn giao', en: 'Dossier in this batch' });
    const dossier = await lockDossier(trx, database.dialect, input.dossierId);
    if (item.status !== 'pending') {
      const replay = await trx
        .selectFrom('dossier_actions')
        .select('id')
        .where('client_tx_id', '=', input.clientTxId)
        .executeTakeFirst();
      if (replay) return;
      throw new AppError(409, 'ALREADY_CONFIRMED', {
        vi: 'Hồ sơ này đã được xác nhận',
        en: 'Already confirmed',
      });
    }
    const calendar = await workCalendarFor(database, { executor: trx });
    await runAction(
      trx,
      database.dialect,
      actor,
      dossier,
      {
        type: batch.direction === 'to_agency' ? 'confirm_at_agency' : 'confirm_at_site',
        clientTxId: input.clientTxId,
        role:
          batch.direction === 'to_agency'
            ? roleFor(actor, Permission.DossierHandover, { agencyIds: [batch.agency_id] }, 'officer')
            : roleFor(actor, Permission.DossierHandover, { servicePointIds: [batch.site_id] }, 'clerk'),
        agencyId: batch.direction === 'to_agency' ? batch.agency_id : null,
        siteId: batch.direction === 'to_site' ? batch.site_id : null,
        payload: { batchId: batch.id, batchCode: batch.code, discrepancy: input.discrepancy ?? null },
      },
      now,
      (state) => {
        if (batch.direction !== 'to_agency' || state.clockStartedAt !== now.toISOString()) return {};
        const due = agencyDueAt(calendar, now, {
          unit: dossier.processing_unit,
          amount: dossier.processing_amount,
          cutoff: dossier.processing_cutoff,
        });
        if (dossier.status !== 'awaiting_supplement') return { agency_due_at: due.toISOString() };
        // A supplement handed in at the counter reached the agency: the time restarts from zero and
        // the appointment adds the return leg again, as when the supplement is received at the agency.
        const appointment =
          dossier.return_leg_days > 0
            ? addWorkingTime(calendar, due, { days: dossier.return_leg_days })
            : due;
        return { agency_due_at: due.toISOString(), appointment_at: appointment.toISOString() };
      },
    );
    await trx
      .updateTable('handover_items')
      .set({
        status: input.discrepancy ? 'discrepancy' : 'confirmed',
        note: input.discrepancy ?? null,
        confirmed_by: actor.userId,
        confirmed_at: now.toISOString(),
      })
      .where('batch_id', '=', batch.id)
      .where('dossier_id', '=', input.dossierId)
      .execute();
    const pending = await trx
      .selectFrom('handover_items')
      .select('dossier_id')
      .where('batch_id', '=', batch.id)
      .where('status', '=', 'pending')
      .execute();
    if (pending.length === 0) {
      await trx
        .updateTable('handover_batches')
        .set({ status: 'received', received_by: actor.userId, received_at: now.toISOString() })
        .where('id', '=', batch.id)
        .execute();
    }
  });
  return getBatch(database, input.batchId);
}

export async function getBatch(database: Database, id: string) {
  const batch = await database.db
    .selectFrom('handover_batches as b')
    .innerJoin('service_points as sp', 'sp.id', 'b.site_id')
    .innerJoin('agencies as a', 'a.id', 'b.agency_id')
    .leftJoin('users as c', 'c.id', 'b.created_by')
    .leftJoin('users as r', 'r.id', 'b.received_by')
    .selectAll('b')
    .select([
      'sp.name as site_name',
      'a.name as agency_name',
      'c.full_name as created_by_name',
      'r.full_name as received_by_name',
    ])
    .where('b.id', '=', id)
    .executeTakeFirst();
  if (!batch) throw notFound(BATCH);
  const items = await database.db
    .selectFrom('handover_items as i')
    .innerJoin('dossiers as d', 'd.id', 'i.dossier_id')
    .select([
      'i.dossier_id',
      'i.document_count',
      'i.status',
      'i.note',
      'i.confirmed_at',
      'd.code',
      'd.applicant_name',
      'd.procedure_name',
    ])
    .where('i.batch_id', '=', id)
    .orderBy('d.code')
    .execute();
  return {
    id: batch.id,
    code: batch.code,
    direction: batch.direction,
    status: batch.status,
    siteId: batch.site_id,
    siteName: batch.site_name,
    agencyId: batch.agency_id,
    agencyName: batch.agency_name,
    courierName: batch.courier_name,
    postalItemNumber: batch.postal_item_number,
    createdAt: batch.created_at,
    createdByName: batch.created_by_name,
    receivedAt: batch.received_at,
    receivedByName: batch.received_by_name,
    items: items.map((i) => ({
      dossierId: i.dossier_id,
      code: i.code,
      applicantName: i.applicant_name,
      procedureName: i.procedure_name,
      documentCount: i.document_count,
      status: i.status,
      note: i.note,
      confirmedAt: i.confirmed_at,
    })),
  };
}
export type Batch = Awaited<ReturnType<typeof getBatch>>;
