import type { FastifyReply } from 'fastify';
import type { RouteModule } from '../../http/app.ts';
import { errorResponses } from '../../http/schemas.ts';
import { findByCodeAndVerifier, lookupNotFound, PublicRows } from './lookup.ts';
import { rateDossier } from './rating.ts';
import {
  LookupHeaders,
  LookupParams,
  PublicDossierView,
  RatingBody,
  RatingResult,
  TokenParams,
  VERIFIER_HEADER,
} from './schema.ts';
import { cachedPublicJson } from './view.ts';

/** The view as JSON text, by the route's response schema (so cached text is what the schema allows). */
const serializeView = (reply: FastifyReply, view: PublicDossierView) => reply.serialize(view) as string;

/** Sends JSON text as it is: Fastify does not serialise a string whose content type is JSON. */
const sendView = (reply: FastifyReply, json: string) =>
  reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(json);

const publicErrors = {
  400: errorResponses[400],
  404: errorResponses[404],
  409: errorResponses[409],
  429: errorResponses[429],
};

/** Tra cứu hồ sơ: the citizen's lookup by code and check digits or by the receipt's QR token, and the rating. */
export const registerPublicRoutes: RouteModule = (app, { database, config }) => {
  // Per client IP, per route: enough for a family checking a few dossiers, too few to guess digits
  // (MOTCUA_PUBLIC_RATE_LIMIT, default 30 a minute).
  const PUBLIC_RATE_LIMIT = { max: config.publicRateLimit };
  const rows = new PublicRows(database, config.publicCacheMs);
  const { lookupLog } = app;
  // A read, so a GET (no request body to take in): the code in the path, the check digits in a
  // header, never in the URL.
  app.get(
    '/api/v1/public/lookup/:code',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags: ['public'],
        summary:
          'Tra cứu hồ sơ: dossier code plus the last 4 digits of the applicant’s phone or citizen ID ' +
          `(header ${VERIFIER_HEADER}); any mismatch is the same 404`,
        security: [],
        params: LookupParams,
        headers: LookupHeaders,
        response: { 200: PublicDossierView, ...publicErrors },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const found = await findByCodeAndVerifier(rows, code, request.headers[VERIFIER_HEADER]);
      lookupLog.record({
        ip: request.ip,
        method: 'code',
        codeTried: code,
        dossierId: found.codeMatched?.id ?? null,
        ok: found.dossier !== undefined,
      });
      if (!found.dossier) throw lookupNotFound();
      return sendView(
        reply,
        await cachedPublicJson(database, found.dossier, (view) => serializeView(reply, view)),
      );
    },
  );

  app.get(
    '/api/v1/public/dossiers/:token',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags: ['public'],
        summary: 'Tra cứu hồ sơ by the token of the QR code on the receipt',
        security: [],
        params: TokenParams,
        response: { 200: PublicDossierView, ...publicErrors },
      },
    },
    async (request, reply) => {
      const dossier = await rows.byToken(request.params.token);
      lookupLog.record({
        ip: request.ip,
        method: 'token',
        codeTried: null,
        dossierId: dossier?.id ?? null,
        ok: dossier !== undefined,
      });
      if (!dossier) throw lookupNotFound();
      return sendView(reply, await cachedPublicJson(database, dossier, (view) => serializeView(reply, view)));
    },
  );

  app.post(
    '/api/v1/public/dossiers/:token/rating',
    {
      config: { public: true, idempotent: true, rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags: ['public'],
        summary:
          'Đánh giá: rate a returned dossier once (each criterion 0, 1 or 2); 409 before return or twice',
        security: [],
        params: TokenParams,
        body: RatingBody,
        response: { 201: RatingResult, ...publicErrors },
      },
    },
    async (request, reply) => {
      const rating = await rateDossier(database, request.params.token, request.body);
      return reply.status(201).send(rating);
    },
  );
};
