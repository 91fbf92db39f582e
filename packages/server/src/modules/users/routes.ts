import { searchKey } from '@motcua/core';
import { Type } from 'typebox';
import { containsKey } from '../../db/helpers.ts';
import { notFound } from '../../errors.ts';
import type { RouteModule } from '../../http/route-module.ts';
import { errorResponses, IdParams, Nullable, Paged, PageQuery } from '../../http/schemas.ts';
import { Permission } from '../../policy/roles.ts';
import { findSignInState, unlockAccount } from '../../security/account-lock.ts';
import { type Profile, ProfileSchema, profileOf } from '../auth/profile.ts';
import {
  authorizeAccount,
  createUser,
  grantPlacesOf,
  maySee,
  RoleGrantInput,
  updateUser,
} from './service.ts';

const UserSchema = Type.Object({
  ...ProfileSchema.properties,
  active: Type.Boolean(),
  /** Wrong passwords in a row (forgotten after a day without one). */
  failedSignIns: Type.Integer(),
  /** Sign-in refused until then (security/account-lock.ts); null when no lock runs. */
  lockedUntil: Nullable(Type.String()),
});

const UserCreate = Type.Object({
  username: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,49}$', description: 'ASCII lower case' }),
  fullName: Type.String({ minLength: 1, maxLength: 200 }),
  password: Type.String({ minLength: 10, maxLength: 200 }),
  email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  locale: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
  roles: Type.Array(RoleGrantInput, { minItems: 1, maxItems: 20 }),
});

const UserUpdate = Type.Partial(
  Type.Object({
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    email: Nullable(Type.String({ format: 'email', maxLength: 200 })),
    phone: Nullable(Type.String({ maxLength: 30 })),
    active: Type.Boolean(),
    locale: Type.Union([Type.Literal('vi'), Type.Literal('en')]),
    roles: Type.Array(RoleGrantInput, { minItems: 1, maxItems: 20 }),
    password: Type.String({ minLength: 10, maxLength: 200 }),
  }),
);

/** Staff accounts and their roles. */
export const registerUserRoutes: RouteModule = (app, { database }) => {
  const { db } = database;
  const withActive = async (
    id: string,
  ): Promise<Profile & { active: boolean; failedSignIns: number; lockedUntil: string | null }> => {
    const row = await db
      .selectFrom('users')
      .select(['active', 'username'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound({ vi: 'người dùng', en: 'User' });
    return {
      ...(await profileOf(database, id)),
      active: row.active === 1,
      ...(await findSignInState(db, row.username)),
    };
  };

  app.get(
    '/api/v1/users',
    {
      config: { permission: Permission.UsersRead },
      schema: {
        tags: ['users'],
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery }),
        response: { 200: Paged(UserSchema), ...errorResponses },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 50;
      let query = db.selectFrom('users');
      if (request.query.q) {
        const key = searchKey(request.query.q);
        query = query.where((eb) => eb.or([containsKey('full_name_key', key), containsKey('username', key)]));
      }
      // Only the accounts the actor sees: one of their roles within the actor's reach (staff
      // accounts are few; filtered here rather than in SQL, where the reach is a tree of units).
      const matching = await query.select('id').orderBy('username').execute();
      const places = await grantPlacesOf(db);
      const visible = matching.filter((r) => maySee(request.actor!, places.get(r.id) ?? []));
      const ids = visible.slice((page - 1) * pageSize, page * pageSize);
      return {
        items: await Promise.all(ids.map((r) => withActive(r.id))),
        total: visible.length,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { permission: Permission.UsersRead },
      schema: { tags: ['users'], params: IdParams, response: { 200: UserSchema, ...errorResponses } },
    },
    async (request) => {
      await authorizeAccount(db, request.actor!, request.params.id, 'read');
      return withActive(request.params.id);
    },
  );

  app.post(
    '/api/v1/users',
    {
      config: { permission: Permission.UsersWrite, idempotent: true },
      schema: { tags: ['users'], body: UserCreate, response: { 201: UserSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const id = await createUser(database, request.actor!, request.body);
      return reply.status(201).send(await withActive(id));
    },
  );

  app.post(
    '/api/v1/users/:id/unlock',
    {
      config: { permission: Permission.UsersWrite },
      schema: {
        tags: ['users'],
        summary:
          'Mở khoá đăng nhập: clear the wrong-password count and any sign-in lock of the user (audited); ' +
          'the same answer when nothing was locked',
        params: IdParams,
        response: { 200: UserSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = await db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!user) throw notFound({ vi: 'người dùng', en: 'User' });
      await authorizeAccount(db, request.actor!, user.id, 'write');
      await unlockAccount(database, request.actor!, user);
      return withActive(user.id);
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { permission: Permission.UsersWrite },
      schema: {
        tags: ['users'],
        summary: 'Edit a user; deactivating or setting a password revokes their sessions',
        params: IdParams,
        body: UserUpdate,
        response: { 200: UserSchema, ...errorResponses },
      },
    },
    async (request) => {
      await updateUser(database, request.actor!, request.params.id, request.body);
      return withActive(request.params.id);
    },
  );
};
