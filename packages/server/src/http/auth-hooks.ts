import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorForToken, SESSION_COOKIE } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { unauthenticated } from '../errors.ts';
import { authorize } from '../policy/policy.ts';
import { langFromHeader } from './lang.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The one gate every route passes: each route must declare `config.public` or `config.permission`
 * (checked when the route is registered, so a forgotten route fails at start-up, not in production);
 * the actor comes from a Bearer token (partner systems, API sessions) or the session cookie; cookie
 * sessions must send the CSRF token on unsafe methods.
 */
export function registerAuthHooks(app: FastifyInstance, database: Database): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'vi');
  app.decorateRequest('idempotency', null);

  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { public?: boolean; permission?: string; authenticated?: boolean };
    const isApi = route.url.startsWith('/api/');
    if (isApi && !config.public && !config.permission && !config.authenticated) {
      throw new Error(
        `Route ${route.method} ${route.url} declares none of config.public, .permission, .authenticated`,
      );
    }
  });

  app.addHook('onRequest', async (request) => {
    request.lang = langFromHeader(request.headers['accept-language']);
  });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config;
    const bearer = bearerToken(request);
    const cookieToken = request.cookies?.[SESSION_COOKIE];
    if (bearer) {
      request.actor = await actorForToken(database, bearer);
    } else if (cookieToken) {
      request.actor = await actorForToken(database, cookieToken);
      if (request.actor && UNSAFE.has(request.method) && !config.public) {
        await new Promise<void>((resolve, reject) => {
          app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve()));
        });
      }
    }
    // The not-found handler (the console's page fallback) has no route URL: use the request's.
    if (config.public || isOpenRoute(request.routeOptions.url ?? request.url)) return;
    if (!request.actor) throw unauthenticated();
    if (config.permission) authorize(request.actor, config.permission);
  });
}

/**
 * Routes that carry no data of their own: the web console's static files and the API docs page
 * (registered by plugins, which declare no config). Everything else under /api is gated.
 */
function isOpenRoute(url: string | undefined): boolean {
  if (!url) return false;
  return !url.startsWith('/api/') || url === '/api/docs' || url.startsWith('/api/docs/');
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}
