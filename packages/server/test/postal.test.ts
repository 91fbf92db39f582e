import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { actorForToken, createSession } from '../src/auth/sessions.ts';
import { clearCalendarCache } from '../src/modules/calendar/service.ts';
import { createShipment } from '../src/modules/postal/shipments.ts';
import type { Actor } from '../src/policy/policy.ts';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { agencyId, expectOk, intakeBody, procedure, siteId, tx, userId } from './helpers/fixtures.ts';

let ctx: TestContext;
let admin: Client;
let districtClerk: Client; // Bù Đăng district one-stop unit
let postClerk: Client; // Bù Đăng district post office
let courier: Client;
let courier2: Client;
let officer: Client;
let leader: Client;

const DAY = 86_400_000;

/** Text of a PDF through poppler's pdftotext (installed by .ci/run). */
function pdfToText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-slip-'));
  try {
    const file = path.join(dir, 'slip.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function actorOf(username: string): Promise<Actor> {
  const id = await userId(ctx.database, username);
  const { token } = await createSession(ctx.database, { userId: id, kind: 'api' });
  return (await actorForToken(ctx.database, token))!;
}

/** A dossier decided at the Bù Đăng district unit whose result waits at the Bù Đăng post office for delivery. */
async function resultAtPostOffice(): Promise<string> {
  const body = await intakeBody(ctx.database, 'MC-BUDANG', '1.001612', {
    returnMethod: 'postal',
    deliveryAddress: 'Thôn 3, xã Đức Liễu, huyện Bù Đăng',
    deliveryUnitId: '2008:25417',
    returningSiteId: await siteId(ctx.database, 'BD-BUDANG'),
  });
  const received = await districtClerk.post('/api/v1/dossiers', body);
  await expectOk(received, 201);
  const id = received.json().id;
  await expectOk(await officer.post(`/api/v1/dossiers/${id}/submit`, { clientTxId: tx('s') }));
  await expectOk(await leader.post(`/api/v1/dossiers/${id}/approve`, { clientTxId: tx('a') }));
  await expectOk(
    await officer.post(`/api/v1/dossiers/${id}/result`, {
      clientTxId: tx('r'),
      number: '45/GCN',
      date: '2026-12-01',
      signer: 'Nguyễn Văn Lợi',
    }),
  );
  const batch = await officer.post('/api/v1/handover-batches', {
    clientTxId: tx('b'),
    direction: 'to_site',
    siteId: await siteId(ctx.database, 'BD-BUDANG'),
    agencyId: await agencyId(ctx.database, '000.00.29.H10'),
    dossierIds: [id],
  });
  await expectOk(batch, 201);
  await expectOk(
    await postClerk.post(`/api/v1/handover-batches/${batch.json().id}/items/${id}/confirm`, {
      clientTxId: tx('c'),
    }),
  );
  return id;
}

before(async () => {
  ctx = await createTestContext();
  admin = await ctx.signIn('admin');
  districtClerk = await ctx.signIn('gdv.mcbudang');
  postClerk = await ctx.signIn('gdv.bdbudang');
  courier = await ctx.signIn('buuta.budang');
  officer = await ctx.signIn('cv.budang');
  leader = await ctx.signIn('ld.budang');
  const second = await admin.post('/api/v1/users', {
    username: 'buuta.budang2',
    fullName: 'Điểu Thị Lan',
    password: 'mat-khau-bu-dang',
    roles: [{ role: 'courier', servicePointId: await siteId(ctx.database, 'BD-BUDANG') }],
  });
  await expectOk(second, 201);
  courier2 = await ctx.signIn('buuta.budang2', 'mat-khau-bu-dang');
});
after(() => ctx.close());

describe(`postal delivery of results on ${TEST_ENGINE}`, () => {
  let dossierId: string;
  let shipment: { id: string; itemNumber: string; postage: number; courierName: string };

  it('accepts the result for delivery with an S10 number, the tariff’s postage and a courier of the area', async () => {
    dossierId = await resultAtPostOffice();
    clearCalendarCache();
    const response = await postClerk.post('/api/v1/shipments', {
      clientTxId: tx('ship'),
      kind: 'result_delivery',
      originSiteId: await siteId(ctx.database, 'BD-BUDANG'),
      dossierId,
      weightGrams: 80,
      payer: 'citizen',
    });
    await expectOk(response, 201);
    shipment = response.json();
    assert.match(shipment.itemNumber, /^EA\d{9}VN$/);
    assert.equal(shipment.postage, 12_000, 'same district, up to 100 g');
    assert.ok(shipment.courierName);
    const round = (await courier.get('/api/v1/courier/round')).json();
    const round2 = (await courier2.get('/api/v1/courier/round')).json();
    const all = [...round.shipments, ...round2.shipments].map((s: { id: string }) => s.id);
    assert.ok(all.includes(shipment.id), 'routed to a Bù Đăng courier');
  });

  it('refuses an item number typed with a wrong check digit, naming the field', async () => {
    const good = shipment.itemNumber;
    const digit = Number(good[10]);
    const wrong = `${good.slice(0, 10)}${(digit + 1) % 10}${good.slice(11)}`;
    const response = await courier.get(`/api/v1/shipments/by-number/${wrong}`);
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().error.fields[0].field, 'itemNumber');
    assert.equal((await courier.get(`/api/v1/shipments/by-number/${good}`)).statusCode, 200);
  });

  it('lets the citizen change the address before dispatch but not after', async () => {
    const token = (await districtClerk.get(`/api/v1/dossiers/${dossierId}`)).json().lookupToken;
    const change = await ctx.anonymous.post(`/api/v1/public/dossiers/${token}/delivery`, {
      clientTxId: tx('addr'),
      address: 'Tổ 2, thôn 5, xã Đức Liễu',
      unitId: '2008:25417',
    });
    await expectOk(change);
    await expectOk(
      await courier.post(`/api/v1/shipments/by-number/${shipment.itemNumber}/events`, {
        clientTxId: tx('out'),
        type: 'out_for_delivery',
      }),
    );
    const late = await ctx.anonymous.post(`/api/v1/public/dossiers/${token}/delivery`, {
      clientTxId: tx('addr'),
      collectAtCounter: true,
    });
    assert.equal(late.statusCode, 409);
    const s = (await courier.get(`/api/v1/shipments/${shipment.id}`)).json();
    assert.equal(s.address, 'Tổ 2, thôn 5, xã Đức Liễu');
  });

  it('records a failed attempt and refuses another attempt before two working days', async () => {
    clearCalendarCache();
    const failed = await courier.post(`/api/v1/shipments/${shipment.id}/events`, {
      clientTxId: tx('fail'),
      type: 'failed_attempt',
      payload: { reason: 'Người nhận vắng nhà' },
    });
    await expectOk(failed);
    assert.equal(failed.json().attempts, 1);
    assert.ok(failed.json().nextAttemptOn);
    const tooEarly = await courier.post(`/api/v1/shipments/${shipment.id}/events`, {
      clientTxId: tx('del'),
      type: 'delivered',
      payload: { recipientName: 'Nguyễn Thị Ánh' },
    });
    assert.equal(tooEarly.statusCode, 409);
    assert.equal(tooEarly.json().error.code, 'ATTEMPT_TOO_EARLY');
    const token = (await districtClerk.get(`/api/v1/dossiers/${dossierId}`)).json().lookupToken;
    const view = (await ctx.anonymous.get(`/api/v1/public/dossiers/${token}`)).json();
    assert.equal(view.delivery.itemNumber, shipment.itemNumber);
    assert.deepEqual(
      view.delivery.events.map((e: { label: { vi: string } }) => e.label.vi),
      [
        'Bưu điện đã nhận bưu gửi',
        'Người dân đổi địa chỉ nhận',
        'Bưu tá đang đi phát',
        'Phát không thành công',
      ],
    );
    assert.equal(view.delivery.events.at(-1).reason, 'Người nhận vắng nhà');
    assert.equal(view.delivery.canChange, false);
  });
});

describe(`delivery with signature, conflicts and offline sync on ${TEST_ENGINE}`, () => {
  it('counts an offline delivery synced twice once, refuses a second courier’s delivery, and returns the dossier', async () => {
    const dossierId = await resultAtPostOffice();
    // Accepted three days ago (the courier's phone was offline since).
    const acceptedAt = new Date(Date.now() - 3 * DAY);
    const id = await createShipment(
      ctx.database,
      await actorOf('gdv.bdbudang'),
      {
        clientTxId: tx('ship'),
        kind: 'result_delivery',
        originSiteId: await siteId(ctx.database, 'BD-BUDANG'),
        dossierId,
        weightGrams: 300,
        payer: 'citizen',
      },
      acceptedAt,
    );
    const signature = `data:image/png;base64,${Buffer.from('signature-strokes').toString('base64')}`;
    const delivery = {
      clientTxId: tx('offline-delivery'),
      type: 'delivered',
      at: new Date(Date.now() - 2 * DAY).toISOString(),
      payload: {
        recipientName: 'Nguyễn Văn Bình',
        relationship: 'Chồng',
        idLast4: '4321',
        signature,
        gps: { lat: 11.8, lng: 107.1, accuracy: 15 },
      },
    };
    const first = await courier.post(`/api/v1/shipments/${id}/events`, delivery);
    const again = await courier.post(`/api/v1/shipments/${id}/events`, delivery);
    await expectOk(first);
    await expectOk(again);
    const s = again.json();
    assert.equal(s.events.filter((e: { type: string }) => e.type === 'delivered').length, 1);
    assert.equal(s.status, 'delivered');
    assert.equal(s.events.at(-1).hasSignature, true);
    const other = await courier2.post(`/api/v1/shipments/${id}/events`, {
      clientTxId: tx('other'),
      type: 'delivered',
      payload: { recipientName: 'Người khác' },
    });
    assert.equal(other.statusCode, 409);
    assert.equal(other.json().error.code, 'ALREADY_DELIVERED');
    const d = (await districtClerk.get(`/api/v1/dossiers/${dossierId}`)).json();
    assert.equal(d.status, 'returned');
    assert.equal(d.timeline.at(-1).payload.postalItemNumber, s.itemNumber);
  });

  it('reports deliveries per courier against the J+n target', async () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10);
    const report = await postClerk.get(
      `/api/v1/postal/report?siteId=${await siteId(ctx.database, 'BD-BUDANG')}&from=${from}&to=${today}`,
    );
    await expectOk(report);
    const total = report.json().rows.reduce((n: number, r: { delivered: number }) => n + r.delivered, 0);
    assert.equal(total, 1);
    const failed = report
      .json()
      .rows.reduce((n: number, r: { failedAttempts: number }) => n + r.failedAttempts, 0);
    assert.equal(failed, 1);
  });
});

describe(`handover batches carried as shipments on ${TEST_ENGINE}`, () => {
  it('gives a handover batch an S10 number, free of charge for the agency, shown on the batch', async () => {
    const body = await intakeBody(ctx.database, 'BD-BUDANG', '1.001612');
    const received = await postClerk.post('/api/v1/dossiers', body);
    await expectOk(received, 201);
    const batch = await postClerk.post('/api/v1/handover-batches', {
      clientTxId: tx('batch'),
      direction: 'to_agency',
      siteId: await siteId(ctx.database, 'BD-BUDANG'),
      agencyId: await agencyId(ctx.database, '000.00.29.H10'),
      dossierIds: [received.json().id],
      courierName: 'Đặng Văn Đức',
    });
    await expectOk(batch, 201);
    const carried = await postClerk.post('/api/v1/shipments', {
      clientTxId: tx('carry'),
      kind: 'batch',
      originSiteId: await siteId(ctx.database, 'BD-BUDANG'),
      batchId: batch.json().id,
      recipientName: 'Bộ phận một cửa huyện Bù Đăng',
      address: 'Thị trấn Đức Phong, huyện Bù Đăng',
      unitId: '2008:25396',
      weightGrams: 1200,
      payer: 'agency',
    });
    await expectOk(carried, 201);
    assert.match(carried.json().itemNumber, /^EA\d{9}VN$/);
    assert.equal(carried.json().postage, 0);
    const after = (await postClerk.get(`/api/v1/handover-batches/${batch.json().id}`)).json();
    assert.equal(after.postalItemNumber, carried.json().itemNumber);
  });
});

describe(`unknown ids on a shipment on ${TEST_ENGINE}`, () => {
  it('answers 400 naming the field for an unknown batch, dossier or unit, and writes nothing', async () => {
    const count = async () =>
      Number(
        (
          await ctx.database.db
            .selectFrom('shipments')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const base = {
      originSiteId: await siteId(ctx.database, 'BD-BUDANG'),
      recipientName: 'Bộ phận một cửa huyện Bù Đăng',
      address: 'Thị trấn Đức Phong, huyện Bù Đăng',
      weightGrams: 500,
      payer: 'agency',
    };
    const unknown = '019a0000-0000-7000-8000-000000000000';
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'batch', batchId: unknown, unitId: '2008:25396' }, 'batchId'],
      [{ kind: 'papers_return', dossierId: unknown, unitId: '2008:25396' }, 'dossierId'],
      [{ kind: 'batch', unitId: '2008:99999' }, 'unitId'],
    ];
    for (const [extra, field] of cases) {
      const response = await postClerk.post('/api/v1/shipments', {
        clientTxId: tx('unknown'),
        ...base,
        ...extra,
      });
      assert.equal(response.statusCode, 400, response.body);
      assert.deepEqual(
        response.json().error.fields.map((f: { field: string }) => f.field),
        [field],
      );
    }
    assert.equal(await count(), before);
  });
});

describe(`home pickup on ${TEST_ENGINE}`, () => {
  it('books a pickup from the public page, routes it to a Bù Đăng courier who receives the dossier at home', async () => {
    const p = await procedure(ctx.database, '1.001612');
    const start = new Date(Date.now() + DAY);
    const booked = await ctx.anonymous.post('/api/v1/public/pickups', {
      clientTxId: tx('pickup'),
      procedureId: p.id,
      applicantName: 'Đặng Văn Đức',
      phone: '0987 654 321',
      address: 'Thôn 1, xã Đức Liễu',
      unitId: '2008:25417',
      windowStart: start.toISOString(),
      windowEnd: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    });
    await expectOk(booked, 201);
    assert.match(booked.json().code, /^TG-BD-BUDANG-/);
    // The confirmation names the papers and the fee of the procedure's current version.
    const version = await ctx.database.db
      .selectFrom('procedures as pr')
      .innerJoin('procedure_versions as v', (j) =>
        j.onRef('v.procedure_id', '=', 'pr.id').onRef('v.version', '=', 'pr.current_version'),
      )
      .select(['pr.name', 'v.documents', 'v.fees'])
      .where('pr.id', '=', p.id)
      .executeTakeFirstOrThrow();
    assert.equal(booked.json().procedureName, version.name);
    assert.deepEqual(
      booked.json().documents.map((d: { name: string }) => d.name),
      JSON.parse(version.documents).map((d: { name: string }) => d.name),
    );
    assert.ok(booked.json().documents.length > 0);
    assert.equal(
      booked.json().totalFee,
      JSON.parse(version.fees).reduce((sum: number, f: { amount: number }) => sum + f.amount, 0),
    );
    assert.ok(booked.json().totalFee > 0, 'this procedure has a fee');
    const rounds = [
      (await courier.get('/api/v1/courier/round')).json(),
      (await courier2.get('/api/v1/courier/round')).json(),
    ];
    const mine = rounds
      .flatMap((r) => r.pickups)
      .find((x: { code: string }) => x.code === booked.json().code);
    assert.ok(mine, 'in a courier’s round');
    const collector = rounds[0].pickups.some((x: { code: string }) => x.code === booked.json().code)
      ? courier
      : courier2;
    const body = await intakeBody(ctx.database, 'BD-BUDANG', '1.001612');
    const { clientTxId: _c, siteId: _s, procedureId: _p, ...intake } = body;
    const collected = await collector.post(`/api/v1/pickups/${mine.id}/collect`, {
      clientTxId: tx('collect'),
      intake: {
        ...intake,
        applicant: {
          ...intake.applicant,
          name: 'Đặng Văn Đức',
          idNumber: null,
          birthDate: null,
          sex: null,
          phone: '0987654321',
        },
      },
      sealNumber: 'NP-000123',
      weightGrams: 250,
    });
    await expectOk(collected);
    const dossier = (await postClerk.get(`/api/v1/dossiers/${collected.json().dossierId}`)).json();
    assert.equal(dossier.channel, 'postal_pickup');
    assert.equal(dossier.timeline[0].actorRole, 'courier');
    assert.equal(collected.json().pickup.status, 'collected');
    const item = await ctx.database.db
      .selectFrom('shipments')
      .select(['id', 'item_number', 'postage'])
      .where('dossier_id', '=', collected.json().dossierId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(item.postage), 20_000, 'pickup in the same district up to 500 g');
    const slip = await collector.get(`/api/v1/shipments/${item.id}/slip.pdf`);
    assert.equal(slip.statusCode, 200);
    assert.equal(slip.headers['content-type'], 'application/pdf');
    const text = pdfToText(slip.rawPayload);
    for (const expected of [
      'PHIẾU GỬI HỒ SƠ',
      item.item_number,
      'Đặng Văn Đức',
      'NP-000123',
      '20.000 đồng',
    ]) {
      assert.ok(text.includes(expected), `slip lacks "${expected}"`);
    }
  });

  it('lists the procedures open to postal intake and the communes, without sign-in', async () => {
    const procedures = (
      await ctx.anonymous.get(`/api/v1/public/procedures?q=${encodeURIComponent('ho kinh doanh')}`)
    ).json();
    assert.ok(procedures.items.some((p: { code: string }) => p.code === '1.001612'));
    const all = (await ctx.anonymous.get('/api/v1/public/procedures')).json();
    assert.ok(
      !all.items.some((p: { code: string }) => p.code === '1.000894'),
      'marriage needs personal appearance',
    );
    const communes = (
      await ctx.anonymous.get(`/api/v1/public/communes?q=${encodeURIComponent('duc lieu')}`)
    ).json();
    assert.ok(
      communes.items.some(
        (c: { id: string; parentName: string }) => c.id === '2008:25417' && c.parentName === 'Huyện Bù Đăng',
      ),
    );
  });

  it('refuses a pickup for a procedure that requires personal appearance', async () => {
    const marriage = await procedure(ctx.database, '1.000894');
    const start = new Date(Date.now() + DAY);
    const response = await ctx.anonymous.post('/api/v1/public/pickups', {
      clientTxId: tx('pickup'),
      procedureId: marriage.id,
      applicantName: 'Lê Văn Tám',
      phone: '0912345678',
      address: 'Thôn 1, xã Đức Liễu',
      unitId: '2008:25417',
      windowStart: start.toISOString(),
      windowEnd: new Date(start.getTime() + 3600_000).toISOString(),
    });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().error.fields[0].field, 'procedureId');
  });
});
