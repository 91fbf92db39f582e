import { Type } from 'typebox';
import { verifyAudit } from '../../audit/audit.ts';
import type { RouteModule } from '../../http/route-module.ts';
import { errorResponses, Nullable, Paged, PageQuery } from '../../http/schemas.ts';
import { reachable } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';

const AuditRow = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorUsername: Nullable(Type.String()),
  actorRole: Nullable(Type.String()),
  siteId: Nullable(Type.String()),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  hash: Type.String(),
});

/**
 * The audit log (nhật ký) for auditors and administrators: read and verify, never write. A reader
 * holding the role everywhere reads every row; one scoped to sites, agencies or a unit reads the rows
 * of the sites they reach and their own (a row of no site, such as an account or the national
 * catalogue changed, only the national reader): another province's rows carry its citizens' data.
 * Verifying walks the whole chain, which is one for the deployment, and answers counts and sequence
 * numbers only.
 */
export const registerAuditRoutes: RouteModule = (app, { database }) => {
  app.get(
    '/api/v1/audit',
    {
      config: { permission: Permission.AuditRead },
      schema: {
        tags: ['audit'],
        querystring: Type.Object({
          entityType: Type.Optional(Type.String()),
          entityId: Type.Optional(Type.String()),
          actor: Type.Optional(Type.String()),
          ...PageQuery,
        }),
        response: { 200: Paged(AuditRow), ...errorResponses },
      },
    },
    async (request) => {
      const { entityType, entityId, actor } = request.query;
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 50;
      let query = database.db.selectFrom('audit_log');
      const reach = reachable(request.actor!, Permission.AuditRead);
      if (!reach.all) {
        const sites = reach.servicePointIds.length > 0 ? reach.servicePointIds : [''];
        const self = request.actor!.userId;
        query = query.where((eb) => eb.or([eb('site_id', 'in', sites), eb('actor_user_id', '=', self)]));
      }
      if (entityType) query = query.where('entity_type', '=', entityType);
      if (entityId) query = query.where('entity_id', '=', entityId);
      if (actor) query = query.where('actor_username', '=', actor);
      const { total } = (await query
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow()) as {
        total: number;
      };
      const rows = await query
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return {
        items: rows.map((r) => ({
          seq: Number(r.seq),
          at: r.at,
          actorUsername: r.actor_username,
          actorRole: r.actor_role,
          siteId: r.site_id,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          before: r.before_json ? JSON.parse(r.before_json) : null,
          after: r.after_json ? JSON.parse(r.after_json) : null,
          hash: r.hash,
        })),
        total: Number(total),
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { permission: Permission.AuditRead },
      schema: {
        tags: ['audit'],
        summary:
          'Recompute the hash chain and check each row’s MAC under the server’s audit key; any edited or ' +
          'deleted row shows as a problem (signed checkpoints are checked offline: motcua audit verify --checkpoints)',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            rows: Type.Integer(),
            problems: Type.Array(Type.Object({ seq: Type.Integer(), problem: Type.String() })),
            macChecked: Type.Boolean(),
            unsealedRows: Type.Integer(),
            checkpoints: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async () => verifyAudit(database),
  );
};
