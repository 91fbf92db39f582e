import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { sql } from 'kysely';
import { canonicalJson, verifyAudit } from '../src/audit/audit.ts';
import type { Dialect, Executor } from '../src/db/database.ts';
import {
  fixedQuery,
  insertRow,
  inTransaction,
  isUniqueViolation,
  newId,
  randomToken,
} from '../src/db/helpers.ts';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';

let ctx: TestContext;
let admin: Client;
let clerkDucLieu: Client;

before(async () => {
  ctx = await createTestContext();
  admin = await ctx.signIn('admin');
  clerkDucLieu = await ctx.signIn('gdv.duclieu');
});
after(() => ctx.close());

describe(`foundation on ${TEST_ENGINE}`, () => {
  it('answers health and readiness without sign-in', async () => {
    assert.equal((await ctx.anonymous.get('/api/health')).json().status, 'ok');
    const ready = await ctx.anonymous.get('/api/ready');
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().database, TEST_ENGINE);
  });

  it('sends the security headers on answers, refusals and the public lookup alike', async () => {
    for (const response of [
      await ctx.anonymous.get('/api/health'),
      await ctx.anonymous.get('/api/v1/procedures'),
      await ctx.anonymous.get('/api/v1/public/lookup/KHONG-CO', { 'x-verifier': '1234' }),
    ]) {
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /upgrade-insecure-requests/);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(response.headers['x-frame-options'], 'DENY', 'as frame-ancestors says');
      assert.equal(response.headers['strict-transport-security'], undefined, 'no HSTS over plain http');
      assert.equal(response.headers['referrer-policy'], 'no-referrer');
      assert.equal(response.headers['cross-origin-embedder-policy'], undefined);
      assert.equal(response.headers['x-powered-by'], undefined);
    }
  });

  it('refuses the API without a session, in Vietnamese by default and English on request', async () => {
    const vi = await ctx.anonymous.get('/api/v1/procedures');
    assert.equal(vi.statusCode, 401);
    assert.deepEqual(vi.json(), {
      error: { code: 'UNAUTHENTICATED', message: 'Bạn cần đăng nhập', fields: [] },
    });
    const en = await ctx.anonymous.get('/api/v1/procedures', { 'accept-language': 'en-US,en;q=0.9' });
    assert.equal(en.json().error.message, 'You need to sign in');
  });

  it('rejects a wrong password with 401 and the same message as an unknown user', async () => {
    const wrong = await ctx.anonymous.post('/api/v1/auth/login', {
      username: 'admin',
      password: 'nope-nope-nope',
    });
    const unknown = await ctx.anonymous.post('/api/v1/auth/login', {
      username: 'ghost',
      password: 'nope-nope-nope',
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json().error.message, unknown.json().error.message);
  });

  it('names the missing fields of a bad login body, writing nothing', async () => {
    const response = await ctx.anonymous.post('/api/v1/auth/login', { username: '' });
    assert.equal(response.statusCode, 400);
    const fields = response
      .json()
      .error.fields.map((f: { field: string }) => f.field)
      .sort();
    assert.deepEqual(fields, ['password', 'username']);
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await ctx.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    assert.match(row.password_hash, /^\$argon2id\$v=19\$/);
  });

  it('finds the birth registration when "giay khai sinh" is typed without diacritics', async () => {
    const response = await clerkDucLieu.get(`/api/v1/procedures?q=${encodeURIComponent('giay khai sinh')}`);
    assert.equal(response.statusCode, 200);
    const codes = response.json().items.map((p: { code: string }) => p.code);
    assert.ok(codes.includes('1.001193'), codes.join(', '));
    const none = await clerkDucLieu.get(`/api/v1/procedures?q=${encodeURIComponent('khai sinh xe may')}`);
    assert.equal(none.json().total, 0, 'every word must match');
  });

  it('finds a procedure by its name typed without diacritics', async () => {
    const response = await clerkDucLieu.get(
      `/api/v1/procedures?q=${encodeURIComponent('dang ky khai sinh')}`,
    );
    assert.equal(response.statusCode, 200);
    const names = response.json().items.map((p: { name: string }) => p.name);
    assert.ok(
      names.some((n: string) => n.includes('đăng ký khai sinh')),
      names.join('; '),
    );
  });

  it('lists Bình Phước 2018 districts under the province and links Đức Liễu to its 2025 successor', async () => {
    const districts = await admin.get('/api/v1/units?parentId=2008:70&pageSize=50');
    assert.equal(districts.json().total, 11);
    const detail = (await admin.get('/api/v1/units/2008:25417')).json();
    assert.equal(detail.unit.name, 'Xã Đức Liễu');
    assert.deepEqual(
      detail.ancestors.map((u: { name: string }) => u.name),
      ['Tỉnh Bình Phước', 'Huyện Bù Đăng'],
    );
    assert.ok(detail.successors.some((s: { unit: { name: string } }) => s.unit.name === 'Xã Nghĩa Trung'));
  });

  it('lets a clerk read the catalogue but not edit the organisation', async () => {
    const sites = (await clerkDucLieu.get('/api/v1/service-points?q=duc lieu')).json();
    assert.ok(sites.total >= 1);
    const patch = await clerkDucLieu.patch(`/api/v1/service-points/${sites.items[0].id}`, { counters: 3 });
    assert.equal(patch.statusCode, 403);
    assert.equal(patch.json().error.code, 'FORBIDDEN');
  });

  it('requires the CSRF token on cookie-session writes', async () => {
    const site = (await admin.get('/api/v1/service-points?q=duc lieu')).json().items[0];
    const noToken = await admin.request({
      method: 'PATCH',
      url: `/api/v1/service-points/${site.id}`,
      payload: { counters: 3 },
      headers: { 'x-csrf-token': 'forged' },
    });
    assert.equal(noToken.statusCode, 403);
    assert.equal(noToken.json().error.code, 'CSRF_INVALID');
    const ok = await admin.patch(`/api/v1/service-points/${site.id}`, { counters: 3 });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().counters, 3);
  });

  it('creates an agency once for a retried request with the same Idempotency-Key', async () => {
    // Created today, so in a unit of today's organisation (Nghĩa Trung commune, successor of Đức Liễu).
    const unit = '2025:25417';
    const body = {
      code: '000.99.21.H70',
      name: 'Ủy ban nhân dân xã thử nghiệm',
      kind: 'commune_pc',
      unitId: unit,
    };
    const headers = { 'idempotency-key': 'agency-create-0001' };
    const first = await admin.post('/api/v1/agencies', body, headers);
    const second = await admin.post('/api/v1/agencies', body, headers);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(second.statusCode, 201);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.equal(second.json().id, first.json().id);
    const count = await ctx.database.db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('code', '=', '000.99.21.H70')
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
    const reused = await admin.post('/api/v1/agencies', { ...body, name: 'Khác' }, headers);
    assert.equal(reused.statusCode, 422);
  });

  it('refuses a duplicate agency code with 409 naming the field', async () => {
    const body = { code: '000.99.21.H70', name: 'Trùng mã', kind: 'commune_pc', unitId: '2025:25417' };
    const response = await admin.post('/api/v1/agencies', body);
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().error.fields[0].field, 'code');
  });

  it('revokes every session of a deactivated user', async () => {
    const courier = await ctx.signIn('buuta.budang');
    assert.equal((await courier.get('/api/v1/auth/me')).statusCode, 200);
    const users = (await admin.get('/api/v1/users?q=buuta.budang')).json();
    const id = users.items[0].id;
    assert.equal((await admin.patch(`/api/v1/users/${id}`, { active: false })).statusCode, 200);
    assert.equal((await courier.get('/api/v1/auth/me')).statusCode, 401);
    await admin.patch(`/api/v1/users/${id}`, { active: true });
  });

  it('signs out: the cookie no longer works', async () => {
    const client = await ctx.signIn('gdv.thanhluong');
    assert.equal((await client.post('/api/v1/auth/logout')).statusCode, 204);
    assert.equal((await client.get('/api/v1/auth/me')).statusCode, 401);
  });

  it('serves the API docs page without sign-in', async () => {
    const docs = await ctx.anonymous.get('/api/docs/');
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
  });

  it('serves a valid OpenAPI 3 document covering the API', async () => {
    const doc = (await ctx.anonymous.get('/api/openapi.json')).json();
    assert.match(doc.openapi, /^3\./);
    const validator = new Validator();
    const result = await validator.validate(doc);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1)?.slice(0, 2000));
    assert.ok(doc.paths['/api/v1/procedures']);
    assert.ok(doc.paths['/api/v1/service-points/{id}'].patch);
  });

  it('chains the audit log so that editing or deleting a row is detected', async () => {
    const intact = await verifyAudit(ctx.database);
    assert.equal(intact.ok, true, JSON.stringify(intact.problems));
    assert.ok(intact.rows >= 3);
    const victim = await ctx.database.db
      .selectFrom('audit_log')
      .select(['seq', 'after_json'])
      .where('action', '=', 'agency.create')
      .executeTakeFirstOrThrow();
    await sql`update audit_log set after_json = ${'{"name":"sửa tay"}'} where seq = ${victim.seq}`.execute(
      ctx.database.db,
    );
    const edited = await verifyAudit(ctx.database);
    assert.equal(edited.ok, false);
    assert.ok(edited.problems.some((p) => p.problem === 'hash_mismatch' && p.seq === Number(victim.seq)));
    await sql`update audit_log set after_json = ${victim.after_json} where seq = ${victim.seq}`.execute(
      ctx.database.db,
    );
    assert.equal((await verifyAudit(ctx.database)).ok, true);
    await sql`delete from audit_log where seq = ${victim.seq}`.execute(ctx.database.db);
    const deleted = await verifyAudit(ctx.database);
    assert.ok(deleted.problems.some((p) => p.problem === 'missing_row'));
  });
});

describe(`insertRow on ${TEST_ENGINE}`, () => {
  it('writes what the query builder writes, again and again with its SQL reused, skipping undefined columns', async () => {
    const row = (i: number, comment?: string) => ({
      id: `insert-row-${i}`,
      topic: 'test.insert_row',
      payload: JSON.stringify({ i, name: 'Đặng Văn Đức' }),
      created_at: `2026-11-30T0${i}:00:00.000Z`,
      available_at: '2026-11-30T00:00:00.000Z',
      attempts: i,
      last_error: comment,
      locked_until: null,
      done_at: null,
      dead_at: null,
    });
    for (let i = 1; i <= 3; i++) await insertRow(ctx.database.db, ctx.database.dialect, 'outbox', row(i));
    await insertRow(ctx.database.db, ctx.database.dialect, 'outbox', row(4, 'lỗi gửi thư'));
    const stored = await ctx.database.db
      .selectFrom('outbox')
      .select(['id', 'payload', 'attempts', 'last_error', 'created_at'])
      .where('topic', '=', 'test.insert_row')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      stored.map((r) => [
        r.id,
        JSON.parse(r.payload).i,
        JSON.parse(r.payload).name,
        Number(r.attempts),
        r.last_error,
      ]),
      [
        ['insert-row-1', 1, 'Đặng Văn Đức', 1, null],
        ['insert-row-2', 2, 'Đặng Văn Đức', 2, null],
        ['insert-row-3', 3, 'Đặng Văn Đức', 3, null],
        ['insert-row-4', 4, 'Đặng Văn Đức', 4, 'lỗi gửi thư'],
      ],
    );
    await assert.rejects(
      insertRow(ctx.database.db, ctx.database.dialect, 'outbox', row(1)),
      (error) => isUniqueViolation(error),
      'a duplicate key still fails as a unique violation',
    );
  });
});

describe(`fixedQuery on ${TEST_ENGINE}`, () => {
  it('answers as the query builder does for new arguments, keeping the values the builder bound itself', async () => {
    const builder = (executor: Executor, name: string, level: 'commune' | 'district') =>
      executor
        .selectFrom('admin_units')
        .select(['id', 'name'])
        .where('name', '=', name)
        .where('level', '=', level)
        .where('era', '=', '2008')
        .orderBy('id');
    let builds = 0;
    const units = fixedQuery(
      (executor: Executor, _dialect: Dialect, name: string, level: 'commune' | 'district') => {
        builds++;
        return builder(executor, name, level);
      },
    );
    const { db, dialect } = ctx.database;
    for (const [name, level] of [
      ['Xã Đức Liễu', 'commune'],
      ['Huyện Bù Đăng', 'district'],
      ['Xã Thanh Lương', 'commune'],
      ['Không có', 'commune'],
    ] as const) {
      const expected = await builder(db, name, level).execute();
      assert.deepEqual(await units(db, dialect, name, level), expected, `${name} (${level})`);
    }
    assert.equal((await units(db, dialect, 'Xã Đức Liễu', 'commune')).length, 1, 'the demo has Đức Liễu');
    assert.equal(builds, 1, 'built once, then reused');
  });

  it('refuses a query whose argument ends up in the SQL text instead of a parameter', async () => {
    const unsafe = fixedQuery((executor: Executor, _dialect: Dialect, column: string) =>
      executor.selectFrom('admin_units').select(sql.ref(column).as('x')),
    );
    await assert.rejects(unsafe(ctx.database.db, ctx.database.dialect, 'name'), /not a bound parameter/);
  });
});

describe(`statements in and around transactions on ${TEST_ENGINE}`, () => {
  const logCount = fixedQuery((executor: Executor, _dialect: Dialect, ip: string) =>
    executor
      .selectFrom('lookup_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip),
  );
  const count = async (ip: string) =>
    Number((await logCount(ctx.database.db, ctx.database.dialect, ip))[0]?.n);
  const logRow = (ip: string) => ({
    id: newId(),
    at: new Date().toISOString(),
    ip,
    method: 'code' as const,
    code_tried: 'Nguyễn Thị Ánh',
    dossier_id: null,
    ok: 0,
  });

  it('runs the hot statements inside the transaction: seen within it, gone with a rollback', async () => {
    const { database } = ctx;
    const ip = '10.1.0.1';
    await assert.rejects(
      inTransaction(database, async (trx) => {
        await insertRow(trx, database.dialect, 'lookup_log', logRow(ip));
        const inside = await logCount(trx, database.dialect, ip);
        assert.equal(Number(inside[0]?.n), 1, 'the transaction sees its own row');
        throw new Error('thôi, không ghi');
      }),
      /thôi, không ghi/,
    );
    assert.equal(await count(ip), 0, 'rolled back with the transaction');
    await inTransaction(database, (trx) => insertRow(trx, database.dialect, 'lookup_log', logRow(ip)));
    assert.equal(await count(ip), 1, 'committed');
  });

  it('never runs a statement of the root handle inside another request’s open transaction', async () => {
    const { database } = ctx;
    const ip = '10.1.0.2';
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let inserted!: () => void;
    const rowWritten = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const writer = inTransaction(database, async (trx) => {
      await insertRow(trx, database.dialect, 'lookup_log', logRow(ip));
      inserted();
      await gate;
    });
    await rowWritten;
    // Sent while the transaction holds its row uncommitted: it must not see it, whenever it answers.
    let answered = false;
    const read = count(ip).then((n) => {
      answered = true;
      return n;
    });
    // Turns of the event loop, enough for a read that does not wait to answer on SQLite (it would run
    // at once, on the connection inside the open transaction).
    for (let i = 0; i < 20 && !answered; i++) await new Promise((r) => setImmediate(r));
    const answeredWhileOpen = answered;
    if (TEST_ENGINE === 'sqlite') {
      assert.equal(answeredWhileOpen, false, 'SQLite: the read waits for the one connection');
    }
    open();
    await writer;
    const n = await read;
    if (TEST_ENGINE === 'sqlite') assert.equal(n, 1, 'SQLite: read after the commit');
    // PostgreSQL reads on another connection: before the commit was even sent, without the row; a
    // read still running when it was sent may see either state.
    else if (answeredWhileOpen) assert.equal(n, 0, 'PostgreSQL: answered before the commit, without the row');
  });

  it('refuses a transaction handle used after its end', async () => {
    const { database } = ctx;
    const ip = '10.1.0.3';
    let kept: Executor | undefined;
    await inTransaction(database, async (trx) => {
      kept = trx;
    });
    assert.ok(kept);
    await assert.rejects(insertRow(kept, database.dialect, 'lookup_log', logRow(ip)));
    assert.equal(await count(ip), 0);
  });

  it('answers a query on the root handle inside a transaction at once: an error on SQLite, not a deadlock', async () => {
    const { database } = ctx;
    const rootQuery = inTransaction(database, () =>
      database.db.selectFrom('lookup_log').select('id').where('ip', '=', '10.1.0.4').execute(),
    );
    if (TEST_ENGINE === 'sqlite') await assert.rejects(rootQuery, /inside a transaction/);
    else assert.deepEqual(await rootQuery, [], 'PostgreSQL: another connection of the pool');
  });
});

describe('randomToken', () => {
  it('gives URL-safe tokens of the asked entropy, never twice the same', () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const token = randomToken(18);
      assert.match(token, /^[A-Za-z0-9_-]{24}$/);
      tokens.add(token);
    }
    assert.equal(tokens.size, 2000);
    assert.match(randomToken(5000), /^[A-Za-z0-9_-]{6667}$/, 'larger than the pool');
  });
});

describe('canonicalJson', () => {
  /** The definition the audit chain was first hashed with: JSON.stringify, each object rebuilt with its keys sorted. */
  const reference = (value: unknown): string =>
    value === undefined
      ? 'null'
      : JSON.stringify(value, (_key, v) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(
                Object.keys(v as object)
                  .sort()
                  .map((k) => [k, (v as Record<string, unknown>)[k]]),
              )
            : v,
        );

  it('writes exactly the text of its reference definition, so old audit hashes still verify', () => {
    const cases: unknown[] = [
      undefined,
      null,
      0,
      -0,
      1e21,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      'Nguyễn Thị Ánh',
      'line\nbreak "quoted" \\ \u0001 \ud800',
      true,
      [],
      {},
      [1, undefined, () => 1, Symbol('s'), null, 'x'],
      // biome-ignore lint/suspicious/noSparseArray: a hole must read as null
      [1, , 3],
      { z: 1, a: { y: [2, { d: 4, c: 3 }], b: undefined, f: () => 0 }, Đ: 'Đặng Văn Đức', ă: 1, A: 2 },
      { at: new Date('2026-12-01T02:30:00.000Z'), nested: { toJSON: () => ({ b: 2, a: 1 }) } },
      new String('ab'),
      new Map([['a', 1]]),
    ];
    // And random nested values from a fixed seed.
    let seed = 20261201;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const words = [
      'mã',
      'Đức Liễu',
      'phí',
      '',
      'a',
      'B',
      'z1',
      '10',
      '2',
      '02',
      '-1',
      '4294967295',
      '4294967294',
      'ǅ',
      '😀',
    ];
    const randomValue = (depth: number): unknown => {
      const pick = next();
      if (depth > 3 || pick < 0.3) {
        const leaves = [
          null,
          undefined,
          true,
          false,
          Math.floor(next() * 1e6) / 100,
          words[Math.floor(next() * words.length)],
        ];
        return leaves[Math.floor(next() * leaves.length)];
      }
      if (pick < 0.6) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(depth + 1));
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 5); i > 0; i--)
        object[words[Math.floor(next() * words.length)] ?? 'k'] = randomValue(depth + 1);
      return object;
    };
    for (let i = 0; i < 500; i++) cases.push(randomValue(0));
    for (const value of cases) assert.equal(canonicalJson(value), reference(value));
    assert.throws(() => canonicalJson({ n: 1n }), TypeError);
  });
});
