import { sql } from 'kysely';
import { Type } from 'typebox';
import { pendingMigrations } from '../../db/migrate.ts';
import { databaseUnavailability } from '../../db/unavailable.ts';
import type { RouteModule } from '../../http/route-module.ts';

/**
 * Health (the process answers, whatever the database does) and readiness (the database answers and
 * is migrated: 503 naming its state while it is down, so a load balancer sends traffic elsewhere),
 * and the OpenAPI file.
 */
export const registerSystemRoutes: RouteModule = (app, { database }) => {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/api/ready',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Readiness: database reachable and migrated',
        response: {
          200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }),
          503: Type.Object({
            status: Type.Literal('not_ready'),
            database: Type.Union([
              Type.Literal('unreachable'),
              Type.Literal('busy'),
              Type.Literal('migrations_pending'),
              Type.Literal('error'),
            ]),
            reason: Type.String(),
          }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(database.db);
        const pending = await pendingMigrations(database);
        if (pending.length > 0) {
          return reply.status(503).send({
            status: 'not_ready' as const,
            database: 'migrations_pending' as const,
            reason: `pending migrations: ${pending.join(', ')}`,
          });
        }
        return { status: 'ready' as const, database: database.dialect };
      } catch (error) {
        return reply
          .header('retry-after', '5')
          .status(503)
          .send({
            status: 'not_ready' as const,
            database: databaseUnavailability(error) ?? ('error' as const),
            reason: (error as Error).message,
          });
      }
    },
  );

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
};
