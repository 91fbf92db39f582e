import { Type } from 'typebox';
import { recordAudit } from '../../audit/audit.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { createSession, revokeSession, revokeUserSessions, SESSION_COOKIE } from '../../auth/sessions.ts';
import { fromFlag } from '../../db/helpers.ts';
import { AppError, invalidField } from '../../errors.ts';
import type { RouteModule } from '../../http/route-module.ts';
import { ErrorSchema, errorResponses } from '../../http/schemas.ts';
import { Permission, Role } from '../../policy/roles.ts';
import {
  accountLocked,
  beginSignIn,
  recordLockStarted,
  signInSucceeded,
} from '../../security/account-lock.ts';
import { authorizeAccount } from '../users/service.ts';
import { ProfileSchema, profileOf } from './profile.ts';

const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});

const badCredentials = () =>
  new AppError(401, 'INVALID_CREDENTIALS', {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng',
    en: 'Wrong username or password',
  });

// A real argon2id hash to verify against when the user does not exist, so timing does not reveal it.
let dummyHash: Promise<string> | null = null;

export const registerAuthRoutes: RouteModule = (app, { database, config }) => {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.secureCookies,
  };

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true, rateLimit: { max: config.loginRateLimit } },
      schema: {
        tags: ['auth'],
        summary:
          'Đăng nhập (sign in); sets the session cookie and returns the CSRF token. 423 ACCOUNT_LOCKED ' +
          '(with Retry-After) after 5 wrong passwords in a row, for 5 minutes, doubling up to an hour',
        body: LoginBody,
        response: {
          200: Type.Object({ user: ProfileSchema, csrfToken: Type.String() }),
          ...errorResponses,
          423: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const username = request.body.username.trim().toLowerCase();
      const found = await database.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      const user = found && fromFlag(found.active) ? found : null;
      // Counted before the password is checked; a lock refuses even the right one (security/account-lock.ts).
      const attempt = await beginSignIn(database, username);
      if (!attempt.allowed) {
        reply.header('retry-after', String(Math.ceil((attempt.lockedUntil - Date.now()) / 1000)));
        throw accountLocked(attempt.lockedUntil, Date.now());
      }
      // An unknown or inactive name is checked against a real hash too, so timing does not tell.
      dummyHash ??= hashPassword('not-a-real-password-0000');
      const right = await verifyPassword(user?.password_hash ?? (await dummyHash), request.body.password);
      if (!user || !right) {
        if (attempt.lockedUntil === null) throw badCredentials();
        // This wrong password started a lock: said at once, and in the audit log.
        await recordLockStarted(database, user, { ...attempt, lockedUntil: attempt.lockedUntil }, request.ip);
        reply.header('retry-after', String(Math.ceil((attempt.lockedUntil - Date.now()) / 1000)));
        throw accountLocked(attempt.lockedUntil, Date.now());
      }
      await signInSucceeded(database, username);
      const session = await createSession(database, {
        userId: user.id,
        kind: 'cookie',
        userAgent: request.headers['user-agent'] ?? null,
        ip: request.ip,
      });
      await database.db.transaction().execute((trx) =>
        recordAudit(trx, database.dialect, {
          actor: {
            userId: user.id,
            username: user.username,
            fullName: user.full_name,
            grants: [],
            sessionKind: 'cookie',
          },
          action: 'auth.login',
          entityType: 'session',
          entityId: null,
          after: { ip: request.ip },
        }),
      );
      reply.setCookie(SESSION_COOKIE, session.token, {
        ...cookieOptions,
        expires: new Date(session.expiresAt),
      });
      const csrfToken = reply.generateCsrf();
      return { user: await profileOf(database, user.id), csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { authenticated: true },
      schema: {
        tags: ['auth'],
        summary: 'Đăng xuất (sign out): revokes this session',
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await revokeSession(database, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/logout-everywhere',
    {
      config: { authenticated: true },
      schema: {
        tags: ['auth'],
        summary: 'Revoke every session of the signed-in user',
        response: { 200: Type.Object({ revoked: Type.Integer() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const revoked = await revokeUserSessions(database, request.actor!.userId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { revoked };
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { authenticated: true },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, their roles and a fresh CSRF token',
        response: { 200: Type.Object({ user: ProfileSchema, csrfToken: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => ({
      user: await profileOf(database, request.actor!.userId),
      csrfToken: reply.generateCsrf(),
    }),
  );

  app.post(
    '/api/v1/auth/api-tokens',
    {
      config: { permission: Permission.UsersWrite },
      schema: {
        tags: ['auth'],
        summary: 'Issue a bearer token for a partner system account (shown once)',
        body: Type.Object({ userId: Type.String({ minLength: 1 }) }),
        response: { 201: Type.Object({ token: Type.String(), expiresAt: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await database.db
        .selectFrom('users')
        .select(['id'])
        .where('id', '=', request.body.userId)
        .executeTakeFirst();
      if (!user) {
        throw new AppError(404, 'NOT_FOUND', { vi: 'Không tìm thấy người dùng', en: 'User not found' }, [
          { field: 'userId', message: { vi: 'Không có người dùng này', en: 'No such user' } },
        ]);
      }
      // A token acts as its account: only for a partner system account, and only one the
      // administrator manages (every role of it within their reach).
      const roles = await authorizeAccount(database.db, request.actor!, user.id, 'write');
      if (roles.length === 0 || roles.some((r) => r.role !== Role.Partner)) {
        throw invalidField('userId', {
          vi: 'Chỉ cấp mã truy cập cho tài khoản hệ thống đối tác',
          en: 'Tokens are issued only to partner system accounts',
        });
      }
      const session = await createSession(database, { userId: user.id, kind: 'api' });
      await database.db.transaction().execute((trx) =>
        recordAudit(trx, database.dialect, {
          actor: request.actor,
          action: 'auth.api_token.create',
          entityType: 'user',
          entityId: user.id,
        }),
      );
      return reply.status(201).send(session);
    },
  );
};
