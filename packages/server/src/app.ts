import type { AppContext, RouteModule, TypedApp } from './http/route-module.ts';
import './http/fastify-types.ts';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { registerAuthHooks } from './http/auth-hooks.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { addStrictDateFormats } from './http/formats.ts';
import { registerIdempotency } from './http/idempotency.ts';
import { registerInputGuard } from './http/input-guard.ts';
import { registerRateLimits } from './http/rate-limit.ts';
import { registerAuditRoutes } from './modules/audit/routes.ts';
import { registerAuthRoutes } from './modules/auth/routes.ts';
import { registerCalendarRoutes } from './modules/calendar/routes.ts';
import { registerCatalogRoutes } from './modules/catalog/routes.ts';
import { registerAttachmentRoutes } from './modules/documents/attachment-routes.ts';
import { registerDocumentRoutes } from './modules/documents/routes.ts';
import { registerDossierRoutes } from './modules/dossiers/routes.ts';
import { registerEventRoutes } from './modules/events/routes.ts';
import { registerMoneyRoutes } from './modules/money/routes.ts';
import { registerOrgRoutes } from './modules/org/routes.ts';
import { registerPostalRoutes } from './modules/postal/routes.ts';
import { LOOKUP_LOG_FLUSH_MS, LookupLog } from './modules/public/lookup.ts';
import { registerPublicRoutes } from './modules/public/routes.ts';
import { registerReportRoutes } from './modules/reports/routes.ts';
import { registerSystemRoutes } from './modules/system/routes.ts';
import { registerUserRoutes } from './modules/users/routes.ts';

export type App = FastifyInstance;

export type { AppContext, RouteModule, TypedApp } from './http/route-module.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = path.resolve(here, '../../web/dist');

/**
 * Which HTML entry serves a client-side route: the citizen pages and the courier's phone app are light
 * entries of their own (no staff bundle); everything else is the staff console.
 */
export function entryFor(url: string): string {
  const pathname = url.split('?')[0] ?? '/';
  const light: [string, string][] = [
    ['/tra-cuu', 'citizen.html'],
    ['/dat-lich', 'citizen.html'],
    ['/buu-ta', 'courier.html'],
  ];
  for (const [prefix, file] of light) {
    if (pathname.startsWith(prefix) && existsSync(path.join(WEB_DIST, file))) return file;
  }
  return 'index.html';
}

function newAjv(coerceTypes: false | 'array'): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes,
    strict: false,
    // Schemas with an $id are used by several routes: do not register them globally.
    addUsedSchema: false,
    // NaN and Infinity are not numbers of the API (`page=1e309` would pass as an integer).
    strictNumbers: true,
  });
  // ajv-formats is CommonJS: its default export is the module object under NodeNext.
  const module = formatsPlugin as unknown as { default?: (a: Ajv) => Ajv } & ((a: Ajv) => Ajv);
  (module.default ?? module)(ajv);
  addStrictDateFormats(ajv);
  return ajv;
}

/**
 * Ajv coerces the text '1e309' of a query or path to Infinity without checking the number's keywords
 * again (strictNumbers holds only for values that were numbers already): such a value is refused here,
 * as the wrong type, with its field named like any other validation error.
 */
function finiteAfterCoercion(validate: ValidateFunction): ValidateFunction {
  const checked = ((data: unknown) => {
    if (!validate(data)) {
      checked.errors = validate.errors;
      return false;
    }
    const path = nonFinite(data, '');
    if (path === null) {
      checked.errors = null;
      return true;
    }
    checked.errors = [
      {
        instancePath: path,
        schemaPath: '#',
        keyword: 'type',
        params: { type: 'number' },
        message: 'must be a finite number',
      },
    ];
    return false;
  }) as ValidateFunction;
  return checked;
}

function nonFinite(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nonFinite(item, `${path}/${key}`);
      if (found !== null) return found;
    }
  }
  return null;
}

export interface BuildOptions {
  logger?: boolean | object;
  /** Extra modules (tests, later capabilities) registered after the built-in ones. */
  modules?: RouteModule[];
  /** Serve the built web console when it exists (default true). */
  serveWeb?: boolean;
}

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // X-Forwarded-For is believed only from the configured proxies (MOTCUA_TRUSTED_PROXIES); by default
    // from nobody, so a client cannot pick the address its rate limits are counted under.
    trustProxy: ctx.config.trustedProxies.length > 0 ? ctx.config.trustedProxies : false,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Request bodies are JSON and typed: no coercion there (with it, `null` in a `string | null`
  // field would become '' and slip past validation). Query strings, params and headers are text and
  // need it ('2' → 2, 'true' → true).
  const validators = {
    body: newAjv(false),
    text: newAjv('array'),
  };
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body'
      ? validators.body.compile(schema)
      : finiteAfterCoercion(validators.text.compile(schema)),
  );
  registerErrorHandler(app);
  registerInputGuard(app);
  // Security headers on every answer, by helmet itself, its middleware built once (@fastify/helmet
  // builds it again for each request, a tenth of the cost of a small answer).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // Framing refused both ways, consistently: CSP frame-ancestors 'none' and, for older browsers, DENY.
    xFrameOptions: { action: 'deny' },
    // HSTS only where the site is reached over https: over plain http it means nothing (browsers ignore
    // it) and would mislead. This host only; a province's other sub-domains are not ours to pin.
    strictTransportSecurity: ctx.config.secureCookies
      ? { maxAge: 31_536_000, includeSubDomains: false }
      : false,
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
  );
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: {
      path: '/',
      sameSite: 'strict',
      httpOnly: true,
      secure: ctx.config.secureCookies,
      signed: false,
    },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
  });
  registerRateLimits(app);
  // Attachments (10 MB) are the only multipart uploads; the route sets its own limits too.
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'motcua API',
        description:
          'API của motcua: tiếp nhận hồ sơ và trả kết quả thủ tục hành chính qua dịch vụ bưu chính công ích. ' +
          'Errors are `{ error: { code, message, fields } }`, in Vietnamese or English by `Accept-Language`.',
        version: '1.0.0',
        license: { name: 'Apache-2.0' },
      },
      servers: [{ url: ctx.config.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'motcua_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  registerAuthHooks(app, ctx.database);
  registerIdempotency(app, ctx.database, { leaseMs: ctx.config.idempotencyLeaseMs });

  const modules: RouteModule[] = [
    registerSystemRoutes,
    registerAuthRoutes,
    registerOrgRoutes,
    registerCatalogRoutes,
    registerUserRoutes,
    registerCalendarRoutes,
    registerAuditRoutes,
    registerDossierRoutes,
    registerPostalRoutes,
    registerDocumentRoutes,
    registerAttachmentRoutes,
    registerReportRoutes,
    registerMoneyRoutes,
    registerPublicRoutes,
    registerEventRoutes,
    ...(options.modules ?? []),
  ];
  // The citizen lookups' log, written in batches (see modules/public/lookup.ts); on the root so tests
  // can flush it, and flushed when the app closes.
  const lookupLog = new LookupLog(ctx.database, {
    flushMs: LOOKUP_LOG_FLUSH_MS,
    onError: (error, dropped) =>
      app.log.error({ err: error, dropped }, 'lookup log: batch not written, kept for the next flush'),
  });
  app.decorate('lookupLog', lookupLog);
  app.addHook('onClose', () => lookupLog.close());
  await app.register(async (scoped) => {
    for (const register of modules) register(scoped.withTypeProvider<TypeBoxTypeProvider>() as TypedApp, ctx);
  });

  if (options.serveWeb !== false && existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, maxAge: '1h' });
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) {
        return reply.header('cache-control', 'no-cache').sendFile(entryFor(request.url));
      }
      return reply.status(404).send({
        error: {
          code: 'NOT_FOUND',
          message: request.lang === 'en' ? 'No such endpoint' : 'Không có địa chỉ này',
          fields: [],
        },
      });
    });
  } else {
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({
        error: {
          code: 'NOT_FOUND',
          message: request.lang === 'en' ? 'No such endpoint' : 'Không có địa chỉ này',
          fields: [],
        },
      }),
    );
  }
  return app;
}
