// Roles stay within their scope: an administrator of Bình Phước neither mints a token for nor edits an
// account outside the province, nor creates a global administrator, an agency or a site elsewhere; a
// district supervisor lists only the accounts of its district.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { makeStaff, type Staff } from './helpers/factories.ts';
import { expectOk, siteId, tx } from './helpers/fixtures.ts';

const BINH_PHUOC = '2008:70';
const DONG_NAI = '2008:75';
const BU_DOP = '2008:693';
const PASSWORD = 'Ngựa-Tía-Qua-Đèo-2026!';

let ctx: TestContext;
let provinceAdmin: Staff;

before(async () => {
  ctx = await createTestContext();
  provinceAdmin = await makeStaff(ctx, 'admin', { unit: BINH_PHUOC });
});
after(() => ctx.close());

async function count(table: 'users' | 'agencies' | 'service_points' | 'sessions' | 'audit_log') {
  return Number(
    (
      await ctx.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

function refused(response: { statusCode: number; body: string }) {
  assert.equal(response.statusCode, 403, response.body);
}

describe(`accounts within the administrator's scope on ${TEST_ENGINE}`, () => {
  it('mints a bearer token only for a partner account it manages', async () => {
    const dongNaiPartner = await makeStaff(ctx, 'partner', { unit: DONG_NAI });
    const ownPartner = await makeStaff(ctx, 'partner', { agency: '000.00.00.H10' });
    const ownClerk = await makeStaff(ctx, 'clerk', { site: 'BD-BUDANG' });
    const sessions = await count('sessions');
    refused(await provinceAdmin.client.post('/api/v1/auth/api-tokens', { userId: dongNaiPartner.userId }));
    const clerkToken = await provinceAdmin.client.post('/api/v1/auth/api-tokens', {
      userId: ownClerk.userId,
    });
    assert.equal(clerkToken.statusCode, 400, 'no token that acts as a clerk');
    assert.deepEqual(
      clerkToken.json().error.fields.map((f: { field: string }) => f.field),
      ['userId'],
    );
    assert.equal(await count('sessions'), sessions, 'no session made');
    await expectOk(
      await provinceAdmin.client.post('/api/v1/auth/api-tokens', { userId: ownPartner.userId }),
      201,
    );
  });

  it('creates no global administrator and no account outside the province; edits none there', async () => {
    const users = await count('users');
    const newUser = (username: string, roles: unknown[]) => ({
      username,
      fullName: 'Đặng Văn Đức',
      password: PASSWORD,
      roles,
    });
    refused(await provinceAdmin.client.post('/api/v1/users', newUser('qt.toanquoc', [{ role: 'admin' }])));
    refused(
      await provinceAdmin.client.post(
        '/api/v1/users',
        newUser('gdv.dongnai', [{ role: 'clerk', unitId: DONG_NAI }]),
      ),
    );
    refused(
      await provinceAdmin.client.post(
        '/api/v1/users',
        newUser('gdv.hai-noi', [
          { role: 'clerk', servicePointId: await siteId(ctx.database, 'BD-BUDANG') },
          { role: 'auditor', unitId: DONG_NAI },
        ]),
      ),
    );
    assert.equal(await count('users'), users);
    const dongNaiClerk = await makeStaff(ctx, 'clerk', { unit: DONG_NAI });
    refused(
      await provinceAdmin.client.patch(`/api/v1/users/${dongNaiClerk.userId}`, {
        fullName: 'Nguyễn Thị Ánh',
      }),
    );
    refused(await provinceAdmin.client.post(`/api/v1/users/${dongNaiClerk.userId}/unlock`));
    const ownClerk = await makeStaff(ctx, 'clerk', { site: 'BD-BUDANG' });
    // Raising one's own clerk to a global administrator is handing out a global role.
    refused(
      await provinceAdmin.client.patch(`/api/v1/users/${ownClerk.userId}`, { roles: [{ role: 'admin' }] }),
    );
    const roles = await ctx.database.db
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', ownClerk.userId)
      .execute();
    assert.deepEqual(
      roles.map((r) => r.role),
      ['clerk'],
    );
    // Within the province: allowed.
    const created = await provinceAdmin.client.post(
      '/api/v1/users',
      newUser('gdv.budang.moi', [{ role: 'clerk', servicePointId: await siteId(ctx.database, 'BD-BUDANG') }]),
    );
    await expectOk(created, 201);
    await expectOk(
      await provinceAdmin.client.patch(`/api/v1/users/${ownClerk.userId}`, { fullName: 'Nguyễn Thị Ánh' }),
    );
  });

  it('creates no agency and no service point in another province', async () => {
    const dongNaiProvince = await ctx.database.db
      .selectFrom('admin_units')
      .select('id')
      .where('id', '=', DONG_NAI)
      .executeTakeFirstOrThrow();
    const before = { agencies: await count('agencies'), sites: await count('service_points') };
    refused(
      await provinceAdmin.client.post(
        '/api/v1/agencies',
        {
          code: '000.00.90.H75',
          name: 'Sở Tư pháp tỉnh Đồng Nai',
          kind: 'department_justice',
          unitId: dongNaiProvince.id,
        },
        { 'idempotency-key': tx('agency') },
      ),
    );
    const site = {
      code: 'BD-DONGNAI-X',
      name: 'Bưu điện tỉnh Đồng Nai',
      kind: 'post_office',
      hostType: 'post_office',
      unitId: dongNaiProvince.id,
      agencyId: null,
      address: 'Biên Hòa, Đồng Nai',
      counters: 2,
      openingHours: [{ start: '07:30', end: '17:00' }],
      receivesDossiers: true,
      returnsResults: true,
      paysBenefits: false,
      collectsMoney: true,
      pilot: false,
      rolloutPhase: null,
      moveDate: null,
      notes: null,
    };
    refused(await provinceAdmin.client.post('/api/v1/service-points', site));
    // Moving one of its own sites to Đồng Nai is refused too.
    refused(
      await provinceAdmin.client.patch(`/api/v1/service-points/${await siteId(ctx.database, 'BD-BUDANG')}`, {
        unitId: dongNaiProvince.id,
      }),
    );
    assert.deepEqual({ agencies: await count('agencies'), sites: await count('service_points') }, before);
  });
});

describe(`a district supervisor sees the accounts of its district on ${TEST_ENGINE}`, () => {
  it('lists and reads only accounts with a role in Bù Đốp; the province supervisor sees both', async () => {
    const buDopOfficer = await makeStaff(ctx, 'officer', { agency: '000.00.26.H10' });
    const buDangClerk = await makeStaff(ctx, 'clerk', { site: 'BD-BUDANG' });
    const district = await makeStaff(ctx, 'supervisor', { unit: BU_DOP });
    const province = await makeStaff(ctx, 'supervisor', { unit: BINH_PHUOC });
    const listed = async (who: Staff) => {
      const response = await who.client.get('/api/v1/users?pageSize=200');
      await expectOk(response);
      const body = response.json();
      assert.equal(body.total, body.items.length);
      return new Set(body.items.map((u: { id: string }) => u.id));
    };
    const seenByDistrict = await listed(district);
    assert.ok(seenByDistrict.has(buDopOfficer.userId));
    assert.ok(!seenByDistrict.has(buDangClerk.userId), 'a Bù Đăng clerk is not listed');
    assert.ok(!seenByDistrict.has(provinceAdmin.userId), 'the province administrator is not listed');
    refused(await district.client.get(`/api/v1/users/${buDangClerk.userId}`));
    await expectOk(await district.client.get(`/api/v1/users/${buDopOfficer.userId}`));
    const seenByProvince = await listed(province);
    assert.ok(seenByProvince.has(buDopOfficer.userId) && seenByProvince.has(buDangClerk.userId));
  });
});
