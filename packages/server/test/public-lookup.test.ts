import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALL_CRITERIA, addWorkingTime, createWorkCalendar, initials } from '@motcua/core';
import type { Database } from '../src/db/database.ts';
import { clearCalendarCache } from '../src/modules/calendar/service.ts';
import { LookupLog } from '../src/modules/public/lookup.ts';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { agencyId, expectOk, intakeBody, siteId, tx } from './helpers/fixtures.ts';

let ctx: TestContext;
let clerk: Client; // Đức Liễu cultural post office
let districtClerk: Client; // Bù Đăng district one-stop unit
let officer: Client;
let leader: Client;

const HOUSEHOLD_BUSINESS = '1.001612';
const LOOKUP = '/api/v1/public/lookup';

/** Tra cứu by code: the code in the path, the check digits in the `x-verifier` header. */
const lookup = (code: string, verifier: string, headers: Record<string, string> = {}) =>
  ctx.anonymous.get(`${LOOKUP}/${encodeURIComponent(code)}`, { ...headers, 'x-verifier': verifier });

/** Personal data of the fixture applicant that must never reach the public view. */
const SECRETS = ['0912', '345678', '070190001234', '90001234', 'Thôn 3', 'Đức Liễu, huyện', 'Nguyễn Thị Ánh'];

before(async () => {
  ctx = await createTestContext();
  clerk = await ctx.signIn('gdv.duclieu');
  districtClerk = await ctx.signIn('gdv.mcbudang');
  officer = await ctx.signIn('cv.budang');
  leader = await ctx.signIn('ld.budang');
});
after(() => ctx.close());

async function staffNames(): Promise<string[]> {
  const rows = await ctx.database.db.selectFrom('users').select('full_name').execute();
  return rows.map((r) => r.full_name);
}

function assertNothingPersonal(body: string, staff: string[]) {
  for (const secret of SECRETS) assert.ok(!body.includes(secret), `the public view leaks "${secret}"`);
  for (const name of staff) assert.ok(!body.includes(name), `the public view names staff member "${name}"`);
}

describe(`citizen lookup on ${TEST_ENGINE}`, () => {
  let code: string;
  let token: string;
  let dossierId: string;

  before(async () => {
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', HOUSEHOLD_BUSINESS);
    const response = await clerk.post('/api/v1/dossiers', body);
    await expectOk(response, 201);
    code = response.json().code;
    token = response.json().lookupToken;
    dossierId = response.json().id;
  });

  it('shows the public view for the right code and the last 4 digits of the phone', async () => {
    const response = await lookup(code, '5678');
    await expectOk(response);
    const view = response.json();
    assert.equal(view.code, code);
    // Core `initials` drops tone marks but keeps letter marks (Đ, Â, Ư): Nguyễn Thị Ánh → N.T.A.
    assert.equal(view.applicantInitials, initials('Nguyễn Thị Ánh'));
    assert.equal(view.applicantInitials, 'N.T.A.');
    assert.equal(view.status, 'received');
    assert.equal(view.statusLabel.vi, 'Mới tiếp nhận');
    assert.equal(view.location.kind, 'site');
    assert.match(view.location.name, /Đức Liễu/);
    assert.equal(view.originalAppointmentAt, null);
    assert.equal(view.clock.running, true);
    assert.match(view.clock.text.vi, /^Còn .*làm việc$/);
    assert.equal(view.timeline[0].label, 'Tiếp nhận hồ sơ');
    assert.match(view.timeline[0].place, /Đức Liễu/);
    assert.deepEqual(Object.keys(view.timeline[0]).sort(), ['at', 'label', 'labelEn', 'place']);
    assert.equal(view.canRate, false);
    assert.deepEqual(view.ratingCriteria, [], 'no rating form before the return');
    assert.equal(response.headers['cache-control'], 'no-store');
    assertNothingPersonal(response.body, await staffNames());
  });

  it('also accepts the last 4 digits of the citizen ID, and a code typed in lower case', async () => {
    const response = await lookup(` ${code.toLowerCase()} `, '1234');
    await expectOk(response);
    assert.equal(response.json().code, code);
  });

  it('answers wrong digits exactly as it answers an unknown code', async () => {
    const wrongDigits = await lookup(code, '5679');
    const unknownCode = await lookup('000.00.29.H10-991231-9999', '5678');
    const malformed = await lookup(code, '56');
    assert.equal(wrongDigits.statusCode, 404);
    assert.equal(wrongDigits.body, unknownCode.body);
    assert.equal(malformed.body, unknownCode.body);
    assert.deepEqual(wrongDigits.json(), {
      error: { code: 'NOT_FOUND', message: 'Không tìm thấy hồ sơ với mã và số kiểm tra này', fields: [] },
    });
  });

  it('names the missing check-digits header, in Vietnamese and English, and logs nothing', async () => {
    await ctx.app.lookupLog.flush();
    const logged = async () => (await ctx.database.db.selectFrom('lookup_log').select('id').execute()).length;
    const before = await logged();
    for (const lang of ['vi', 'en']) {
      const response = await ctx.anonymous.get(`${LOOKUP}/${encodeURIComponent(code)}`, {
        'accept-language': lang,
      });
      assert.equal(response.statusCode, 400);
      const { error } = response.json();
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        error.fields.map((f: { field: string }) => f.field),
        ['x-verifier'],
      );
      assert.equal(
        error.fields[0].message,
        lang === 'vi' ? 'Trường này là bắt buộc' : 'This field is required',
      );
    }
    await ctx.app.lookupLog.flush();
    assert.equal(await logged(), before);
  });

  it('finds the dossier by the token of the receipt’s QR code, and nothing by a made-up one', async () => {
    const response = await ctx.anonymous.get(`/api/v1/public/dossiers/${token}`);
    await expectOk(response);
    assert.equal(response.json().code, code);
    assertNothingPersonal(response.body, await staffNames());
    const unknown = await ctx.anonymous.get('/api/v1/public/dossiers/not-a-real-token-at-all');
    assert.equal(unknown.statusCode, 404);
  });

  it('shows “đang vận chuyển” while the dossier travels to the agency, at once after the handover', async () => {
    // Both ways of looking up are warm (kept in memory) before the dossier moves.
    const beforeByCode = (await lookup(code, '5678')).json();
    const beforeByToken = (await ctx.anonymous.get(`/api/v1/public/dossiers/${token}`)).json();
    assert.equal(beforeByCode.location.kind, 'site');
    assert.equal(beforeByToken.location.kind, 'site');
    const send = await clerk.post('/api/v1/handover-batches', {
      clientTxId: tx('batch'),
      direction: 'to_agency',
      siteId: await siteId(ctx.database, 'BDVHX-DUCLIEU'),
      agencyId: await agencyId(ctx.database, '000.00.29.H10'),
      dossierIds: [dossierId],
    });
    await expectOk(send, 201);
    const view = (await ctx.anonymous.get(`/api/v1/public/dossiers/${token}`)).json();
    assert.equal(view.location.kind, 'in_transit');
    assert.equal(view.location.label.vi, 'Đang vận chuyển');
    assert.equal(view.timeline.at(-1).label, 'Bàn giao hồ sơ đến cơ quan giải quyết');
    const byCode = (await lookup(code, '5678')).json();
    assert.equal(byCode.location.kind, 'in_transit');
  });

  it('logs every lookup with its outcome, never the digits tried', async () => {
    await ctx.app.lookupLog.flush();
    const rows = await ctx.database.db
      .selectFrom('lookup_log')
      .selectAll()
      .orderBy('at')
      .orderBy('id')
      .execute();
    assert.ok(rows.length >= 8);
    const byCode = rows.filter((r) => r.method === 'code');
    assert.deepEqual(
      byCode.map((r) => Number(r.ok)),
      [1, 1, 0, 0, 0, 1, 1],
    );
    assert.equal(byCode[2]!.dossier_id, dossierId, 'a wrong guess at a real code names the dossier');
    assert.equal(byCode[3]!.dossier_id, null);
    assert.ok(rows.every((r) => r.ip === '127.0.0.1'));
    const tokenRows = rows.filter((r) => r.method === 'token');
    assert.ok(tokenRows.some((r) => Number(r.ok) === 0 && r.dossier_id === null));
    for (const r of rows) {
      const stored = JSON.stringify(r);
      assert.ok(!stored.includes('5678') && !stored.includes('5679') && !stored.includes('1234'), stored);
    }
  });

  it('refuses the 31st lookup within a minute from one address', async () => {
    // Codes no dossier has: the per-dossier guard never counts them, only the address's limit applies.
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const r = await ctx.app.inject({
        method: 'GET',
        url: `${LOOKUP}/${encodeURIComponent(`000.00.29.H10-991231-${String(9000 + i)}`)}`,
        headers: { 'x-verifier': '0000' },
        remoteAddress: '203.0.113.7',
      });
      statuses.push(r.statusCode);
      if (i === 30) assert.equal(r.json().error.code, 'RATE_LIMITED');
    }
    assert.deepEqual(statuses.slice(0, 30), Array(30).fill(404));
    assert.equal(statuses[30], 429);
    const other = await lookup(code, '5678');
    assert.equal(other.statusCode, 200, 'other addresses are not affected');
  });
});

describe(`lookup log on ${TEST_ENGINE}`, () => {
  const entry = (i: number) => ({
    ip: '198.51.100.9',
    method: 'code' as const,
    codeTried: `BATCH-${i}`,
    dossierId: null,
    ok: false,
  });
  const countBatch = async () =>
    (
      await ctx.database.db
        .selectFrom('lookup_log')
        .select('code_tried')
        .where('ip', '=', '198.51.100.9')
        .execute()
    ).length;

  it('writes every recorded lookup on flush, in batches of any size', async () => {
    const log = new LookupLog(ctx.database, { flushMs: 60_000 });
    const before = await countBatch();
    // The 256th record starts a flush; the records that arrive while it is written wait, and close()
    // writes them in statements of 256 rows and then 128, 64 and 4.
    for (let i = 0; i < 2500; i++) log.record(entry(i));
    await log.close();
    assert.equal((await countBatch()) - before, 2500);
  });

  it('keeps the rows of a refused batch and writes them with the next flush', async () => {
    let refuse = true;
    const failing: Database = {
      ...ctx.database,
      db: new Proxy(ctx.database.db, {
        get(target, property) {
          if (property === 'transaction' && refuse) throw new Error('database unavailable');
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    };
    const errors: unknown[] = [];
    const log = new LookupLog(failing, { flushMs: 60_000, onError: (error) => errors.push(error) });
    const before = await countBatch();
    for (let i = 0; i < 3; i++) log.record(entry(1000 + i));
    await log.flush();
    assert.equal(errors.length, 1);
    assert.equal(await countBatch(), before, 'nothing written while the database refuses');
    refuse = false;
    log.record(entry(1003));
    await log.close();
    assert.equal((await countBatch()) - before, 4);
  });
});

describe(`citizen rating on ${TEST_ENGINE}`, () => {
  let id: string;
  let token: string;
  let code: string;
  const scores = Object.fromEntries(ALL_CRITERIA.map((c, i) => [c, i === 0 ? 1 : 2]));
  const rate = (body: unknown, headers?: Record<string, string>) =>
    ctx.anonymous.post(`/api/v1/public/dossiers/${token}/rating`, body, headers);

  before(async () => {
    // Received at the Bù Đăng district one-stop unit itself: processing starts at once.
    const body = await intakeBody(ctx.database, 'MC-BUDANG', HOUSEHOLD_BUSINESS);
    const response = await districtClerk.post('/api/v1/dossiers', body);
    await expectOk(response, 201);
    ({ id, lookupToken: token, code } = response.json());
  });

  it('shows the apology with the reason and the moved appointment', async () => {
    const d = (await officer.get(`/api/v1/dossiers/${id}`)).json();
    const later = addWorkingTime(createWorkCalendar(), new Date(d.appointmentAt), { days: 2 }).toISOString();
    await expectOk(
      await leader.post(`/api/v1/dossiers/${id}/apology`, {
        clientTxId: tx('apo'),
        reason: 'Cần xác minh thực địa',
        newAppointmentAt: later,
      }),
    );
    const view = (await ctx.anonymous.get(`/api/v1/public/dossiers/${token}`)).json();
    assert.equal(view.apology.reason, 'Cần xác minh thực địa');
    assert.equal(view.apology.newAppointmentAt, later);
    assert.equal(view.appointmentAt, later);
    assert.equal(view.originalAppointmentAt, d.appointmentAt);
    assert.equal(view.location.kind, 'agency');
    assert.match(view.location.name, /Bù Đăng/);
  });

  it('refuses a rating before the result is returned', async () => {
    const early = await rate({ scores }, { 'accept-language': 'en' });
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().error.code, 'RATING_NOT_ALLOWED');
    assert.match(early.json().error.message, /returned/);
    const vi = await rate({ scores });
    assert.match(vi.json().error.message, /nhận kết quả/);
  });

  it('tells the citizen where to collect the result, then takes one rating after the return', async () => {
    await expectOk(await officer.post(`/api/v1/dossiers/${id}/submit`, { clientTxId: tx('sub') }));
    await expectOk(await leader.post(`/api/v1/dossiers/${id}/approve`, { clientTxId: tx('ap') }));
    await expectOk(
      await officer.post(`/api/v1/dossiers/${id}/result`, {
        clientTxId: tx('r'),
        number: '124/GCN-HKD',
        date: '2026-12-01',
        signer: 'Nguyễn Văn Lợi',
      }),
    );
    // Received at the district's own one-stop unit: the result is at its counter as soon as it is issued.
    const ready = (await lookup(code, '5678')).json();
    assert.equal(ready.status, 'result_ready');
    assert.equal(ready.result.available, true);
    assert.match(ready.result.text.vi, /^Kết quả đã có, mời nhận tại .*Bù Đăng/);
    assert.equal(ready.clock.running, false);

    await expectOk(
      await districtClerk.post(`/api/v1/dossiers/${id}/return`, {
        clientTxId: tx('ret'),
        method: 'counter',
        collector: { name: 'Nguyễn Thị Ánh', idNumber: '070190001234', isProxy: false },
      }),
    );
    const returned = await ctx.anonymous.get(`/api/v1/public/dossiers/${token}`);
    assert.equal(returned.json().canRate, true);
    // The result is with the applicant now, not at the site that last held it.
    assert.deepEqual(returned.json().location, {
      kind: null,
      name: null,
      label: { vi: 'Đã trả cho người nộp hồ sơ', en: 'Returned to the applicant' },
    });
    assert.deepEqual(
      returned.json().ratingCriteria.map((c: { criterion: string }) => c.criterion),
      [...ALL_CRITERIA],
    );
    assertNothingPersonal(returned.body, await staffNames());

    const first = await rate(
      { scores, comment: 'Cán bộ hướng dẫn tận tình' },
      { 'idempotency-key': 'rate-key-0001' },
    );
    await expectOk(first, 201);
    const expectedShare = (1 + 2 * (ALL_CRITERIA.length - 1)) / (2 * ALL_CRITERIA.length);
    assert.equal(first.json().share, expectedShare);
    const replay = await rate(
      { scores, comment: 'Cán bộ hướng dẫn tận tình' },
      { 'idempotency-key': 'rate-key-0001' },
    );
    assert.equal(replay.statusCode, 201, 'a retried request with the same key gets the same answer');
    const second = await rate({ scores });
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().error.code, 'ALREADY_RATED');

    const stored = await ctx.database.db
      .selectFrom('dossier_ratings')
      .selectAll()
      .where('dossier_id', '=', id)
      .executeTakeFirstOrThrow();
    // `share` is a `real` column: single precision on PostgreSQL.
    assert.ok(Math.abs(Number(stored.share) - expectedShare) < 1e-6, String(stored.share));
    assert.deepEqual(JSON.parse(stored.scores), scores);
    assert.equal(stored.comment, 'Cán bộ hướng dẫn tận tình');
    const actions = await ctx.database.db
      .selectFrom('dossier_actions')
      .select(['type', 'actor_user_id', 'actor_name', 'actor_role'])
      .where('dossier_id', '=', id)
      .where('type', '=', 'rate')
      .execute();
    assert.deepEqual(actions, [
      { type: 'rate', actor_user_id: null, actor_name: 'Người dân', actor_role: 'citizen' },
    ]);
    const view = (await ctx.anonymous.get(`/api/v1/public/dossiers/${token}`)).json();
    assert.equal(view.canRate, false);
    assert.equal(view.rated, true);
    assert.equal(view.timeline.at(-1).label, 'Người dân đánh giá');
  });

  it('rejects scores outside 0–2 and unknown criteria', async () => {
    assert.equal((await rate({ scores: { time: 3 } })).statusCode, 400);
    assert.equal((await rate({ scores: { speed: 2 } })).statusCode, 400);
    assert.equal((await rate({ scores: {} })).statusCode, 400);
  });
});

describe(`supplement: what to bring, and the papers handed in at the post office, on ${TEST_ENGINE}`, () => {
  const ITEMS = ['Bản sao hợp đồng thuê địa điểm kinh doanh', 'Giấy ủy quyền có chứng thực'];
  let code: string;
  let dossierId: string;
  let site: string;
  let agency: string;
  const inDays = (n: number) =>
    new Date(Date.now() + n * 86400_000 + 7 * 3600_000).toISOString().slice(0, 10);

  before(async () => {
    site = await siteId(ctx.database, 'BDVHX-DUCLIEU');
    agency = await agencyId(ctx.database, '000.00.29.H10');
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', HOUSEHOLD_BUSINESS);
    const response = await clerk.post('/api/v1/dossiers', body);
    await expectOk(response, 201);
    code = response.json().code;
    dossierId = response.json().id;
    const batch = await clerk.post('/api/v1/handover-batches', {
      clientTxId: tx('b1'),
      direction: 'to_agency',
      siteId: site,
      agencyId: agency,
      dossierIds: [dossierId],
    });
    await expectOk(batch, 201);
    await expectOk(
      await districtClerk.post(`/api/v1/handover-batches/${batch.json().id}/items/${dossierId}/confirm`, {
        clientTxId: tx('c1'),
      }),
    );
  });

  it('tells the citizen which papers to bring, by when and where', async () => {
    const past = await officer.post(`/api/v1/dossiers/${dossierId}/supplement-request`, {
      clientTxId: tx('sr'),
      items: ITEMS,
      reason: 'Thiếu giấy tờ chứng minh địa điểm kinh doanh',
      dueDate: '2020-01-06',
    });
    assert.equal(past.statusCode, 400);
    assert.equal(past.json().error.fields[0].field, 'dueDate');
    const dueDate = inDays(10);
    await expectOk(
      await officer.post(`/api/v1/dossiers/${dossierId}/supplement-request`, {
        clientTxId: tx('sr'),
        items: ITEMS,
        reason: 'Thiếu giấy tờ chứng minh địa điểm kinh doanh',
        dueDate,
      }),
    );
    const response = await lookup(code, '5678');
    await expectOk(response);
    const view = response.json();
    assert.equal(view.status, 'awaiting_supplement');
    assert.deepEqual(view.supplement.items, ITEMS);
    assert.equal(view.supplement.reason, 'Thiếu giấy tờ chứng minh địa điểm kinh doanh');
    assert.equal(view.supplement.dueDate, dueDate);
    const place = await ctx.database.db
      .selectFrom('service_points')
      .select(['name', 'address'])
      .where('id', '=', site)
      .executeTakeFirstOrThrow();
    assert.deepEqual(view.supplement.place, place);
    assert.ok(view.supplement.text.vi.includes(place.address));
    assert.ok(view.supplement.text.vi.includes(dueDate.split('-').reverse().join('/')));
    assert.equal(view.supplement.handedIn, null);
    // The site's address is public (and shares its commune with the applicant's); nothing else may leak.
    assertNothingPersonal(response.body.replaceAll(place.address, ''), await staffNames());
  });

  it('lets the receiving site’s clerk record the papers handed in, and no one else', async () => {
    const clerkThanhLuong = await ctx.signIn('gdv.thanhluong');
    const body = { clientTxId: tx('sc'), items: ITEMS, note: 'Bà Nguyễn Thị Ánh nộp trực tiếp tại quầy' };
    assert.equal(
      (await clerkThanhLuong.post(`/api/v1/dossiers/${dossierId}/supplement-at-counter`, body)).statusCode,
      403,
    );
    assert.equal(
      (await officer.post(`/api/v1/dossiers/${dossierId}/supplement-at-counter`, body)).statusCode,
      403,
    );
    const empty = await clerk.post(`/api/v1/dossiers/${dossierId}/supplement-at-counter`, {
      clientTxId: tx('sc'),
      items: ['  '],
    });
    assert.equal(empty.statusCode, 400);
    const handed = await clerk.post(`/api/v1/dossiers/${dossierId}/supplement-at-counter`, body);
    await expectOk(handed);
    assert.equal(
      handed.json().status,
      'awaiting_supplement',
      'the clock stays stopped until the agency has it',
    );
    assert.equal(handed.json().location.kind, 'site');
    assert.ok(handed.json().handoverDueAt);
    const again = await officer.post(`/api/v1/dossiers/${dossierId}/supplement-received`, {
      clientTxId: tx('sx'),
    });
    assert.equal(again.statusCode, 409, 'the supplement is received once');
    const view = (await lookup(code, '5678')).json();
    assert.ok(view.supplement.handedIn);
    assert.match(view.supplement.handedIn.place, /Đức Liễu/);
    assert.match(view.supplement.text.vi, /đang được chuyển đến cơ quan/);
    // The new appointment adds the postal legs again, and the lookup says why it changed.
    assert.ok(Date.parse(handed.json().appointmentAt) > Date.parse(handed.json().receivedAt));
    assert.equal(view.appointmentAt, handed.json().appointmentAt);
    assert.match(
      view.supplementClock.text.vi,
      /^Đã nhận hồ sơ bổ sung ngày \d{2}\/\d{2}\/\d{4}, thời hạn được tính lại/,
    );
    assert.match(
      view.supplementClock.text.en,
      /^Supplement received on .*: the time limit was counted again/,
    );
  });

  it('carries the papers to the agency like the first handover; the time restarts on their arrival', async () => {
    const waiting = (await clerk.get(`/api/v1/dossiers?toHandOverAt=${site}&pageSize=200`)).json();
    assert.ok(waiting.items.some((d: { id: string }) => d.id === dossierId));
    const batch = await clerk.post('/api/v1/handover-batches', {
      clientTxId: tx('b2'),
      direction: 'to_agency',
      siteId: site,
      agencyId: agency,
      dossierIds: [dossierId],
      courierName: 'Đặng Văn Đức',
    });
    await expectOk(batch, 201);
    assert.equal(batch.json().items[0].documentCount, ITEMS.length);
    clearCalendarCache();
    await expectOk(
      await districtClerk.post(`/api/v1/handover-batches/${batch.json().id}/items/${dossierId}/confirm`, {
        clientTxId: tx('c2'),
      }),
    );
    const d = (await officer.get(`/api/v1/dossiers/${dossierId}`)).json();
    assert.equal(d.status, 'processing');
    assert.equal(d.clockStartedAt, d.timeline.at(-1).at);
    assert.ok(Date.parse(d.agencyDueAt) > Date.parse(d.clockStartedAt));
    assert.ok(Date.parse(d.appointmentAt) >= Date.parse(d.agencyDueAt));
    assert.equal((await lookup(code, '5678')).json().supplement, null);
  });
});
