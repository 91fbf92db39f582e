import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteModule } from '../../http/app.ts';
import { errorResponses } from '../../http/schemas.ts';
import type { DossierRow } from '../dossiers/repository.ts';
import {
  type CodeMatch,
  findByCodeAndVerifier,
  lookupNotFound,
  matchVerifier,
  PublicRows,
} from './lookup.ts';
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
import { cachedPublicJson, peekPublicJson } from './view.ts';

/** The view as JSON text, by the route's response schema (so cached text is what the schema allows). */
const serializeView = (reply: FastifyReply, view: PublicDossierView) => reply.serialize(view) as string;

/** Sends JSON text as it is: Fastify does not serialise a string whose content type is JSON. */
const sendView = (reply: FastifyReply, json: string) =>
  reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(json);

/** A token names its dossier and needs no digits: found is shown. */
const tokenMatch = (dossier: DossierRow | undefined): CodeMatch => ({ dossier, codeMatched: dossier });

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

  /**
   * Logs the lookup and answers it. A dossier whose row and view are both kept (the common case
   * under load) is answered at once, the handler returning no promise; otherwise once they are read.
   */
  const answer = (
    request: FastifyRequest,
    reply: FastifyReply,
    method: 'code' | 'token',
    codeTried: string | null,
    found: CodeMatch,
  ): Promise<void> | undefined => {
    lookupLog.record({
      ip: request.ip,
      method,
      codeTried,
      dossierId: found.codeMatched?.id ?? null,
      ok: found.dossier !== undefined,
    });
    if (!found.dossier) throw lookupNotFound();
    const kept = peekPublicJson(database, found.dossier);
    if (kept !== undefined) {
      sendView(reply, kept);
      return undefined;
    }
    return cachedPublicJson(database, found.dossier, (view) => serializeView(reply, view)).then((json) => {
      sendView(reply, json);
    });
  };
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
    (request, reply) => {
      const { code } = request.params;
      const verifier = request.headers[VERIFIER_HEADER];
      const kept = rows.peekByCode(code);
      if (kept) return answer(request, reply, 'code', code, matchVerifier(kept, verifier));
      return findByCodeAndVerifier(rows, code, verifier).then((found) =>
        answer(request, reply, 'code', code, found),
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
    (request, reply) => {
      const { token } = request.params;
      const kept = rows.peekByToken(token);
      if (kept) return answer(request, reply, 'token', null, tokenMatch(kept));
      return rows
        .byToken(token)
        .then((dossier) => answer(request, reply, 'token', null, tokenMatch(dossier)));
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
