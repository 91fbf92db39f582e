/**
 * Golden forms: for each edition (TT 01/2018 for a dossier of November 2019, TT 03/2025 for one of
 * November 2026), a scenario drives the API from intake to return under a fixed clock, prints every
 * form the dossiers have, reads each back with `pdftotext -layout` and compares it with the reviewed
 * text in `test/golden/<edition>/<form>.txt`. A change to a form is a change to its golden file:
 * regenerate with `MOTCUA_UPDATE_GOLDEN=1 npm test -- forms-golden`, read the diff, commit it. Page 1
 * of every form is rendered to PNG (kept under `MOTCUA_GOLDEN_PNG_DIR` when set, for a look).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { fileURLToPath } from 'node:url';
import { searchKey } from '@motcua/core';
import { hashPassword } from '../src/auth/passwords.ts';
import { newId } from '../src/db/helpers.ts';
import { insertUser } from '../src/modules/users/service.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { expectOk, intakeBody, tx } from './helpers/fixtures.ts';

const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');
const UPDATE = process.env.MOTCUA_UPDATE_GOLDEN === '1';
const PNG_DIR = process.env.MOTCUA_GOLDEN_PNG_DIR;
const work = mkdtempSync(path.join(os.tmpdir(), 'motcua-golden-'));

/** Vietnam wall time → UTC instant, for a readable fixed clock. */
const vn = (local: string) => Date.parse(`${local}+07:00`);

/** `pdftotext -layout` of the PDF, trailing spaces and blank runs trimmed (layout only, no masking). */
function layoutText(name: string, pdf: Buffer): string {
  const file = path.join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-r', '80', '-f', '1', '-l', '1', '-png', file, path.join(work, name)]);
  const png = [`${name}-1.png`, `${name}-01.png`].map((f) => path.join(work, f)).find((f) => existsSync(f));
  assert.ok(png && statSync(png).size > 5_000, `${name}: page 1 renders with ink`);
  if (PNG_DIR) {
    mkdirSync(PNG_DIR, { recursive: true });
    writeFileSync(path.join(PNG_DIR, `${name}.png`), readFileSync(png));
  }
  return `${text
    .replace(/\f/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

function compareGolden(edition: string, name: string, pdf: Buffer) {
  const actual = layoutText(`${edition}-${name}`, pdf);
  const file = path.join(GOLDEN_DIR, edition, `${name}.txt`);
  if (UPDATE) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `no golden file ${file}: run with MOTCUA_UPDATE_GOLDEN=1 and review it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `${edition}/${name} differs from its golden file`);
}

async function pdf(client: Client, url: string): Promise<Buffer> {
  const response = await client.get(url);
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  assert.equal(response.headers['content-type'], 'application/pdf');
  return response.rawPayload;
}

let ctx: TestContext;
before(async () => {
  // Every instant the server reads comes from this clock; the scenario moves it forward.
  mock.timers.enable({ apis: ['Date'], now: vn('2026-11-16T06:00:00') });
  ctx = await createTestContext();
});
after(async () => {
  await ctx?.close();
  mock.timers.reset();
  rmSync(work, { recursive: true, force: true });
});

const at = (local: string) => mock.timers.setTime(vn(local));

/** Signs in with the clock a minute on, so sign-ins never crowd one rate-limit window. */
async function signIn(username: string): Promise<Client> {
  mock.timers.setTime(Date.now() + 61_000);
  return ctx.signIn(username);
}

/**
 * The staff of a scenario, signed in again each morning (a session ends after its idle time, and
 * the fixed clock jumps days): `staff.day('2019-11-19T07:00:00')` then `staff.get('cv.budang')`.
 */
function staffOf(usernames: string[]) {
  const clients = new Map<string, Client>();
  return {
    async day(local: string) {
      at(local);
      for (const username of usernames) clients.set(username, await signIn(username));
    },
    get(username: string): Client {
      const client = clients.get(username);
      if (!client) throw new Error(`${username} is not signed in`);
      return client;
    },
  };
}

/** The 2025 organisation of the scenario: Nghĩa Trung commune (successor of Đức Liễu) in Đồng Nai. */
async function nghiaTrung(database: TestContext['database']) {
  const now = new Date().toISOString();
  const agency = newId();
  await database.db
    .insertInto('agencies')
    .values({
      id: agency,
      code: '000.17.54.H75',
      name: 'Ủy ban nhân dân xã Nghĩa Trung',
      name_key: searchKey('Ủy ban nhân dân xã Nghĩa Trung'),
      kind: 'commune_pc',
      unit_id: '2025:25417',
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const site = (
    id: string,
    code: string,
    name: string,
    kind: 'public_admin_centre' | 'cultural_post_office',
  ) => ({
    id,
    code,
    name,
    name_key: searchKey(name),
    kind,
    host_type: kind === 'public_admin_centre' ? ('government_office' as const) : ('post_office' as const),
    unit_id: '2025:25417',
    agency_id: kind === 'public_admin_centre' ? agency : null,
    address:
      kind === 'public_admin_centre'
        ? 'Ấp 3, xã Nghĩa Trung, tỉnh Đồng Nai'
        : 'Ấp 1, xã Nghĩa Trung, tỉnh Đồng Nai',
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
    created_at: now,
    updated_at: now,
  });
  const centre = newId();
  const postOffice = newId();
  await database.db
    .insertInto('service_points')
    .values([
      site(
        centre,
        'TTPVHCC-NGHIATRUNG',
        'Trung tâm Phục vụ hành chính công xã Nghĩa Trung',
        'public_admin_centre',
      ),
      site(postOffice, 'BDVHX-DUCLIEU-2025', 'Bưu điện văn hóa xã Đức Liễu', 'cultural_post_office'),
    ])
    .execute();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const user = (username: string, fullName: string, role: string, where: object) =>
    insertUser(database.db, {
      username,
      fullName,
      passwordHash,
      roles: [{ role: role as never, servicePointId: null, agencyId: null, unitId: null, ...where }],
    });
  await user('gdv.nghiatrung', 'Võ Thị Thanh Thảo', 'clerk', { servicePointId: centre });
  await user('gdv.bdvhduclieu', 'Lê Thị Thu Hương', 'clerk', { servicePointId: postOffice });
  await user('cv.nghiatrung', 'Điểu Thị Lan', 'officer', { agencyId: agency });
  await user('ld.nghiatrung', 'Trần Văn Nam', 'leader', { agencyId: agency });
  await user('admin.dongnai', 'Phan Quốc Bảo', 'admin', { unitId: '2025:75' });
  return { agency, centre, postOffice };
}

describe(`golden forms of TT 03/2025 (November 2026) on ${TEST_ENGINE}`, () => {
  const edition = 'tt03_2025';
  const forms = new Map<string, Buffer>();
  const CIVIL_STATUS = '1.004873'; // Cấp Giấy xác nhận tình trạng hôn nhân: commune, 3 working days, 3.000 đồng

  before(async () => {
    at('2026-11-16T06:30:00');
    const org = await nghiaTrung(ctx.database);
    const staff = staffOf([
      'admin.dongnai',
      'gdv.nghiatrung',
      'gdv.bdvhduclieu',
      'cv.nghiatrung',
      'ld.nghiatrung',
    ]);
    await staff.day('2026-11-16T07:00:00');
    const admin = staff.get('admin.dongnai');
    let centreClerk = staff.get('gdv.nghiatrung');
    let postClerk = staff.get('gdv.bdvhduclieu');
    let officer = staff.get('cv.nghiatrung');
    let leader = staff.get('ld.nghiatrung');
    const morning = async (local: string) => {
      await staff.day(local);
      centreClerk = staff.get('gdv.nghiatrung');
      postClerk = staff.get('gdv.bdvhduclieu');
      officer = staff.get('cv.nghiatrung');
      leader = staff.get('ld.nghiatrung');
    };
    at('2026-11-16T07:20:00');
    await expectOk(
      await admin.request({
        method: 'PUT',
        url: `/api/v1/service-points/${org.postOffice}/print-settings`,
        payload: {
          contactPhone: '0251 3500 456',
          feeCollectorName: 'Bưu điện tỉnh Đồng Nai',
          feeCollectorTaxCode: '3600100019',
          receiptFormSymbol: '01BLP0-002',
          receiptSeries: 'DN-26E',
        },
      }),
    );
    await expectOk(
      await admin.request({
        method: 'PUT',
        url: `/api/v1/service-points/${org.centre}/print-settings`,
        payload: {
          contactPhone: '0251 3600 789',
          feeCollectorName: 'Ủy ban nhân dân xã Nghĩa Trung',
          feeCollectorTaxCode: '3603000005',
          receiptFormSymbol: '01BLP0-001',
          receiptSeries: 'NT-26E',
        },
      }),
    );
    const body = async (siteCode: string, extra: Record<string, unknown> = {}) => ({
      ...(await intakeBody(ctx.database, siteCode, CIVIL_STATUS, extra)),
      applicant: {
        kind: 'person',
        name: 'Nguyễn Thị Ánh',
        idNumber: '070190001234',
        birthDate: '1990-05-12',
        sex: 'female',
        phone: '0912 345 678',
        address: 'Ấp 2, xã Nghĩa Trung, tỉnh Đồng Nai',
        unitId: '2025:25417',
      },
      ...extra,
    });

    at('2026-11-16T08:10:00');
    const a = await postClerk.post('/api/v1/dossiers', await body('BDVHX-DUCLIEU-2025'));
    await expectOk(a, 201);
    const A = a.json().id as string;
    at('2026-11-16T08:40:00');
    const b = await postClerk.post(
      '/api/v1/dossiers',
      await body('BDVHX-DUCLIEU-2025', {
        applicant: {
          kind: 'person',
          name: 'Đặng Văn Đức',
          idNumber: '070085004321',
          birthDate: '1985-02-03',
          sex: 'male',
          phone: '0987 654 321',
          address: 'Ấp 4, xã Nghĩa Trung, tỉnh Đồng Nai',
          unitId: '2025:25417',
        },
      }),
    );
    await expectOk(b, 201);
    const B = b.json().id as string;
    at('2026-11-16T09:05:00');
    const procedureId = a.json().procedureId as string;
    const slipSupplement = await postClerk.post('/api/v1/intake-slips', {
      clientTxId: tx('slip'),
      kind: 'supplement',
      siteId: org.postOffice,
      procedureId,
      applicantName: 'Trần Văn Bảy',
      applicantPhone: '0355 123 456',
      items: ['Bản sao giấy tờ chứng minh việc ly hôn (bản án, quyết định đã có hiệu lực)'],
      reason: 'Người yêu cầu đã kết hôn và ly hôn nhưng chưa có giấy tờ chứng minh',
    });
    await expectOk(slipSupplement, 201);
    at('2026-11-16T09:20:00');
    const slipRefusal = await postClerk.post('/api/v1/intake-slips', {
      clientTxId: tx('slip'),
      kind: 'refusal',
      siteId: org.postOffice,
      procedureId,
      applicantName: 'Lê Văn Tám',
      items: [],
      reason: 'Người yêu cầu cư trú tại tỉnh Bình Dương; việc xác nhận thuộc Ủy ban nhân dân xã nơi cư trú',
    });
    await expectOk(slipRefusal, 201);
    at('2026-11-16T09:30:00');
    const c = await centreClerk.post(
      '/api/v1/dossiers',
      await body('TTPVHCC-NGHIATRUNG', {
        applicant: {
          kind: 'person',
          name: 'Trần Thị Ngọc Hân',
          idNumber: '070195007788',
          birthDate: '1995-09-21',
          sex: 'female',
          phone: '0355 123 456',
          address: 'Ấp 3, xã Nghĩa Trung, tỉnh Đồng Nai',
          unitId: '2025:25417',
        },
      }),
    );
    await expectOk(c, 201);
    const C = c.json().id as string;
    at('2026-11-16T09:50:00');
    const d = await centreClerk.post(
      '/api/v1/dossiers',
      await body('TTPVHCC-NGHIATRUNG', {
        applicant: {
          kind: 'person',
          name: 'Phạm Minh Khôi',
          idNumber: '070201001357',
          birthDate: '2001-07-07',
          sex: 'male',
          phone: '0903 456 789',
          address: 'Ấp 1, xã Nghĩa Trung, tỉnh Đồng Nai',
          unitId: '2025:25417',
        },
      }),
    );
    await expectOk(d, 201);
    const D = d.json().id as string;

    at('2026-11-16T14:00:00');
    const batch = await postClerk.post('/api/v1/handover-batches', {
      clientTxId: tx('batch'),
      direction: 'to_agency',
      siteId: org.postOffice,
      agencyId: org.agency,
      dossierIds: [A, B],
      courierName: 'Điểu Minh',
    });
    await expectOk(batch, 201);
    const batchId = batch.json().id as string;
    at('2026-11-16T14:40:00');
    for (const id of [A, B]) {
      await expectOk(
        await officer.post(`/api/v1/handover-batches/${batchId}/items/${id}/confirm`, {
          clientTxId: tx('c'),
        }),
      );
    }
    forms.set('handover_manifest', await pdf(postClerk, `/api/v1/handover-batches/${batchId}/manifest.pdf`));

    at('2026-11-16T15:00:00');
    const officers = (await leader.get(`/api/v1/agencies/${org.agency}/officers`)).json();
    const officerId = officers.items.find((o: { username: string }) => o.username === 'cv.nghiatrung').id;
    for (const id of [A, B, C, D]) {
      await expectOk(await leader.post(`/api/v1/dossiers/${id}/assign`, { clientTxId: tx('a'), officerId }));
    }
    at('2026-11-16T15:30:00');
    await expectOk(
      await officer.post(`/api/v1/dossiers/${A}/supplement-request`, {
        clientTxId: tx('sr'),
        items: ['Bản sao trích lục ghi chú ly hôn'],
        reason: 'Người yêu cầu đã ly hôn tại Tòa án nhân dân tỉnh Bình Phước năm 2023',
      }),
    );
    forms.set(
      'supplement_request',
      await pdf(postClerk, `/api/v1/dossiers/${A}/forms/supplement_request.pdf`),
    );
    at('2026-11-16T16:00:00');
    await expectOk(
      await leader.post(`/api/v1/dossiers/${B}/apology`, {
        clientTxId: tx('apo'),
        reason: 'Cần xác minh tình trạng hôn nhân tại nơi cư trú trước đây (tỉnh Bình Dương)',
        newAppointmentAt: new Date(vn('2026-12-02T09:00:00')).toISOString(),
      }),
    );
    forms.set('apology', await pdf(postClerk, `/api/v1/dossiers/${B}/forms/apology.pdf`));
    at('2026-11-16T16:20:00');
    await expectOk(
      await leader.post(`/api/v1/dossiers/${C}/refuse`, {
        clientTxId: tx('rf'),
        reasons: [
          'Người yêu cầu đang có đăng ký kết hôn chưa chấm dứt; không đủ điều kiện xác nhận độc thân',
        ],
      }),
    );
    forms.set('refusal', await pdf(centreClerk, `/api/v1/dossiers/${C}/forms/refusal.pdf`));
    at('2026-11-16T16:30:00');
    await expectOk(
      await centreClerk.post(`/api/v1/dossiers/${D}/withdraw`, {
        clientTxId: tx('wd'),
        reason: 'Người yêu cầu không còn nhu cầu sử dụng giấy xác nhận',
      }),
    );
    forms.set('stop_notice', await pdf(centreClerk, `/api/v1/dossiers/${D}/forms/stop_notice.pdf`));
    forms.set('receipt_centre', await pdf(centreClerk, `/api/v1/dossiers/${D}/forms/receipt.pdf`));

    await morning('2026-11-17T07:00:00');
    at('2026-11-17T08:30:00');
    await expectOk(
      await officer.post(`/api/v1/dossiers/${A}/supplement-received`, { clientTxId: tx('rs'), note: null }),
    );
    at('2026-11-17T10:00:00');
    await expectOk(await officer.post(`/api/v1/dossiers/${A}/submit`, { clientTxId: tx('sub') }));
    at('2026-11-17T11:00:00');
    await expectOk(await leader.post(`/api/v1/dossiers/${A}/approve`, { clientTxId: tx('ap') }));
    at('2026-11-17T14:00:00');
    await expectOk(
      await officer.post(`/api/v1/dossiers/${A}/result`, {
        clientTxId: tx('r'),
        number: '45/XNTTHN',
        date: '2026-11-17',
        signer: 'Trần Văn Nam',
      }),
    );
    at('2026-11-17T14:30:00');
    const back = await officer.post('/api/v1/handover-batches', {
      clientTxId: tx('back'),
      direction: 'to_site',
      siteId: org.postOffice,
      agencyId: org.agency,
      dossierIds: [A],
      courierName: 'Điểu Minh',
    });
    await expectOk(back, 201);
    await morning('2026-11-18T07:00:00');
    at('2026-11-18T09:00:00');
    await expectOk(
      await postClerk.post(`/api/v1/handover-batches/${back.json().id}/items/${A}/confirm`, {
        clientTxId: tx('c'),
      }),
    );
    at('2026-11-18T10:15:00');
    await expectOk(
      await postClerk.post(`/api/v1/dossiers/${A}/return`, {
        clientTxId: tx('ret'),
        method: 'counter',
        collector: { name: 'Nguyễn Thị Ánh', idNumber: '070190001234', isProxy: false },
      }),
    );
    at('2026-11-18T16:00:00');
    forms.set('receipt', await pdf(postClerk, `/api/v1/dossiers/${A}/forms/receipt.pdf`));
    forms.set('fee_receipt', await pdf(postClerk, `/api/v1/dossiers/${A}/forms/fee_receipt.pdf`));
    forms.set('control_slip', await pdf(postClerk, `/api/v1/dossiers/${A}/forms/control_slip.pdf`));
    forms.set(
      'counter_supplement_request',
      await pdf(postClerk, `/api/v1/intake-slips/${slipSupplement.json().id}.pdf`),
    );
    forms.set('counter_refusal', await pdf(postClerk, `/api/v1/intake-slips/${slipRefusal.json().id}.pdf`));
    forms.set('register', await pdf(postClerk, `/api/v1/register.pdf?siteId=${org.postOffice}&year=2026`));
  });

  for (const name of [
    'receipt',
    'receipt_centre',
    'fee_receipt',
    'handover_manifest',
    'supplement_request',
    'counter_supplement_request',
    'counter_refusal',
    'refusal',
    'apology',
    'stop_notice',
    'control_slip',
    'register',
  ]) {
    it(`prints ${name} as its golden file says`, () => {
      const bytes = forms.get(name);
      assert.ok(bytes, `${name} was printed`);
      compareGolden(edition, name, bytes);
    });
  }
});
