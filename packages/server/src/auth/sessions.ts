import { createHash } from 'node:crypto';
import { vnDate } from '@motcua/core';
import { sql } from 'kysely';
import { Kept } from '../cache.ts';
import type { Database, Dialect, Executor } from '../db/database.ts';
import { fixedQuery, fromFlag, nowIso, randomToken } from '../db/helpers.ts';
import { inForce } from '../modules/org/validity.ts';
import type { Actor, Grant } from '../policy/policy.ts';
import type { Role } from '../policy/roles.ts';

export const SESSION_COOKIE = 'motcua_session';
const COOKIE_SESSION_HOURS = 12;
const API_SESSION_DAYS = 365;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Opens a session and returns its token (only its hash is stored). */
export async function createSession(
  database: Database,
  input: {
    userId: string;
    kind: 'cookie' | 'api';
    userAgent?: string | null;
    ip?: string | null;
    now?: Date;
  },
): Promise<{ token: string; expiresAt: string }> {
  const token = randomToken(32);
  const now = input.now ?? new Date();
  const ttl = input.kind === 'cookie' ? COOKIE_SESSION_HOURS * 3600_000 : API_SESSION_DAYS * 86400_000;
  const expiresAt = new Date(now.getTime() + ttl).toISOString();
  await database.db
    .insertInto('sessions')
    .values({
      id: tokenHash(token),
      user_id: input.userId,
      kind: input.kind,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
      ip: input.ip ?? null,
    })
    .execute();
  return { token, expiresAt };
}

export async function revokeSession(database: Database, token: string): Promise<void> {
  await database.db
    .updateTable('sessions')
    .set({ revoked_at: nowIso() })
    .where('id', '=', tokenHash(token))
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every open session of a user (password change, deactivation, "sign out everywhere"). */
export async function revokeUserSessions(database: Database, userId: string): Promise<number> {
  const result = await database.db
    .updateTable('sessions')
    .set({ revoked_at: nowIso() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The session of a token hash, with its user: read on every request. */
const sessionOf = fixedQuery((executor: Executor, _dialect: Dialect, id: string) =>
  executor
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.kind',
      'sessions.expires_at',
      'sessions.revoked_at',
      'sessions.last_seen_at',
      'users.id as userId',
      'users.username',
      'users.full_name',
      'users.active',
    ])
    .where('sessions.id', '=', id),
);

/** The actor behind a token, or null when the token is unknown, expired, revoked or the user inactive. */
export async function actorForToken(
  database: Database,
  token: string,
  now = new Date(),
): Promise<Actor | null> {
  const [row] = await sessionOf(database.db, database.dialect, tokenHash(token));
  if (!row || row.revoked_at || row.expires_at <= now.toISOString() || !fromFlag(row.active)) return null;
  // Touch at most once a minute: keeps "last seen" useful without a write per request.
  if (Date.parse(row.last_seen_at) < now.getTime() - 60_000) {
    await database.db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', row.sessionId)
      .execute();
  }
  return {
    userId: row.userId,
    username: row.username,
    fullName: row.full_name,
    grants: await cachedGrants(database, row.userId),
    sessionKind: row.kind,
  };
}

const grantsCache = new Kept<Grant[]>({ max: 10_000, ttlMs: 60_000 });

/**
 * Grants change rarely and cost several queries to resolve, so they are kept for a minute per process
 * (the session itself is checked on every request, so revocation stays immediate). Editing a user
 * clears their entry here; other processes see a role change within a minute.
 */
async function cachedGrants(database: Database, userId: string): Promise<Grant[]> {
  return grantsCache.get(`${database.url}|${userId}`, () => loadGrants(database, userId));
}

/** Forget cached grants (after a role or organisation change). */
export function clearGrantsCache(): void {
  grantsCache.clear();
}

/**
 * A user's grants with their reach resolved: a grant at a service point reaches that site (and the
 * agency whose one-stop unit it is); at an agency, that agency; at an administrative unit, every
 * site and agency in that unit and below it; with no scope, everything.
 */
export async function loadGrants(database: Database, userId: string): Promise<Grant[]> {
  const { db } = database;
  const today = vnDate(new Date());
  // A grant outside its validity (ended by a reorganisation, or not yet started) reaches nothing.
  const roles = (
    await db.selectFrom('user_roles').selectAll().where('user_id', '=', userId).execute()
  ).filter((r) => inForce(r, today));
  const grants: Grant[] = [];
  for (const r of roles) {
    const servicePointIds = new Set<string>();
    const agencyIds = new Set<string>();
    const unitIdSet = new Set<string>();
    const global = !r.service_point_id && !r.agency_id && !r.unit_id;
    if (r.service_point_id) {
      servicePointIds.add(r.service_point_id);
      // A one-stop unit acts for its agency: its staff receive handovers addressed to that agency.
      const site = await db
        .selectFrom('service_points')
        .select('agency_id')
        .where('id', '=', r.service_point_id)
        .executeTakeFirst();
      if (site?.agency_id) agencyIds.add(site.agency_id);
    }
    if (r.agency_id) {
      agencyIds.add(r.agency_id);
      // The agency's own one-stop unit belongs to its staff too.
      const sites = await db
        .selectFrom('service_points')
        .select('id')
        .where('agency_id', '=', r.agency_id)
        .execute();
      for (const s of sites) servicePointIds.add(s.id);
    }
    if (r.unit_id) {
      // A unit's reach follows its successors (docs/organisation.md): the administrator of a
      // province merged on 1/7/2025 administers the province it merged into.
      const units = await sql<{ id: string }>`
        with recursive tree(id) as (
          select id from admin_units where id = ${r.unit_id}
          union
          select s.to_id from admin_unit_successors s join admin_units f on f.id = s.from_id
            where s.from_id = ${r.unit_id} and f.level = 'province'
          union all
          select u.id from admin_units u join tree t on u.parent_id = t.id
        )
        select id from tree`.execute(db);
      const unitIds = units.rows.map((u) => u.id);
      for (const id of unitIds) unitIdSet.add(id);
      for (let i = 0; i < unitIds.length; i += 500) {
        const chunk = unitIds.slice(i, i + 500);
        for (const s of await db
          .selectFrom('service_points')
          .select('id')
          .where('unit_id', 'in', chunk)
          .execute()) {
          servicePointIds.add(s.id);
        }
        for (const a of await db
          .selectFrom('agencies')
          .select('id')
          .where('unit_id', 'in', chunk)
          .execute()) {
          agencyIds.add(a.id);
        }
      }
    }
    grants.push({
      role: r.role as Role,
      servicePointId: r.service_point_id,
      agencyId: r.agency_id,
      unitId: r.unit_id,
      servicePointIds,
      agencyIds,
      unitIds: unitIdSet,
      global,
    });
  }
  return grants;
}
