import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { expectOk, intakeBody } from './helpers/fixtures.ts';

let ctx: TestContext;
let clerk: Client; // Đức Liễu cultural post office: receives the dossiers below
let otherClerk: Client; // Thanh Lương: another site
/** A second server over the same database, as another process of a province's deployment would be. */
let second: FastifyInstance;

const HOUSEHOLD_BUSINESS = '1.001612';
const RIGHT = '5678'; // the fixture applicant's phone ends with 5678

before(async () => {
  // Kept rows live a minute here, not the 2 s default: a slow spell of the machine between two lookups
  // must not turn "a kept row answered without a query" into a read.
  ctx = await createTestContext({ env: { MOTCUA_PUBLIC_CACHE_MS: '60000' } });
  clerk = await ctx.signIn('gdv.duclieu');
  otherClerk = await ctx.signIn('gdv.thanhluong');
  const config = loadConfig({
    MOTCUA_DATA_DIR: '/tmp/motcua-test-data',
    MOTCUA_PUBLIC_URL: 'http://localhost:8080',
  });
  second = await buildApp({ database: ctx.database, config }, { serveWeb: false });
  await second.ready();
});
after(async () => {
  await second.close();
  await ctx.close();
});

async function newDossier(): Promise<{ id: string; code: string; token: string }> {
  const response = await clerk.post(
    '/api/v1/dossiers',
    await intakeBody(ctx.database, 'BDVHX-DUCLIEU', HOUSEHOLD_BUSINESS),
  );
  await expectOk(response, 201);
  const { id, code, lookupToken } = response.json();
  return { id, code, token: lookupToken };
}

/** Each lookup from its own address: the per-address limit never gets in the way, only the code's guard. */
let address = 0;
const lookup = (code: string, digits: string, app: FastifyInstance = ctx.app, lang = 'vi') =>
  app.inject({
    method: 'GET',
    url: `/api/v1/public/lookup/${encodeURIComponent(code)}`,
    headers: { 'x-verifier': digits, 'accept-language': lang },
    remoteAddress: `198.51.${Math.floor(address / 250)}.${address++ % 250}`,
  });

const guardRow = (id: string) =>
  ctx.database.db
    .selectFrom('dossiers')
    .select(['lookup_failures', 'lookup_failed_at', 'lookup_locked_until'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const audits = (action: string, id: string) =>
  ctx.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('entity_id', '=', id)
    .orderBy('seq')
    .execute();

describe(`the lookup’s check digits guarded per dossier on ${TEST_ENGINE}`, () => {
  it('locks the code at the fifth wrong digits from five addresses; then even the right digits get 423', async () => {
    const { id, code } = await newDossier();
    const codes: number[] = [];
    for (const digits of ['0000', '1111', '2222', '3333'])
      codes.push((await lookup(code, digits)).statusCode);
    assert.deepEqual(codes, [404, 404, 404, 404]);
    const fifth = await lookup(code, '4444');
    assert.equal(fifth.statusCode, 423);
    assert.equal(fifth.json().error.code, 'LOOKUP_LOCKED');
    assert.match(fifth.json().error.message, /^Mã hồ sơ này tạm khoá tra cứu/);
    assert.match(fifth.json().error.message, /quét mã QR trên giấy tiếp nhận/);
    assert.match(fifth.json().error.message, /quầy tiếp nhận/);
    const wait = Number(fifth.headers['retry-after']);
    assert.ok(wait > 3500 && wait <= 3600, `Retry-After ${wait}`);
    const right = await lookup(code, RIGHT);
    assert.equal(right.statusCode, 423);
    const english = await lookup(code, RIGHT, ctx.app, 'en');
    assert.match(
      english.json().error.message,
      /Scan the QR code on the receipt .* bring an identity document to the counter/,
    );
    const row = await guardRow(id);
    assert.equal(Number(row.lookup_failures), 5, 'refusals during the lock are not counted');
    const [lock, ...more] = await audits('public.lookup_lock', id);
    assert.equal(more.length, 0);
    assert.equal(lock!.actor_user_id, null);
    assert.equal(JSON.parse(lock!.after_json!).failures, 5);
  });

  it('shares the count between server processes: three wrong on one, two on the other lock it on both', async () => {
    const { code } = await newDossier();
    for (const digits of ['0001', '0002', '0003']) assert.equal((await lookup(code, digits)).statusCode, 404);
    assert.equal((await lookup(code, '0004', second)).statusCode, 404);
    assert.equal((await lookup(code, '0005', second)).statusCode, 423);
    assert.equal((await lookup(code, RIGHT)).statusCode, 423);
  });

  it('cuts guesses sent all at once at the limit: the right digits after them are refused', async () => {
    const { id, code } = await newDossier();
    const guesses = Array.from({ length: 29 }, (_, i) => String(1000 + i));
    const answers = await Promise.all([...guesses, RIGHT].map((digits) => lookup(code, digits)));
    const statuses = answers.map((a) => a.statusCode);
    assert.equal(statuses.filter((s) => s === 404).length, 4, statuses.join(' '));
    assert.equal(statuses.filter((s) => s === 200).length, 0, 'the right digits came after five wrong ones');
    assert.equal(Number((await guardRow(id)).lookup_failures), 5);
  });

  it('lets the QR code on the receipt in during a lock, and lifts the lock (audited)', async () => {
    const { id, code, token } = await newDossier();
    for (let i = 0; i < 5; i++) await lookup(code, `900${i}`);
    assert.equal((await lookup(code, RIGHT)).statusCode, 423);
    const byQr = await ctx.anonymous.get(`/api/v1/public/dossiers/${token}`);
    assert.equal(byQr.statusCode, 200);
    assert.equal(byQr.json().code, code);
    const [unlock] = await audits('dossier.lookup_unlock', id);
    assert.equal(JSON.parse(unlock!.after_json!).via, 'qr');
    assert.equal(unlock!.actor_role, 'citizen');
    assert.equal((await lookup(code, RIGHT)).statusCode, 200);
    assert.equal(Number((await guardRow(id)).lookup_failures), 0);
  });

  it('shows the lock on the dossier’s page, where a clerk of its site lifts it (audited) and one of another site may not', async () => {
    const { id, code } = await newDossier();
    for (let i = 0; i < 5; i++) await lookup(code, `800${i}`);
    const page = (await clerk.get(`/api/v1/dossiers/${id}`)).json();
    assert.equal(page.lookupLock.failures, 5);
    assert.ok(Date.parse(page.lookupLock.lockedUntil) > Date.now());
    const foreign = await otherClerk.post(`/api/v1/dossiers/${id}/lookup-unlock`);
    assert.equal(foreign.statusCode, 403);
    assert.equal((await lookup(code, RIGHT)).statusCode, 423, 'still locked after the refusal');
    const unlocked = await clerk.post(`/api/v1/dossiers/${id}/lookup-unlock`);
    await expectOk(unlocked);
    assert.deepEqual(unlocked.json(), { unlocked: true, lookupLock: { failures: 0, lockedUntil: null } });
    const [entry] = await audits('dossier.lookup_unlock', id);
    assert.equal(entry!.actor_username, 'gdv.duclieu');
    assert.equal(JSON.parse(entry!.before_json!).failures, 5);
    assert.equal(JSON.parse(entry!.after_json!).via, 'counter');
    assert.equal((await lookup(code, RIGHT)).statusCode, 200);
    const again = await clerk.post(`/api/v1/dossiers/${id}/lookup-unlock`);
    assert.deepEqual(again.json().unlocked, false, 'nothing to lift, nothing written');
    assert.equal((await audits('dossier.lookup_unlock', id)).length, 1);
    assert.equal((await clerk.post('/api/v1/dossiers/khong-co/lookup-unlock')).statusCode, 404);
  });

  it('locks for longer on each wrong answer once a lock ends, and forgets the count a day after the last', async () => {
    const { id, code } = await newDossier();
    for (let i = 0; i < 5; i++) await lookup(code, `700${i}`);
    const set = (values: { lookup_locked_until?: string | null; lookup_failed_at?: string }) =>
      ctx.database.db.updateTable('dossiers').set(values).where('id', '=', id).execute();
    /** A server process started after the time moved on (it has not seen the earlier failures itself). */
    const later = async () => {
      const config = loadConfig({
        MOTCUA_DATA_DIR: '/tmp/motcua-test-data',
        MOTCUA_PUBLIC_URL: 'http://localhost:8080',
      });
      const app = await buildApp({ database: ctx.database, config }, { serveWeb: false });
      await app.ready();
      return app;
    };
    // The hour is over.
    await set({ lookup_locked_until: new Date(Date.now() - 1000).toISOString() });
    const afterAnHour = await later();
    try {
      const sixth = await lookup(code, '7005', afterAnHour);
      assert.equal(sixth.statusCode, 423);
      const wait = Number(sixth.headers['retry-after']);
      assert.ok(wait > 7100 && wait <= 7200, `two hours, Retry-After ${wait}`);
    } finally {
      await afterAnHour.close();
    }
    // A day without failures (and no lock): the count starts again.
    await set({
      lookup_locked_until: null,
      lookup_failed_at: new Date(Date.now() - 25 * 3600_000).toISOString(),
    });
    const nextDay = await later();
    try {
      assert.equal((await lookup(code, '7006', nextDay)).statusCode, 404);
      assert.equal(Number((await guardRow(id)).lookup_failures), 1);
    } finally {
      await nextDay.close();
    }
  });

  it('costs a successful lookup of a code without failures no query; wrong digits a write', async () => {
    const { id, code } = await newDossier();
    // The creation is noted at a millisecond; a row read in that same millisecond counts as stale.
    const created = Date.now();
    while (Date.now() <= created) await new Promise((resolve) => setImmediate(resolve));
    assert.equal((await lookup(code, RIGHT)).statusCode, 200); // the row and view are now kept
    const db = ctx.database.db as unknown as Record<string, unknown>;
    let reads = 0;
    const real = (db.selectFrom as (...a: unknown[]) => unknown).bind(db);
    // Only the lookup's own reads count (of a dossier, as `dossiers` or `dossiers as d`): other work of
    // the process (the outbox's poll) may read meanwhile on PostgreSQL.
    db.selectFrom = (...args: unknown[]) => {
      if (/^dossiers\b/.test(String(args[0]))) reads++;
      return real(...args);
    };
    try {
      assert.equal((await lookup(code, RIGHT)).statusCode, 200);
      assert.equal(reads, 0, 'a kept row answered without a query');
      assert.equal((await lookup(code, '0000')).statusCode, 404);
      assert.equal(Number((await guardRow(id)).lookup_failures), 1, 'the failure is counted in the database');
      reads = 0;
      assert.equal((await lookup(code, RIGHT)).statusCode, 200);
      assert.ok(reads >= 1, 'once the code has failures, a right answer is confirmed with the database');
    } finally {
      delete db.selectFrom;
    }
  });

  it('never counts codes no dossier has', async () => {
    const before = await ctx.database.db.selectFrom('audit_log').select('seq').execute();
    for (let i = 0; i < 8; i++)
      assert.equal((await lookup('000.00.29.H10-991231-9876', '0000')).statusCode, 404);
    const after = await ctx.database.db.selectFrom('audit_log').select('seq').execute();
    assert.equal(after.length, before.length);
  });
});
