import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { forUpdate, inTransaction } from '../../db/helpers.ts';
import { notFound } from '../../errors.ts';
import type { RouteModule } from '../../http/route-module.ts';
import { ErrorSchema, errorResponses, IdParams } from '../../http/schemas.ts';
import { authorize, can } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import type { DossierRow } from '../dossiers/repository.ts';
import { LookupLockSchema } from '../dossiers/schema.ts';
import { LookupGuard, lookupLocked } from './guard.ts';
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
/** The lookup by code may also answer 423: the code is locked after repeated wrong check digits. */
const codeLookupErrors = { ...publicErrors, 423: ErrorSchema };

/** Tra cứu hồ sơ: the citizen's lookup by code and check digits or by the receipt's QR token, and the rating. */
export const registerPublicRoutes: RouteModule = (app, { database, config }) => {
  // Per client IP, per route: enough for a family checking a few dossiers, too few to guess digits
  // (MOTCUA_PUBLIC_RATE_LIMIT, default 30 a minute).
  const PUBLIC_RATE_LIMIT = { max: config.publicRateLimit };
  const rows = new PublicRows(database, config.publicCacheMs);
  const guard = new LookupGuard(database);
  const { lookupLog } = app;

  /** Refuses a lookup of a locked code: logged as a failure, 423 with Retry-After and what to do. */
  const refuseLocked = (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    d: DossierRow,
    until: number,
  ) => {
    lookupLog.record({ ip: request.ip, method: 'code', codeTried: code, dossierId: d.id, ok: false });
    reply.header('retry-after', String(Math.ceil((until - Date.now()) / 1000)));
    throw lookupLocked(until, Date.now());
  };

  /**
   * A lookup by code, the check digits compared: the code's guard decides before the answer. A right
   * answer to a code without failures goes straight on (no query more, kept rows answered at once);
   * wrong digits are counted (a write); a right answer to a code with failures waits for the database
   * to confirm no lock runs.
   */
  const answerCode = (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    found: CodeMatch,
  ): Promise<void> | undefined => {
    const candidate = found.codeMatched;
    if (!candidate) return answer(request, reply, 'code', code, found);
    const until = guard.lockedUntil(candidate);
    if (until > 0) return refuseLocked(request, reply, code, candidate, until);
    if (!found.dossier) {
      return guard.recordFailure(candidate, request.ip).then((locked) => {
        if (locked > 0) return refuseLocked(request, reply, code, candidate, locked);
        return answer(request, reply, 'code', code, found);
      });
    }
    if (!guard.suspect(candidate)) return answer(request, reply, 'code', code, found);
    return guard.confirmedLockedUntil(candidate).then((locked) => {
      if (locked > 0) return refuseLocked(request, reply, code, candidate, locked);
      return answer(request, reply, 'code', code, found);
    });
  };

  /** The QR token proves the receipt is at hand: it lifts a lock on the code (audited) before answering. */
  const answerToken = (request: FastifyRequest, reply: FastifyReply, dossier: DossierRow | undefined) => {
    if (!dossier || (Number(dossier.lookup_failures) === 0 && dossier.lookup_locked_until === null)) {
      return answer(request, reply, 'token', null, tokenMatch(dossier));
    }
    return guard
      .unlock(dossier, { actor: null, via: 'qr' })
      .then(() => answer(request, reply, 'token', null, tokenMatch(dossier)));
  };

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
          `(header ${VERIFIER_HEADER}); any mismatch is the same 404. After 5 wrong check digits for one ` +
          'code, 423 LOOKUP_LOCKED (Retry-After) for an hour, doubling with each further one up to a day; ' +
          'the QR token still works and lifts the lock',
        security: [],
        params: LookupParams,
        headers: LookupHeaders,
        response: { 200: PublicDossierView, ...codeLookupErrors },
      },
    },
    (request, reply) => {
      const { code } = request.params;
      const verifier = request.headers[VERIFIER_HEADER];
      const kept = rows.peekByCode(code);
      if (kept) return answerCode(request, reply, code, matchVerifier(kept, verifier));
      return findByCodeAndVerifier(rows, code, verifier).then((found) =>
        answerCode(request, reply, code, found),
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
      if (kept) return answerToken(request, reply, kept);
      return rows.byToken(token).then((dossier) => answerToken(request, reply, dossier));
    },
  );

  app.post(
    '/api/v1/dossiers/:id/lookup-unlock',
    {
      config: { permission: Permission.DossierIntake },
      schema: {
        tags: ['dossiers'],
        summary:
          'Mở khoá tra cứu: a counter clerk of the receiving or returning site lifts the lock on the ' +
          'citizen lookup by code (after checking the applicant’s identity); audited',
        params: IdParams,
        response: {
          200: Type.Object({ unlocked: Type.Boolean(), lookupLock: LookupLockSchema }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const unlocked = await inTransaction(database, async (trx) => {
        const d = await forUpdate(
          database.dialect,
          trx
            .selectFrom('dossiers')
            .select(['id', 'code', 'receiving_site_id', 'returning_site_id'])
            .where('id', '=', request.params.id),
        ).executeTakeFirst();
        if (!d) throw notFound({ vi: 'hồ sơ', en: 'Dossier' });
        const scope = { servicePointIds: [d.receiving_site_id, d.returning_site_id] };
        authorize(actor, Permission.DossierIntake, scope);
        const siteId = [d.receiving_site_id, d.returning_site_id].find((id) =>
          can(actor, Permission.DossierIntake, { servicePointIds: [id] }),
        );
        return guard.unlock(d, { actor, via: 'counter', siteId }, trx);
      });
      return { unlocked, lookupLock: { failures: 0, lockedUntil: null } };
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
