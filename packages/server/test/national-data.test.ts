// National data only for a national administrator (issue 13, docs/security.md): the procedure
// catalogue and calendar days with no unit belong to no province, so only an administrator holding the
// role everywhere changes them. The demo's Bình Phước administrator (`admin`, role at unit 70) is
// refused with 403, a message in Vietnamese and English, and nothing written; the demo's national
// administrator (`admin.toanquoc`) does each of them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemo } from '../src/seed/demo.ts';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { expectOk, procedure } from './helpers/fixtures.ts';

let ctx: TestContext;
let provincial: Client;
let national: Client;

before(async () => {
  ctx = await createTestContext();
  provincial = await ctx.signIn('admin');
  national = await ctx.signIn('admin.toanquoc');
});
after(() => ctx.close());

async function count(table: 'procedures' | 'procedure_versions' | 'calendar_overrides' | 'audit_log') {
  const row = await ctx.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const TABLES = ['procedures', 'procedure_versions', 'calendar_overrides', 'audit_log'] as const;
const counts = async () => Promise.all(TABLES.map(count));

/** A 403 of the national rule, its message in both languages. */
async function refusedNationally(
  send: (headers: Record<string, string>) => Promise<{ statusCode: number; body: string }>,
) {
  const vi = await send({});
  assert.equal(vi.statusCode, 403, vi.body);
  const viError = JSON.parse(vi.body).error;
  assert.equal(viError.code, 'FORBIDDEN');
  assert.match(viError.message, /quản trị viên toàn quốc/);
  const en = await send({ 'accept-language': 'en' });
  assert.equal(en.statusCode, 403, en.body);
  assert.match(JSON.parse(en.body).error.message, /holding the role nationwide/);
}

const newProcedure = {
  code: '9.000777',
  fieldCode: 'TP',
  fieldName: 'Tư pháp',
  level: 'district',
  agencyKind: 'district_pc',
  name: 'Chứng thực chữ ký người dịch',
  validFrom: '2026-01-01',
  documents: [],
  processing: { unit: 'working_days', amount: 1, note: null },
  decidedOnTheSpot: false,
  fees: [],
  channels: ['counter'],
  postalExcluded: false,
  resultType: 'Bản dịch được chứng thực',
  legalBasis: [],
  sources: [],
  notes: null,
};

describe(`national data on ${TEST_ENGINE}`, () => {
  it('refuses the administrator of a province every change of the catalogue, writing nothing', async () => {
    const before = await counts();
    const p = await procedure(ctx.database, '1.001612');
    const {
      version: _v,
      createdAt: _c,
      ...fields
    } = (await provincial.get(`/api/v1/procedures/${p.id}`)).json().current;
    await refusedNationally((headers) => provincial.post('/api/v1/procedures', newProcedure, headers));
    await refusedNationally((headers) =>
      provincial.post(`/api/v1/procedures/${p.id}/versions`, { ...fields, resultType: 'Đổi' }, headers),
    );
    await refusedNationally((headers) =>
      provincial.patch(`/api/v1/procedures/${p.id}`, { active: false }, headers),
    );
    assert.deepEqual(await counts(), before, 'no procedure, version, override or audit row written');
    const after = await procedure(ctx.database, '1.001612');
    assert.equal(after.active, p.active);
    assert.equal(after.current_version, p.current_version);
  });

  it('refuses the administrator of a province a national day, set or deleted; their own province’s day they keep', async () => {
    const made = await national.post('/api/v1/calendar/overrides', {
      entries: [{ date: '2026-09-01', kind: 'off', reason: 'Nghỉ lễ Quốc khánh' }],
    });
    await expectOk(made, 201);
    const listed = (await provincial.get('/api/v1/calendar/overrides?year=2026')).json().items as {
      id: string;
      date: string;
      unitId: string | null;
    }[];
    const nationalDay = listed.find((o) => o.date === '2026-09-01' && o.unitId === null)!;
    assert.ok(nationalDay, 'the province administrator still reads the national days');
    const before = await counts();
    await refusedNationally((headers) =>
      provincial.post(
        '/api/v1/calendar/overrides',
        { entries: [{ date: '2026-12-31', kind: 'off', reason: 'Nghỉ bù' }] },
        headers,
      ),
    );
    // One entry of the province and one national: all or nothing, so nothing.
    await refusedNationally((headers) =>
      provincial.post(
        '/api/v1/calendar/overrides',
        {
          entries: [
            { date: '2026-10-14', kind: 'off', reason: 'Kỷ niệm ngày thành lập tỉnh', unitId: '2008:70' },
            { date: '2026-12-31', kind: 'off', reason: 'Nghỉ bù' },
          ],
        },
        headers,
      ),
    );
    await refusedNationally((headers) =>
      provincial.request({ method: 'DELETE', url: `/api/v1/calendar/overrides/${nationalDay.id}`, headers }),
    );
    assert.deepEqual(await counts(), before, 'no override written or deleted, no audit row');
    // A day of Bình Phước stays with its administrator.
    await expectOk(
      await provincial.post('/api/v1/calendar/overrides', {
        entries: [
          { date: '2026-10-14', kind: 'off', reason: 'Kỷ niệm ngày thành lập tỉnh', unitId: '2008:70' },
        ],
      }),
      201,
    );
  });

  it('lets the national administrator change the catalogue and the national days', async () => {
    const p = await procedure(ctx.database, '1.001612');
    const {
      version: _v,
      createdAt: _c,
      ...fields
    } = (await national.get(`/api/v1/procedures/${p.id}`)).json().current;
    await expectOk(await national.post('/api/v1/procedures', newProcedure), 201);
    await expectOk(
      await national.post(`/api/v1/procedures/${p.id}/versions`, { ...fields, validFrom: '2026-12-01' }),
      201,
    );
    await expectOk(await national.patch(`/api/v1/procedures/${p.id}`, { active: false }));
    await expectOk(await national.patch(`/api/v1/procedures/${p.id}`, { active: true }));
    const made = await national.post('/api/v1/calendar/overrides', {
      entries: [{ date: '2026-12-31', kind: 'off', reason: 'Nghỉ bù' }],
    });
    await expectOk(made, 201);
    const day = (
      (await national.get('/api/v1/calendar/overrides?year=2026')).json().items as {
        id: string;
        date: string;
        unitId: string | null;
      }[]
    ).find((o) => o.date === '2026-12-31' && o.unitId === null)!;
    const deleted = await national.request({ method: 'DELETE', url: `/api/v1/calendar/overrides/${day.id}` });
    assert.equal(deleted.statusCode, 204, deleted.body);
  });

  it('gives the demo a national administrator in both eras, listed among the logins', async () => {
    const me = (await national.get('/api/v1/auth/me')).json().user;
    assert.deepEqual(
      me.roles.map((r: { role: string; servicePoint: unknown; agency: unknown; unit: unknown }) => [
        r.role,
        r.servicePoint,
        r.agency,
        r.unit,
      ]),
      [['admin', null, null, null]],
    );
    // The demo already loaded here: seedDemo lists its logins (what `npm start` prints).
    for (const present of [false, true]) {
      const { users } = await seedDemo(ctx.database, {}, { present });
      const listed = users.find((u) => u.username === 'admin.toanquoc');
      assert.deepEqual(listed?.roles, ['admin (toàn quốc)'], `present: ${present}`);
    }
  });
});
