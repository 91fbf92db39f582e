import { validatePhone, vnDate } from '@motcua/core';
import { recordAudit } from '../../audit/audit.ts';
import type { Database } from '../../db/database.ts';
import { forUpdate, inTransaction, newId } from '../../db/helpers.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import { type Actor, authorize } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import { nextYearlyNumber } from '../dossiers/counters.ts';
import { type IntakeInput, receiveDossier } from '../dossiers/intake.ts';
import { deliveryOffice, inForceOn, pickCourier } from './network.ts';
import { createShipment } from './shipments.ts';

export interface BookPickupInput {
  clientTxId: string;
  procedureId: string;
  applicantName: string;
  phone: string;
  address: string;
  unitId: string;
  windowStart: string;
  windowEnd: string;
  note?: string | null;
}

/**
 * Đặt lịch thu gom hồ sơ tại nhà: booked by the citizen (public) or a clerk; routed to the post office
 * with couriers in the address's district and to its least-loaded courier.
 */
export async function bookPickup(
  database: Database,
  actor: Actor | null,
  input: BookPickupInput,
  now = new Date(),
) {
  const known = await database.db
    .selectFrom('pickups')
    .select('id')
    .where('client_tx_id', '=', input.clientTxId)
    .executeTakeFirst();
  if (known) return getPickup(database, known.id);
  const phone = validatePhone(input.phone);
  if (!phone.ok) throw invalidField('phone', phone.reason);
  const start = new Date(input.windowStart);
  const end = new Date(input.windowEnd);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) {
    throw invalidField('windowEnd', { vi: 'Khung giờ hẹn không hợp lệ', en: 'Invalid time window' });
  }
  if (end.getTime() < now.getTime()) {
    throw invalidField('windowEnd', { vi: 'Khung giờ hẹn đã qua', en: 'The time window is in the past' });
  }
  const procedure = await database.db
    .selectFrom('procedures as p')
    .innerJoin('procedure_versions as v', (j) =>
      j.onRef('v.procedure_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'),
    )
    .select(['p.id', 'v.postal_excluded', 'v.channels'])
    .where('p.id', '=', input.procedureId)
    .executeTakeFirst();
  if (!procedure) throw invalidField('procedureId', { vi: 'Không có thủ tục này', en: 'No such procedure' });
  if (procedure.postal_excluded === 1 || !JSON.parse(procedure.channels).includes('postal')) {
    throw invalidField('procedureId', {
      vi: 'Thủ tục này cần nộp trực tiếp, không nhận qua bưu chính',
      en: 'This procedure requires personal appearance, not postal intake',
    });
  }
  const unit = await database.db
    .selectFrom('admin_units')
    .select('id')
    .where('id', '=', input.unitId)
    .executeTakeFirst();
  if (!unit) throw invalidField('unitId', { vi: 'Không có đơn vị hành chính này', en: 'No such unit' });
  const id = newId();
  await inTransaction(database, async (trx) => {
    const fallback = await trx
      .selectFrom('service_points as sp')
      .select('id')
      .where('host_type', '=', 'post_office')
      .where(inForceOn('sp', vnDate(now)))
      .orderBy('code')
      .executeTakeFirstOrThrow();
    // A pickup is new work: only an office in force on the day it is booked takes it.
    const siteId = await deliveryOffice(trx, input.unitId, fallback.id, vnDate(now));
    const courierId = await pickCourier(trx, siteId);
    const year = Number(vnDate(now).slice(0, 4));
    const number = await nextYearlyNumber(trx, database.dialect, `pickup:${siteId}`, year);
    const site = await trx
      .selectFrom('service_points')
      .select('code')
      .where('id', '=', siteId)
      .executeTakeFirstOrThrow();
    const row = {
      id,
      code: `TG-${site.code}-${year}-${String(number).padStart(5, '0')}`,
      procedure_id: input.procedureId,
      applicant_name: input.applicantName.normalize('NFC').trim(),
      phone: phone.value.e164,
      address: input.address.normalize('NFC').trim(),
      unit_id: input.unitId,
      window_start: start.toISOString(),
      window_end: end.toISOString(),
      site_id: siteId,
      courier_id: courierId,
      status: 'booked' as const,
      dossier_id: null,
      note: input.note ?? null,
      created_by: actor?.userId ?? null,
      created_at: now.toISOString(),
      client_tx_id: input.clientTxId,
    };
    await trx.insertInto('pickups').values(row).execute();
    await recordAudit(trx, database.dialect, {
      actor,
      role: actor ? 'clerk' : 'citizen',
      siteId,
      action: 'pickup.book',
      entityType: 'pickup',
      entityId: id,
      after: { ...row, phone: `…${row.phone.slice(-4)}` },
    });
  });
  return getPickup(database, id);
}

/**
 * The courier collects at the address: the documents are checked and the dossier received right
 * there (channel postal_pickup, its appointment counted from this moment), the pickup item accepted
 * with the consignment slip's seal number and signature, all before anything else can change.
 */
export async function collectPickup(
  database: Database,
  actor: Actor,
  pickupId: string,
  input: {
    clientTxId: string;
    intake: Omit<IntakeInput, 'clientTxId' | 'siteId' | 'procedureId' | 'channel'>;
    sealNumber: string;
    weightGrams: number;
    senderSignature?: string | null;
  },
  now = new Date(),
) {
  const pickup = await database.db
    .selectFrom('pickups')
    .selectAll()
    .where('id', '=', pickupId)
    .executeTakeFirst();
  if (!pickup) throw notFound({ vi: 'lịch thu gom', en: 'Pickup' });
  authorize(actor, Permission.DeliveryWork, { servicePointIds: [pickup.site_id] });
  if (pickup.status === 'collected' && pickup.dossier_id) {
    return { pickup: await getPickup(database, pickupId), dossierId: pickup.dossier_id };
  }
  if (pickup.status !== 'booked') {
    throw new AppError(409, 'PICKUP_CLOSED', { vi: 'Lịch thu gom đã đóng', en: 'The pickup is closed' });
  }
  if (!input.sealNumber.trim()) {
    throw invalidField('sealNumber', { vi: 'Cần số niêm phong', en: 'Seal number required' });
  }
  // One transaction: the dossier, its fee receipt, the pickup item and the pickup's state. Whatever
  // fails (no tariff row, no S10 series, the pickup collected meanwhile) leaves nothing behind, so a
  // retry cannot make a second dossier.
  const { dossier } = await receiveDossier(
    database,
    actor,
    {
      ...input.intake,
      clientTxId: input.clientTxId,
      siteId: pickup.site_id,
      procedureId: pickup.procedure_id,
      channel: 'postal_pickup',
    },
    now,
    {
      within: async (trx, made) => {
        const current = await forUpdate(
          database.dialect,
          trx.selectFrom('pickups').select('status').where('id', '=', pickupId),
        ).executeTakeFirstOrThrow();
        if (current.status !== 'booked') {
          throw new AppError(409, 'PICKUP_CLOSED', {
            vi: 'Lịch thu gom đã đóng',
            en: 'The pickup is closed',
          });
        }
        await createShipment(
          database,
          actor,
          {
            clientTxId: `${input.clientTxId}:pickup`,
            kind: 'pickup',
            originSiteId: pickup.site_id,
            dossierId: made.id,
            pickupId,
            recipientName: pickup.applicant_name,
            recipientPhone: pickup.phone,
            address: pickup.address,
            unitId: pickup.unit_id,
            weightGrams: input.weightGrams,
            payer: 'citizen',
            sealNumber: input.sealNumber.trim(),
            senderSignature: input.senderSignature ?? null,
          },
          now,
          trx,
        );
        await trx
          .updateTable('pickups')
          .set({ status: 'collected', dossier_id: made.id })
          .where('id', '=', pickupId)
          .execute();
        await recordAudit(trx, database.dialect, {
          actor,
          role: 'courier',
          siteId: pickup.site_id,
          action: 'pickup.collect',
          entityType: 'pickup',
          entityId: pickupId,
          after: { dossierId: made.id, sealNumber: input.sealNumber },
        });
      },
    },
  );
  return { pickup: await getPickup(database, pickupId), dossierId: dossier.id };
}

export async function getPickup(database: Database, id: string) {
  const p = await database.db
    .selectFrom('pickups as p')
    .innerJoin('procedures as pr', 'pr.id', 'p.procedure_id')
    .innerJoin('service_points as sp', 'sp.id', 'p.site_id')
    .leftJoin('users as c', 'c.id', 'p.courier_id')
    .leftJoin('dossiers as d', 'd.id', 'p.dossier_id')
    .selectAll('p')
    .select([
      'pr.name as procedure_name',
      'sp.name as site_name',
      'c.full_name as courier_name',
      'd.code as dossier_code',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!p) throw notFound({ vi: 'lịch thu gom', en: 'Pickup' });
  return {
    id: p.id,
    code: p.code,
    procedureId: p.procedure_id,
    procedureName: p.procedure_name,
    applicantName: p.applicant_name,
    phone: p.phone,
    address: p.address,
    unitId: p.unit_id,
    windowStart: p.window_start,
    windowEnd: p.window_end,
    siteId: p.site_id,
    siteName: p.site_name,
    courierId: p.courier_id,
    courierName: p.courier_name,
    status: p.status,
    dossierId: p.dossier_id,
    dossierCode: p.dossier_code,
    note: p.note,
    createdAt: p.created_at,
  };
}
