import type { RouteModule } from '../../http/app.ts';
import { notFound } from '../../http/errors.ts';
import { errorResponses, IdParams, Paged } from '../../http/schemas.ts';
import { authorize } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
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
};
