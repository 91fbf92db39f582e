import { searchKey, validateS10, vnDate } from '@motcua/core';
import { Type } from 'typebox';
import { recordAudit } from '../../audit/audit.ts';
import { containsKey, inTransaction, newId } from '../../db/helpers.ts';
import { AppError, forbidden, invalidField, notFound } from '../../errors.ts';
import type { RouteModule } from '../../http/route-module.ts';
import { errorResponses, IdParams, IsoDate } from '../../http/schemas.ts';
import { type Actor, authorize, can, canGrant, reachable } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import { sendPdf } from '../documents/routes.ts';
import { lockDossier, runAction } from '../dossiers/actions.ts';
import { bookPickup, collectPickup, getPickup } from './pickups.ts';
import {
  DeliveryChange,
  EventBody,
  PickupBook,
  PickupCollect,
  PickupSchema,
  ReportQuery,
  ShipmentCreate,
  ShipmentSchema,
  TariffRowSchema,
} from './schema.ts';
import { createShipment, findShipmentByNumber, getShipment, loadTariff, recordEvent } from './shipments.ts';
import { consignmentSlipPdf } from './slip.ts';

const CITIZEN = {
  userId: null,
  username: 'citizen',
  fullName: 'Người dân',
  grants: [],
  sessionKind: 'api' as const,
};

/** Postal logistics: shipments with S10 numbers and tracking, the courier's round, home pickups, reports. */
export const registerPostalRoutes: RouteModule = (app, { database, config }) => {
  const { db } = database;

  // Accepting items and recording their events is for returning clerks and couriers: other roles are
  // refused before anything is looked up (the office and the item are checked in the service).
  const shipsSomewhere = (actor: Actor) => {
    if (!can(actor, Permission.DossierReturn) && !can(actor, Permission.DeliveryWork)) throw forbidden();
  };

  const readable = (actor: Actor, s: { originSiteId: string; deliverySiteId: string }) =>
    can(actor, Permission.DeliveryWork, { servicePointIds: [s.originSiteId, s.deliverySiteId] }) ||
    can(actor, Permission.DossierRead, { servicePointIds: [s.originSiteId, s.deliverySiteId] });

  app.post(
    '/api/v1/shipments',
    {
      config: { permission: Permission.DossierRead, idempotent: true },
      schema: {
        tags: ['postal'],
        summary:
          'Nhận gửi một bưu gửi (kết quả chuyển phát, chuyến bàn giao…): S10 number, postage, J+n target, courier',
        body: ShipmentCreate,
        response: { 201: ShipmentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      shipsSomewhere(request.actor!);
      // Authorised in the service against the office and what the item carries.
      const id = await createShipment(database, request.actor!, request.body);
      return reply.status(201).send(await getShipment(database, id));
    },
  );

  app.get(
    '/api/v1/shipments/:id',
    {
      config: { permission: Permission.DossierRead },
      schema: { tags: ['postal'], params: IdParams, response: { 200: ShipmentSchema, ...errorResponses } },
    },
    async (request) => {
      const shipment = await getShipment(database, request.params.id);
      if (!readable(request.actor!, shipment))
        authorize(request.actor!, Permission.DeliveryWork, { servicePointIds: [shipment.deliverySiteId] });
      return shipment;
    },
  );

  app.get(
    '/api/v1/shipments/:id/slip.pdf',
    {
      config: { permission: Permission.DossierRead },
      schema: {
        tags: ['postal'],
        summary: 'Phiếu gửi hồ sơ (consignment slip) as PDF, with the item number as Code128',
        params: IdParams,
        response: { 200: Type.Unknown({ description: 'application/pdf' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const shipment = await getShipment(database, request.params.id);
      if (!readable(request.actor!, shipment))
        authorize(request.actor!, Permission.DeliveryWork, { servicePointIds: [shipment.deliverySiteId] });
      return sendPdf(reply, `${shipment.itemNumber}-phieu-gui`, await consignmentSlipPdf(database, shipment));
    },
  );

  const byNumber = async (itemNumber: string) => {
    const compact = itemNumber.trim().toUpperCase();
    if (/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(compact)) {
      const check = validateS10(compact);
      if (!check.ok) throw invalidField('itemNumber', check.reason);
    }
    const found = await findShipmentByNumber(db, compact);
    if (!found) throw notFound({ vi: 'bưu gửi với số hiệu này', en: 'Shipment with this number' });
    return found.id;
  };

  app.get(
    '/api/v1/shipments/by-number/:itemNumber',
    {
      config: { permission: Permission.DossierRead },
      schema: {
        tags: ['postal'],
        summary: 'Find an item by its number (scanned or typed); a wrong S10 check digit is a 400 naming it',
        params: Type.Object({ itemNumber: Type.String({ minLength: 6, maxLength: 30 }) }),
        response: { 200: ShipmentSchema, ...errorResponses },
      },
    },
    async (request) => {
      const shipment = await getShipment(database, await byNumber(request.params.itemNumber));
      if (!readable(request.actor!, shipment))
        authorize(request.actor!, Permission.DeliveryWork, { servicePointIds: [shipment.deliverySiteId] });
      return shipment;
    },
  );

  app.post(
    '/api/v1/shipments/:id/events',
    {
      config: { permission: Permission.DossierRead, idempotent: true },
      schema: {
        tags: ['postal'],
        summary:
          'Record a tracking event: out for delivery, delivered (name, ID digits, signature, photo, GPS), failed attempt…',
        params: IdParams,
        body: EventBody,
        response: { 200: ShipmentSchema, ...errorResponses },
      },
    },
    async (request) => {
      shipsSomewhere(request.actor!);
      return recordEvent(database, request.actor!, request.params.id, request.body);
    },
  );

  app.post(
    '/api/v1/shipments/by-number/:itemNumber/events',
    {
      config: { permission: Permission.DossierRead, idempotent: true },
      schema: {
        tags: ['postal'],
        summary: 'Same, by the scanned or typed item number',
        params: Type.Object({ itemNumber: Type.String({ minLength: 6, maxLength: 30 }) }),
        body: EventBody,
        response: { 200: ShipmentSchema, ...errorResponses },
      },
    },
    async (request) => {
      shipsSomewhere(request.actor!);
      return recordEvent(database, request.actor!, await byNumber(request.params.itemNumber), request.body);
    },
  );

  app.get(
    '/api/v1/courier/round',
    {
      config: { permission: Permission.DeliveryWork },
      schema: {
        tags: ['postal'],
        summary:
          'Today’s round of the signed-in courier: open items and booked pickups, sorted by area then address',
        response: {
          200: Type.Object({ shipments: Type.Array(ShipmentSchema), pickups: Type.Array(PickupSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const rows = await db
        .selectFrom('shipments as s')
        .leftJoin('admin_units as u', 'u.id', 's.unit_id')
        .select(['s.id'])
        .where('s.courier_id', '=', actor.userId)
        .where('s.status', 'not in', ['delivered', 'returned', 'held'])
        .orderBy('u.name')
        .orderBy('s.address')
        .limit(300)
        .execute();
      const shipments = [];
      for (const r of rows) shipments.push(await getShipment(database, r.id));
      const pickupRows = await db
        .selectFrom('pickups')
        .select('id')
        .where('courier_id', '=', actor.userId)
        .where('status', '=', 'booked')
        .orderBy('window_start')
        .limit(100)
        .execute();
      const pickups = [];
      for (const p of pickupRows) pickups.push(await getPickup(database, p.id));
      return { shipments, pickups };
    },
  );

  app.post(
    '/api/v1/pickups',
    {
      config: { permission: Permission.DossierIntake, idempotent: true },
      schema: {
        tags: ['postal'],
        summary: 'Đặt lịch thu gom hồ sơ tại nhà (by a clerk)',
        body: PickupBook,
        response: { 201: PickupSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await bookPickup(database, request.actor!, request.body)),
  );

  app.post(
    '/api/v1/public/pickups',
    {
      config: {
        public: true,
        idempotent: true,
        rateLimit: { max: config.publicRateLimit },
      },
      schema: {
        tags: ['public'],
        summary: 'Người dân đặt lịch thu gom hồ sơ tại nhà',
        security: [],
        body: PickupBook,
        response: {
          201: Type.Object({
            code: Type.String(),
            windowStart: Type.String(),
            windowEnd: Type.String(),
            siteName: Type.String(),
            procedureName: Type.String(),
            documents: Type.Array(
              Type.Object({
                name: Type.String(),
                count: Type.Integer(),
                required: Type.Boolean(),
                condition: Type.Union([Type.String(), Type.Null()]),
              }),
              { description: 'the papers to have ready for the courier (current version of the procedure)' },
            ),
            fees: Type.Array(Type.Object({ name: Type.String(), amount: Type.Integer() })),
            totalFee: Type.Integer({ description: 'integer đồng, paid to the courier' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const p = await bookPickup(database, null, request.body);
      // The confirmation says which papers and how much: the procedure's current version.
      const version = await db
        .selectFrom('procedures as pr')
        .innerJoin('procedure_versions as v', (j) =>
          j.onRef('v.procedure_id', '=', 'pr.id').onRef('v.version', '=', 'pr.current_version'),
        )
        .select(['v.documents', 'v.fees'])
        .where('pr.id', '=', p.procedureId)
        .executeTakeFirstOrThrow();
      const documents = (
        JSON.parse(version.documents) as {
          name: string;
          count: number;
          required: boolean;
          condition?: string | null;
        }[]
      ).map((d) => ({ name: d.name, count: d.count, required: d.required, condition: d.condition ?? null }));
      const fees = (JSON.parse(version.fees) as { name: string; amount: number }[]).map((f) => ({
        name: f.name,
        amount: f.amount,
      }));
      return reply.status(201).send({
        code: p.code,
        windowStart: p.windowStart,
        windowEnd: p.windowEnd,
        siteName: p.siteName,
        procedureName: p.procedureName,
        documents,
        fees,
        totalFee: fees.reduce((sum, f) => sum + f.amount, 0),
      });
    },
  );

  const lists = {
    public: true,
    rateLimit: { max: Math.max(config.publicRateLimit * 4, 120) },
  };

  app.get(
    '/api/v1/public/procedures',
    {
      config: lists,
      schema: {
        tags: ['public'],
        summary:
          'Procedures a citizen may send by post (for the home-pickup form); words in any order, no diacritics needed',
        security: [],
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                code: Type.String(),
                name: Type.String(),
                level: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const words = searchKey(request.query.q ?? '')
        .split(' ')
        .filter(Boolean)
        .slice(0, 8);
      let query = db
        .selectFrom('procedures as p')
        .innerJoin('procedure_versions as v', (j) =>
          j.onRef('v.procedure_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'),
        )
        .select(['p.id', 'p.code', 'p.name', 'p.level'])
        .where('p.active', '=', 1)
        .where('v.postal_excluded', '=', 0)
        .where(containsKey('v.channels', '"postal"'));
      for (const w of words) query = query.where(containsKey('p.search_text', w));
      return { items: await query.orderBy('p.name_key').limit(50).execute() };
    },
  );

  app.get(
    '/api/v1/public/communes',
    {
      config: lists,
      schema: {
        tags: ['public'],
        summary:
          'Communes and wards by name (no diacritics needed), with their district and province, for addresses',
        security: [],
        querystring: Type.Object({ q: Type.String({ minLength: 2, maxLength: 100 }) }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                parentName: Type.Union([Type.String(), Type.Null()]),
                era: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const rows = await db
        .selectFrom('admin_units as u')
        .leftJoin('admin_units as parent', 'parent.id', 'u.parent_id')
        .select(['u.id', 'u.name', 'parent.name as parentName', 'u.era'])
        .where('u.level', '=', 'commune')
        .where(containsKey('u.name_key', searchKey(request.query.q)))
        .orderBy('u.era')
        .orderBy('u.name_key')
        .limit(20)
        .execute();
      return { items: rows.map((r) => ({ ...r, parentName: r.parentName ?? null })) };
    },
  );

  app.get(
    '/api/v1/pickups/:id',
    {
      config: { permission: Permission.DossierRead },
      schema: { tags: ['postal'], params: IdParams, response: { 200: PickupSchema, ...errorResponses } },
    },
    async (request) => {
      const p = await getPickup(database, request.params.id);
      if (!can(request.actor!, Permission.DeliveryWork, { servicePointIds: [p.siteId] })) {
        authorize(request.actor!, Permission.DossierRead, { servicePointIds: [p.siteId] });
      }
      return p;
    },
  );

  app.post(
    '/api/v1/pickups/:id/collect',
    {
      config: { permission: Permission.DeliveryWork, idempotent: true },
      schema: {
        tags: ['postal'],
        summary: 'The courier receives the dossier at the address (checked documents, fee, seal, signature)',
        params: IdParams,
        body: PickupCollect,
        response: { 200: Type.Object({ pickup: PickupSchema, dossierId: Type.String() }), ...errorResponses },
      },
    },
    async (request) => collectPickup(database, request.actor!, request.params.id, request.body as never),
  );

  app.post(
    '/api/v1/public/dossiers/:token/delivery',
    {
      config: {
        public: true,
        idempotent: true,
        rateLimit: { max: config.publicRateLimit },
      },
      schema: {
        tags: ['public'],
        summary:
          'Before dispatch, the citizen changes the delivery address or switches to collecting at the counter',
        security: [],
        params: Type.Object({ token: Type.String({ minLength: 10, maxLength: 64 }) }),
        body: DeliveryChange,
        response: {
          200: Type.Object({
            returnMethod: Type.String(),
            deliveryAddress: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const dossierRow = await db
        .selectFrom('dossiers')
        .select('id')
        .where('lookup_token', '=', request.params.token)
        .executeTakeFirst();
      if (!dossierRow) throw notFound({ vi: 'hồ sơ', en: 'Dossier' });
      const { collectAtCounter, address, unitId, clientTxId } = request.body;
      if (!collectAtCounter && !address) {
        throw invalidField('address', {
          vi: 'Nhập địa chỉ mới hoặc chọn nhận tại quầy',
          en: 'Give a new address or choose the counter',
        });
      }
      if (
        unitId &&
        !(await db.selectFrom('admin_units').select('id').where('id', '=', unitId).executeTakeFirst())
      ) {
        throw invalidField('unitId', { vi: 'Không có đơn vị hành chính này', en: 'No such unit' });
      }
      return inTransaction(database, async (trx) => {
        const dossier = await lockDossier(trx, database.dialect, dossierRow.id);
        if (['returned', 'withdrawn'].includes(dossier.status)) {
          throw new AppError(409, 'DOSSIER_CLOSED', { vi: 'Hồ sơ đã kết thúc', en: 'The dossier is closed' });
        }
        const shipment = await trx
          .selectFrom('shipments')
          .selectAll()
          .where('dossier_id', '=', dossier.id)
          .where('kind', '=', 'result_delivery')
          .where('status', 'not in', ['returned', 'held'])
          .executeTakeFirst();
        if (shipment && shipment.status !== 'accepted') {
          throw new AppError(409, 'ALREADY_DISPATCHED', {
            vi: 'Kết quả đã được chuyển đi, không thể đổi cách nhận',
            en: 'The result is already on its way: the delivery can no longer change',
          });
        }
        const returnMethod = collectAtCounter ? ('counter' as const) : ('postal' as const);
        await runAction(
          trx,
          database.dialect,
          CITIZEN,
          dossier,
          {
            type: 'note',
            clientTxId,
            role: 'citizen',
            payload: { deliveryChange: collectAtCounter ? 'counter' : 'address' },
          },
          new Date(),
          () => ({
            return_method: returnMethod,
            ...(address ? { delivery_address: address.normalize('NFC').trim() } : {}),
            ...(unitId ? { delivery_unit_id: unitId } : {}),
          }),
        );
        if (shipment) {
          const closing = collectAtCounter ? 'held_for_pickup' : 'address_changed';
          const seq = shipment.event_count + 1;
          await trx
            .insertInto('shipment_events')
            .values({
              id: newId(),
              shipment_id: shipment.id,
              seq,
              type: closing,
              at: new Date().toISOString(),
              received_at: new Date().toISOString(),
              actor_user_id: null,
              actor_name: 'Người dân',
              site_id: null,
              payload: JSON.stringify({ address: address ?? null, byCitizen: true }),
              client_tx_id: `${clientTxId}:shipment`,
            })
            .execute();
          await trx
            .updateTable('shipments')
            .set({
              event_count: seq,
              ...(collectAtCounter ? { status: 'held' } : {}),
              ...(address ? { address: address.normalize('NFC').trim() } : {}),
              ...(unitId ? { unit_id: unitId } : {}),
            })
            .where('id', '=', shipment.id)
            .execute();
          await recordAudit(trx, database.dialect, {
            actor: null,
            role: 'citizen',
            action: `shipment.${closing}`,
            entityType: 'shipment',
            entityId: shipment.id,
            after: { address: address ?? null },
          });
        }
        return { returnMethod, deliveryAddress: address ?? dossier.delivery_address };
      });
    },
  );

  app.get(
    '/api/v1/postal/daily',
    {
      config: { permission: Permission.DossierRead },
      schema: {
        tags: ['postal'],
        summary:
          'Daily dispatch list (accepted at the office) and delivery list (items the office delivers) for a day',
        querystring: Type.Object({
          siteId: Type.String({ minLength: 1 }),
          date: IsoDate,
        }),
        response: {
          200: Type.Object({
            dispatched: Type.Array(ShipmentSchema),
            delivering: Type.Array(ShipmentSchema),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { siteId, date } = request.query;
      if (!can(request.actor!, Permission.DeliveryWork, { servicePointIds: [siteId] })) {
        authorize(request.actor!, Permission.DossierRead, { servicePointIds: [siteId] });
      }
      const start = new Date(`${date}T00:00:00+07:00`).toISOString();
      const end = new Date(new Date(`${date}T00:00:00+07:00`).getTime() + 86_400_000).toISOString();
      const dispatched = await db
        .selectFrom('shipments')
        .select('id')
        .where('origin_site_id', '=', siteId)
        .where('accepted_at', '>=', start)
        .where('accepted_at', '<', end)
        .orderBy('accepted_at')
        .limit(1000)
        .execute();
      const delivering = await db
        .selectFrom('shipments')
        .select('id')
        .where('delivery_site_id', '=', siteId)
        .where((eb) =>
          eb.or([eb('status', 'not in', ['delivered', 'returned', 'held']), eb('delivered_at', '>=', start)]),
        )
        .where('accepted_at', '<', end)
        .orderBy('target_at')
        .limit(1000)
        .execute();
      const load = async (ids: { id: string }[]) => {
        const out = [];
        for (const { id } of ids) out.push(await getShipment(database, id));
        return out;
      };
      return { dispatched: await load(dispatched), delivering: await load(delivering) };
    },
  );

  app.get(
    '/api/v1/postal/report',
    {
      config: { permission: Permission.DossierRead },
      schema: {
        tags: ['postal'],
        summary:
          'Delivery report per courier of an office: delivered on time / late against J+n, failed attempts, returned',
        querystring: ReportQuery,
        response: {
          200: Type.Object({
            rows: Type.Array(
              Type.Object({
                courierId: Type.Union([Type.String(), Type.Null()]),
                courierName: Type.Union([Type.String(), Type.Null()]),
                delivered: Type.Integer(),
                onTime: Type.Integer(),
                late: Type.Integer(),
                failedAttempts: Type.Integer(),
                returned: Type.Integer(),
                open: Type.Integer(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { siteId, from, to } = request.query;
      const scope = reachable(request.actor!, Permission.DossierRead);
      if (!scope.all && !scope.servicePointIds.includes(siteId))
        authorize(request.actor!, Permission.ReportsRead, { servicePointIds: [siteId] });
      const start = new Date(`${from}T00:00:00+07:00`).toISOString();
      const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000).toISOString();
      const rows = await db
        .selectFrom('shipments as s')
        .leftJoin('users as u', 'u.id', 's.courier_id')
        .select((eb) => [
          's.courier_id',
          'u.full_name',
          eb.fn
            .sum<number>(eb.case().when('s.status', '=', 'delivered').then(1).else(0).end())
            .as('delivered'),
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(
                  eb.and([
                    eb('s.status', '=', 'delivered'),
                    eb('s.delivered_at', '<=', eb.ref('s.target_at')),
                  ]),
                )
                .then(1)
                .else(0)
                .end(),
            )
            .as('on_time'),
          eb.fn.sum<number>('s.attempts').as('failed'),
          eb.fn
            .sum<number>(eb.case().when('s.status', 'in', ['returned', 'held']).then(1).else(0).end())
            .as('returned'),
          eb.fn
            .sum<number>(
              eb.case().when('s.status', 'not in', ['delivered', 'returned', 'held']).then(1).else(0).end(),
            )
            .as('open'),
        ])
        .where('s.delivery_site_id', '=', siteId)
        .where('s.accepted_at', '>=', start)
        .where('s.accepted_at', '<', end)
        .groupBy(['s.courier_id', 'u.full_name'])
        .orderBy('u.full_name')
        .execute();
      return {
        rows: rows.map((r) => ({
          courierId: r.courier_id,
          courierName: r.full_name,
          delivered: Number(r.delivered ?? 0),
          onTime: Number(r.on_time ?? 0),
          late: Number(r.delivered ?? 0) - Number(r.on_time ?? 0),
          failedAttempts: Number(r.failed ?? 0),
          returned: Number(r.returned ?? 0),
          open: Number(r.open ?? 0),
        })),
      };
    },
  );

  app.get(
    '/api/v1/postal/tariffs',
    {
      config: { permission: Permission.OrgRead },
      schema: {
        tags: ['postal'],
        summary: 'Bảng cước (integer đồng)',
        response: { 200: Type.Object({ rows: Type.Array(TariffRowSchema) }), ...errorResponses },
      },
    },
    async () => ({ rows: await loadTariff(db) }),
  );

  app.post(
    '/api/v1/postal/tariffs',
    {
      config: { permission: Permission.OrgWrite, idempotent: true },
      schema: {
        tags: ['postal'],
        summary: 'Replace the tariff table (all rows at once)',
        body: Type.Object({ rows: Type.Array(TariffRowSchema, { minItems: 1, maxItems: 200 }) }),
        response: { 201: Type.Object({ rows: Type.Array(TariffRowSchema) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      // One table for the whole network: only an administrator of everything replaces it.
      if (!canGrant(request.actor!, Permission.OrgWrite, {})) throw forbidden();
      await inTransaction(database, async (trx) => {
        const before = await loadTariff(trx);
        await trx.deleteFrom('postal_tariffs').execute();
        for (const r of request.body.rows) {
          await trx
            .insertInto('postal_tariffs')
            .values({
              id: newId(),
              service: r.service,
              zone: r.zone,
              max_weight_grams: r.maxWeightGrams,
              price: r.price,
              valid_from: vnDate(new Date()),
              note: null,
            })
            .execute();
        }
        await recordAudit(trx, database.dialect, {
          actor: request.actor,
          action: 'postal.tariffs.replace',
          entityType: 'postal_tariffs',
          before,
          after: request.body.rows,
        });
      });
      return reply.status(201).send({ rows: await loadTariff(db) });
    },
  );
};
