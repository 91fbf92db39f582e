import {
  addWorkingTime,
  applyTracking,
  deriveShipment,
  postageFor,
  SHIPMENT_STATUS_LABELS,
  type ShipmentKind,
  type ShipmentState,
  TRACKING_LABELS,
  type TrackingEvent,
  type TrackingRecord,
  trackingProblem,
  vnDate,
} from '@motcua/core';
import type { Selectable } from 'kysely';
import { recordAudit } from '../../audit/audit.ts';
import type { Database, Executor } from '../../db/database.ts';
import { forUpdate, fromJson, inTransaction, isUniqueViolation, newId, toJson } from '../../db/helpers.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../errors.ts';
import { enqueue, OutboxTopic } from '../../outbox/outbox.ts';
import { type Actor, authorize, can } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import { workCalendarFor } from '../calendar/service.ts';
import { lockDossier, runAction } from '../dossiers/actions.ts';
import { assertSiteInForceFor } from '../org/validity.ts';
import { allocateItemNumber, checkItemNumber, deliveryOffice, pickCourier, zoneBetween } from './network.ts';

type ShipmentRow = Selectable<DB['shipments']>;
const SHIPMENT = { vi: 'bưu gửi', en: 'Shipment' };

export async function loadTariff(db: Executor) {
  const rows = await db.selectFrom('postal_tariffs').selectAll().execute();
  return rows.map((r) => ({
    service: r.service,
    zone: r.zone,
    maxWeightGrams: r.max_weight_grams,
    price: Number(r.price),
  }));
}

function ruleError(e: unknown): never {
  const err = e as { code?: string; messageVi?: string; message: string };
  if (err.messageVi) {
    throw new AppError(409, err.code ?? 'SHIPMENT_RULE', { vi: err.messageVi, en: err.message });
  }
  throw e;
}

/** An id the request names must exist: a 400 naming the field, never a foreign-key 500. */
async function mustExist(
  trx: Executor,
  table: 'dossiers' | 'handover_batches' | 'pickups' | 'admin_units',
  id: string | null | undefined,
  field: string,
  message: { vi: string; en: string },
) {
  if (id === null || id === undefined) return;
  const row = await trx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw invalidField(field, message);
}

const NEEDS: Record<ShipmentKind, 'dossierId' | 'batchId' | 'pickupId'> = {
  result_delivery: 'dossierId',
  papers_return: 'dossierId',
  batch: 'batchId',
  pickup: 'pickupId',
};

/** Whether the actor may accept items at these offices: a returning clerk or a courier there. */
function mayShipAt(actor: Actor, siteIds: (string | null)[]) {
  return (
    can(actor, Permission.DossierReturn, { servicePointIds: siteIds }) ||
    can(actor, Permission.DeliveryWork, { servicePointIds: siteIds })
  );
}

/**
 * A shipment is authorised against what it carries, never against the ids the request names alone:
 * the accepting office (its S10 series is used), and the dossier (its receiving and returning sites),
 * the handover batch (its site) or the pickup (its office). 403 before anything is written.
 */
async function authorizeCarried(trx: Executor, actor: Actor, input: CreateShipmentInput, originId: string) {
  if (!mayShipAt(actor, [originId])) throw forbidden();
  const needed = NEEDS[input.kind];
  if (!input[needed]) {
    throw invalidField(needed, {
      vi: 'Bưu gửi loại này phải gắn với hồ sơ, chuyến bàn giao hoặc lịch thu gom nó mang',
      en: 'This kind of item must name the dossier, batch or pickup it carries',
    });
  }
  const sites: (string | null)[][] = [[originId]];
  if (input.dossierId) {
    const d = await trx
      .selectFrom('dossiers')
      .select(['receiving_site_id', 'returning_site_id'])
      .where('id', '=', input.dossierId)
      .executeTakeFirstOrThrow();
    sites.push([d.receiving_site_id, d.returning_site_id]);
  }
  if (input.batchId) {
    const b = await trx
      .selectFrom('handover_batches')
      .select('site_id')
      .where('id', '=', input.batchId)
      .executeTakeFirstOrThrow();
    sites.push([b.site_id]);
  }
  if (input.pickupId) {
    const p = await trx
      .selectFrom('pickups')
      .select('site_id')
      .where('id', '=', input.pickupId)
      .executeTakeFirstOrThrow();
    sites.push([p.site_id]);
  }
  if (!sites.every((ids) => mayShipAt(actor, ids))) throw forbidden();
}

/** The Vietnam date on which what an item carries began: the dossier's receipt, the batch's or pickup's creation. */
async function carriedSince(trx: Executor, input: CreateShipmentInput): Promise<string | null> {
  if (input.dossierId) {
    const d = await trx
      .selectFrom('dossiers')
      .select('received_date')
      .where('id', '=', input.dossierId)
      .executeTakeFirst();
    return d?.received_date ?? null;
  }
  const row = input.batchId
    ? await trx
        .selectFrom('handover_batches')
        .select('created_at')
        .where('id', '=', input.batchId)
        .executeTakeFirst()
    : input.pickupId
      ? await trx
          .selectFrom('pickups')
          .select('created_at')
          .where('id', '=', input.pickupId)
          .executeTakeFirst()
      : undefined;
  return row ? vnDate(new Date(row.created_at)) : null;
}

export interface CreateShipmentInput {
  clientTxId: string;
  kind: ShipmentKind;
  originSiteId: string;
  dossierId?: string | null;
  batchId?: string | null;
  pickupId?: string | null;
  itemNumber?: string | null;
  recipientName?: string | null;
  recipientPhone?: string | null;
  address?: string | null;
  unitId?: string | null;
  weightGrams: number;
  payer: 'citizen' | 'agency' | 'free';
  withAppointmentSlip?: boolean;
  sealNumber?: string | null;
  senderSignature?: string | null;
}

/**
 * Accepts an item at a post office: item number (allocated from the office's S10 series or a
 * carrier's number checked), zone and postage from the tariff, the J+n target, the delivering office
 * and its courier, and the first tracking event, in one transaction.
 */
export async function createShipment(
  database: Database,
  actor: Actor,
  input: CreateShipmentInput,
  now = new Date(),
  trxIn?: Executor,
) {
  const work = async (trx: Executor) => {
    const known = await trx
      .selectFrom('shipment_events')
      .select('shipment_id')
      .where('client_tx_id', '=', input.clientTxId)
      .executeTakeFirst();
    if (known) {
      // A replay answers only someone who may see the item made by the first sending.
      const made = await trx
        .selectFrom('shipments')
        .select(['origin_site_id', 'delivery_site_id'])
        .where('id', '=', known.shipment_id)
        .executeTakeFirstOrThrow();
      if (!mayShipAt(actor, [made.origin_site_id, made.delivery_site_id])) throw forbidden();
      return known.shipment_id;
    }
    const origin = await trx
      .selectFrom('service_points')
      .selectAll()
      .where('id', '=', input.originSiteId)
      .executeTakeFirst();
    if (!origin) throw invalidField('originSiteId', { vi: 'Không có bưu cục này', en: 'No such office' });
    await mustExist(trx, 'dossiers', input.dossierId, 'dossierId', {
      vi: 'Không có hồ sơ này',
      en: 'No such dossier',
    });
    await mustExist(trx, 'handover_batches', input.batchId, 'batchId', {
      vi: 'Không có chuyến bàn giao này',
      en: 'No such handover batch',
    });
    await mustExist(trx, 'pickups', input.pickupId, 'pickupId', {
      vi: 'Không có lịch thu gom này',
      en: 'No such pickup',
    });
    await mustExist(trx, 'admin_units', input.unitId, 'unitId', {
      vi: 'Không có đơn vị hành chính này',
      en: 'No such administrative unit',
    });
    await authorizeCarried(trx, actor, input, origin.id);
    // A new leg starts only at an office in force, unless it carries what began there before its end
    // (docs/organisation.md): the Vietnam date the dossier, batch or pickup began.
    await assertSiteInForceFor(trx, origin.id, vnDate(now), 'originSiteId', await carriedSince(trx, input));
    let recipientName = input.recipientName ?? null;
    let recipientPhone = input.recipientPhone ?? null;
    let address = input.address ?? null;
    let unitId = input.unitId ?? null;
    let senderName = origin.name;
    if (input.kind === 'result_delivery') {
      if (!input.dossierId)
        throw invalidField('dossierId', { vi: 'Cần hồ sơ cần chuyển kết quả', en: 'A dossier is required' });
      const dossier = await lockDossier(trx, database.dialect, input.dossierId);
      if (dossier.return_method !== 'postal') {
        throw invalidField('dossierId', {
          vi: 'Người dân chọn nhận kết quả tại quầy',
          en: 'The applicant chose to collect at the counter',
        });
      }
      if (dossier.status !== 'result_ready' || dossier.location_kind !== 'site' || dossier.in_transit === 1) {
        throw new AppError(409, 'RESULT_NOT_AT_SITE', {
          vi: 'Kết quả chưa về đến bưu cục trả',
          en: 'The result has not reached the returning office',
        });
      }
      if (dossier.location_id !== origin.id) {
        throw invalidField('originSiteId', {
          vi: 'Kết quả đang ở bưu cục khác: bưu cục nhận gửi phải là nơi giữ kết quả',
          en: 'The result is at another office: the accepting office must be the one holding it',
        });
      }
      const open = await trx
        .selectFrom('shipments')
        .select('item_number')
        .where('dossier_id', '=', dossier.id)
        .where('kind', '=', 'result_delivery')
        .where('status', 'not in', ['returned', 'held'])
        .executeTakeFirst();
      if (open) {
        throw conflict('DELIVERY_EXISTS', {
          vi: `Hồ sơ đã có bưu gửi ${open.item_number}`,
          en: `The dossier already has shipment ${open.item_number}`,
        });
      }
      recipientName ??= dossier.applicant_name;
      recipientPhone ??= dossier.applicant_phone;
      address ??= dossier.delivery_address ?? dossier.applicant_address;
      unitId ??= dossier.delivery_unit_id ?? dossier.applicant_unit_id;
      const agency = await trx
        .selectFrom('agencies')
        .select('name')
        .where('id', '=', dossier.lead_agency_id)
        .executeTakeFirst();
      senderName = agency?.name ?? senderName;
    }
    if (!recipientName?.trim())
      throw invalidField('recipientName', { vi: 'Cần tên người nhận', en: 'Recipient name required' });
    if (!address?.trim())
      throw invalidField('address', { vi: 'Cần địa chỉ phát', en: 'Delivery address required' });
    const itemNumber = input.itemNumber
      ? checkItemNumber(input.itemNumber, 'itemNumber')
      : await allocateItemNumber(trx, origin.id);
    const { zone, days } = await zoneBetween(trx, origin.unit_id, unitId);
    const postage =
      input.payer === 'free'
        ? 0
        : await loadTariff(trx).then((tariff) => {
            try {
              return postageFor(tariff, { service: input.kind, zone, weightGrams: input.weightGrams });
            } catch (error) {
              // No tariff row for this service and zone: the administrator must complete the table.
              const e = error as { code?: string; messageVi?: string; message: string };
              throw new AppError(
                422,
                e.code ?? 'NO_TARIFF',
                { vi: e.messageVi ?? e.message, en: e.message },
                [{ field: 'kind', message: { vi: e.messageVi ?? e.message, en: e.message } }],
              );
            }
          });
    const calendar = await workCalendarFor(database, { executor: trx });
    const targetDays = (input.withAppointmentSlip ? 2 : 1) * Math.max(days, 1);
    const target = addWorkingTime(calendar, now, { days: targetDays });
    const deliverySiteId = await deliveryOffice(trx, unitId, origin.id, vnDate(now));
    const courierId = await pickCourier(trx, deliverySiteId);
    const id = newId();
    const row = {
      id,
      item_number: itemNumber,
      kind: input.kind,
      dossier_id: input.dossierId ?? null,
      batch_id: input.batchId ?? null,
      pickup_id: input.pickupId ?? null,
      origin_site_id: origin.id,
      delivery_site_id: deliverySiteId,
      courier_id: courierId,
      sender_name: senderName,
      recipient_name: recipientName.normalize('NFC').trim(),
      recipient_phone: recipientPhone,
      address: address.normalize('NFC').trim(),
      unit_id: unitId,
      weight_grams: input.weightGrams,
      zone,
      postage,
      payer: input.payer,
      with_appointment_slip: input.withAppointmentSlip ? 1 : 0,
      seal_number: input.sealNumber ?? null,
      sender_signature: input.senderSignature ?? null,
      status: 'accepted',
      attempts: 0,
      next_attempt_on: null,
      target_at: target.toISOString(),
      accepted_at: now.toISOString(),
      delivered_at: null,
      event_count: 1,
      created_by: actor.userId,
      updated_at: now.toISOString(),
    };
    try {
      await trx.insertInto('shipments').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw invalidField('itemNumber', {
          vi: 'Số hiệu bưu gửi đã được dùng',
          en: 'Item number already used',
        });
      }
      throw error;
    }
    await trx
      .insertInto('shipment_events')
      .values({
        id: newId(),
        shipment_id: id,
        seq: 1,
        type: 'accepted',
        at: now.toISOString(),
        received_at: now.toISOString(),
        actor_user_id: actor.userId,
        actor_name: actor.fullName,
        site_id: origin.id,
        payload: toJson({ postage, zone }),
        client_tx_id: input.clientTxId,
      })
      .execute();
    if (input.batchId) {
      await trx
        .updateTable('handover_batches')
        .set({ postal_item_number: itemNumber })
        .where('id', '=', input.batchId)
        .execute();
    }
    await recordAudit(trx, database.dialect, {
      actor,
      siteId: origin.id,
      action: 'shipment.accept',
      entityType: 'shipment',
      entityId: id,
      after: row,
    });
    return id;
  };
  const id = trxIn ? await work(trxIn) : await inTransaction(database, work);
  return id;
}

export interface EventInput {
  clientTxId: string;
  type: Exclude<TrackingEvent, 'accepted'>;
  /** When it happened on the phone (offline queue); defaults to now; never in the future. */
  at?: string | null;
  payload?: {
    recipientName?: string | null;
    idLast4?: string | null;
    relationship?: string | null;
    signature?: string | null;
    photo?: string | null;
    gps?: { lat: number; lng: number; accuracy?: number | null } | null;
    reason?: string | null;
    address?: string | null;
    unitId?: string | null;
    note?: string | null;
  };
}

const SIGNATURE_MAX = 200_000;

/**
 * Records one tracking event: replays a known client transaction id (an offline queue synced twice
 * counts once), refuses what the attempt rules forbid (a second delivery is a 409 conflict), and for
 * a result delivered, returns the dossier's result in the same transaction.
 */
export async function recordEvent(
  database: Database,
  actor: Actor,
  shipmentId: string,
  input: EventInput,
  now = new Date(),
) {
  const at = input.at ? new Date(input.at) : now;
  if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + 5 * 60_000) {
    throw invalidField('at', { vi: 'Thời điểm không hợp lệ hoặc ở tương lai', en: 'Invalid or future time' });
  }
  for (const key of ['signature', 'photo'] as const) {
    const value = input.payload?.[key];
    if (value && (!/^data:image\/(png|jpeg);base64,/.test(value) || value.length > SIGNATURE_MAX)) {
      throw invalidField(`payload.${key}`, {
        vi: 'Ảnh phải là PNG hoặc JPEG, không quá 150 KB',
        en: 'Image must be PNG or JPEG, at most 150 KB',
      });
    }
  }
  if (input.type === 'delivered' && !input.payload?.recipientName?.trim()) {
    throw invalidField('payload.recipientName', { vi: 'Cần tên người nhận', en: 'Recipient name required' });
  }
  if (input.type === 'failed_attempt' && !input.payload?.reason?.trim()) {
    throw invalidField('payload.reason', {
      vi: 'Cần lý do phát không thành công',
      en: 'A reason is required',
    });
  }
  await inTransaction(database, async (trx) => {
    const shipment = await forUpdate(
      database.dialect,
      trx.selectFrom('shipments').selectAll().where('id', '=', shipmentId),
    ).executeTakeFirst();
    if (!shipment) throw notFound(SHIPMENT);
    const allowed =
      can(actor, Permission.DeliveryWork, {
        servicePointIds: [shipment.delivery_site_id, shipment.origin_site_id],
      }) ||
      can(actor, Permission.DossierReturn, {
        servicePointIds: [shipment.delivery_site_id, shipment.origin_site_id],
      });
    if (!allowed) authorize(actor, Permission.DeliveryWork, { servicePointIds: [shipment.delivery_site_id] });
    const replay = await trx
      .selectFrom('shipment_events')
      .select('shipment_id')
      .where('client_tx_id', '=', input.clientTxId)
      .executeTakeFirst();
    if (replay) {
      if (replay.shipment_id !== shipmentId) {
        throw conflict('CLIENT_TX_REUSED', {
          vi: 'Mã giao dịch đã dùng cho bưu gửi khác',
          en: 'Client transaction id reused',
        });
      }
      return;
    }
    if (at.getTime() < Date.parse(shipment.accepted_at) - 5 * 60_000) {
      throw invalidField('at', {
        vi: 'Thời điểm ghi nhận trước lúc nhận gửi bưu gửi',
        en: 'The event is earlier than the acceptance of the item',
      });
    }
    const calendar = await workCalendarFor(database, { executor: trx });
    const events = await trx
      .selectFrom('shipment_events')
      .selectAll()
      .where('shipment_id', '=', shipmentId)
      .orderBy('seq')
      .execute();
    const records: TrackingRecord[] = events.map((e) => ({
      type: e.type as TrackingEvent,
      at: e.at,
      payload: fromJson(e.payload, {}),
    }));
    const dayOf = (iso: string) => vnDate(new Date(iso));
    let state: ShipmentState;
    try {
      state = deriveShipment(calendar, records, dayOf);
    } catch (e) {
      ruleError(e);
    }
    const record: TrackingRecord = { type: input.type, at: at.toISOString(), payload: input.payload ?? {} };
    const problem = trackingProblem(state, record, dayOf(record.at));
    if (problem) throw new AppError(409, problem.code, { vi: problem.vi, en: problem.en });
    const next = applyTracking(calendar, state, record, dayOf(record.at));
    try {
      await trx
        .insertInto('shipment_events')
        .values({
          id: newId(),
          shipment_id: shipmentId,
          seq: events.length + 1,
          type: input.type,
          at: record.at,
          received_at: now.toISOString(),
          actor_user_id: actor.userId,
          actor_name: actor.fullName,
          site_id: shipment.delivery_site_id,
          payload: toJson(record.payload),
          client_tx_id: input.clientTxId,
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict('CONCURRENT_CHANGE', {
          vi: 'Bưu gửi vừa được người khác cập nhật, vui lòng thử lại',
          en: 'The item was just updated by someone else, retry',
        });
      }
      throw error;
    }
    const changes: Partial<ShipmentRow> = {
      status: next.status,
      attempts: next.attempts,
      next_attempt_on: next.nextAttemptOn,
      delivered_at: next.deliveredAt,
      event_count: events.length + 1,
      updated_at: now.toISOString(),
    };
    if (input.type === 'address_changed') {
      if (input.payload?.address) changes.address = input.payload.address.normalize('NFC').trim();
      if (input.payload?.unitId) changes.unit_id = input.payload.unitId;
    }
    await trx.updateTable('shipments').set(changes).where('id', '=', shipmentId).execute();
    await recordAudit(trx, database.dialect, {
      actor,
      siteId: shipment.delivery_site_id,
      action: `shipment.${input.type}`,
      entityType: 'shipment',
      entityId: shipmentId,
      before: { status: shipment.status },
      after: {
        ...changes,
        payload: {
          ...record.payload,
          signature: record.payload?.signature ? '[image]' : undefined,
          photo: record.payload?.photo ? '[image]' : undefined,
        },
      },
    });
    if (shipment.kind === 'result_delivery' && shipment.dossier_id) {
      await onResultDeliveryEvent(database, trx, actor, shipment, input, at);
    }
  });
  return getShipment(database, shipmentId);
}

/** What a delivery event means for the dossier: delivered returns it; a closed failure tells the citizen. */
async function onResultDeliveryEvent(
  database: Database,
  trx: Executor,
  actor: Actor,
  shipment: ShipmentRow,
  input: EventInput,
  at: Date,
) {
  const dossier = await lockDossier(trx, database.dialect, shipment.dossier_id!);
  if (input.type === 'delivered') {
    await runAction(
      trx,
      database.dialect,
      actor,
      dossier,
      {
        type: 'return_result',
        clientTxId: `${input.clientTxId}:return`,
        role: 'courier',
        siteId: shipment.delivery_site_id,
        payload: {
          method: 'postal',
          postalItemNumber: shipment.item_number,
          recipientName: input.payload?.recipientName ?? null,
          relationship: input.payload?.relationship ?? null,
        },
      },
      at,
    );
    return;
  }
  if (
    input.type === 'failed_attempt' ||
    input.type === 'returned_to_sender' ||
    input.type === 'held_for_pickup'
  ) {
    await runAction(
      trx,
      database.dialect,
      actor,
      dossier,
      {
        type: 'note',
        clientTxId: `${input.clientTxId}:note`,
        role: 'courier',
        siteId: shipment.delivery_site_id,
        payload: {
          postal: input.type,
          postalItemNumber: shipment.item_number,
          reason: input.payload?.reason ?? null,
        },
      },
      at,
      () => (input.type === 'held_for_pickup' ? { return_method: 'counter' as const } : {}),
    );
    await enqueue(trx, database.dialect, OutboxTopic.NotifyCitizen, {
      dossierId: dossier.id,
      event: `shipment.${input.type}`,
      label: TRACKING_LABELS[input.type].vi,
    });
  }
}

export async function findShipmentByNumber(db: Executor, itemNumber: string) {
  return db
    .selectFrom('shipments')
    .select('id')
    .where('item_number', '=', itemNumber.trim().toUpperCase())
    .executeTakeFirst();
}

export async function getShipment(database: Database, id: string) {
  const s = await database.db
    .selectFrom('shipments as s')
    .leftJoin('users as c', 'c.id', 's.courier_id')
    .leftJoin('service_points as o', 'o.id', 's.origin_site_id')
    .leftJoin('service_points as d', 'd.id', 's.delivery_site_id')
    .leftJoin('dossiers as ds', 'ds.id', 's.dossier_id')
    .selectAll('s')
    .select([
      'c.full_name as courier_name',
      'o.name as origin_name',
      'd.name as delivery_name',
      'ds.code as dossier_code',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!s) throw notFound(SHIPMENT);
  const events = await database.db
    .selectFrom('shipment_events')
    .selectAll()
    .where('shipment_id', '=', id)
    .orderBy('seq')
    .execute();
  return {
    id: s.id,
    itemNumber: s.item_number,
    kind: s.kind,
    dossierId: s.dossier_id,
    dossierCode: s.dossier_code,
    originSiteId: s.origin_site_id,
    originName: s.origin_name,
    deliverySiteId: s.delivery_site_id,
    deliveryName: s.delivery_name,
    courierId: s.courier_id,
    courierName: s.courier_name,
    senderName: s.sender_name,
    recipientName: s.recipient_name,
    recipientPhone: s.recipient_phone,
    address: s.address,
    unitId: s.unit_id,
    weightGrams: s.weight_grams,
    zone: s.zone,
    postage: Number(s.postage),
    payer: s.payer,
    sealNumber: s.seal_number,
    status: s.status,
    statusLabel: SHIPMENT_STATUS_LABELS[s.status as keyof typeof SHIPMENT_STATUS_LABELS]?.vi ?? s.status,
    attempts: s.attempts,
    nextAttemptOn: s.next_attempt_on,
    targetAt: s.target_at,
    acceptedAt: s.accepted_at,
    deliveredAt: s.delivered_at,
    onTime: s.delivered_at ? s.delivered_at <= s.target_at : null,
    events: events.map((e) => {
      const payload = fromJson<Record<string, unknown>>(e.payload, {});
      return {
        seq: e.seq,
        type: e.type,
        label: TRACKING_LABELS[e.type as TrackingEvent]?.vi ?? e.type,
        at: e.at,
        actorName: e.actor_name,
        reason: (payload.reason as string | undefined) ?? null,
        recipientName: (payload.recipientName as string | undefined) ?? null,
        relationship: (payload.relationship as string | undefined) ?? null,
        hasSignature: typeof payload.signature === 'string',
        gps: (payload.gps as { lat: number; lng: number } | undefined) ?? null,
      };
    }),
  };
}
export type ShipmentView = Awaited<ReturnType<typeof getShipment>>;
