/**
 * The two-level organisation of 1/7/2025 (docs/organisation.md): validity of agencies and sites,
 * competence carried by the procedure version, agency codes a dossier code can print, receipt
 * anywhere in the province. Each test builds what it needs on the demo (2008-era Bình Phước) plus
 * the 2025 commune bodies of Nghĩa Trung and Thiện Hưng in Đồng Nai.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { searchKey } from '@motcua/core';
import { clearGrantsCache, loadGrants } from '../src/auth/sessions.ts';
import type { Database } from '../src/db/database.ts';
import { inTransaction, newId } from '../src/db/helpers.ts';
import { clearReferenceCaches } from '../src/db/reference-cache.ts';
import { receiveDossier } from '../src/modules/dossiers/intake.ts';
import { createShipment } from '../src/modules/postal/shipments.ts';
import { insertUser } from '../src/modules/users/service.ts';
import type { Actor } from '../src/policy/policy.ts';
import { loadCatalogue2025 } from '../src/seed/catalog-2025.ts';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { intakeBody, tx } from './helpers/fixtures.ts';

const vn = (local: string) => new Date(`${local}+07:00`);
const BUSINESS_HOUSEHOLD = '1.001612'; // district until 30/6/2025, commune from 1/7/2025
const CIVIL_STATUS = '1.004873'; // commune in both eras, received only in the applicant's commune

async function actorOf(database: Database, username: string): Promise<Actor> {
  const user = await database.db
    .selectFrom('users')
    .select(['id', 'username', 'full_name'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    userId: user.id,
    username: user.username,
    fullName: user.full_name,
    grants: await loadGrants(database, user.id),
    sessionKind: 'api',
  };
}

/** A 2025 commune: its people's committee (from 1/7/2025), a public administration centre and a clerk. */
async function commune(
  database: Database,
  input: {
    unitId: string;
    agencyCode: string;
    agencyName: string;
    siteCode: string;
    siteName: string;
    clerk: string;
  },
) {
  const now = new Date().toISOString();
  const agency = newId();
  const site = newId();
  await database.db
    .insertInto('agencies')
    .values({
      id: agency,
      code: input.agencyCode,
      name: input.agencyName,
      name_key: searchKey(input.agencyName),
      kind: 'commune_pc',
      unit_id: input.unitId,
      active: 1,
      valid_from: '2025-07-01',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await database.db
    .insertInto('service_points')
    .values({
      id: site,
      code: input.siteCode,
      name: input.siteName,
      name_key: searchKey(input.siteName),
      kind: 'public_admin_centre',
      host_type: 'government_office',
      unit_id: input.unitId,
      agency_id: agency,
      address: `Trung tâm xã, ${input.siteName}`,
      counters: 2,
      opening_hours: JSON.stringify([
        { start: '07:00', end: '11:30' },
        { start: '13:00', end: '17:00' },
      ]),
      receives_dossiers: 1,
      returns_results: 1,
      pays_benefits: 0,
      collects_money: 1,
      pilot: 0,
      rollout_phase: null,
      move_date: null,
      notes: null,
      active: 1,
      valid_from: '2025-07-01',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await insertUser(database.db, {
    username: input.clerk,
    fullName: 'Võ Thị Thanh Thảo',
    passwordHash: 'x',
    roles: [{ role: 'clerk', servicePointId: site, agencyId: null, unitId: null }],
  });
  return { agency, site };
}

let ctx: TestContext;
let admin: Client;
let nghiaTrung: { agency: string; site: string };
let thienHung: { agency: string; site: string };

before(async () => {
  ctx = await createTestContext();
  nghiaTrung = await commune(ctx.database, {
    unitId: '2025:25417',
    agencyCode: '000.17.54.H75',
    agencyName: 'Ủy ban nhân dân xã Nghĩa Trung',
    siteCode: 'TTPVHCC-NGHIATRUNG',
    siteName: 'Trung tâm Phục vụ hành chính công xã Nghĩa Trung',
    clerk: 'gdv.nghiatrung',
  });
  thienHung = await commune(ctx.database, {
    unitId: '2025:25308',
    agencyCode: '000.18.54.H75',
    agencyName: 'Ủy ban nhân dân xã Thiện Hưng',
    siteCode: 'TTPVHCC-THIENHUNG',
    siteName: 'Trung tâm Phục vụ hành chính công xã Thiện Hưng',
    clerk: 'gdv.thienhung',
  });
  await inTransaction(ctx.database, (trx) => loadCatalogue2025(trx, ctx.database));
  clearReferenceCaches();
  clearGrantsCache();
  admin = await ctx.signIn('admin');
});
after(async () => {
  await ctx?.close();
});

async function receive(username: string, siteCode: string, procedureCode: string, at: Date, extra = {}) {
  const body = await intakeBody(ctx.database, siteCode, procedureCode, extra);
  const { dossier } = await receiveDossier(
    ctx.database,
    await actorOf(ctx.database, username),
    body as never,
    at,
  );
  return dossier;
}

async function agencyCodeOf(id: string) {
  return (
    await ctx.database.db.selectFrom('agencies').select('code').where('id', '=', id).executeTakeFirstOrThrow()
  ).code;
}

/** Accepts a papers-return item for a dossier at an office and reads its zone and postage. */
async function papersReturn(
  database: Database,
  input: { clerk: string; dossierId: string; officeCode: string; unitId: string; at: Date },
) {
  const office = await database.db
    .selectFrom('service_points')
    .select('id')
    .where('code', '=', input.officeCode)
    .executeTakeFirstOrThrow();
  const id = await createShipment(
    database,
    await actorOf(database, input.clerk),
    {
      clientTxId: tx('papers'),
      kind: 'papers_return',
      originSiteId: office.id,
      dossierId: input.dossierId,
      itemNumber: `TN-${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
      recipientName: 'Trần Văn Hùng',
      address: 'Thôn 3, xã Nghĩa Trung, tỉnh Đồng Nai',
      unitId: input.unitId,
      weightGrams: 300,
      payer: 'citizen',
    },
    input.at,
  );
  return database.db
    .selectFrom('shipments')
    .select(['zone', 'postage', 'delivery_site_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** A site still attached to a unit of the 2008 organisation (as a province set up before 1/7/2025 has them). */
async function siteIn2008Unit(
  database: Database,
  input: { unitId: string; code: string; name: string; clerk: string },
) {
  const now = new Date().toISOString();
  const id = newId();
  await database.db
    .insertInto('service_points')
    .values({
      id,
      code: input.code,
      name: input.name,
      name_key: searchKey(input.name),
      kind: 'cultural_post_office',
      host_type: 'post_office',
      unit_id: input.unitId,
      agency_id: null,
      address: `Ấp 1, ${input.name}`,
      counters: 1,
      opening_hours: JSON.stringify([{ start: '07:00', end: '17:00' }]),
      receives_dossiers: 1,
      returns_results: 1,
      pays_benefits: 0,
      collects_money: 0,
      pilot: 0,
      rollout_phase: null,
      move_date: null,
      notes: null,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await insertUser(database.db, {
    username: input.clerk,
    fullName: 'Lê Thị Hồng',
    passwordHash: 'x',
    roles: [{ role: 'clerk', servicePointId: id, agencyId: null, unitId: null }],
  });
  clearGrantsCache();
  return id;
}

const count = async (database: Database, table: 'dossiers' | 'shipments' | 'handover_batches') =>
  Number(
    (
      await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`competence by the procedure version on ${TEST_ENGINE}`, () => {
  it('routes the business-household registration to the district before 1/7/2025 and to the commune after', async () => {
    const june = await receive('gdv.duclieu', 'BDVHX-DUCLIEU', BUSINESS_HOUSEHOLD, vn('2025-06-20T09:00:00'));
    assert.equal(await agencyCodeOf(june.lead_agency_id), '000.00.29.H10', 'UBND huyện Bù Đăng in June 2025');
    assert.equal(june.procedure_version, 1);
    const december = await receive(
      'gdv.nghiatrung',
      'TTPVHCC-NGHIATRUNG',
      BUSINESS_HOUSEHOLD,
      vn('2026-12-07T09:00:00'),
      {
        applicant: {
          ...(await intakeBody(ctx.database, 'TTPVHCC-NGHIATRUNG', BUSINESS_HOUSEHOLD)).applicant,
          unitId: '2025:25417',
        },
      },
    );
    assert.equal(december.lead_agency_id, nghiaTrung.agency, 'UBND xã Nghĩa Trung in December 2026');
    assert.ok(december.procedure_version > 1);
    assert.match(december.code, /^000\.17\.54\.H75-261207-\d{4}$/);
  });

  it('shows both versions with their dates, levels and legal basis in the catalogue', async () => {
    const list = (await admin.get(`/api/v1/procedures?q=${BUSINESS_HOUSEHOLD}`)).json();
    const detail = (await admin.get(`/api/v1/procedures/${list.items[0].id}`)).json();
    const byVersion = new Map(detail.versions.map((v: { version: number }) => [v.version, v]));
    assert.deepEqual(
      [byVersion.get(1), byVersion.get(2)].map((v) => {
        const { validFrom, validTo, level, agencyKind } = v as Record<string, string>;
        return { validFrom, validTo, level, agencyKind };
      }),
      [
        { validFrom: '2018-01-01', validTo: '2025-06-30', level: 'district', agencyKind: 'district_pc' },
        { validFrom: '2025-07-01', validTo: null, level: 'commune', agencyKind: 'commune_pc' },
      ],
    );
    assert.ok(detail.current.legalBasis.some((l: string) => l.includes('2353/QĐ-BTC')));
  });
});

describe(`receipt regardless of administrative boundaries on ${TEST_ENGINE}`, () => {
  const thienHungApplicant = async (unitId: string) => ({
    applicant: {
      ...(await intakeBody(ctx.database, 'TTPVHCC-NGHIATRUNG', BUSINESS_HOUSEHOLD)).applicant,
      name: 'Đặng Văn Đức',
      idNumber: null,
      phone: '0987654321',
      address: 'Ấp 2, xã Thiện Hưng, tỉnh Đồng Nai',
      unitId,
    },
  });

  it('sends a business-household registration received at Nghĩa Trung for a Thiện Hưng applicant to Thiện Hưng', async () => {
    const dossier = await receive(
      'gdv.nghiatrung',
      'TTPVHCC-NGHIATRUNG',
      BUSINESS_HOUSEHOLD,
      vn('2026-12-07T10:00:00'),
      await thienHungApplicant('2025:25308'),
    );
    assert.equal(dossier.lead_agency_id, thienHung.agency);
    assert.equal(dossier.receiving_site_id, nghiaTrung.site);
    // The code is the receiving body's; the dossier travels to the competent one.
    assert.match(dossier.code, /^000\.17\.54\.H75-/);
  });

  it('reads an address entered in the 2008 organisation (Xã Thiện Hưng, Bù Đốp) as today’s commune', async () => {
    const dossier = await receive(
      'gdv.nghiatrung',
      'TTPVHCC-NGHIATRUNG',
      BUSINESS_HOUSEHOLD,
      vn('2026-12-07T10:30:00'),
      await thienHungApplicant('2008:25312'),
    );
    assert.equal(dossier.lead_agency_id, thienHung.agency);
  });

  it('keeps a procedure without province-wide receipt at the receiving commune', async () => {
    const dossier = await receive(
      'gdv.nghiatrung',
      'TTPVHCC-NGHIATRUNG',
      CIVIL_STATUS,
      vn('2026-12-07T11:00:00'),
      await thienHungApplicant('2025:25308'),
    );
    assert.equal(dossier.lead_agency_id, nghiaTrung.agency);
  });
});

describe(`land procedures to the branch of the land registration office covering the area on ${TEST_ENGINE}`, () => {
  const LAND_CHANGE = '1.013833'; // đăng ký biến động: province level from 1/7/2025, by the branch of the area
  const agencies: Record<string, string> = {};

  before(async () => {
    const now = new Date().toISOString();
    // Illustrative names and codes [unverified]: Đồng Nai's office and two of its branches by area.
    const rows = [
      {
        key: 'office',
        code: '000.01.03.H75',
        name: 'Văn phòng Đăng ký đất đai tỉnh Đồng Nai',
        kind: 'land_registration_office',
        area: [],
      },
      {
        key: 'buDang',
        code: '000.02.03.H75',
        name: 'Chi nhánh Văn phòng Đăng ký đất đai khu vực Bù Đăng',
        kind: 'land_registration_branch',
        area: ['2025:25417', '2025:25396'],
      },
      {
        key: 'buDop',
        code: '000.03.03.H75',
        name: 'Chi nhánh Văn phòng Đăng ký đất đai khu vực Bù Đốp',
        kind: 'land_registration_branch',
        area: ['2025:25308'],
      },
    ];
    await inTransaction(ctx.database, async (trx) => {
      for (const r of rows) {
        const id = newId();
        agencies[r.key] = id;
        await trx
          .insertInto('agencies')
          .values({
            id,
            code: r.code,
            name: r.name,
            name_key: searchKey(r.name),
            kind: r.kind,
            unit_id: '2025:75',
            active: 1,
            valid_from: '2025-07-01',
            created_at: now,
            updated_at: now,
          })
          .execute();
        for (const unitId of r.area)
          await trx.insertInto('agency_areas').values({ agency_id: id, unit_id: unitId }).execute();
      }
    });
    clearReferenceCaches();
  });

  const landDossier = async (unitId: string, at: string) =>
    receive('gdv.nghiatrung', 'TTPVHCC-NGHIATRUNG', LAND_CHANGE, vn(at), {
      applicant: {
        ...(await intakeBody(ctx.database, 'TTPVHCC-NGHIATRUNG', LAND_CHANGE)).applicant,
        unitId,
      },
    });

  it('sends a land dossier received at Nghĩa Trung for a Nghĩa Trung applicant to the Bù Đăng branch', async () => {
    const dossier = await landDossier('2025:25417', '2026-12-07T13:00:00');
    assert.equal(dossier.lead_agency_id, agencies.buDang);
  });

  it('sends one for a Thiện Hưng applicant, entered in either list, to the branch covering Thiện Hưng', async () => {
    assert.equal((await landDossier('2025:25308', '2026-12-07T13:10:00')).lead_agency_id, agencies.buDop);
    assert.equal((await landDossier('2008:25312', '2026-12-07T13:20:00')).lead_agency_id, agencies.buDop);
  });

  it('sends one for a commune no branch covers to the province’s office', async () => {
    assert.equal((await landDossier('2025:25390', '2026-12-07T13:30:00')).lead_agency_id, agencies.office);
  });

  it('still sends a land dossier of June 2025 to the district branch of its day', async () => {
    const june = await receive('gdv.duclieu', 'BDVHX-DUCLIEU', LAND_CHANGE, vn('2025-06-20T09:30:00'));
    const kind = await ctx.database.db
      .selectFrom('agencies')
      .select('kind')
      .where('id', '=', june.lead_agency_id)
      .executeTakeFirstOrThrow();
    assert.equal(kind.kind, 'district_land_registration_branch');
  });
});

describe(`validity in time on ${TEST_ENGINE}`, () => {
  it('refuses intake at an ended site with 422 naming its successor, in both languages', async () => {
    const old = (
      await ctx.database.db
        .selectFrom('service_points')
        .select('id')
        .where('code', '=', 'BDVHX-DUCLIEU')
        .executeTakeFirstOrThrow()
    ).id;
    const patch = await admin.patch(`/api/v1/service-points/${old}`, {
      validTo: '2025-06-30',
      successorId: nghiaTrung.site,
    });
    assert.equal(patch.statusCode, 200, patch.body);
    const body = await intakeBody(ctx.database, 'BDVHX-DUCLIEU', CIVIL_STATUS);
    const clerk = await ctx.signIn('gdv.duclieu');
    const vi = await clerk.post('/api/v1/dossiers', { ...body, clientTxId: tx() });
    assert.equal(vi.statusCode, 422, vi.body);
    assert.equal(vi.json().error.code, 'SITE_ENDED');
    assert.equal(vi.json().error.fields[0].field, 'siteId');
    assert.match(vi.json().error.message, /Trung tâm Phục vụ hành chính công xã Nghĩa Trung/);
    const en = await clerk.post(
      '/api/v1/dossiers',
      { ...body, clientTxId: tx() },
      { 'accept-language': 'en' },
    );
    assert.match(en.json().error.message, /ended after 30\/06\/2025\. Successor: Trung tâm Phục vụ/);
    // Nothing written: no dossier at the ended site.
    const count = await ctx.database.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('receiving_site_id', '=', old)
      .where('received_date', '>=', '2025-07-01')
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
    // History keeps the site as it was: a dossier of June 2025 still reads "Đức Liễu".
    await admin.patch(`/api/v1/service-points/${old}`, { validTo: null, successorId: null });
  });

  it('refuses intake when the competent agency has ended, naming its successor', async () => {
    const patch = await admin.patch(`/api/v1/agencies/${nghiaTrung.agency}`, {
      validTo: '2026-11-30',
      successorId: thienHung.agency,
    });
    assert.equal(patch.statusCode, 200, patch.body);
    try {
      await assert.rejects(
        receive('gdv.nghiatrung', 'TTPVHCC-NGHIATRUNG', CIVIL_STATUS, vn('2026-12-07T14:00:00')),
        (error: { status: number; code: string; messages: { vi: string } }) =>
          error.status === 422 &&
          error.code === 'AGENCY_ENDED' &&
          error.messages.vi.includes('Ủy ban nhân dân xã Thiện Hưng'),
      );
    } finally {
      await admin.patch(`/api/v1/agencies/${nghiaTrung.agency}`, { validTo: null, successorId: null });
    }
  });

  it('refuses an agency or site set up today in an abolished unit, naming the unit that succeeded it', async () => {
    const response = await admin.post('/api/v1/agencies', {
      code: '000.19.54.H75',
      name: 'Ủy ban nhân dân xã Đức Liễu',
      kind: 'commune_pc',
      unitId: '2008:25417',
    });
    assert.equal(response.statusCode, 422);
    assert.equal(response.json().error.code, 'UNIT_ENDED');
    assert.equal(response.json().error.fields[0].field, 'unitId');
    assert.match(response.json().error.message, /Xã Nghĩa Trung/);
  });

  it('lets the administrator of merged Bình Phước edit a site of Đồng Nai', async () => {
    const response = await admin.patch(`/api/v1/service-points/${thienHung.site}`, { counters: 3 });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().counters, 3);
  });
});

describe(`agency codes on ${TEST_ENGINE}`, () => {
  it('refuses at creation a code no dossier code could carry, naming the field', async () => {
    const response = await admin.post('/api/v1/agencies', {
      code: '000.41.00.H19',
      name: 'Ủy ban nhân dân xã Đồng Tâm',
      kind: 'commune_pc',
      unitId: '2025:25390',
    });
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(response.json().error.fields[0].field, 'code');
    const none = await ctx.database.db
      .selectFrom('agencies')
      .select('id')
      .where('code', '=', '000.41.00.H19')
      .execute();
    assert.equal(none.length, 0);
  });

  it('prints every code it accepts in a dossier code', async () => {
    const created = await admin.post('/api/v1/agencies', {
      code: '000.20.54.h75',
      name: 'Ủy ban nhân dân xã Đồng Tâm',
      kind: 'commune_pc',
      unitId: '2025:25390',
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().code, '000.20.54.H75');
    const site = await admin.post('/api/v1/service-points', {
      code: 'TTPVHCC-DONGTAM',
      name: 'Trung tâm Phục vụ hành chính công xã Đồng Tâm',
      kind: 'public_admin_centre',
      hostType: 'government_office',
      unitId: '2025:25390',
      agencyId: created.json().id,
      address: 'Ấp 1, xã Đồng Tâm, tỉnh Đồng Nai',
      counters: 2,
      openingHours: [
        { start: '07:00', end: '11:30' },
        { start: '13:00', end: '17:00' },
      ],
      receivesDossiers: true,
      returnsResults: true,
      paysBenefits: false,
      collectsMoney: true,
      pilot: false,
      rolloutPhase: null,
      moveDate: null,
      notes: null,
    });
    assert.equal(site.statusCode, 201, site.body);
    await insertUser(ctx.database.db, {
      username: 'gdv.dongtam',
      fullName: 'Nguyễn Thị Ánh',
      passwordHash: 'x',
      roles: [{ role: 'clerk', servicePointId: site.json().id, agencyId: null, unitId: null }],
    });
    const dossier = await receive('gdv.dongtam', 'TTPVHCC-DONGTAM', CIVIL_STATUS, vn('2026-12-07T15:00:00'), {
      applicant: {
        ...(await intakeBody(ctx.database, 'TTPVHCC-DONGTAM', CIVIL_STATUS)).applicant,
        unitId: '2025:25390',
      },
    });
    assert.match(dossier.code, /^000\.20\.54\.H75-261207-0001$/);
  });
});

type Ended = {
  status: number;
  code: string;
  fields: { field: string }[];
  messages: { vi: string; en: string };
};

/** The zone and postage of a return leg from an office to the same area picked in either list. */
async function zonesAcrossEras(
  database: Database,
  clerk: string,
  officeCode: string,
  dossierId: string,
  at: Date,
) {
  const priced = [];
  // Xã Đức Liễu (2008), the commune it merged into (Xã Nghĩa Trung, 2025), its 2008 district (Bù Đăng).
  for (const unitId of ['2008:25417', '2025:25417', '2008:696']) {
    const { zone, postage } = await papersReturn(database, { clerk, dossierId, officeCode, unitId, at });
    priced.push({ zone, postage });
  }
  return priced;
}

describe(`postal zones across eras on ${TEST_ENGINE}`, () => {
  it('keeps a province set up in the 2008 organisation working until its reorganisation is applied', async () => {
    // No reorganisation applied in this database: the Đức Liễu post office (Xã Đức Liễu, ended
    // 30/6/2025) still receives, as the province was set up.
    const dossier = await receive('gdv.duclieu', 'BDVHX-DUCLIEU', CIVIL_STATUS, vn('2026-12-07T08:30:00'));
    assert.equal(
      dossier.receiving_site_id,
      (
        await ctx.database.db
          .selectFrom('service_points')
          .select('id')
          .where('code', '=', 'BDVHX-DUCLIEU')
          .executeTakeFirstOrThrow()
      ).id,
    );
  });

  it('prices a return leg from an office of the 2008 organisation alike to an address picked in either list', async () => {
    const dossier = await receive('gdv.duclieu', 'BDVHX-DUCLIEU', CIVIL_STATUS, vn('2026-12-07T08:45:00'));
    const priced = await zonesAcrossEras(
      ctx.database,
      'gdv.duclieu',
      'BDVHX-DUCLIEU',
      dossier.id,
      vn('2026-12-07T09:00:00'),
    );
    assert.equal(priced[0]!.zone, 'same_district', 'Đức Liễu to Đức Liễu, both in huyện Bù Đăng');
    assert.deepEqual(
      priced[1],
      priced[0],
      'Xã Nghĩa Trung (2025) read as huyện Bù Đăng, where all it came from lay',
    );
    assert.deepEqual(priced[2], priced[0], 'the 2008 district itself');
    // A commune of another district (Xã Thiện Hưng, Bù Đốp) picked from either list prices alike too.
    const thienHung = [];
    for (const unitId of ['2008:25312', '2025:25308']) {
      const { zone, postage } = await papersReturn(ctx.database, {
        clerk: 'gdv.duclieu',
        dossierId: dossier.id,
        officeCode: 'BDVHX-DUCLIEU',
        unitId,
        at: vn('2026-12-07T09:05:00'),
      });
      thienHung.push({ zone, postage });
    }
    assert.deepEqual(thienHung[1], thienHung[0]);
    assert.equal(thienHung[0]!.zone, 'same_province');
  });

  it('prices a return leg from an office of the 2025 organisation alike to an address picked in either list', async () => {
    const dossier = await receive(
      'gdv.nghiatrung',
      'TTPVHCC-NGHIATRUNG',
      CIVIL_STATUS,
      vn('2026-12-07T09:10:00'),
      {
        applicant: {
          ...(await intakeBody(ctx.database, 'TTPVHCC-NGHIATRUNG', CIVIL_STATUS)).applicant,
          unitId: '2025:25417',
        },
      },
    );
    const priced = await zonesAcrossEras(
      ctx.database,
      'gdv.nghiatrung',
      'TTPVHCC-NGHIATRUNG',
      dossier.id,
      vn('2026-12-07T09:20:00'),
    );
    assert.equal(priced[0]!.zone, 'same_province', 'no districts in the 2025 organisation');
    assert.deepEqual(priced[1], priced[0]);
    assert.deepEqual(
      priced[2],
      priced[0],
      'a 2008 district, which has no successor, read as the province it went into',
    );
  });
});

describe(`the reorganisation of 1/7/2025 as an operation on ${TEST_ENGINE}`, () => {
  let org: TestContext;
  let admin2: Client;
  const open: { id: string; code: string; actions: number }[] = [];
  let duclieuSite: string;
  let orgNghiaTrung: { agency: string; site: string };
  let todays: { id: string };

  before(async () => {
    org = await createTestContext();
    // The successors that exist in the data: the commune committees of Nghĩa Trung (Đức Liễu merged
    // into it) and Bù Đăng (where the district's one-stop unit sat).
    orgNghiaTrung = await commune(org.database, {
      unitId: '2025:25417',
      agencyCode: '000.17.54.H75',
      agencyName: 'Ủy ban nhân dân xã Nghĩa Trung',
      siteCode: 'TTPVHCC-NGHIATRUNG',
      siteName: 'Trung tâm Phục vụ hành chính công xã Nghĩa Trung',
      clerk: 'gdv.nghiatrung',
    });
    await commune(org.database, {
      unitId: '2025:25396',
      agencyCode: '000.21.54.H75',
      agencyName: 'Ủy ban nhân dân xã Bù Đăng',
      siteCode: 'TTPVHCC-BUDANG',
      siteName: 'Trung tâm Phục vụ hành chính công xã Bù Đăng',
      clerk: 'gdv.xabudang',
    });
    await inTransaction(org.database, (trx) => loadCatalogue2025(trx, org.database));
    clearReferenceCaches();
    clearGrantsCache();
    const clerk = await actorOf(org.database, 'gdv.duclieu');
    for (const [code, at] of [
      [BUSINESS_HOUSEHOLD, '2025-06-16T09:00:00'],
      [CIVIL_STATUS, '2025-06-17T09:00:00'],
    ] as const) {
      const body = await intakeBody(org.database, 'BDVHX-DUCLIEU', code);
      const { dossier } = await receiveDossier(org.database, clerk, body as never, vn(at));
      open.push({ id: dossier.id, code: dossier.code, actions: dossier.action_count });
    }
    duclieuSite = (
      await org.database.db
        .selectFrom('service_points')
        .select('id')
        .where('code', '=', 'BDVHX-DUCLIEU')
        .executeTakeFirstOrThrow()
    ).id;
    admin2 = await org.signIn('admin');
  });
  after(async () => {
    await org?.close();
  });

  const agencyByCode = (code: string) =>
    org.database.db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirstOrThrow();

  it('previews what would change, writing nothing', async () => {
    const response = await admin2.post('/api/v1/org/reorganisations', { date: '2025-07-01', apply: false });
    assert.equal(response.statusCode, 200, response.body);
    const plan = response.json();
    assert.equal(plan.counts.dossiers, 2);
    assert.ok(plan.counts.sites >= 17, `every Bình Phước site re-attached (${plan.counts.sites})`);
    const names = Object.fromEntries(
      plan.agencies.map((a: { name: string; successorName: string }) => [a.name, a.successorName]),
    );
    assert.equal(names['Ủy ban nhân dân huyện Bù Đăng'], 'Ủy ban nhân dân xã Bù Đăng');
    assert.equal(names['Ủy ban nhân dân xã Đức Liễu'], 'Ủy ban nhân dân xã Nghĩa Trung');
    // Bodies whose successor is not in the data are named, not guessed.
    const department = plan.unresolved.find((u: { name: string }) => u.name === 'Sở Tư pháp tỉnh Bình Phước');
    // The reason in both languages (the console shows the one of its language).
    assert.deepEqual(department.reason, {
      vi: 'Không có Sở Tư pháp (department_justice) hoạt động ngày 01/07/2025 tại Tỉnh Đồng Nai hoặc cấp trên: thêm cơ quan kế thừa rồi áp dụng lại',
      en: 'No department of justice (department_justice) in force on 01/07/2025 in Tỉnh Đồng Nai or above: add the successor and apply again',
    });
    assert.equal(department.reason.vi, department.reason.vi.normalize('NFC'));
    assert.equal((await agencyByCode('000.00.29.H10')).valid_to, null);
  });

  it('applies it: sites re-attached, agencies closed, grants carried, dossiers handed over with one action each', async () => {
    const cvBefore = await org.database.db
      .selectFrom('user_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.agency_id', 'r.valid_to'])
      .where('u.username', '=', 'cv.budang')
      .execute();
    assert.equal(cvBefore.length, 1);
    const response = await admin2.post('/api/v1/org/reorganisations', { date: '2025-07-01', apply: true });
    assert.equal(response.statusCode, 200, response.body);
    const district = await agencyByCode('000.00.29.H10');
    const xaBuDang = await agencyByCode('000.21.54.H75');
    assert.equal(district.valid_to, '2025-06-30');
    assert.equal(district.successor_id, xaBuDang.id);
    const site = await org.database.db
      .selectFrom('service_points')
      .select('unit_id')
      .where('id', '=', duclieuSite)
      .executeTakeFirstOrThrow();
    assert.equal(site.unit_id, '2025:25417');
    const cvAfter = await org.database.db
      .selectFrom('user_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.agency_id', 'r.valid_from', 'r.valid_to'])
      .where('u.username', '=', 'cv.budang')
      .execute();
    // Ordered here: the engines sort nulls differently.
    cvAfter.sort((x, y) => (x.valid_from ?? '').localeCompare(y.valid_from ?? ''));
    assert.deepEqual(
      cvAfter.map((r) => [r.agency_id, r.valid_from, r.valid_to]),
      [
        [district.id, null, '2025-06-30'],
        [xaBuDang.id, '2025-07-01', null],
      ],
    );
    for (const d of open) {
      const row = await org.database.db
        .selectFrom('dossiers')
        .selectAll()
        .where('id', '=', d.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.code, d.code, 'same code');
      assert.equal(row.action_count, d.actions + 1, 'one new action');
      const last = await org.database.db
        .selectFrom('dossier_actions')
        .select(['type', 'agency_id'])
        .where('dossier_id', '=', d.id)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(last.type, 'transfer_to_successor');
      assert.equal(row.lead_agency_id, last.agency_id);
      // History keeps the body as it was: the receipt still names the agency of June 2025.
      const first = await org.database.db
        .selectFrom('dossier_actions as x')
        .innerJoin('agencies as a', 'a.id', 'x.agency_id')
        .select('a.name')
        .where('x.dossier_id', '=', d.id)
        .where('x.seq', '=', 1)
        .executeTakeFirstOrThrow();
      assert.match(first.name, /huyện Bù Đăng|xã Đức Liễu/);
    }
    // The successor's staff can now act on the handed-over dossier.
    const handed = await org.database.db
      .selectFrom('dossiers')
      .select(['lead_agency_id'])
      .where('id', '=', open[0]!.id)
      .executeTakeFirstOrThrow();
    assert.equal(handed.lead_agency_id, xaBuDang.id);
  });

  it('changes nothing when applied a second time', async () => {
    const count = async () => ({
      actions: Number(
        (
          await org.database.db
            .selectFrom('dossier_actions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      roles: Number(
        (
          await org.database.db
            .selectFrom('user_roles')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    });
    const before = await count();
    const response = await admin2.post('/api/v1/org/reorganisations', { date: '2025-07-01', apply: true });
    assert.equal(response.statusCode, 200, response.body);
    const { counts } = response.json();
    assert.deepEqual([counts.sites, counts.agencies, counts.grants, counts.dossiers], [0, 0, 0, 0]);
    assert.deepEqual(await count(), before);
  });

  it('then routes today’s business-household registration at the Đức Liễu post office to Nghĩa Trung, not the district', async () => {
    const clerk = await actorOf(org.database, 'gdv.duclieu');
    const body = await intakeBody(org.database, 'BDVHX-DUCLIEU', BUSINESS_HOUSEHOLD, {
      applicant: {
        ...(await intakeBody(org.database, 'BDVHX-DUCLIEU', BUSINESS_HOUSEHOLD)).applicant,
        unitId: '2025:25417',
      },
    });
    const { dossier } = await receiveDossier(org.database, clerk, body as never, vn('2026-12-07T09:00:00'));
    assert.equal(dossier.lead_agency_id, (await agencyByCode('000.17.54.H75')).id);
    todays = dossier;
  });

  it('refuses the closed district committee as a handover destination, naming its successor', async () => {
    const district = await agencyByCode('000.00.29.H10');
    const clerk = await org.signIn('gdv.duclieu');
    const response = await clerk.post('/api/v1/handover-batches', {
      clientTxId: tx(),
      direction: 'to_agency',
      siteId: duclieuSite,
      agencyId: district.id,
      dossierIds: [open[0]!.id],
    });
    assert.equal(response.statusCode, 422, response.body);
    assert.equal(response.json().error.code, 'AGENCY_ENDED');
    assert.match(response.json().error.message, /Ủy ban nhân dân xã Bù Đăng/);
  });

  it('then refuses intake at a site still attached to an ended unit, naming the unit that succeeded it (vi + en), writing nothing', async () => {
    await siteIn2008Unit(org.database, {
      unitId: '2008:25420',
      code: 'BDVHX-THONGNHAT',
      name: 'Bưu điện văn hóa xã Thống Nhất',
      clerk: 'gdv.thongnhat',
    });
    const before = await count(org.database, 'dossiers');
    const body = await intakeBody(org.database, 'BDVHX-THONGNHAT', CIVIL_STATUS);
    await assert.rejects(
      receiveDossier(
        org.database,
        await actorOf(org.database, 'gdv.thongnhat'),
        body as never,
        vn('2026-12-07T10:00:00'),
      ),
      (error: Ended) => {
        assert.equal(error.status, 422);
        assert.equal(error.code, 'UNIT_ENDED');
        assert.equal(error.fields[0]!.field, 'siteId');
        assert.equal(
          error.messages.vi,
          'Điểm tiếp nhận "Bưu điện văn hóa xã Thống Nhất" thuộc đơn vị hành chính "Xã Thống Nhất" đã chấm dứt hoạt động từ sau ngày 30/06/2025. Đơn vị kế thừa: Xã Phước Sơn.',
        );
        assert.match(
          error.messages.en,
          /belongs to the administrative unit "Xã Thống Nhất", which ended after 30\/06\/2025\. Successor: Xã Phước Sơn\./,
        );
        return true;
      },
    );
    assert.equal(await count(org.database, 'dossiers'), before);
  });

  it('refuses a handover to a body left open in an ended unit, naming the unit that succeeded its own', async () => {
    const department = await org.database.db
      .selectFrom('agencies')
      .select(['id', 'valid_to'])
      .where('name', '=', 'Sở Tư pháp tỉnh Bình Phước')
      .executeTakeFirstOrThrow();
    assert.equal(department.valid_to, null, 'left open: no successor in the data');
    const before = await count(org.database, 'handover_batches');
    const clerk = await org.signIn('gdv.duclieu');
    const batch = {
      direction: 'to_agency',
      siteId: duclieuSite,
      agencyId: department.id,
      dossierIds: [todays.id],
    };
    const vi = await clerk.post('/api/v1/handover-batches', { ...batch, clientTxId: tx() });
    assert.equal(vi.statusCode, 422, vi.body);
    assert.equal(vi.json().error.code, 'UNIT_ENDED');
    assert.equal(vi.json().error.fields[0].field, 'agencyId');
    assert.match(
      vi.json().error.message,
      /Cơ quan "Sở Tư pháp tỉnh Bình Phước" thuộc đơn vị hành chính "Tỉnh Bình Phước".*Đơn vị kế thừa: Tỉnh Đồng Nai\./,
    );
    const en = await clerk.post(
      '/api/v1/handover-batches',
      { ...batch, clientTxId: tx() },
      { 'accept-language': 'en' },
    );
    assert.match(en.json().error.message, /Successor: Tỉnh Đồng Nai\./);
    assert.equal(await count(org.database, 'handover_batches'), before);
  });

  it('prices a return leg from the re-attached office alike to an address picked in either list', async () => {
    const priced = await zonesAcrossEras(
      org.database,
      'gdv.duclieu',
      'BDVHX-DUCLIEU',
      todays.id,
      vn('2026-12-07T11:00:00'),
    );
    assert.equal(priced[0]!.zone, 'same_province');
    assert.deepEqual(priced[1], priced[0]);
    assert.deepEqual(priced[2], priced[0]);
  });

  it('lets a postal leg of a dossier received before an office ended start there, and refuses one received after', async () => {
    const patch = await admin2.patch(`/api/v1/service-points/${duclieuSite}`, {
      validTo: '2026-11-30',
      successorId: orgNghiaTrung.site,
    });
    assert.equal(patch.statusCode, 200, patch.body);
    try {
      // Received on 17/6/2025, before the end: its papers go back from where it was received.
      const finishing = await papersReturn(org.database, {
        clerk: 'gdv.duclieu',
        dossierId: open[1]!.id,
        officeCode: 'BDVHX-DUCLIEU',
        unitId: '2025:25417',
        at: vn('2026-12-07T14:00:00'),
      });
      assert.equal(finishing.zone, 'same_province');
      // Received on 7/12/2026, after the end recorded for the office: no new leg starts there.
      const before = await count(org.database, 'shipments');
      await assert.rejects(
        papersReturn(org.database, {
          clerk: 'gdv.duclieu',
          dossierId: todays.id,
          officeCode: 'BDVHX-DUCLIEU',
          unitId: '2025:25417',
          at: vn('2026-12-07T14:05:00'),
        }),
        (error: Ended) => {
          assert.equal(error.status, 422);
          assert.equal(error.code, 'SITE_ENDED');
          assert.equal(error.fields[0]!.field, 'originSiteId');
          assert.match(
            error.messages.vi,
            /Đơn vị kế thừa: Trung tâm Phục vụ hành chính công xã Nghĩa Trung\./,
          );
          assert.match(error.messages.en, /ended after 30\/11\/2026\. Successor: Trung tâm Phục vụ/);
          return true;
        },
      );
      assert.equal(await count(org.database, 'shipments'), before);
    } finally {
      await admin2.patch(`/api/v1/service-points/${duclieuSite}`, { validTo: null, successorId: null });
    }
  });
});

describe(`the demo on one timeline on ${TEST_ENGINE}`, () => {
  let demo: TestContext;
  let result: Awaited<ReturnType<typeof import('../src/seed/demo.ts').seedDemo>>;

  before(async () => {
    const { seedDemo } = await import('../src/seed/demo.ts');
    demo = await createTestContext({ seed: false });
    result = await seedDemo(demo.database, { provinces: ['70', '75'] }, { dossiers: true, present: true });
  });
  after(async () => {
    await demo?.close();
  });

  const dossiersWith = () =>
    demo.database.db
      .selectFrom('dossiers as d')
      .innerJoin('agencies as a', 'a.id', 'd.lead_agency_id')
      .innerJoin('service_points as s', 's.id', 'd.receiving_site_id')
      .select(['d.code', 'd.received_date', 'd.status', 'a.name as agency', 'a.valid_to', 's.code as site'])
      .execute();

  it('prints the present era’s logins first', () => {
    assert.equal(result.users[0]!.username, 'gdv.dongtam');
    const firstPilot = result.users.findIndex((u) => u.username === 'gdv.dongtien');
    const lastPresent = result.users.findIndex((u) => u.username === 'admin.dongnai');
    assert.ok(lastPresent < firstPilot);
  });

  it('has a past in 2019 and a present after 1/7/2025, each in the organisation of its day', async () => {
    const rows = await dossiersWith();
    const past = rows.filter((r) => r.received_date < '2025-07-01');
    const present = rows.filter((r) => r.received_date >= '2025-07-01');
    assert.ok(past.length > 10 && past.every((r) => r.received_date.startsWith('2019')));
    assert.ok(present.length >= 7);
    // No dossier of today is routed to a body that had ended on its day.
    for (const r of present) assert.equal(r.valid_to, null, `${r.code} → ${r.agency}`);
    // A dossier returned in 2019 keeps the body of its day (the abolished Đức Liễu commune).
    assert.ok(
      past.some((r) => r.status === 'returned' && r.agency === 'Ủy ban nhân dân xã Đức Liễu'),
      'a returned 2019 dossier of Đức Liễu',
    );
    // Received at An Lộc for a Thiện Hưng household: goes to Thiện Hưng.
    assert.ok(
      present.some((r) => r.site === 'TTPVHCC-ANLOC' && r.agency === 'Ủy ban nhân dân xã Thiện Hưng'),
    );
    assert.ok(
      present.some((r) => r.site === 'BDVHX-DUCLIEU' && r.agency === 'Ủy ban nhân dân xã Nghĩa Trung'),
    );
  });

  it('applied the reorganisation through the operation: open 2019 dossiers handed over with one action each', async () => {
    assert.ok(result.reorganisation!.dossiers > 0);
    const transfers = await demo.database.db
      .selectFrom('dossier_actions')
      .select(['dossier_id'])
      .where('type', '=', 'transfer_to_successor')
      .execute();
    assert.equal(transfers.length, result.reorganisation!.dossiers);
    assert.equal(new Set(transfers.map((t) => t.dossier_id)).size, transfers.length);
  });

  it('prints a 2025 business-household receipt naming the centre and the commune, never a district', async () => {
    const row = await demo.database.db
      .selectFrom('dossiers as d')
      .innerJoin('service_points as s', 's.id', 'd.receiving_site_id')
      .select(['d.id', 'd.code'])
      .where('s.code', '=', 'TTPVHCC-NGHIATRUNG')
      .where('d.procedure_code', '=', BUSINESS_HOUSEHOLD)
      .executeTakeFirstOrThrow();
    const clerk = await demo.signIn('gdv.nghiatrung');
    const response = await clerk.get(`/api/v1/dossiers/${row.id}/forms/receipt.pdf`);
    assert.equal(response.statusCode, 200, response.body);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-org2025-'));
    try {
      const file = path.join(dir, 'receipt.pdf');
      writeFileSync(file, response.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
      assert.match(text, /Trung tâm Phục vụ hành chính công xã Nghĩa Trung/);
      assert.match(text, /Ủy ban nhân dân xã Nghĩa Trung/iu);
      assert.doesNotMatch(text, /huyện/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
