import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clearCalendarCache } from '../src/modules/calendar/service.ts';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { agencyId, expectOk, intakeBody, siteId, tx, userId } from './helpers/fixtures.ts';

let ctx: TestContext;
let clerk: Client; // Đức Liễu cultural post office
let clerkThanhLuong: Client;
let districtClerk: Client; // Bù Đăng district one-stop unit
let officer: Client;
let leader: Client;
let officerBuDop: Client;

// District-level procedure: business household registration (Bù Đăng district people's committee).
const HOUSEHOLD_BUSINESS = '1.001612';

before(async () => {
  ctx = await createTestContext();
  clerk = await ctx.signIn('gdv.duclieu');
  clerkThanhLuong = await ctx.signIn('gdv.thanhluong');
  districtClerk = await ctx.signIn('gdv.mcbudang');
  officer = await ctx.signIn('cv.budang');
  leader = await ctx.signIn('ld.budang');
  officerBuDop = await ctx.signIn('cv.budop');
});
after(() => ctx.close());

/** How many actions carry this client transaction id (an intake retried must leave one). */
async function actionsUnder(clientTxId: string): Promise<number> {
  const rows = await ctx.database.db
    .selectFrom('dossier_actions')
    .select('id')
    .where('client_tx_id', '=', clientTxId)
    .execute();
  return rows.length;
}

describe(`dossier lifecycle through the API on ${TEST_ENGINE}`, () => {
  let dossierId: string;
  let code: string;

  it('receives a district-level dossier at the Đức Liễu cultural post office', async () => {
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', HOUSEHOLD_BUSINESS);
    const response = await clerk.post('/api/v1/dossiers', body, { 'idempotency-key': body.clientTxId });
    await expectOk(response, 201);
    const d = response.json();
    dossierId = d.id;
    code = d.code;
    assert.match(code, /^000\.11\.29\.H10-\d{6}-0001$/);
    assert.equal(d.status, 'received');
    assert.equal(d.leadAgency.code, '000.00.29.H10');
    assert.equal(d.applicant.phone, '+84912345678');
    assert.ok(d.handoverDueAt, 'a handover deadline is shown');
    assert.ok(Date.parse(d.appointmentAt) > Date.parse(d.receivedAt));
    assert.equal(d.timeline[0].label, 'Tiếp nhận hồ sơ');
    assert.equal(d.timeline[0].siteName, 'Bộ phận một cửa xã Đức Liễu tại Bưu điện - Văn hóa xã Đức Liễu');
  });

  it('creates one dossier for a retried intake with the same Idempotency-Key', async () => {
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', HOUSEHOLD_BUSINESS);
    const first = await clerk.post('/api/v1/dossiers', body, { 'idempotency-key': body.clientTxId });
    const second = await clerk.post('/api/v1/dossiers', body, { 'idempotency-key': body.clientTxId });
    const third = await clerk.post('/api/v1/dossiers', body); // same client transaction id, no header
    await expectOk(first, 201);
    assert.equal(second.json().id, first.json().id);
    assert.equal(third.json().id, first.json().id);
    assert.equal(await actionsUnder(body.clientTxId), 1);
  });

  it('answers a retry with the first dossier even when its body no longer passes, using up no code', async () => {
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', HOUSEHOLD_BUSINESS);
    const first = await clerk.post('/api/v1/dossiers', body);
    await expectOk(first, 201);
    const sequenceOf = (dossierCode: string) => Number(dossierCode.slice(-4));
    // The same client transaction id: valid (it runs into the unique id and is rolled back, counters
    // too), then without its documents (refused by the checks, which no longer matters).
    const retried = await clerk.post('/api/v1/dossiers', body);
    const incomplete = await clerk.post('/api/v1/dossiers', { ...body, documents: [] });
    await expectOk(retried, 201);
    await expectOk(incomplete, 201);
    assert.equal(retried.json().id, first.json().id);
    assert.equal(incomplete.json().id, first.json().id);
    assert.equal(await actionsUnder(body.clientTxId), 1);
    const next = await clerk.post(
      '/api/v1/dossiers',
      await intakeBody(ctx.database, 'BDVHX-DUCLIEU', HOUSEHOLD_BUSINESS),
    );
    await expectOk(next, 201);
    assert.equal(sequenceOf(next.json().code), sequenceOf(first.json().code) + 1);
  });

  it('answers two simultaneous intakes with the same client transaction id with one dossier', async () => {
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', HOUSEHOLD_BUSINESS);
    // The three race to write (on PostgreSQL in parallel, on SQLite one after the other); the losers
    // fail on the unique client transaction id and answer with the winner's dossier.
    const answers = await Promise.all([0, 1, 2].map(() => clerk.post('/api/v1/dossiers', body)));
    for (const answer of answers) await expectOk(answer, 201);
    assert.equal(new Set(answers.map((a) => a.json().id)).size, 1);
    assert.equal(new Set(answers.map((a) => a.json().code)).size, 1);
    assert.equal(await actionsUnder(body.clientTxId), 1);
  });

  it('refuses an incomplete dossier, naming the missing documents, and stores nothing', async () => {
    const before = await ctx.database.db.selectFrom('dossiers').select('id').execute();
    const body = { ...(await intakeBody(ctx.database, 'BDVHX-DUCLIEU', HOUSEHOLD_BUSINESS)), documents: [] };
    const response = await clerk.post('/api/v1/dossiers', body);
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().error.code, 'DOSSIER_INCOMPLETE');
    assert.ok(response.json().error.fields.some((f: { message: string }) => f.message.includes('Mẫu 02')));
    const afterRows = await ctx.database.db.selectFrom('dossiers').select('id').execute();
    assert.equal(afterRows.length, before.length);
  });

  it('takes null in optional fields as absent, not as an empty string', async () => {
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', HOUSEHOLD_BUSINESS, {
      deliveryAddress: null,
      deliveryUnitId: null,
      returningSiteId: null,
    });
    Object.assign(body.applicant, { unitId: null, email: null });
    const response = await clerk.post('/api/v1/dossiers', body);
    await expectOk(response, 201);
    assert.equal(response.json().deliveryAddress, null);
    const byReturn = await clerk.get(
      `/api/v1/dossiers?returnMethod=postal&returningSiteId=${await siteId(ctx.database, 'BDVHX-DUCLIEU')}`,
    );
    await expectOk(byReturn);
    assert.equal(byReturn.json().total, 0, 'no dossier of this test returns by post');
    // Query strings are still read as numbers and booleans.
    const page = await clerk.get('/api/v1/dossiers?page=1&pageSize=2&overdue=false');
    await expectOk(page);
    assert.equal(page.json().pageSize, 2);
  });

  it('names a citizen ID that contradicts the birth date', async () => {
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', HOUSEHOLD_BUSINESS);
    body.applicant = { ...body.applicant, birthDate: '1985-01-01' };
    const response = await clerk.post('/api/v1/dossiers', body, { 'accept-language': 'en' });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(
      response.json().error.fields.map((f: { field: string }) => f.field),
      ['applicant.idNumber'],
    );
  });

  it('keeps Đức Liễu’s dossiers from the Thanh Lương clerk and from another district’s officer', async () => {
    assert.equal((await clerkThanhLuong.get(`/api/v1/dossiers/${dossierId}`)).statusCode, 403);
    const list = (await clerkThanhLuong.get('/api/v1/dossiers')).json();
    assert.ok(!list.items.some((d: { id: string }) => d.id === dossierId));
    const send = await clerkThanhLuong.post('/api/v1/handover-batches', {
      clientTxId: tx('batch'),
      direction: 'to_agency',
      siteId: await siteId(ctx.database, 'BDVHX-DUCLIEU'),
      agencyId: await agencyId(ctx.database, '000.00.29.H10'),
      dossierIds: [dossierId],
    });
    assert.equal(send.statusCode, 403);
  });

  let batchId: string;
  it('hands the dossier over to the Bù Đăng district unit, which confirms it', async () => {
    const list = (await clerk.get('/api/v1/dossiers?status=received')).json();
    const ids = list.items.map((d: { id: string }) => d.id);
    const response = await clerk.post('/api/v1/handover-batches', {
      clientTxId: tx('batch'),
      direction: 'to_agency',
      siteId: await siteId(ctx.database, 'BDVHX-DUCLIEU'),
      agencyId: await agencyId(ctx.database, '000.00.29.H10'),
      dossierIds: ids,
      courierName: 'Đặng Văn Đức',
    });
    await expectOk(response, 201);
    batchId = response.json().id;
    assert.equal(response.json().items.length, ids.length);
    const d = (await clerk.get(`/api/v1/dossiers/${dossierId}`)).json();
    assert.equal(d.inTransit, true);
    clearCalendarCache();
    const confirm = await districtClerk.post(
      `/api/v1/handover-batches/${batchId}/items/${dossierId}/confirm`,
      {
        clientTxId: tx('confirm'),
      },
    );
    await expectOk(confirm);
    const atAgency = (await officer.get(`/api/v1/dossiers/${dossierId}`)).json();
    assert.equal(atAgency.status, 'processing');
    assert.ok(atAgency.agencyDueAt);
    assert.equal(atAgency.clockStartedAt, atAgency.timeline.at(-1).at);
  });

  it('lets only the agency holding the dossier act on it', async () => {
    const response = await officerBuDop.post(`/api/v1/dossiers/${dossierId}/steps`, {
      clientTxId: tx('step'),
      step: 'Thẩm định',
    });
    assert.equal(response.statusCode, 403);
  });

  it('processes, approves and issues the result at the district', async () => {
    const officers = await leader.get(
      `/api/v1/agencies/${await agencyId(ctx.database, '000.00.29.H10')}/officers`,
    );
    await expectOk(officers);
    const officerId = officers.json().items.find((o: { username: string }) => o.username === 'cv.budang').id;
    assert.equal(officerId, await userId(ctx.database, 'cv.budang'));
    const elsewhere = await leader.get(
      `/api/v1/agencies/${await agencyId(ctx.database, '000.00.26.H10')}/officers`,
    );
    assert.equal(elsewhere.statusCode, 403);
    await expectOk(
      await leader.post(`/api/v1/dossiers/${dossierId}/assign`, { clientTxId: tx('a'), officerId }),
    );
    await expectOk(
      await officer.post(`/api/v1/dossiers/${dossierId}/steps`, {
        clientTxId: tx('s'),
        step: 'Thẩm định hồ sơ',
        budgetHours: 8,
      }),
    );
    const early = await leader.post(`/api/v1/dossiers/${dossierId}/approve`, { clientTxId: tx('ap') });
    assert.equal(early.statusCode, 409, 'approval needs a submission first');
    await expectOk(await officer.post(`/api/v1/dossiers/${dossierId}/submit`, { clientTxId: tx('sub') }));
    await expectOk(await leader.post(`/api/v1/dossiers/${dossierId}/approve`, { clientTxId: tx('ap') }));
    const result = await officer.post(`/api/v1/dossiers/${dossierId}/result`, {
      clientTxId: tx('r'),
      number: '123/GCN-HKD',
      date: '2026-12-01',
      signer: 'Nguyễn Văn Lợi',
    });
    await expectOk(result);
    assert.equal(result.json().status, 'result_ready');
    assert.ok(['early', 'on_time'].includes(result.json().resultTiming));
  });

  it('sends the result back, and the Đức Liễu clerk returns it after checking the ID', async () => {
    const back = await officer.post('/api/v1/handover-batches', {
      clientTxId: tx('back'),
      direction: 'to_site',
      siteId: await siteId(ctx.database, 'BDVHX-DUCLIEU'),
      agencyId: await agencyId(ctx.database, '000.00.29.H10'),
      dossierIds: [dossierId],
    });
    await expectOk(back, 201);
    await expectOk(
      await clerk.post(`/api/v1/handover-batches/${back.json().id}/items/${dossierId}/confirm`, {
        clientTxId: tx('c'),
      }),
    );
    const wrongId = await clerk.post(`/api/v1/dossiers/${dossierId}/return`, {
      clientTxId: tx('ret'),
      method: 'counter',
      collector: { name: 'Đặng Văn Đức', idNumber: '070085009999', isProxy: false },
    });
    assert.equal(wrongId.statusCode, 400);
    assert.equal(wrongId.json().error.fields[0].field, 'collector.idNumber');
    const ok = await clerk.post(`/api/v1/dossiers/${dossierId}/return`, {
      clientTxId: tx('ret'),
      method: 'counter',
      collector: { name: 'Nguyễn Thị Ánh', idNumber: '070190001234', isProxy: false },
    });
    await expectOk(ok);
    const d = ok.json();
    assert.equal(d.status, 'returned');
    assert.deepEqual(
      d.timeline.map((e: { type: string }) => e.type),
      [
        'receive',
        'send_to_agency',
        'confirm_at_agency',
        'assign',
        'record_step',
        'submit',
        'approve',
        'record_result',
        'send_to_site',
        'confirm_at_site',
        'return_result',
      ],
    );
    assert.ok(d.timeline.every((e: { actorName: string }) => e.actorName));
    const confirmed = d.timeline.find((e: { type: string }) => e.type === 'confirm_at_agency');
    assert.equal(confirmed.actorRole, 'clerk', 'the district unit’s clerk confirmed it, as a clerk');
  });

  it('wrote an audit entry and a citizen notice for the dossier’s steps', async () => {
    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', dossierId)
      .execute();
    assert.equal(audit.length, 11);
    const notices = await ctx.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'notify.citizen')
      .execute();
    assert.ok(
      notices.some(
        (n) =>
          JSON.parse(n.payload).dossierId === dossierId && JSON.parse(n.payload).event === 'return_result',
      ),
    );
  });
});

describe(`dossier rules on ${TEST_ENGINE}`, () => {
  async function atAgency(): Promise<string> {
    // Received at the Bù Đăng district one-stop unit itself: no trip, the clock starts at receipt.
    const body = await intakeBody(ctx.database, 'MC-BUDANG', HOUSEHOLD_BUSINESS);
    const response = await districtClerk.post('/api/v1/dossiers', body);
    await expectOk(response, 201);
    assert.equal(response.json().status, 'processing');
    assert.equal(response.json().handoverDueAt, null);
    return response.json().id;
  }

  it('allows one supplement request, and its answer restarts the clock', async () => {
    const id = await atAgency();
    await expectOk(
      await officer.post(`/api/v1/dossiers/${id}/supplement-request`, {
        clientTxId: tx('sr'),
        items: ['Bản sao hợp đồng thuê địa điểm kinh doanh'],
        reason: 'Thiếu giấy tờ chứng minh địa điểm',
      }),
    );
    // An empty calendar cache makes the service load the calendar inside its transaction (on SQLite a
    // query outside it would wait for the transaction's connection forever).
    clearCalendarCache();
    const received = await officer.post(`/api/v1/dossiers/${id}/supplement-received`, {
      clientTxId: tx('sx'),
    });
    await expectOk(received);
    const d = received.json();
    assert.equal(d.status, 'processing');
    assert.equal(d.clockStartedAt, d.timeline.at(-1).at);
    const again = await officer.post(`/api/v1/dossiers/${id}/supplement-request`, {
      clientTxId: tx('sr'),
      items: ['x'],
      reason: 'y',
    });
    assert.equal(again.statusCode, 409);
    assert.match(again.json().error.message, /một lần/);
  });

  it('moves the appointment once with an apology sent well before the deadline', async () => {
    const id = await atAgency();
    const d = (await officer.get(`/api/v1/dossiers/${id}`)).json();
    const later = new Date(Date.parse(d.appointmentAt) + 5 * 86400_000).toISOString();
    const first = await leader.post(`/api/v1/dossiers/${id}/apology`, {
      clientTxId: tx('apo'),
      reason: 'Cần xác minh thực địa',
      newAppointmentAt: later,
    });
    // Received just now with 3 working days to go: the apology is always at least a working day early.
    await expectOk(first);
    assert.equal(first.json().appointmentAt, later);
    assert.equal(first.json().originalAppointmentAt, d.appointmentAt);
    const second = await leader.post(`/api/v1/dossiers/${id}/apology`, {
      clientTxId: tx('apo'),
      reason: 'Lần hai',
      newAppointmentAt: new Date(Date.parse(later) + 86400_000).toISOString(),
    });
    assert.equal(second.statusCode, 409);
  });

  it('refuses with reasons, and a refused dossier can no longer be withdrawn', async () => {
    const id = await atAgency();
    const noReason = await leader.post(`/api/v1/dossiers/${id}/refuse`, {
      clientTxId: tx('rf'),
      reasons: [],
    });
    assert.equal(noReason.statusCode, 400);
    await expectOk(
      await leader.post(`/api/v1/dossiers/${id}/refuse`, {
        clientTxId: tx('rf'),
        reasons: ['Ngành nghề kinh doanh thuộc danh mục cấm'],
      }),
    );
    const withdraw = await districtClerk.post(`/api/v1/dossiers/${id}/withdraw`, {
      clientTxId: tx('wd'),
      reason: 'Người dân xin rút',
    });
    assert.equal(withdraw.statusCode, 409);
  });

  it('waits for approval after the submission: no second submission; the leader returns it or approves', async () => {
    const id = await atAgency();
    const submitted = await officer.post(`/api/v1/dossiers/${id}/submit`, { clientTxId: tx('sub') });
    await expectOk(submitted);
    assert.equal(submitted.json().status, 'awaiting_approval');
    assert.equal(submitted.json().statusLabel, 'Chờ phê duyệt');
    assert.ok(!submitted.json().availableActions.includes('submit'));
    assert.ok(submitted.json().availableActions.includes('return_for_rework'));
    const twice = await officer.post(`/api/v1/dossiers/${id}/submit`, { clientTxId: tx('sub') });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.json().error.message, /Chờ phê duyệt/);
    const inbox = await officer.get(
      `/api/v1/inbox?agencyId=${await agencyId(ctx.database, '000.00.29.H10')}`,
    );
    assert.equal(inbox.json().items.find((i: { id: string }) => i.id === id)?.status, 'awaiting_approval');
    const book = await leader.get('/api/v1/dossiers?status=awaiting_approval');
    await expectOk(book);
    assert.ok(book.json().items.some((i: { id: string }) => i.id === id));

    const noReason = await leader.post(`/api/v1/dossiers/${id}/return-for-rework`, {
      clientTxId: tx('rw'),
      reason: '   ',
    });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().error.fields[0].field, 'reason');
    const byOfficer = await officer.post(`/api/v1/dossiers/${id}/return-for-rework`, {
      clientTxId: tx('rw'),
      reason: 'Bổ sung ý kiến xác minh của công an xã',
    });
    assert.equal(byOfficer.statusCode, 403, 'only the leader decides');
    const returned = await leader.post(`/api/v1/dossiers/${id}/return-for-rework`, {
      clientTxId: tx('rw'),
      reason: 'Bổ sung ý kiến xác minh của công an xã',
    });
    await expectOk(returned);
    assert.equal(returned.json().status, 'processing');
    assert.ok(returned.json().availableActions.includes('submit'));
    assert.ok(!returned.json().availableActions.includes('approve'));
    await expectOk(await officer.post(`/api/v1/dossiers/${id}/submit`, { clientTxId: tx('sub') }));
    const approved = await leader.post(`/api/v1/dossiers/${id}/approve`, { clientTxId: tx('ap') });
    await expectOk(approved);
    assert.equal(approved.json().status, 'processing');
    assert.equal(approved.json().decision, 'approved');
    assert.ok(approved.json().availableActions.includes('record_result'));
    assert.ok(!approved.json().availableActions.includes('submit'));
  });

  it('lets the applicant withdraw before a decision', async () => {
    const id = await atAgency();
    const response = await districtClerk.post(`/api/v1/dossiers/${id}/withdraw`, {
      clientTxId: tx('wd'),
      reason: 'Người dân xin rút hồ sơ',
    });
    await expectOk(response);
    assert.equal(response.json().status, 'withdrawn');
  });

  it('shows the agency inbox sorted by due time', async () => {
    const response = await officer.get(
      `/api/v1/inbox?agencyId=${await agencyId(ctx.database, '000.00.29.H10')}`,
    );
    await expectOk(response);
    const dues: (string | null)[] = response
      .json()
      .items.map((d: { agencyDueAt: string | null }) => d.agencyDueAt);
    assert.ok(dues.length >= 3);
    const running = dues.filter((d) => d !== null);
    assert.deepEqual(
      dues.slice(0, running.length),
      [...running].sort(),
      'running clocks first, soonest first',
    );
    const other = await officer.get(
      `/api/v1/inbox?agencyId=${await agencyId(ctx.database, '000.00.26.H10')}`,
    );
    assert.equal(other.statusCode, 403);
  });
});

describe(`intake sees reference-data changes at once on ${TEST_ENGINE}`, () => {
  it('refuses a procedure or a site switched off a moment ago, and takes them again once back on', async () => {
    const admin = await ctx.signIn('admin');
    const nationalAdmin = await ctx.signIn('admin.toanquoc'); // the catalogue is national
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', HOUSEHOLD_BUSINESS);
    const intake = () => clerk.post('/api/v1/dossiers', { ...body, clientTxId: tx('ref') });
    await expectOk(await intake(), 201); // the site and the procedure are now held in memory

    await expectOk(await nationalAdmin.patch(`/api/v1/procedures/${body.procedureId}`, { active: false }));
    const noProcedure = await intake();
    assert.equal(noProcedure.statusCode, 400);
    assert.equal(noProcedure.json().error.fields[0].field, 'procedureId');
    await expectOk(await nationalAdmin.patch(`/api/v1/procedures/${body.procedureId}`, { active: true }));

    await expectOk(await admin.patch(`/api/v1/service-points/${body.siteId}`, { active: false }));
    const noSite = await intake();
    assert.equal(noSite.statusCode, 400);
    assert.equal(noSite.json().error.fields[0].field, 'siteId');
    await expectOk(await admin.patch(`/api/v1/service-points/${body.siteId}`, { active: true }));

    await expectOk(await intake(), 201);
  });
});
