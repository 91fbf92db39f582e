import { searchKey } from '@motcua/core';
import { Type } from 'typebox';
import { recordAudit } from '../../audit/audit.ts';
import { hashPassword, passwordProblem } from '../../auth/passwords.ts';
import { clearGrantsCache, revokeUserSessions } from '../../auth/sessions.ts';
import type { Database, Executor } from '../../db/database.ts';
import { inTransaction, isUniqueViolation, newId, nowIso, toFlag } from '../../db/helpers.ts';
import { AppError, forbidden, invalidField, notFound } from '../../errors.ts';
import { Nullable } from '../../http/schemas.ts';
import { type Actor, canGrant, type GrantPlace } from '../../policy/policy.ts';
import { ALL_ROLES, Permission, type Role } from '../../policy/roles.ts';

export const RoleGrantInput = Type.Object({
  role: Type.Union(ALL_ROLES.map((r) => Type.Literal(r))),
  servicePointId: Type.Optional(Nullable(Type.String())),
  agencyId: Type.Optional(Nullable(Type.String())),
  unitId: Type.Optional(Nullable(Type.String())),
});
export interface RoleGrantInput {
  role: Role;
  servicePointId?: string | null;
  agencyId?: string | null;
  unitId?: string | null;
}

export interface NewUser {
  username: string;
  fullName: string;
  password: string;
  email?: string | null;
  phone?: string | null;
  locale?: string;
  roles: RoleGrantInput[];
}

const USER = { vi: 'người dùng', en: 'User' };

/**
 * Scope of accounts, checked against the account (its grants), never against the request alone:
 * an actor manages an account only when their users:write reaches every place the account's roles
 * hold (a global role: only a global actor), and sees it when their users:read reaches one of them.
 */
export function mayManage(actor: Actor, roles: GrantPlace[]): boolean {
  if (roles.length === 0) return canGrant(actor, Permission.UsersWrite, {});
  return roles.every((r) => canGrant(actor, Permission.UsersWrite, r));
}
export function maySee(actor: Actor, roles: GrantPlace[]): boolean {
  if (roles.length === 0) return canGrant(actor, Permission.UsersRead, {});
  return roles.some((r) => canGrant(actor, Permission.UsersRead, r));
}

/** The stored grants of accounts, by user id. */
export async function grantPlacesOf(db: Executor, userIds?: string[]) {
  let query = db
    .selectFrom('user_roles')
    .select(['user_id', 'role', 'service_point_id', 'agency_id', 'unit_id']);
  if (userIds) {
    if (userIds.length === 0) return new Map<string, (GrantPlace & { role: string })[]>();
    query = query.where('user_id', 'in', userIds);
  }
  const byUser = new Map<string, (GrantPlace & { role: string })[]>();
  for (const r of await query.execute()) {
    const list = byUser.get(r.user_id) ?? [];
    list.push({ role: r.role, servicePointId: r.service_point_id, agencyId: r.agency_id, unitId: r.unit_id });
    byUser.set(r.user_id, list);
  }
  return byUser;
}

/** 404 for no such account, 403 unless the actor manages (`write`) or sees it. */
export async function authorizeAccount(db: Executor, actor: Actor, userId: string, mode: 'write' | 'read') {
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound(USER);
  const roles = (await grantPlacesOf(db, [userId])).get(userId) ?? [];
  if (!(mode === 'write' ? mayManage(actor, roles) : maySee(actor, roles))) throw forbidden();
  return roles;
}

async function checkGrants(trx: Executor, roles: RoleGrantInput[]) {
  for (const [i, g] of roles.entries()) {
    if (g.servicePointId) {
      const found = await trx
        .selectFrom('service_points')
        .select('id')
        .where('id', '=', g.servicePointId)
        .executeTakeFirst();
      if (!found)
        throw invalidField(`roles.${i}.servicePointId`, {
          vi: 'Không có điểm tiếp nhận này',
          en: 'No such service point',
        });
    }
    if (g.agencyId) {
      const found = await trx
        .selectFrom('agencies')
        .select('id')
        .where('id', '=', g.agencyId)
        .executeTakeFirst();
      if (!found)
        throw invalidField(`roles.${i}.agencyId`, { vi: 'Không có cơ quan này', en: 'No such agency' });
    }
    if (g.unitId) {
      const found = await trx
        .selectFrom('admin_units')
        .select('id')
        .where('id', '=', g.unitId)
        .executeTakeFirst();
      if (!found)
        throw invalidField(`roles.${i}.unitId`, { vi: 'Không có đơn vị hành chính này', en: 'No such unit' });
    }
    const siteRoles: Role[] = ['clerk', 'courier'];
    const agencyRoles: Role[] = ['officer', 'leader'];
    if (siteRoles.includes(g.role) && !g.servicePointId && !g.unitId) {
      throw invalidField(`roles.${i}.servicePointId`, {
        vi: 'Giao dịch viên và bưu tá phải gắn với một điểm tiếp nhận',
        en: 'Clerks and couriers must be attached to a service point',
      });
    }
    if (agencyRoles.includes(g.role) && !g.agencyId) {
      throw invalidField(`roles.${i}.agencyId`, {
        vi: 'Chuyên viên và lãnh đạo phải gắn với một cơ quan',
        en: 'Officers and leaders must be attached to an agency',
      });
    }
  }
}

async function insertGrants(trx: Executor, userId: string, roles: RoleGrantInput[]) {
  for (const g of roles) {
    await trx
      .insertInto('user_roles')
      .values({
        id: newId(),
        user_id: userId,
        role: g.role,
        service_point_id: g.servicePointId ?? null,
        agency_id: g.agencyId ?? null,
        unit_id: g.unitId ?? null,
      })
      .execute();
  }
}

/** Creates a user inside an open transaction (the seeder passes a precomputed hash to go faster). */
export async function insertUser(
  trx: Executor,
  input: Omit<NewUser, 'password'> & { passwordHash: string },
): Promise<string> {
  await checkGrants(trx, input.roles);
  const id = newId();
  const now = nowIso();
  await trx
    .insertInto('users')
    .values({
      id,
      username: input.username.trim().toLowerCase(),
      full_name: input.fullName.normalize('NFC').trim(),
      full_name_key: searchKey(input.fullName),
      email: input.email ?? null,
      phone: input.phone ?? null,
      password_hash: input.passwordHash,
      active: 1,
      locale: input.locale ?? 'vi',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await insertGrants(trx, id, input.roles);
  return id;
}

function duplicateUsername() {
  return new AppError(
    409,
    'DUPLICATE_USERNAME',
    { vi: 'Tên đăng nhập đã tồn tại', en: 'Username already exists' },
    [{ field: 'username', message: { vi: 'Tên đăng nhập đã được dùng', en: 'Username taken' } }],
  );
}

export async function createUser(database: Database, actor: Actor | null, input: NewUser): Promise<string> {
  // Nobody hands out a role beyond their own reach (a global administrator only by a global one).
  if (actor && !mayManage(actor, input.roles)) throw forbidden();
  const problem = passwordProblem(input.password, input);
  if (problem) throw invalidField('password', problem);
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(database, async (trx) => {
      const id = await insertUser(trx, { ...input, passwordHash });
      await recordAudit(trx, database.dialect, {
        actor,
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        after: { username: input.username, fullName: input.fullName, roles: input.roles },
      });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateUsername();
    throw error;
  }
}

export async function updateUser(
  database: Database,
  actor: Actor,
  userId: string,
  input: {
    fullName?: string;
    email?: string | null;
    phone?: string | null;
    active?: boolean;
    locale?: string;
    roles?: RoleGrantInput[];
    password?: string;
  },
) {
  await authorizeAccount(database.db, actor, userId, 'write');
  if (input.roles && !mayManage(actor, input.roles)) throw forbidden();
  let passwordHash: string | undefined;
  if (input.password !== undefined) {
    const owner = await database.db
      .selectFrom('users')
      .select(['username', 'full_name', 'email'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!owner) throw notFound(USER);
    const problem = passwordProblem(input.password, {
      username: owner.username,
      fullName: input.fullName ?? owner.full_name,
      email: input.email !== undefined ? input.email : owner.email,
    });
    if (problem) throw invalidField('password', problem);
    passwordHash = await hashPassword(input.password);
  }
  await inTransaction(database, async (trx) => {
    const before = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!before) throw notFound(USER);
    const beforeRoles = await trx
      .selectFrom('user_roles')
      .selectAll()
      .where('user_id', '=', userId)
      .execute();
    // Checked again on what the transaction reads: the roles may have changed since.
    const held = beforeRoles.map((r) => ({
      servicePointId: r.service_point_id,
      agencyId: r.agency_id,
      unitId: r.unit_id,
    }));
    if (!mayManage(actor, held)) throw forbidden();
    const changes = {
      ...(input.fullName !== undefined
        ? { full_name: input.fullName.normalize('NFC').trim(), full_name_key: searchKey(input.fullName) }
        : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.active !== undefined ? { active: toFlag(input.active) } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(passwordHash ? { password_hash: passwordHash } : {}),
      updated_at: nowIso(),
    };
    await trx.updateTable('users').set(changes).where('id', '=', userId).execute();
    if (input.roles) {
      await checkGrants(trx, input.roles);
      await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
      await insertGrants(trx, userId, input.roles);
    }
    const redact = (u: Record<string, unknown>) => ({
      ...u,
      password_hash: u.password_hash ? '[redacted]' : undefined,
    });
    await recordAudit(trx, database.dialect, {
      actor,
      action: passwordHash ? 'user.update.password' : 'user.update',
      entityType: 'user',
      entityId: userId,
      before: { ...redact(before), roles: beforeRoles },
      after: { ...redact({ ...before, ...changes }), roles: input.roles ?? beforeRoles },
    });
  });
  clearGrantsCache();
  // A deactivated user or a changed password ends every open session.
  if (input.active === false || passwordHash) await revokeUserSessions(database, userId);
}
