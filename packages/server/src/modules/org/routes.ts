import { Type } from 'typebox';
import { notFound } from '../../errors.ts';
import type { RouteModule } from '../../http/route-module.ts';
import { errorResponses, IdParams, IsoDate, Paged } from '../../http/schemas.ts';
import { type Actor, authorize, NATIONAL } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import {
  applyReorganisation,
  listReorganisations,
  planCounts,
  planReorganisation,
  type ReorganisationPlan,
} from './reorganise.ts';
import {
  findAgency,
  findServicePoint,
  findUnit,
  listAgencies,
  listServicePoints,
  listUnits,
  unitDetail,
} from './repository.ts';
import {
  AgencyCreate,
  AgencySchema,
  AgencyUpdate,
  ListQuery,
  ServicePointCreate,
  ServicePointSchema,
  ServicePointUpdate,
  UnitDetailSchema,
  UnitQuery,
  UnitSchema,
} from './schema.ts';
import { createAgency, createServicePoint, updateAgency, updateServicePoint } from './service.ts';

/**
 * The reorganisation touches every site and agency of its plan: the actor must reach each one. A plan
 * that moves none, for a date never applied, would only record the date as applied for the whole
 * country: that is national (an administrator holding the role everywhere).
 */
function authorizePlan(actor: Actor, plan: ReorganisationPlan) {
  if (plan.sites.length === 0 && plan.agencies.length === 0 && !plan.appliedBefore)
    authorize(actor, Permission.OrgWrite, NATIONAL);
  for (const s of plan.sites) authorize(actor, Permission.OrgWrite, { servicePointIds: [s.id] });
  for (const a of plan.agencies) authorize(actor, Permission.OrgWrite, { agencyIds: [a.id] });
}

const PlanSchema = Type.Object({
  date: Type.String(),
  lastDayBefore: Type.String(),
  appliedBefore: Type.Boolean(),
  counts: Type.Object({
    sites: Type.Integer(),
    agencies: Type.Integer(),
    grants: Type.Integer(),
    dossiers: Type.Integer(),
    unresolved: Type.Integer(),
  }),
  agencies: Type.Array(
    Type.Object({
      id: Type.String(),
      code: Type.String(),
      name: Type.String(),
      successorName: Type.String(),
    }),
  ),
  sites: Type.Array(
    Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), toUnitName: Type.String() }),
  ),
  unresolved: Type.Array(
    Type.Object({
      kind: Type.String(),
      id: Type.String(),
      code: Type.String(),
      name: Type.String(),
      reason: Type.Object({ vi: Type.String(), en: Type.String() }),
    }),
  ),
  grants: Type.Array(Type.Object({ id: Type.String(), username: Type.String(), role: Type.String() })),
  dossiers: Type.Array(Type.Object({ id: Type.String(), code: Type.String() })),
});

const page = (q: { page?: number; pageSize?: number }) => ({ page: q.page ?? 1, pageSize: q.pageSize ?? 50 });

/** Administrative units (both eras), agencies and service points. */
export const registerOrgRoutes: RouteModule = (app, { database }) => {
  const { db } = database;

  app.get(
    '/api/v1/units',
    {
      config: { permission: Permission.OrgRead },
      schema: {
        tags: ['org'],
        summary: 'Đơn vị hành chính: search without diacritics, filter by level, parent, era or date',
        querystring: UnitQuery,
        response: { 200: Paged(UnitSchema), ...errorResponses },
      },
    },
    async (request) => listUnits(db, request.query, page(request.query)),
  );

  app.get(
    '/api/v1/units/:id',
    {
      config: { permission: Permission.OrgRead },
      schema: {
        tags: ['org'],
        summary: 'One unit with its ancestors, successors and predecessors across reforms',
        params: IdParams,
        response: { 200: UnitDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const unit = await findUnit(db, request.params.id);
      if (!unit) throw notFound({ vi: 'đơn vị hành chính', en: 'Administrative unit' });
      return unitDetail(db, unit);
    },
  );

  app.get(
    '/api/v1/agencies',
    {
      config: { permission: Permission.OrgRead },
      schema: {
        tags: ['org'],
        summary: 'Cơ quan giải quyết (competent agencies)',
        querystring: ListQuery,
        response: { 200: Paged(AgencySchema), ...errorResponses },
      },
    },
    async (request) => listAgencies(db, request.query, page(request.query)),
  );

  app.get(
    '/api/v1/agencies/:id',
    {
      config: { permission: Permission.OrgRead },
      schema: { tags: ['org'], params: IdParams, response: { 200: AgencySchema, ...errorResponses } },
    },
    async (request) => {
      const agency = await findAgency(db, request.params.id);
      if (!agency) throw notFound({ vi: 'cơ quan', en: 'Agency' });
      return agency;
    },
  );

  app.post(
    '/api/v1/agencies',
    {
      config: { permission: Permission.OrgWrite, idempotent: true },
      schema: { tags: ['org'], body: AgencyCreate, response: { 201: AgencySchema, ...errorResponses } },
    },
    async (request, reply) =>
      reply.status(201).send(await createAgency(database, request.actor!, request.body)),
  );

  app.patch(
    '/api/v1/agencies/:id',
    {
      config: { permission: Permission.OrgWrite },
      schema: {
        tags: ['org'],
        params: IdParams,
        body: AgencyUpdate,
        response: { 200: AgencySchema, ...errorResponses },
      },
    },
    async (request) => {
      authorize(request.actor!, Permission.OrgWrite, { agencyIds: [request.params.id] });
      return updateAgency(database, request.actor!, request.params.id, request.body);
    },
  );

  app.get(
    '/api/v1/service-points',
    {
      config: { permission: Permission.OrgRead },
      schema: {
        tags: ['org'],
        summary: 'Điểm tiếp nhận: one-stop units, post offices, commune cultural post offices',
        querystring: ListQuery,
        response: { 200: Paged(ServicePointSchema), ...errorResponses },
      },
    },
    async (request) => listServicePoints(db, request.query, page(request.query)),
  );

  app.get(
    '/api/v1/service-points/:id',
    {
      config: { permission: Permission.OrgRead },
      schema: { tags: ['org'], params: IdParams, response: { 200: ServicePointSchema, ...errorResponses } },
    },
    async (request) => {
      const site = await findServicePoint(db, request.params.id);
      if (!site) throw notFound({ vi: 'điểm tiếp nhận', en: 'Service point' });
      return site;
    },
  );

  app.post(
    '/api/v1/service-points',
    {
      config: { permission: Permission.OrgWrite, idempotent: true },
      schema: {
        tags: ['org'],
        body: ServicePointCreate,
        response: { 201: ServicePointSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createServicePoint(database, request.actor!, request.body)),
  );

  app.patch(
    '/api/v1/service-points/:id',
    {
      config: { permission: Permission.OrgWrite },
      schema: {
        tags: ['org'],
        params: IdParams,
        body: ServicePointUpdate,
        response: { 200: ServicePointSchema, ...errorResponses },
      },
    },
    async (request) => {
      authorize(request.actor!, Permission.OrgWrite, { servicePointIds: [request.params.id] });
      return updateServicePoint(database, request.actor!, request.params.id, request.body);
    },
  );

  app.get(
    '/api/v1/org/reorganisations',
    {
      config: { permission: Permission.OrgRead },
      schema: {
        tags: ['org'],
        summary: 'Reorganisations applied (sắp xếp đơn vị hành chính), with their counts',
        response: {
          200: Type.Array(
            Type.Object({
              date: Type.String(),
              appliedAt: Type.String(),
              appliedBy: Type.Union([Type.String(), Type.Null()]),
              summary: Type.Record(Type.String(), Type.Unknown()),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async () => listReorganisations(db),
  );

  app.post(
    '/api/v1/org/reorganisations',
    {
      config: { permission: Permission.OrgWrite, idempotent: true },
      schema: {
        tags: ['org'],
        summary:
          'Preview (apply false) or apply the reorganisation of a date from the successor links; idempotent',
        body: Type.Object({ date: IsoDate, apply: Type.Boolean() }),
        response: { 200: PlanSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const preview = await planReorganisation(db, request.body.date);
      authorizePlan(actor, preview);
      const plan = request.body.apply
        ? await applyReorganisation(database, actor, request.body.date)
        : preview;
      return { ...plan, counts: planCounts(plan) };
    },
  );
};
