import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { accountKey } from '../src/security/account-lock.ts';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { siteId, tx, userId } from './helpers/fixtures.ts';

let ctx: TestContext;
let admin: Client;

before(async () => {
  ctx = await createTestContext();
  admin = await ctx.signIn('admin');
});
after(() => ctx.close());

/** A sign-in from its own address each time, so only the account's count is at work. */
let address = 0;
const signIn = (username: string, password: string, lang = 'vi') =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: `198.51.100.${address++ % 250}`,
    headers: { 'accept-language': lang },
  });

async function newClerk(username: string, fullName: string, password: string) {
  const response = await admin.post(
    '/api/v1/users',
    {
      username,
      fullName,
      password,
      roles: [{ role: 'clerk', servicePointId: await siteId(ctx.database, 'BDVHX-DUCLIEU') }],
    },
    { 'idempotency-key': tx('user') },
  );
  return response;
}

const auditOf = (action: string, entityId?: string) => {
  let query = ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (entityId) query = query.where('entity_id', '=', entityId);
  return query.orderBy('seq').execute();
};

describe(`password policy on ${TEST_ENGINE}`, () => {
  const weak: [string, RegExp][] = [
    ['aaaaaaaaaa', /lặp lại ký tự/],
    ['          ', /lặp lại ký tự/],
    ['abcabcabca', /lặp lại ký tự/],
    ['1234567890', /dãy ký tự liên tiếp|phổ biến/],
    ['abcdefghij', /dãy ký tự liên tiếp/],
    ['password2024', /phổ biến/],
    ['iloveyou123', /phổ biến/],
    ['matkhau@123456', /phổ biến/],
    ['motcua2026!', /phổ biến/],
    ['nguyenthianh2024', /họ tên/],
    ['Ánh.Nguyễn.1990', /họ tên/],
    ['gdv.anhnguyen99', /tên đăng nhập/],
  ];

  for (const [password, message] of weak) {
    it(`refuses "${password}" for Nguyễn Thị Ánh, naming the password field, and creates nothing`, async () => {
      const response = await newClerk('gdv.anhnguyen', 'Nguyễn Thị Ánh', password);
      assert.equal(response.statusCode, 400, response.body);
      const { error } = response.json();
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        error.fields.map((f: { field: string }) => f.field),
        ['password'],
      );
      assert.match(error.fields[0].message, /^Mật khẩu/);
      assert.match(error.fields[0].message, message);
      const created = await ctx.database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'gdv.anhnguyen')
        .execute();
      assert.deepEqual(created, []);
    });
  }

  it('says it in English on request', async () => {
    const response = await admin.post(
      '/api/v1/users',
      {
        username: 'gdv.duc',
        fullName: 'Đặng Văn Đức',
        password: 'dangvanduc1985',
        roles: [{ role: 'clerk', servicePointId: await siteId(ctx.database, 'BDVHX-DUCLIEU') }],
      },
      { 'accept-language': 'en', 'idempotency-key': tx('user') },
    );
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().error.fields[0].field, 'password');
    assert.match(
      response.json().error.fields[0].message,
      /^Password must not be built from the username, full name/,
    );
  });

  it('takes a passphrase that is none of these', async () => {
    const response = await newClerk('gdv.anhnguyen', 'Nguyễn Thị Ánh', 'sông Bé chảy qua Đồng Xoài');
    assert.equal(response.statusCode, 201, response.body);
  });

  it('applies to a password change too, leaving the old password in place', async () => {
    const id = await userId(ctx.database, 'gdv.anhnguyen');
    const before = await ctx.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    for (const password of ['nguyen.thi.anh', 'Anh-Nguyen-2024', 'qwertyuiop']) {
      const response = await admin.patch(`/api/v1/users/${id}`, { password });
      assert.equal(response.statusCode, 400, `${password}: ${response.body}`);
      assert.equal(response.json().error.fields[0].field, 'password');
    }
    // The new full name counts as the user's own too.
    const renamed = await admin.patch(`/api/v1/users/${id}`, {
      fullName: 'Trần Ngọc Hân',
      password: 'tranngochan1990',
    });
    assert.equal(renamed.statusCode, 400);
    const after = await ctx.database.db
      .selectFrom('users')
      .select(['password_hash', 'full_name'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(after.password_hash, before.password_hash);
    assert.equal(after.full_name, 'Nguyễn Thị Ánh');
    assert.equal((await signIn('gdv.anhnguyen', 'sông Bé chảy qua Đồng Xoài')).statusCode, 200);
  });
});

describe(`account lock after wrong passwords on ${TEST_ENGINE}`, () => {
  const PASSWORD = 'cây điều Bù Đăng mùa khô';
  let id: string;

  before(async () => {
    const response = await newClerk('gdv.dangvanduc', 'Đặng Văn Đức', PASSWORD);
    assert.equal(response.statusCode, 201, response.body);
    id = response.json().id;
  });

  it('locks the account at the fifth wrong password, says so in Vietnamese and English, and audits it', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await signIn('gdv.dangvanduc', `sai-mat-khau-${i}`)).statusCode);
    assert.deepEqual(codes, [401, 401, 401, 401]);
    const fifth = await signIn('gdv.dangvanduc', 'sai-mat-khau-4');
    assert.equal(fifth.statusCode, 423);
    assert.equal(fifth.json().error.code, 'ACCOUNT_LOCKED');
    assert.match(
      fifth.json().error.message,
      /^Tài khoản tạm khoá vì nhập sai mật khẩu nhiều lần\. Hãy thử lại sau 5 phút/,
    );
    const wait = Number(fifth.headers['retry-after']);
    assert.ok(wait > 280 && wait <= 300, `Retry-After ${wait}`);
    const english = await signIn('gdv.dangvanduc', 'sai-mat-khau-5', 'en');
    assert.equal(english.statusCode, 423);
    assert.match(english.json().error.message, /locked .* Try again in 5 minutes, or ask an administrator/);
    const [lock, ...more] = await auditOf('auth.lock', id);
    assert.equal(more.length, 0, 'one entry for the lock, none for refusals during it');
    assert.equal(lock!.actor_user_id, null);
    const after = JSON.parse(lock!.after_json!);
    assert.equal(after.username, 'gdv.dangvanduc');
    assert.equal(after.failures, 5);
    assert.ok(Date.parse(after.lockedUntil) > Date.now());
  });

  it('refuses the right password during the lock, and opens no session', async () => {
    const sessionsBefore = await ctx.database.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', id)
      .execute();
    const right = await signIn('gdv.dangvanduc', PASSWORD);
    assert.equal(right.statusCode, 423);
    assert.equal(right.cookies.length, 0);
    const sessionsAfter = await ctx.database.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', id)
      .execute();
    assert.equal(sessionsAfter.length, sessionsBefore.length);
  });

  it('shows the lock to the administrator, who unlocks it (audited); the right password then signs in', async () => {
    const shown = (await admin.get(`/api/v1/users/${id}`)).json();
    assert.equal(shown.failedSignIns, 5);
    assert.ok(Date.parse(shown.lockedUntil) > Date.now());
    const clerk = await ctx.signIn('gdv.duclieu');
    assert.equal((await clerk.post(`/api/v1/users/${id}/unlock`)).statusCode, 403, 'a clerk may not unlock');
    const unlocked = await admin.post(`/api/v1/users/${id}/unlock`);
    assert.equal(unlocked.statusCode, 200, unlocked.body);
    assert.equal(unlocked.json().lockedUntil, null);
    assert.equal(unlocked.json().failedSignIns, 0);
    const [entry] = await auditOf('user.unlock', id);
    assert.equal(entry!.actor_username, 'admin');
    assert.equal(JSON.parse(entry!.before_json!).failures, 5);
    assert.equal((await signIn('gdv.dangvanduc', PASSWORD)).statusCode, 200);
    const missing = await admin.post('/api/v1/users/khong-co-nguoi-nay/unlock');
    assert.equal(missing.statusCode, 404);
  });

  it('locks again for longer on each wrong password once the lock ends, until the right one clears the count', async () => {
    for (let i = 0; i < 5; i++) await signIn('gdv.dangvanduc', `sai-${i}`);
    const key = accountKey('gdv.dangvanduc');
    const endLock = () =>
      ctx.database.db
        .updateTable('sign_in_attempts')
        .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
        .where('account_key', '=', key)
        .execute();
    await endLock();
    const sixth = await signIn('gdv.dangvanduc', 'sai-6');
    assert.equal(sixth.statusCode, 423);
    assert.match(sixth.json().error.message, /sau 10 phút/);
    await endLock();
    const seventh = await signIn('gdv.dangvanduc', 'sai-7');
    assert.match(seventh.json().error.message, /sau 20 phút/);
    await endLock();
    assert.equal((await signIn('gdv.dangvanduc', PASSWORD)).statusCode, 200);
    const row = await ctx.database.db
      .selectFrom('sign_in_attempts')
      .selectAll()
      .where('account_key', '=', key)
      .executeTakeFirst();
    assert.equal(row, undefined, 'the right password clears the count');
    assert.equal((await signIn('gdv.dangvanduc', 'sai-8')).statusCode, 401, 'counting starts again');
  });

  it('counts attempts sent all at once exactly as attempts sent one by one', async () => {
    await admin.post(`/api/v1/users/${id}/unlock`);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => signIn('gdv.dangvanduc', `song-song-${i}`)),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    assert.deepEqual(codes, [...Array(4).fill(401), ...Array(12).fill(423)]);
  });

  it('locks a name no account has in the same way, so a lock tells nothing about who exists', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await signIn('khong-ton-tai', `sai-${i}`)).statusCode);
    assert.deepEqual(codes, [401, 401, 401, 401, 423, 423]);
    const known = await signIn('gdv.dangvanduc', 'sai-9');
    const unknown = await signIn('khong-ton-tai', 'sai-9');
    assert.equal(unknown.json().error.message, known.json().error.message);
  });
});
