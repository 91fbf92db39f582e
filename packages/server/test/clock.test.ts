/**
 * The clock through the API under a fixed clock (issue 16 point 3, issue 14 point 2): a within-the-day
 * procedure is due the same day up to its cut-off (the procedure's, else the site's, else 15:00); a
 * dossier received after 15:00 must reach the agency at the start of the next working day; an
 * apology's new appointment outside working time is refused with the next possible instant; after a
 * supplement handed in at a post office the appointment adds the postal leg again, and the citizen's
 * lookup says why the date changed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { createWorkCalendar, formatVnDateTime, workingMillisBetween } from '@motcua/core';
import { clearCalendarCache } from '../src/modules/calendar/service.ts';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { expectOk, intakeBody, procedure, siteId, tx } from './helpers/fixtures.ts';

const vn = (local: string) => Date.parse(`${local}+07:00`);
const show = (iso: string) => formatVnDateTime(new Date(iso));
// District-level procedure: business household registration (Bù Đăng district people's committee).
const HOUSEHOLD_BUSINESS = '1.001612';
// The default calendar (the test database has no override in December 2026).
const calendar = createWorkCalendar();
const DAY = calendar.workingMillisPerDay;

let ctx: TestContext;
before(async () => {
  mock.timers.enable({ apis: ['Date'], now: vn('2026-11-30T06:00:00') });
  ctx = await createTestContext();
});
after(async () => {
  await ctx?.close();
  mock.timers.reset();
});

/** Sets the clock, then signs in (a session ends after its idle time; sign-ins a minute apart). */
async function at(local: string, username: string): Promise<Client> {
  mock.timers.setTime(vn(local) - 61_000);
  const client = await ctx.signIn(username);
  mock.timers.setTime(vn(local));
  return client;
}

async function receive(client: Client, site: string, code = HOUSEHOLD_BUSINESS) {
  const response = await client.post('/api/v1/dossiers', await intakeBody(ctx.database, site, code));
  await expectOk(response, 201);
  return response.json();
}

describe(`transfer after 15:00 on ${TEST_ENGINE}`, () => {
  it('gives a dossier received at 15:30 until the START of the next working day, not 17:00', async () => {
    const clerk = await at('2026-12-04T15:30:00', 'gdv.duclieu'); // Friday
    const d = await receive(clerk, 'BDVHX-DUCLIEU');
    assert.equal(show(d.handoverDueAt), '07:00 07/12/2026'); // Monday, first session
  });

  it('keeps the same day up to 15:00', async () => {
    const clerk = await at('2026-12-04T14:45:00', 'gdv.duclieu');
    const d = await receive(clerk, 'BDVHX-DUCLIEU');
    assert.equal(show(d.handoverDueAt), '17:00 04/12/2026');
  });
});

describe(`appointments on working time only, and the supplement clock, on ${TEST_ENGINE}`, () => {
  it('refuses an apology whose new appointment is on a Sunday or at lunch, offering the next working instant', async () => {
    const clerk = await at('2026-12-07T07:30:00', 'gdv.mcbudang'); // Monday, at the agency's unit
    const d = await receive(clerk, 'MC-BUDANG');
    const leader = await at('2026-12-07T07:35:00', 'ld.budang');
    const sunday = await leader.post(
      `/api/v1/dossiers/${d.id}/apology`,
      {
        clientTxId: tx('apo'),
        reason: 'Cần xác minh thực địa',
        newAppointmentAt: new Date(vn('2026-12-27T09:00:00')).toISOString(),
      },
      { 'accept-language': 'en' },
    );
    assert.equal(sunday.statusCode, 400);
    const field = sunday.json().error.fields[0];
    assert.equal(field.field, 'newAppointmentAt');
    assert.equal(field.suggested, new Date(vn('2026-12-28T07:00:00')).toISOString());
    assert.match(field.message, /working hours.*07:00 28\/12\/2026/);
    const lunch = await leader.post(`/api/v1/dossiers/${d.id}/apology`, {
      clientTxId: tx('apo'),
      reason: 'Cần xác minh thực địa',
      newAppointmentAt: new Date(vn('2026-12-28T12:00:00')).toISOString(),
    });
    assert.equal(lunch.statusCode, 400);
    assert.equal(lunch.json().error.fields[0].suggested, new Date(vn('2026-12-28T13:30:00')).toISOString());
    assert.match(lunch.json().error.fields[0].message, /giờ làm việc/);
    const view = (await leader.get(`/api/v1/dossiers/${d.id}`)).json();
    assert.equal(view.appointmentAt, d.appointmentAt, 'nothing written');
  });

  it('counts a supplement handed in at a post office from the hand-in + the postal leg + the full time + the return leg, and says why on the lookup', async () => {
    const clerk = await at('2026-12-07T08:00:00', 'gdv.mcbudang');
    const { id: procedureId } = await procedure(ctx.database, HOUSEHOLD_BUSINESS);
    const { processing } = (await clerk.get(`/api/v1/procedures/${procedureId}`)).json();
    assert.equal(processing.unit, 'working_days');
    const days: number = processing.amount;
    const byPost = await receive(clerk, 'MC-BUDANG');
    const atDesk = await receive(clerk, 'MC-BUDANG');
    const officer = await at('2026-12-07T09:00:00', 'cv.budang');
    for (const d of [byPost, atDesk]) {
      await expectOk(
        await officer.post(`/api/v1/dossiers/${d.id}/supplement-request`, {
          clientTxId: tx('sr'),
          items: ['Bản sao hợp đồng thuê địa điểm kinh doanh'],
          reason: 'Thiếu giấy tờ chứng minh địa điểm',
        }),
      );
    }
    // Nguyễn Thị Ánh hands the papers in at the Đức Liễu post office on Wednesday 10:00 (same district
    // as the committee: a 1-working-day leg); the officer records them on Thursday at 09:00.
    const handedInAt = new Date(vn('2026-12-09T10:00:00')).toISOString();
    const officer2 = await at('2026-12-10T09:00:00', 'cv.budang');
    clearCalendarCache();
    const future = await officer2.post(`/api/v1/dossiers/${byPost.id}/supplement-received`, {
      clientTxId: tx('sx'),
      handedInSiteId: await siteId(ctx.database, 'BDVHX-DUCLIEU'),
      handedInAt: new Date(vn('2026-12-11T10:00:00')).toISOString(),
    });
    assert.equal(future.statusCode, 400);
    assert.equal(future.json().error.fields[0].field, 'handedInAt');
    const before = await officer2.post(`/api/v1/dossiers/${byPost.id}/supplement-received`, {
      clientTxId: tx('sx'),
      handedInSiteId: await siteId(ctx.database, 'BDVHX-DUCLIEU'),
      handedInAt: new Date(vn('2026-12-07T08:30:00')).toISOString(),
    });
    assert.equal(before.statusCode, 400, 'not before the request');
    const post = await officer2.post(`/api/v1/dossiers/${byPost.id}/supplement-received`, {
      clientTxId: tx('sx'),
      handedInSiteId: await siteId(ctx.database, 'BDVHX-DUCLIEU'),
      handedInAt,
    });
    await expectOk(post);
    const desk = await officer2.post(`/api/v1/dossiers/${atDesk.id}/supplement-received`, {
      clientTxId: tx('sx'),
    });
    await expectOk(desk);
    // Returned at the agency's own counter: no return leg.
    const viaPost = post.json().appointmentAt;
    assert.equal(
      workingMillisBetween(calendar, new Date(handedInAt), new Date(viaPost)),
      (1 + days) * DAY,
      'post office leg + the full processing time',
    );
    assert.equal(
      workingMillisBetween(
        calendar,
        new Date(vn('2026-12-10T09:00:00')),
        new Date(desk.json().appointmentAt),
      ),
      days * DAY,
      'handed in at the agency: the full processing time from then',
    );
    // The agency's own deadline runs from the complete dossier's arrival (now), the full time.
    assert.equal(
      workingMillisBetween(calendar, new Date(vn('2026-12-10T09:00:00')), new Date(post.json().agencyDueAt)),
      days * DAY,
    );

    const lookup = (await ctx.anonymous.get(`/api/v1/public/dossiers/${byPost.lookupToken}`)).json();
    assert.equal(lookup.appointmentAt, viaPost);
    assert.equal(lookup.originalAppointmentAt, byPost.appointmentAt);
    assert.equal(lookup.supplementClock.handedInAt, handedInAt);
    assert.equal(lookup.supplementClock.previousAppointmentAt, byPost.appointmentAt);
    assert.equal(lookup.supplementClock.newAppointmentAt, viaPost);
    assert.equal(lookup.supplementClock.moved, 'later');
    assert.equal(
      lookup.supplementClock.text.vi,
      `Đã nhận hồ sơ bổ sung ngày 09/12/2026, thời hạn được tính lại: hẹn trả kết quả mới ${show(viaPost)}`,
    );
    assert.match(
      lookup.supplementClock.text.en,
      /^Supplement received on 09\/12\/2026: the time limit was counted again/,
    );
    const untouched = (await ctx.anonymous.get(`/api/v1/public/dossiers/${byPost.lookupToken}`)).json();
    assert.deepEqual(untouched.supplementClock, lookup.supplementClock);
  });
});

describe(`within-the-day procedures on ${TEST_ENGINE}`, () => {
  let procedureId: string;

  before(async () => {
    const admin = await at('2026-12-14T06:30:00', 'admin.toanquoc'); // the catalogue is national
    procedureId = (await procedure(ctx.database, HOUSEHOLD_BUSINESS)).id;
    const current = (await admin.get(`/api/v1/procedures/${procedureId}`)).json().current;
    const { version: _v, createdAt: _c, ...fields } = current;
    const wrong = await admin.post(`/api/v1/procedures/${procedureId}/versions`, {
      ...fields,
      processing: { unit: 'working_days', amount: 3, note: null, cutoff: '10:00' },
    });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().error.fields[0].field, 'processing.cutoff');
    const published = await admin.post(`/api/v1/procedures/${procedureId}/versions`, {
      ...fields,
      validFrom: '2026-12-14',
      processing: { unit: 'within_day', amount: 0, note: null },
    });
    await expectOk(published, 201);
    assert.equal(published.json().processing.unit, 'within_day');
    assert.equal(published.json().processing.cutoff, null);
  });

  it('makes a dossier received at 08:00 due at 17:00 the SAME day, one after 15:00 the next working day', async () => {
    const clerk = await at('2026-12-15T08:00:00', 'gdv.mcbudang'); // Tuesday, at the agency's unit
    const morning = await receive(clerk, 'MC-BUDANG');
    assert.equal(show(morning.appointmentAt), '17:00 15/12/2026');
    const late = await at('2026-12-15T15:20:00', 'gdv.mcbudang');
    const afternoon = await receive(late, 'MC-BUDANG');
    assert.equal(show(afternoon.appointmentAt), '17:00 16/12/2026');
    const receipt = await late.get(`/api/v1/dossiers/${morning.id}/forms/receipt.pdf`);
    assert.equal(receipt.statusCode, 200);
  });

  it("uses the site's cut-off when the procedure sets none, and the procedure's own over the site's", async () => {
    const admin = await at('2026-12-16T06:30:00', 'admin');
    const site = await siteId(ctx.database, 'MC-BUDANG');
    await expectOk(await admin.patch(`/api/v1/service-points/${site}`, { withinDayCutoff: '10:00' }));
    const bad = await admin.patch(`/api/v1/service-points/${site}`, { withinDayCutoff: '25:00' });
    assert.equal(bad.statusCode, 400);
    const clerk = await at('2026-12-16T10:30:00', 'gdv.mcbudang');
    assert.equal(show((await receive(clerk, 'MC-BUDANG')).appointmentAt), '17:00 17/12/2026');

    const admin2 = await at('2026-12-16T10:40:00', 'admin.toanquoc');
    const current = (await admin2.get(`/api/v1/procedures/${procedureId}`)).json().current;
    const { version: _v, createdAt: _c, ...fields } = current;
    await expectOk(
      await admin2.post(`/api/v1/procedures/${procedureId}/versions`, {
        ...fields,
        processing: { unit: 'within_day', amount: 0, note: null, cutoff: '16:00' },
      }),
      201,
    );
    const clerk2 = await at('2026-12-16T15:45:00', 'gdv.mcbudang');
    assert.equal(show((await receive(clerk2, 'MC-BUDANG')).appointmentAt), '17:00 16/12/2026');
  });
});
