// Shipments are authorised against what they carry: a clerk of another office naming its own office as
// the origin is refused a dossier, a batch or a shipment of Bù Đốp, and nothing is written.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { batchAt, makePostOffice, makeStaff, resultWaitingAt, type Staff } from './helpers/factories.ts';
import { expectOk, siteId, tx } from './helpers/fixtures.ts';

let ctx: TestContext;
let buDangClerk: Staff; // Bưu điện huyện Bù Đăng
let buDangCourier: Staff;
let buDop: string; // a post office of thị trấn Thanh Bình, huyện Bù Đốp
const THANH_BINH = '2008:25308'; // thị trấn Thanh Bình, huyện Bù Đốp

before(async () => {
  ctx = await createTestContext();
  buDangClerk = await makeStaff(ctx, 'clerk', { site: 'BD-BUDANG' });
  buDangCourier = await makeStaff(ctx, 'courier', { site: 'BD-BUDANG' });
  buDop = await makePostOffice(ctx, THANH_BINH, 'Bưu cục Thanh Bình, huyện Bù Đốp');
});
after(() => ctx.close());

/** What a refused request must leave unchanged. */
async function snapshot() {
  const db = ctx.database.db;
  const count = async (table: 'shipments' | 'shipment_events' | 'dossier_actions' | 'audit_log') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const series = await db
    .selectFrom('s10_series')
    .select(['site_id', 'last_serial'])
    .orderBy('site_id')
    .execute();
  return {
    shipments: await count('shipments'),
    events: await count('shipment_events'),
    actions: await count('dossier_actions'),
    audit: await count('audit_log'),
    series: series.map((s) => `${s.site_id}:${s.last_serial}`),
  };
}

async function refused(response: { statusCode: number; body: string }) {
  assert.equal(response.statusCode, 403, response.body);
  assert.equal(JSON.parse(response.body).error.code, 'FORBIDDEN');
}

describe(`shipments checked against the resource they carry on ${TEST_ENGINE}`, () => {
  it('refuses the Bù Đăng clerk a result delivery of a Bù Đốp dossier, writing nothing; the Bù Đốp clerk may', async () => {
    const dossier = await resultWaitingAt(ctx, buDop, '000.00.26.H10', THANH_BINH);
    const body = {
      kind: 'result_delivery',
      dossierId: dossier.id,
      weightGrams: 80,
      payer: 'citizen',
    };
    const before = await snapshot();
    const attempt = await buDangClerk.client.post('/api/v1/shipments', {
      ...body,
      clientTxId: tx('steal'),
      originSiteId: await siteId(ctx.database, 'BD-BUDANG'),
    });
    await refused(attempt);
    assert.ok(!attempt.body.includes('Nguyễn Thị Ánh'), 'the applicant’s name must not leak');
    assert.deepEqual(await snapshot(), before);
    // Naming the Bù Đốp office as the origin does not help either.
    await refused(
      await buDangClerk.client.post('/api/v1/shipments', {
        ...body,
        clientTxId: tx('steal'),
        originSiteId: await siteId(ctx.database, buDop),
      }),
    );
    assert.deepEqual(await snapshot(), before);
    const own = await dossier.clerk.client.post('/api/v1/shipments', {
      ...body,
      clientTxId: tx('own'),
      originSiteId: await siteId(ctx.database, buDop),
    });
    await expectOk(own, 201);
  });

  it('refuses the Bù Đăng clerk a Bù Đốp batch and a papers return of a Bù Đốp dossier', async () => {
    const batch = await batchAt(ctx, buDop, '000.00.26.H10');
    const origin = await siteId(ctx.database, 'BD-BUDANG');
    const common = {
      originSiteId: origin,
      recipientName: 'Ủy ban nhân dân huyện Bù Đốp',
      address: 'Thị trấn Thanh Bình, huyện Bù Đốp',
      unitId: THANH_BINH,
      weightGrams: 900,
      payer: 'agency',
    };
    const before = await snapshot();
    await refused(
      await buDangClerk.client.post('/api/v1/shipments', {
        ...common,
        clientTxId: tx('batch'),
        kind: 'batch',
        batchId: batch.id,
      }),
    );
    await refused(
      await buDangClerk.client.post('/api/v1/shipments', {
        ...common,
        clientTxId: tx('papers'),
        kind: 'papers_return',
        dossierId: batch.dossierId,
      }),
    );
    assert.deepEqual(await snapshot(), before);
    const row = await ctx.database.db
      .selectFrom('handover_batches')
      .select('postal_item_number')
      .where('id', '=', batch.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.postal_item_number, null, 'the batch got no item number');
    // The Bù Đốp clerk carries its own batch.
    const own = await batch.clerk.client.post('/api/v1/shipments', {
      ...common,
      originSiteId: await siteId(ctx.database, buDop),
      clientTxId: tx('own-batch'),
      kind: 'batch',
      batchId: batch.id,
    });
    await expectOk(own, 201);
    const carried = await ctx.database.db
      .selectFrom('handover_batches')
      .select('postal_item_number')
      .where('id', '=', batch.id)
      .executeTakeFirstOrThrow();
    assert.equal(carried.postal_item_number, own.json().itemNumber);
  });

  it('refuses Bù Đăng staff the events of a Bù Đốp shipment (the dossier is not returned), and a replay of its key', async () => {
    const dossier = await resultWaitingAt(ctx, buDop, '000.00.26.H10', THANH_BINH);
    const clientTxId = tx('ship');
    const created = await dossier.clerk.client.post('/api/v1/shipments', {
      clientTxId,
      kind: 'result_delivery',
      originSiteId: await siteId(ctx.database, buDop),
      dossierId: dossier.id,
      weightGrams: 80,
      payer: 'citizen',
    });
    await expectOk(created, 201);
    const shipment = created.json();
    const before = await snapshot();
    // The first sending's key replayed by another office's clerk answers nothing.
    await refused(
      await buDangClerk.client.post('/api/v1/shipments', {
        clientTxId,
        kind: 'result_delivery',
        originSiteId: await siteId(ctx.database, 'BD-BUDANG'),
        dossierId: dossier.id,
        weightGrams: 80,
        payer: 'citizen',
      }),
    );
    for (const staff of [buDangClerk, buDangCourier]) {
      await refused(
        await staff.client.post(`/api/v1/shipments/${shipment.id}/events`, {
          clientTxId: tx('out'),
          type: 'out_for_delivery',
        }),
      );
      await refused(
        await staff.client.post(`/api/v1/shipments/by-number/${shipment.itemNumber}/events`, {
          clientTxId: tx('delivered'),
          type: 'delivered',
          payload: { recipientName: 'Đặng Văn Đức' },
        }),
      );
    }
    assert.deepEqual(await snapshot(), before);
    const d = await ctx.database.db
      .selectFrom('dossiers')
      .select('status')
      .where('id', '=', dossier.id)
      .executeTakeFirstOrThrow();
    assert.equal(d.status, 'result_ready');
  });
});
