// The upgrade to the "Chờ phê duyệt" status (migration 202612071900_allow_status_awaiting_approval):
// a dossier submitted under the earlier rules kept the status `processing`; after the migration its
// row says `awaiting_approval`, as the lifecycle derives it, and the leader can approve it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/demo.ts';
import { freshDatabase, TEST_ENGINE } from './helpers/db.ts';
import { expectOk, intakeBody, tx, userId } from './helpers/fixtures.ts';
import { brokenInvariants } from './helpers/invariants.ts';

const NAME = '202612071900_allow_status_awaiting_approval';

describe(`upgrade to the awaiting-approval status on ${TEST_ENGINE}`, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;

  before(async () => {
    database = await freshDatabase(migrations.filter((m) => m.name !== NAME));
    await seedDemo(database, { provinces: ['70'] });
  });
  after(() => database.dispose());

  it('moves a dossier submitted under the earlier rules to awaiting_approval, where it can be approved', async () => {
    const config = loadConfig({
      MOTCUA_DATA_DIR: '/tmp/motcua-test-data',
      MOTCUA_PUBLIC_URL: 'http://localhost',
    });
    const app = await buildApp({ database, config }, { serveWeb: false });
    try {
      const signIn = async (username: string) => {
        const r = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password: DEMO_PASSWORD },
        });
        await expectOk(r);
        return {
          cookies: Object.fromEntries(r.cookies.map((c) => [c.name, c.value])),
          csrf: r.json().csrfToken as string,
        };
      };
      const clerk = await signIn('gdv.mcbudang');
      const received = await app.inject({
        method: 'POST',
        url: '/api/v1/dossiers',
        cookies: clerk.cookies,
        headers: { 'x-csrf-token': clerk.csrf },
        payload: await intakeBody(database, 'MC-BUDANG', '1.001612'),
      });
      await expectOk(received, 201);
      const d = received.json();
      assert.equal(d.status, 'processing');
      // What the earlier code wrote for "Trình lãnh đạo": the action, the status left as it was.
      await database.db
        .insertInto('dossier_actions')
        .values({
          id: `legacy-${d.id}`,
          dossier_id: d.id,
          seq: 2,
          type: 'submit',
          at: new Date().toISOString(),
          actor_user_id: await userId(database, 'cv.budang'),
          actor_name: 'Cán bộ',
          actor_role: 'officer',
          site_id: null,
          agency_id: null,
          payload: '{}',
          client_tx_id: tx('legacy'),
        })
        .execute();
      await database.db.updateTable('dossiers').set({ action_count: 2 }).where('id', '=', d.id).execute();

      assert.deepEqual(await migrate(database), [NAME]);
      const row = await database.db
        .selectFrom('dossiers')
        .select('status')
        .where('id', '=', d.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'awaiting_approval');
      assert.deepEqual(await brokenInvariants(database), []);

      const leader = await signIn('ld.budang');
      const approved = await app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${d.id}/approve`,
        cookies: leader.cookies,
        headers: { 'x-csrf-token': leader.csrf },
        payload: { clientTxId: tx('ap') },
      });
      await expectOk(approved);
      assert.equal(approved.json().decision, 'approved');
    } finally {
      await app.close();
    }
  });
});
