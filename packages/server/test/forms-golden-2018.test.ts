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
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { agencyId, expectOk, intakeBody, siteId, tx } from './helpers/fixtures.ts';

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
  mock.timers.enable({ apis: ['Date'], now: vn('2019-11-18T07:30:00') });
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

describe(`golden forms of TT 01/2018 (November 2019) on ${TEST_ENGINE}`, () => {
  const edition = 'tt01_2018';
  const forms = new Map<string, Buffer>();

  before(async () => {
    const staff = staffOf(['admin', 'gdv.duclieu', 'gdv.mcbudang', 'cv.budang', 'ld.budang']);
    await staff.day('2019-11-18T07:00:00');
    const admin = staff.get('admin');
    let clerk = staff.get('gdv.duclieu');
    const unitClerk = staff.get('gdv.mcbudang');
    let officer = staff.get('cv.budang');
    let leader = staff.get('ld.budang');
    const morning = async (local: string) => {
      await staff.day(local);
      clerk = staff.get('gdv.duclieu');
      officer = staff.get('cv.budang');
      leader = staff.get('ld.budang');
    };
    const site = await siteId(ctx.database, 'BDVHX-DUCLIEU');
    const district = await agencyId(ctx.database, '000.00.29.H10');
    at('2019-11-18T07:45:00');
    await expectOk(
      await admin.request({
        method: 'PUT',
        url: `/api/v1/service-points/${site}/print-settings`,
        payload: {
          contactPhone: '0271 3500 123',
          feeCollectorName: 'Bưu điện tỉnh Bình Phước',
          feeCollectorTaxCode: '3800100016',
          receiptFormSymbol: '01BLP0-001',
          receiptSeries: 'DL-19P',
        },
      }),
    );
    await expectOk(
      await admin.request({
        method: 'PUT',
        url: `/api/v1/agencies/${district}/print-settings`,
        payload: { headerParent: null, headTitle: 'Chủ tịch', contactPhone: '0271 3870 123' },
      }),
    );

    // A: household business at the Đức Liễu cultural post office, full life with a supplement.
    at('2019-11-18T08:10:00');
    const a = await clerk.post(
      '/api/v1/dossiers',
      await intakeBody(ctx.database, 'BDVHX-DUCLIEU', '1.001612'),
    );
    await expectOk(a, 201);
    const A = a.json().id as string;
    // B: the same procedure, late at the district: the apology.
    at('2019-11-18T08:40:00');
    const b = await clerk.post(
      '/api/v1/dossiers',
      await intakeBody(ctx.database, 'BDVHX-DUCLIEU', '1.001612', {
        applicant: {
          kind: 'person',
          name: 'Đặng Văn Đức',
          idNumber: '070085004321',
          birthDate: '1985-02-03',
          sex: 'male',
          phone: '0987 654 321',
          address: 'Thôn 5, xã Đức Liễu, huyện Bù Đăng, tỉnh Bình Phước',
          unitId: '2008:25417',
        },
      }),
    );
    await expectOk(b, 201);
    const B = b.json().id as string;
    // Counter slips: nothing received, no dossier code.
    at('2019-11-18T09:05:00');
    const procedureId = a.json().procedureId as string;
    const slipSupplement = await clerk.post('/api/v1/intake-slips', {
      clientTxId: tx('slip'),
      kind: 'supplement',
      siteId: site,
      procedureId,
      applicantName: 'Trần Văn Bảy',
      applicantPhone: '0355 123 456',
      items: ['Bản sao Giấy chứng nhận quyền sử dụng đất nơi đặt địa điểm kinh doanh'],
      reason: 'Thành phần hồ sơ chưa đủ theo thủ tục đã công bố',
    });
    await expectOk(slipSupplement, 201);
    at('2019-11-18T09:20:00');
    const slipRefusal = await clerk.post('/api/v1/intake-slips', {
      clientTxId: tx('slip'),
      kind: 'refusal',
      siteId: site,
      procedureId,
      applicantName: 'Lê Văn Tám',
      items: [],
      reason:
        'Hộ kinh doanh đã được đăng ký tại huyện Lộc Ninh; thủ tục không thuộc thẩm quyền tiếp nhận tại đây',
    });
    await expectOk(slipRefusal, 201);
    // C: received at the district's own one-stop unit, refused after appraisal.
    at('2019-11-18T09:30:00');
    const c = await unitClerk.post(
      '/api/v1/dossiers',
      await intakeBody(ctx.database, 'MC-BUDANG', '1.001612', {
        applicant: {
          kind: 'person',
          name: 'Trần Thị Ngọc Hân',
          idNumber: '070195007788',
          birthDate: '1995-09-21',
          sex: 'female',
          phone: '0355 123 456',
          address: 'Khu phố Tân Hưng, thị trấn Đức Phong, huyện Bù Đăng, tỉnh Bình Phước',
          unitId: '2008:25396',
        },
      }),
    );
    await expectOk(c, 201);
    const C = c.json().id as string;

    at('2019-11-18T14:00:00');
    const batch = await clerk.post('/api/v1/handover-batches', {
      clientTxId: tx('batch'),
      direction: 'to_agency',
      siteId: site,
      agencyId: district,
      dossierIds: [A, B],
      courierName: 'Đặng Văn Đức',
    });
    await expectOk(batch, 201);
    const batchId = batch.json().id as string;
    at('2019-11-18T15:30:00');
    for (const id of [A, B]) {
      await expectOk(
        await officer.post(`/api/v1/handover-batches/${batchId}/items/${id}/confirm`, {
          clientTxId: tx('c'),
        }),
      );
    }
    forms.set('handover_manifest', await pdf(clerk, `/api/v1/handover-batches/${batchId}/manifest.pdf`));

    await morning('2019-11-19T07:00:00');
    at('2019-11-19T08:00:00');
    const officers = (await leader.get(`/api/v1/agencies/${district}/officers`)).json();
    const officerId = officers.items.find((o: { username: string }) => o.username === 'cv.budang').id;
    for (const id of [A, B, C]) {
      await expectOk(await leader.post(`/api/v1/dossiers/${id}/assign`, { clientTxId: tx('a'), officerId }));
    }
    at('2019-11-19T09:00:00');
    await expectOk(
      await officer.post(`/api/v1/dossiers/${A}/supplement-request`, {
        clientTxId: tx('sr'),
        items: ['Bản sao hợp đồng thuê địa điểm kinh doanh'],
        reason: 'Hồ sơ chưa có giấy tờ chứng minh quyền sử dụng địa điểm kinh doanh',
      }),
    );
    forms.set('supplement_request', await pdf(clerk, `/api/v1/dossiers/${A}/forms/supplement_request.pdf`));
    at('2019-11-19T10:00:00');
    await expectOk(
      await leader.post(`/api/v1/dossiers/${B}/apology`, {
        clientTxId: tx('apo'),
        reason: 'Cần xác minh địa điểm kinh doanh tại thôn 5, xã Đức Liễu',
        newAppointmentAt: new Date(vn('2019-12-04T09:00:00')).toISOString(),
      }),
    );
    forms.set('apology', await pdf(clerk, `/api/v1/dossiers/${B}/forms/apology.pdf`));
    at('2019-11-19T10:30:00');
    await expectOk(
      await leader.post(`/api/v1/dossiers/${C}/refuse`, {
        clientTxId: tx('rf'),
        reasons: ['Ngành nghề đăng ký (kinh doanh pháo) thuộc danh mục ngành, nghề cấm đầu tư kinh doanh'],
      }),
    );
    forms.set('refusal', await pdf(leader, `/api/v1/dossiers/${C}/forms/refusal.pdf`));

    await morning('2019-11-20T07:00:00');
    at('2019-11-20T08:30:00');
    await expectOk(
      await officer.post(`/api/v1/dossiers/${A}/supplement-received`, { clientTxId: tx('rs'), note: null }),
    );
    at('2019-11-20T10:00:00');
    await expectOk(await officer.post(`/api/v1/dossiers/${A}/submit`, { clientTxId: tx('sub') }));
    at('2019-11-20T11:00:00');
    await expectOk(await leader.post(`/api/v1/dossiers/${A}/approve`, { clientTxId: tx('ap') }));
    at('2019-11-20T14:00:00');
    await expectOk(
      await officer.post(`/api/v1/dossiers/${A}/result`, {
        clientTxId: tx('r'),
        number: '125/GCN-HKD',
        date: '2019-11-20',
        signer: 'Nguyễn Văn Lợi',
      }),
    );
    at('2019-11-20T14:30:00');
    const back = await officer.post('/api/v1/handover-batches', {
      clientTxId: tx('back'),
      direction: 'to_site',
      siteId: site,
      agencyId: district,
      dossierIds: [A],
      courierName: 'Đặng Văn Đức',
    });
    await expectOk(back, 201);
    await morning('2019-11-21T07:00:00');
    at('2019-11-21T09:00:00');
    await expectOk(
      await clerk.post(`/api/v1/handover-batches/${back.json().id}/items/${A}/confirm`, {
        clientTxId: tx('c'),
      }),
    );
    at('2019-11-21T10:15:00');
    await expectOk(
      await clerk.post(`/api/v1/dossiers/${A}/return`, {
        clientTxId: tx('ret'),
        method: 'counter',
        collector: { name: 'Nguyễn Thị Ánh', idNumber: '070190001234', isProxy: false },
      }),
    );
    at('2019-11-21T16:00:00');
    forms.set('receipt', await pdf(clerk, `/api/v1/dossiers/${A}/forms/receipt.pdf`));
    forms.set('fee_receipt', await pdf(clerk, `/api/v1/dossiers/${A}/forms/fee_receipt.pdf`));
    forms.set('control_slip', await pdf(clerk, `/api/v1/dossiers/${A}/forms/control_slip.pdf`));
    forms.set(
      'counter_supplement_request',
      await pdf(clerk, `/api/v1/intake-slips/${slipSupplement.json().id}.pdf`),
    );
    forms.set('counter_refusal', await pdf(clerk, `/api/v1/intake-slips/${slipRefusal.json().id}.pdf`));
    forms.set('register', await pdf(clerk, `/api/v1/register.pdf?siteId=${site}&year=2019`));
    const stop = await clerk.get(`/api/v1/dossiers/${A}/forms/stop_notice.pdf`);
    assert.equal(stop.statusCode, 409, 'the 2018 set has no stop notice');
  });

  for (const name of [
    'receipt',
    'fee_receipt',
    'handover_manifest',
    'supplement_request',
    'counter_supplement_request',
    'counter_refusal',
    'refusal',
    'apology',
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
