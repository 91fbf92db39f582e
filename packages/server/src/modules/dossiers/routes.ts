import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import { notFound } from '../../errors.ts';
import type { RouteModule } from '../../http/route-module.ts';
import { errorResponses, IdParams, Paged } from '../../http/schemas.ts';
import { type Actor, authorize, reachable } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import { DOSSIER } from './actions.ts';
import { filteredDossiers } from './book-filter.ts';
import { confirmItem, createBatch, getBatch } from './handover.ts';
import { issueIntakeSlip, receiveDossier } from './intake.ts';
import {
  apologise,
  approveDossier,
  assignOfficer,
  forwardDossier,
  receiveSupplement,
  receiveSupplementAtCounter,
  recordResult,
  recordStep,
  refuseDossier,
  requestSupplement,
  returnForRework,
  returnFromForward,
  submitForApproval,
} from './processing.ts';
import { findDossier } from './repository.ts';
import { returnResult, withdrawDossier } from './return.ts';
import {
  ActionBodies,
  BatchBody,
  BatchSchema,
  DossierListItem,
  DossierQuery,
  DossierViewSchema,
  IntakeBody,
  IntakeSlipBody,
} from './schema.ts';
import { clockFlags, dossierView, listItem } from './views.ts';

/** The dossier lifecycle: intake, handover, processing, return, the book and the inbox. */
export const registerDossierRoutes: RouteModule = (app, { database }) => {
  const { db } = database;

  const viewOf = async (id: string) => {
    const d = await findDossier(db, id);
    if (!d) throw notFound(DOSSIER);
    return dossierView(database, d);
  };

  app.post(
    '/api/v1/dossiers',
    {
      config: { permission: Permission.DossierIntake, idempotent: true },
      schema: {
        tags: ['dossiers'],
        summary:
          'Tiếp nhận hồ sơ: receive a dossier at a counter (Mẫu 01); 400 DOSSIER_INCOMPLETE names missing documents',
        body: IntakeBody,
        response: { 201: DossierViewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { dossier, preloaded } = await receiveDossier(database, request.actor!, request.body);
      return reply.status(201).send(await dossierView(database, dossier, new Date(), preloaded));
    },
  );

  app.post(
    '/api/v1/intake-slips',
    {
      config: { permission: Permission.DossierIntake, idempotent: true },
      schema: {
        tags: ['dossiers'],
        summary:
          'Phiếu yêu cầu bổ sung (Mẫu 02) or phiếu từ chối tiếp nhận (Mẫu 03) at the counter: nothing received',
        body: IntakeSlipBody,
        response: {
          201: Type.Object({ id: Type.String(), kind: Type.String(), at: Type.String() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const slip = await issueIntakeSlip(database, request.actor!, request.body);
      return reply.status(201).send({ id: slip.id, kind: slip.kind, at: slip.at });
    },
  );

  app.get(
    '/api/v1/dossiers',
    {
      config: { permission: Permission.DossierRead },
      schema: {
        tags: ['dossiers'],
        summary: 'Sổ theo dõi hồ sơ: the dossiers of the sites and agencies you work for, filtered and paged',
        querystring: DossierQuery,
        response: { 200: Paged(DossierListItem), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      const { page: _page, pageSize: _pageSize, ...filter } = q;
      const query = filteredDossiers(db, filter, reachable(request.actor!, Permission.DossierRead))
        .innerJoin('service_points as sp', 'sp.id', 'd.receiving_site_id')
        .innerJoin('agencies as a', 'a.id', 'd.current_agency_id');
      const { total } = (await query
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow()) as {
        total: number;
      };
      const rows = await query
        .selectAll('d')
        .select(['sp.name as receiving_site_name', 'a.name as current_agency_name'])
        .orderBy('d.received_at', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { items: rows.map(listItem), total: Number(total), page, pageSize };
    },
  );

  app.get(
    '/api/v1/inbox',
    {
      config: { permission: Permission.DossierProcess },
      schema: {
        tags: ['dossiers'],
        summary: 'Hồ sơ cần xử lý of an agency, by due time, with nearing-due and overdue marks',
        querystring: Type.Object({ agencyId: Type.String({ minLength: 1 }) }),
        response: { 200: Type.Object({ items: Type.Array(DossierListItem) }), ...errorResponses },
      },
    },
    async (request) => {
      authorize(request.actor!, Permission.DossierProcess, { agencyIds: [request.query.agencyId] });
      const rows = await db
        .selectFrom('dossiers as d')
        .innerJoin('service_points as sp', 'sp.id', 'd.receiving_site_id')
        .innerJoin('agencies as a', 'a.id', 'd.current_agency_id')
        .selectAll('d')
        .select(['sp.name as receiving_site_name', 'a.name as current_agency_name'])
        .where('d.current_agency_id', '=', request.query.agencyId)
        .where((eb) =>
          eb.or([
            eb('d.status', 'in', ['processing', 'awaiting_approval', 'awaiting_supplement']),
            eb.and([eb('d.status', '=', 'received'), eb('d.in_transit', '=', 1)]),
            eb.and([
              eb('d.status', '=', 'result_ready'),
              eb('d.location_kind', '=', 'agency'),
              eb('d.in_transit', '=', 0),
            ]),
          ]),
        )
        // Dossiers with a running clock first (both engines: false/0 sorts before true/1), soonest due first.
        .orderBy(sql`d.agency_due_at is null`)
        .orderBy('d.agency_due_at')
        .orderBy('d.appointment_at')
        .limit(500)
        .execute();
      const items = [];
      for (const r of rows) items.push({ ...listItem(r), flags: await clockFlags(database, r) });
      return { items };
    },
  );

  app.get(
    '/api/v1/agencies/:id/officers',
    {
      config: { permission: Permission.DossierAssign },
      schema: {
        tags: ['dossiers'],
        summary: 'Officers and leaders of an agency, for the head to assign a dossier',
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                username: Type.String(),
                fullName: Type.String(),
                role: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      authorize(request.actor!, Permission.DossierAssign, { agencyIds: [request.params.id] });
      const rows = await db
        .selectFrom('user_roles as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select(['u.id', 'u.username', 'u.full_name as fullName', 'r.role'])
        .where('r.agency_id', '=', request.params.id)
        .where('r.role', 'in', ['officer', 'leader'])
        .where('u.active', '=', 1)
        .orderBy('r.role', 'desc')
        .orderBy('u.full_name_key')
        .execute();
      return { items: rows };
    },
  );

  app.get(
    '/api/v1/dossiers/:id',
    {
      config: { permission: Permission.DossierRead },
      schema: {
        tags: ['dossiers'],
        params: IdParams,
        response: { 200: DossierViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const d = await findDossier(db, request.params.id);
      if (!d) throw notFound(DOSSIER);
      authorize(request.actor!, Permission.DossierRead, {
        servicePointIds: [d.receiving_site_id, d.returning_site_id],
        agencyIds: [d.lead_agency_id, d.current_agency_id],
      });
      return dossierView(database, d);
    },
  );

  const action = <B extends keyof typeof ActionBodies>(
    path: string,
    body: B,
    permission: Permission,
    summary: string,
    run: (id: string, b: Static<(typeof ActionBodies)[B]>, actor: Actor) => Promise<unknown>,
  ) => {
    app.post(
      `/api/v1/dossiers/:id/${path}`,
      {
        config: { permission, idempotent: true },
        schema: {
          tags: ['dossiers'],
          summary,
          params: IdParams,
          body: ActionBodies[body],
          response: { 200: DossierViewSchema, ...errorResponses },
        },
      },
      async (request) => {
        await run(request.params.id, request.body as never, request.actor!);
        return viewOf(request.params.id);
      },
    );
  };

  action('assign', 'assign', Permission.DossierAssign, 'Phân công cán bộ xử lý', (id, b, actor) =>
    assignOfficer(database, actor, { dossierId: id, ...b }),
  );
  action(
    'steps',
    'steps',
    Permission.DossierProcess,
    'Ghi nhận bước xử lý (phiếu kiểm soát)',
    (id, b, actor) => recordStep(database, actor, { dossierId: id, ...b }),
  );
  action(
    'supplement-request',
    'supplementRequest',
    Permission.DossierProcess,
    'Yêu cầu bổ sung (≤ 3 ngày làm việc, một lần)',
    (id, b, actor) => requestSupplement(database, actor, { dossierId: id, ...b }),
  );
  action(
    'supplement-received',
    'supplementReceived',
    Permission.DossierProcess,
    'Nhận hồ sơ bổ sung: thời hạn tính lại từ đầu',
    (id, b, actor) => receiveSupplement(database, actor, { dossierId: id, ...b }),
  );
  action(
    'supplement-at-counter',
    'supplementAtCounter',
    Permission.DossierIntake,
    'Giao dịch viên nhận giấy tờ bổ sung tại quầy nơi tiếp nhận; giấy tờ được bàn giao đến cơ quan như lần đầu',
    (id, b, actor) => receiveSupplementAtCounter(database, actor, { dossierId: id, ...b }),
  );
  action(
    'forward',
    'forward',
    Permission.DossierProcess,
    'Chuyển cơ quan phối hợp (liên thông)',
    (id, b, actor) => forwardDossier(database, actor, { dossierId: id, ...b }),
  );
  action(
    'forward-return',
    'note',
    Permission.DossierProcess,
    'Cơ quan phối hợp trả lại hồ sơ',
    (id, b, actor) => returnFromForward(database, actor, { dossierId: id, ...b }),
  );
  action('submit', 'note', Permission.DossierProcess, 'Trình lãnh đạo phê duyệt', (id, b, actor) =>
    submitForApproval(database, actor, { dossierId: id, ...b }),
  );
  action('approve', 'note', Permission.DossierDecide, 'Phê duyệt', (id, b, actor) =>
    approveDossier(database, actor, { dossierId: id, ...b }),
  );
  action(
    'return-for-rework',
    'rework',
    Permission.DossierDecide,
    'Lãnh đạo trả lại hồ sơ đã trình để xử lý lại (nêu lý do)',
    (id, b, actor) => returnForRework(database, actor, { dossierId: id, ...b }),
  );
  action('refuse', 'refuse', Permission.DossierDecide, 'Từ chối giải quyết, nêu rõ lý do', (id, b, actor) =>
    refuseDossier(database, actor, { dossierId: id, ...b }),
  );
  action(
    'result',
    'result',
    Permission.DossierProcess,
    'Ban hành kết quả (số, ngày, người ký)',
    (id, b, actor) => recordResult(database, actor, { dossierId: id, ...b }),
  );
  action(
    'apology',
    'apology',
    Permission.DossierDecide,
    'Xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)',
    (id, b, actor) => apologise(database, actor, { dossierId: id, ...b }),
  );
  action(
    'return',
    'return',
    Permission.DossierReturn,
    'Trả kết quả tại quầy hoặc qua bưu chính',
    (id, b, actor) => returnResult(database, actor, { dossierId: id, ...b }),
  );
  action(
    'withdraw',
    'withdraw',
    Permission.DossierRead,
    'Rút hồ sơ / dừng giải quyết theo đề nghị của người dân',
    (id, b, actor) => withdrawDossier(database, actor, { dossierId: id, ...b }),
  );

  app.post(
    '/api/v1/handover-batches',
    {
      config: { permission: Permission.DossierHandover, idempotent: true },
      schema: {
        tags: ['handover'],
        summary: 'Bàn giao: send dossiers to the agency (to_agency) or results back to the site (to_site)',
        body: BatchBody,
        response: { 201: BatchSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createBatch(database, request.actor!, request.body)),
  );

  app.get(
    '/api/v1/handover-batches/:id',
    {
      config: { permission: Permission.DossierRead },
      schema: { tags: ['handover'], params: IdParams, response: { 200: BatchSchema, ...errorResponses } },
    },
    async (request) => {
      const batch = await getBatch(database, request.params.id);
      authorize(request.actor!, Permission.DossierRead, {
        servicePointIds: [batch.siteId],
        agencyIds: [batch.agencyId],
      });
      return batch;
    },
  );

  app.get(
    '/api/v1/handover-batches',
    {
      config: { permission: Permission.DossierRead },
      schema: {
        tags: ['handover'],
        summary: 'Batches of a site or an agency, newest first',
        querystring: Type.Object({
          siteId: Type.Optional(Type.String()),
          agencyId: Type.Optional(Type.String()),
          status: Type.Optional(Type.Union([Type.Literal('sent'), Type.Literal('received')])),
        }),
        response: { 200: Type.Object({ items: Type.Array(BatchSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const { siteId, agencyId, status } = request.query;
      if (!siteId && !agencyId) return { items: [] };
      authorize(request.actor!, Permission.DossierRead, {
        servicePointIds: siteId ? [siteId] : [],
        agencyIds: agencyId ? [agencyId] : [],
      });
      let query = db.selectFrom('handover_batches').select('id');
      if (siteId) query = query.where('site_id', '=', siteId);
      if (agencyId) query = query.where('agency_id', '=', agencyId);
      if (status) query = query.where('status', '=', status);
      const ids = await query.orderBy('created_at', 'desc').limit(100).execute();
      const items = [];
      for (const { id } of ids) items.push(await getBatch(database, id));
      return { items };
    },
  );

  app.post(
    '/api/v1/handover-batches/:id/items/:dossierId/confirm',
    {
      config: { permission: Permission.DossierHandover, idempotent: true },
      schema: {
        tags: ['handover'],
        summary: 'Confirm receipt of one dossier of a batch, or flag a discrepancy',
        params: Type.Object({ id: Type.String(), dossierId: Type.String() }),
        body: Type.Object({
          clientTxId: ActionBodies.note.properties.clientTxId,
          discrepancy: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
        }),
        response: { 200: BatchSchema, ...errorResponses },
      },
    },
    async (request) =>
      confirmItem(database, request.actor!, {
        batchId: request.params.id,
        dossierId: request.params.dossierId,
        clientTxId: request.body.clientTxId,
        discrepancy: request.body.discrepancy ?? null,
      }),
  );
};
