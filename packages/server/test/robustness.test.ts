// Bad input and faults that used to answer 500 or leave a request stuck: each refused at its edge with
// 400 naming the field, or answered 503 with Retry-After while the database cannot answer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyAudit } from '../src/audit/audit.ts';
import { directConnection } from '../src/db/database.ts';
import { newId } from '../src/db/helpers.ts';
import { clearCalendarCache } from '../src/modules/calendar/service.ts';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { onEngine, TEST_ENGINE } from './helpers/db.ts';
import { expectOk, intakeBody, siteId, tx, userId } from './helpers/fixtures.ts';

let ctx: TestContext;
let admin: Client;
/** The national administrator: national calendar days are theirs alone (docs/security.md). */
let nationalAdmin: Client;
let clerk: Client;

before(async () => {
  ctx = await createTestContext();
  admin = await ctx.signIn('admin');
  nationalAdmin = await ctx.signIn('admin.toanquoc');
  clerk = await ctx.signIn('gdv.duclieu');
});
after(() => ctx.close());

const fieldsOf = (response: { json(): { error: { fields: { field: string }[] } } }) =>
  response.json().error.fields.map((f) => f.field);

async function count(table: 'handover_batches' | 'calendar_overrides' | 'dossiers'): Promise<number> {
  const row = await ctx.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe(`bad input is refused at the edge on ${TEST_ENGINE}`, () => {
  it('refuses a NUL character anywhere, signed in or not, naming where it was', async () => {
    const signIn = await ctx.anonymous.post('/api/v1/auth/login', {
      username: 'admin\u0000',
      password: 'motcua-demo',
    });
    assert.equal(signIn.statusCode, 400);
    assert.deepEqual(fieldsOf(signIn), ['username']);

    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', '1.001612');
    const before = await count('dossiers');
    const intake = await clerk.post('/api/v1/dossiers', {
      ...body,
      applicant: { ...body.applicant, name: 'Nguyễn Thị\u0000 Ánh' },
    });
    assert.equal(intake.statusCode, 400);
    assert.deepEqual(fieldsOf(intake), ['applicant.name']);
    assert.equal(await count('dossiers'), before);

    const query = await clerk.get('/api/v1/dossiers?q=%C3%81nh%00');
    assert.equal(query.statusCode, 400);
    assert.deepEqual(fieldsOf(query), ['q']);

    const path = await clerk.get('/api/v1/dossiers/abc%00def');
    assert.equal(path.statusCode, 400);
    assert.deepEqual(fieldsOf(path), ['id']);

    const header = await clerk.get('/api/v1/dossiers', { 'accept-language': 'en\u0000' });
    assert.equal(header.statusCode, 400);
    assert.deepEqual(fieldsOf(header), ['accept-language']);
  });

  it('refuses a handover batch to an agency that does not exist, writing nothing', async () => {
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', '1.001612');
    const intake = await clerk.post('/api/v1/dossiers', body);
    await expectOk(intake, 201);
    const before = await count('handover_batches');
    const response = await clerk.post('/api/v1/handover-batches', {
      clientTxId: tx('batch'),
      direction: 'to_agency',
      siteId: await siteId(ctx.database, 'BDVHX-DUCLIEU'),
      agencyId: 'khong-co-co-quan-nay',
      dossierIds: [intake.json().id],
    });
    assert.equal(response.statusCode, 400, response.body);
    assert.deepEqual(fieldsOf(response), ['agencyId']);
    assert.equal(await count('handover_batches'), before);
    const dossier = (await clerk.get(`/api/v1/dossiers/${intake.json().id}`)).json();
    assert.equal(dossier.status, 'received');
  });

  it('refuses impossible dates on the postal daily list and report', async () => {
    const site = await siteId(ctx.database, 'BDVHX-DUCLIEU');
    const daily = await clerk.get(`/api/v1/postal/daily?siteId=${site}&date=2026-13-45`);
    assert.equal(daily.statusCode, 400);
    assert.deepEqual(fieldsOf(daily), ['date']);
    const report = await clerk.get(`/api/v1/postal/report?siteId=${site}&from=2026-02-30&to=2026-03-01`);
    assert.equal(report.statusCode, 400);
    assert.deepEqual(fieldsOf(report), ['from']);
    const fine = await clerk.get(`/api/v1/postal/daily?siteId=${site}&date=2026-02-28`);
    assert.equal(fine.statusCode, 200, fine.body);
  });

  it('refuses numbers out of range (1e309 is not an integer of the API)', async () => {
    const page = await clerk.get('/api/v1/dossiers?page=1e309');
    assert.equal(page.statusCode, 400);
    assert.deepEqual(fieldsOf(page), ['page']);
    const far = await clerk.get('/api/v1/dossiers?page=1e300');
    assert.equal(far.statusCode, 400);
    assert.deepEqual(fieldsOf(far), ['page']);
    const procedures = (await clerk.get('/api/v1/procedures')).json();
    const id = procedures.items[0].id;
    const version = await clerk.get(`/api/v1/procedures/${id}/versions/1e309`);
    assert.equal(version.statusCode, 400);
    assert.deepEqual(fieldsOf(version), ['version']);
    const big = await clerk.get(`/api/v1/procedures/${id}/versions/99999999999`);
    assert.equal(big.statusCode, 400);
    assert.deepEqual(fieldsOf(big), ['version']);
  });
});

describe(`calendar overrides on ${TEST_ENGINE}`, () => {
  it('refuses an impossible date with 400 naming the entry, writing nothing', async () => {
    const before = await count('calendar_overrides');
    const response = await nationalAdmin.post('/api/v1/calendar/overrides', {
      entries: [
        { date: '2026-02-27', kind: 'off', reason: 'Nghỉ bù' },
        { date: '2026-02-30', kind: 'off', reason: 'Ngày không tồn tại' },
      ],
    });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(fieldsOf(response), ['entries.1.date']);
    assert.equal(await count('calendar_overrides'), before);
    const unit = await nationalAdmin.post('/api/v1/calendar/overrides', {
      entries: [{ date: '2026-02-27', kind: 'off', reason: 'Nghỉ', unitId: 'khong-co' }],
    });
    assert.equal(unit.statusCode, 400);
    assert.deepEqual(fieldsOf(unit), ['entries.0.unitId']);
  });

  it('keeps intake and the calendar working past a bad row already in the table, which the administrator deletes', async () => {
    const id = newId();
    await ctx.database.db
      .insertInto('calendar_overrides')
      .values({
        id,
        date: '2026-02-30',
        kind: 'off',
        reason: 'Ghi trước khi ngày được kiểm tra',
        source: null,
        unit_id: null,
        created_at: new Date().toISOString(),
        created_by: null,
      })
      .execute();
    clearCalendarCache();
    const overridesBefore = await count('calendar_overrides');
    const year = await clerk.get('/api/v1/calendar/2026');
    assert.equal(year.statusCode, 200, year.body);
    const intake = await clerk.post(
      '/api/v1/dossiers',
      await intakeBody(ctx.database, 'BDVHX-DUCLIEU', '1.001612'),
    );
    assert.equal(intake.statusCode, 201, intake.body);

    const listed = await admin.get('/api/v1/calendar/overrides?year=2026');
    assert.equal(listed.statusCode, 200);
    const bad = listed.json().items.find((o: { id: string }) => o.id === id);
    assert.equal(bad.valid, false);
    assert.equal(
      (await clerk.request({ method: 'DELETE', url: `/api/v1/calendar/overrides/${id}` })).statusCode,
      403,
    );
    // A national day: not for the administrator of Bình Phước, only for the national one.
    const provincial = await admin.request({ method: 'DELETE', url: `/api/v1/calendar/overrides/${id}` });
    assert.equal(provincial.statusCode, 403, provincial.body);
    assert.equal(provincial.json().error.code, 'FORBIDDEN');
    assert.equal(await count('calendar_overrides'), overridesBefore);
    const deleted = await nationalAdmin.request({
      method: 'DELETE',
      url: `/api/v1/calendar/overrides/${id}`,
    });
    assert.equal(deleted.statusCode, 204, deleted.body);
    assert.equal(
      (await nationalAdmin.request({ method: 'DELETE', url: `/api/v1/calendar/overrides/${id}` })).statusCode,
      404,
    );
    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(audit.action, 'calendar.override.delete');
    assert.equal(audit.actor_user_id, await userId(ctx.database, 'admin.toanquoc'));
    assert.equal((await verifyAudit(ctx.database)).ok, true);
  });
});

describe(`idempotency keys after a crash on ${TEST_ENGINE}`, () => {
  async function pendingKey(key: string, ageMs: number, body: unknown) {
    // The hash the server computes for this request: taken from a first, real attempt is not
    // possible here (the process that made the row is gone), so the row is made by a request that
    // is then rolled back to `pending` at the given age.
    const first = await clerk.post('/api/v1/dossiers', body, { 'idempotency-key': key });
    await expectOk(first, 201);
    await ctx.database.db
      .updateTable('idempotency_keys')
      .set({
        status: 'pending',
        status_code: null,
        response_body: null,
        created_at: new Date(Date.now() - ageMs).toISOString(),
      })
      .where('key', '=', key)
      .execute();
    return first.json();
  }

  it('lets a retry take over a key left pending past its lease, finding the dossier already received', async () => {
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', '1.001612');
    const key = `crash-${tx()}`;
    const received = await pendingKey(key, 61_000, body);
    const before = await count('dossiers');
    const retry = await clerk.post('/api/v1/dossiers', body, { 'idempotency-key': key });
    assert.equal(retry.statusCode, 201, retry.body);
    assert.equal(retry.json().id, received.id);
    assert.equal(retry.json().code, received.code);
    assert.equal(await count('dossiers'), before);
    const row = await ctx.database.db
      .selectFrom('idempotency_keys')
      .select('status')
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'done');
    const replay = await clerk.post('/api/v1/dossiers', body, { 'idempotency-key': key });
    assert.equal(replay.headers['idempotent-replayed'], 'true');
  });

  it('answers 409 with Retry-After while the key is still inside its lease', async () => {
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', '1.001612');
    const key = `running-${tx()}`;
    await pendingKey(key, 10_000, body);
    const retry = await clerk.post('/api/v1/dossiers', body, { 'idempotency-key': key });
    assert.equal(retry.statusCode, 409);
    assert.equal(retry.json().error.code, 'IDEMPOTENCY_IN_PROGRESS');
    const wait = Number(retry.headers['retry-after']);
    assert.ok(wait >= 45 && wait <= 50, `Retry-After ${wait}`);
  });

  it('lets only one of two simultaneous retries take an expired key over', async () => {
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', '1.001612');
    const key = `twice-${tx()}`;
    const received = await pendingKey(key, 120_000, body);
    const answers = await Promise.all([
      clerk.post('/api/v1/dossiers', body, { 'idempotency-key': key }),
      clerk.post('/api/v1/dossiers', body, { 'idempotency-key': key }),
    ]);
    const codes = answers.map((a) => a.statusCode).sort();
    // One runs (201); the other finds the key taken (409) or, if the first already finished, replayed (201).
    assert.ok(codes[0] === 201 && (codes[1] === 201 || codes[1] === 409), codes.join(','));
    for (const a of answers.filter((x) => x.statusCode === 201)) assert.equal(a.json().id, received.id);
  });
});

describe(`the database unavailable on ${TEST_ENGINE}`, () => {
  // SQLite only (the PostgreSQL cases are in faults.test.ts).
  onEngine('sqlite')(
    'answers 503 with Retry-After while another writer holds the SQLite file, and works once it lets go',
    async () => {
      const { openSqliteConnection } = await import('../src/db/database.ts');
      const file = ctx.database.url.slice('sqlite:'.length);
      const connection = directConnection(ctx.database.db)!;
      const previous = connection.pragma('busy_timeout', { simple: true });
      connection.pragma('busy_timeout = 50');
      const other = openSqliteConnection(file);
      try {
        other.exec('BEGIN IMMEDIATE');
        const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', '1.001612');
        const busy = await clerk.post('/api/v1/dossiers', body);
        assert.equal(busy.statusCode, 503, busy.body);
        assert.equal(busy.json().error.code, 'DATABASE_BUSY');
        assert.equal(busy.headers['retry-after'], '1');
        other.exec('ROLLBACK');
        const retry = await clerk.post('/api/v1/dossiers', body);
        assert.equal(retry.statusCode, 201, retry.body);
      } finally {
        if (other.inTransaction) other.exec('ROLLBACK');
        other.close();
        connection.pragma(`busy_timeout = ${previous}`);
      }
    },
  );

  onEngine('postgres')(
    'survives a PostgreSQL connection killed while idle and while in use, and answers again',
    async () => {
      const pid = async () =>
        (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(ctx.database.db)).rows[0]!.pid;
      const pids = new Set<number>();
      for (let i = 0; i < 8; i++) pids.add(await pid());
      const killer = await import('pg');
      const admin = new killer.default.Client({ connectionString: process.env.MOTCUA_TEST_PG_URL });
      await admin.connect();
      try {
        // Idle connections of the pool, ended by the server: node-postgres emits 'error' on the pool.
        await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [[...pids]]);
        // In use: a transaction whose connection is ended between two of its queries.
        const inUse = ctx.database.db.transaction().execute(async (trx) => {
          const mine = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
          await admin.query('select pg_terminate_backend($1)', [mine]);
          await new Promise((resolve) => setTimeout(resolve, 100));
          await sql`select 1`.execute(trx);
        });
        await assert.rejects(inUse);
        const list = await clerk.get('/api/v1/dossiers');
        assert.ok([200, 503].includes(list.statusCode), list.body);
        let answered = list.statusCode === 200;
        for (let i = 0; i < 20 && !answered; i++)
          answered = (await clerk.get('/api/v1/dossiers')).statusCode === 200;
        assert.ok(answered, 'the pool opened new connections');
        assert.equal((await ctx.anonymous.get('/api/ready')).statusCode, 200);
      } finally {
        await admin.end();
      }
    },
  );
});
