// Collecting a home pickup is one transaction: the dossier, its fee receipt, the pickup item and the
// pickup's state. A 422 (no tariff row) commits nothing, and a retry cannot make a second dossier.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { bookedPickup, makeStaff } from './helpers/factories.ts';
import { expectOk, intakeBody, tx } from './helpers/fixtures.ts';

let ctx: TestContext;

before(async () => {
  ctx = await createTestContext();
});
after(() => ctx.close());

async function counts() {
  const db = ctx.database.db;
  const n = async (table: 'dossiers' | 'fee_receipts' | 'shipments' | 'dossier_actions' | 'audit_log') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    dossiers: await n('dossiers'),
    receipts: await n('fee_receipts'),
    shipments: await n('shipments'),
    actions: await n('dossier_actions'),
    audit: await n('audit_log'),
  };
}

describe(`pickup collection in one transaction on ${TEST_ENGINE}`, () => {
  it('commits nothing on NO_TARIFF, makes one dossier once the tariff is back, and a retry makes no second', async () => {
    const pickup = await bookedPickup(ctx);
    const courier = await makeStaff(ctx, 'courier', { siteId: pickup.siteId });
    const {
      clientTxId: _c,
      siteId: _s,
      procedureId: _p,
      ...intake
    } = await intakeBody(ctx.database, 'BD-BUDANG', '1.001612', { fee: { amount: 100_000, method: 'cash' } });
    const body = (clientTxId: string) => ({
      clientTxId,
      intake: { ...intake, applicant: { ...intake.applicant, name: 'Đặng Văn Đức', phone: '0987654321' } },
      sealNumber: 'NP-000777',
      weightGrams: 250,
    });
    // The administrator has not entered the pickup postage yet.
    const pickupTariff = await ctx.database.db
      .selectFrom('postal_tariffs')
      .selectAll()
      .where('service', '=', 'pickup')
      .execute();
    assert.ok(pickupTariff.length > 0);
    await ctx.database.db.deleteFrom('postal_tariffs').where('service', '=', 'pickup').execute();
    const before = await counts();
    const first = tx('collect');
    for (const clientTxId of [first, tx('collect-again')]) {
      const refused = await courier.client.post(`/api/v1/pickups/${pickup.id}/collect`, body(clientTxId));
      assert.equal(refused.statusCode, 422, refused.body);
      assert.equal(refused.json().error.code, 'NO_TARIFF');
      assert.deepEqual(await counts(), before, 'nothing committed');
    }
    const still = await ctx.database.db
      .selectFrom('pickups')
      .select(['status', 'dossier_id'])
      .where('id', '=', pickup.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(still, { status: 'booked', dossier_id: null });

    await ctx.database.db.insertInto('postal_tariffs').values(pickupTariff).execute();
    const collected = await courier.client.post(`/api/v1/pickups/${pickup.id}/collect`, body(first));
    await expectOk(collected);
    const dossierId = collected.json().dossierId;
    const retried = await courier.client.post(`/api/v1/pickups/${pickup.id}/collect`, body(first));
    await expectOk(retried);
    assert.equal(retried.json().dossierId, dossierId);
    const another = await courier.client.post(`/api/v1/pickups/${pickup.id}/collect`, body(tx('late')));
    await expectOk(another);
    assert.equal(another.json().dossierId, dossierId);
    const after = await counts();
    assert.equal(after.dossiers, before.dossiers + 1, 'one dossier');
    assert.equal(after.receipts, before.receipts + 1, 'one fee receipt');
    assert.equal(after.shipments, before.shipments + 1, 'one pickup item');
    const done = await ctx.database.db
      .selectFrom('pickups')
      .select(['status', 'dossier_id'])
      .where('id', '=', pickup.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(done, { status: 'collected', dossier_id: dossierId });
  });
});
