import { Type } from 'typebox';
import { notFound } from '../../errors.ts';
import type { RouteModule } from '../../http/route-module.ts';
import { errorResponses, IdParams, Paged } from '../../http/schemas.ts';
import { Permission } from '../../policy/roles.ts';
import { findProcedure, findProcedureVersion, listProcedures } from './repository.ts';
import {
  ProcedureCreate,
  ProcedureDetail,
  ProcedureQuery,
  ProcedureSummary,
  VersionInput,
  VersionSchema,
} from './schema.ts';
import { addProcedureVersion, createProcedure, setProcedureActive } from './service.ts';

const PROCEDURE = { vi: 'thủ tục', en: 'Procedure' };

/** The procedures catalogue (danh mục thủ tục hành chính), versioned. */
export const registerCatalogRoutes: RouteModule = (app, { database }) => {
  const { db } = database;

  app.get(
    '/api/v1/procedures',
    {
      config: { permission: Permission.CatalogRead },
      schema: {
        tags: ['catalog'],
        summary: 'Tìm thủ tục: by name without diacritics ("giay khai sinh") or national code',
        querystring: ProcedureQuery,
        response: { 200: Paged(ProcedureSummary), ...errorResponses },
      },
    },
    async (request) =>
      listProcedures(db, request.query, {
        page: request.query.page ?? 1,
        pageSize: request.query.pageSize ?? 50,
      }),
  );

  app.get(
    '/api/v1/procedures/:id',
    {
      config: { permission: Permission.CatalogRead },
      schema: { tags: ['catalog'], params: IdParams, response: { 200: ProcedureDetail, ...errorResponses } },
    },
    async (request) => {
      const procedure = await findProcedure(db, request.params.id);
      if (!procedure) throw notFound(PROCEDURE);
      return procedure;
    },
  );

  app.get(
    '/api/v1/procedures/:id/versions/:version',
    {
      config: { permission: Permission.CatalogRead },
      schema: {
        tags: ['catalog'],
        params: Type.Object({ id: Type.String(), version: Type.Integer({ minimum: 1, maximum: 100_000 }) }),
        response: { 200: VersionSchema, ...errorResponses },
      },
    },
    async (request) => {
      const version = await findProcedureVersion(db, request.params.id, request.params.version);
      if (!version) throw notFound({ vi: 'phiên bản thủ tục', en: 'Procedure version' });
      return version;
    },
  );

  app.post(
    '/api/v1/procedures',
    {
      config: { permission: Permission.CatalogWrite, idempotent: true },
      schema: {
        tags: ['catalog'],
        body: ProcedureCreate,
        response: { 201: ProcedureDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createProcedure(database, request.actor!, request.body)),
  );

  app.post(
    '/api/v1/procedures/:id/versions',
    {
      config: { permission: Permission.CatalogWrite, idempotent: true },
      schema: {
        tags: ['catalog'],
        summary: 'Publish a new version; dossiers already received keep theirs',
        params: IdParams,
        body: VersionInput,
        response: { 201: ProcedureDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addProcedureVersion(database, request.actor!, request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/procedures/:id',
    {
      config: { permission: Permission.CatalogWrite },
      schema: {
        tags: ['catalog'],
        params: IdParams,
        body: Type.Object({ active: Type.Boolean() }),
        response: { 200: ProcedureDetail, ...errorResponses },
      },
    },
    async (request) => setProcedureActive(database, request.actor!, request.params.id, request.body.active),
  );
};
