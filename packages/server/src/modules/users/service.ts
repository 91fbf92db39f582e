import { searchKey } from '@motcua/core';
import { Type } from 'typebox';
import { recordAudit } from '../../audit/audit.ts';
import { hashPassword, passwordProblem } from '../../auth/passwords.ts';
import { clearGrantsCache, revokeUserSessions } from '../../auth/sessions.ts';
import type { Database, Executor } from '../../db/database.ts';
import { inTransaction, isUniqueViolation, newId, nowIso, toFlag } from '../../db/helpers.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import { Nullable } from '../../http/schemas.ts';
import type { Actor } from '../../policy/policy.ts';
import { ALL_ROLES, type Role } from '../../policy/roles.ts';

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
