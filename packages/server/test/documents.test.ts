/**
 * Dossier documents as PDF, read back the way a reader sees them: text with poppler's pdftotext,
 * page 1 rendered with pdftoppm.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addWorkingTime, amountInWords, createWorkCalendar } from '@motcua/core';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { agencyId, expectOk, intakeBody, procedure, siteId, tx } from './helpers/fixtures.ts';

const HOUSEHOLD_BUSINESS = '1.001612';

let ctx: TestContext;
let clerk: Client;
let clerkThanhLuong: Client;
let districtClerk: Client;
let officer: Client;
let leader: Client;
const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-documents-'));

before(async () => {
  ctx = await createTestContext();
  clerk = await ctx.signIn('gdv.duclieu');
  clerkThanhLuong = await ctx.signIn('gdv.thanhluong');
  districtClerk = await ctx.signIn('gdv.mcbudang');
  officer = await ctx.signIn('cv.budang');
  leader = await ctx.signIn('ld.budang');
});
after(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
/** The text of a PDF response, whitespace folded so wrapped lines read as one. */
function pdfText(response: { rawPayload: Buffer }): string {
  const file = path.join(dir, `f${files++}.pdf`);
  writeFileSync(file, response.rawPayload);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

function expectPdf(response: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  if (response.statusCode !== 200)
    throw new Error(`expected 200, got ${response.statusCode}: ${response.body}`);
  assert.equal(response.headers['content-type'], 'application/pdf');
}

async function receive(
  client: Client,
  siteCode: string,
): Promise<{ id: string; code: string; procedureName: string }> {
  const body = await intakeBody(ctx.database, siteCode, HOUSEHOLD_BUSINESS);
  const response = await client.post('/api/v1/dossiers', body);
  await expectOk(response, 201);
  return response.json();
}

describe(`dossier documents as PDF on ${TEST_ENGINE}`, () => {
  let dossier: { id: string; code: string; procedureName: string };

  before(async () => {
    dossier = await receive(clerk, 'BDVHX-DUCLIEU');
  });

  it('prints the receipt (Mẫu 01) with the applicant, the code and the procedure in Vietnamese', async () => {
    const response = await clerk.get(`/api/v1/dossiers/${dossier.id}/forms/receipt.pdf`);
    expectPdf(response);
    assert.equal(response.headers['content-disposition'], `inline; filename="${dossier.code}-mau01.pdf"`);
    const text = pdfText(response);
    assert.ok(text.includes('Nguyễn Thị Ánh'), 'applicant name');
    assert.ok(text.includes(dossier.code), 'dossier code');
    assert.ok(text.includes('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'), 'title');
    assert.ok(text.includes(dossier.procedureName.replace(/\s+/g, ' ')), 'procedure name');
    assert.ok(text.includes('Lê Thị Thu Hương'), 'receiving officer from the receive action');
    assert.match(text, /\d{2}:\d{2}, ngày \d{2}\/\d{2}\/\d{4}/, 'times as HH:MM, ngày DD/MM/YYYY');

    const file = path.join(dir, 'receipt.pdf');
    writeFileSync(file, response.rawPayload);
    execFileSync('pdftoppm', ['-r', '100', '-f', '1', '-l', '1', '-png', file, path.join(dir, 'receipt')]);
    const png = ['receipt-1.png', 'receipt-01.png'].map((f) => path.join(dir, f)).find((f) => existsSync(f));
    assert.ok(png, 'page 1 rendered');
    assert.ok(statSync(png).size > 10_000, 'the page is not blank');
  });

  it('keeps the Đức Liễu receipt from the Thanh Lương clerk', async () => {
    const response = await clerkThanhLuong.get(`/api/v1/dossiers/${dossier.id}/forms/receipt.pdf`);
    assert.equal(response.statusCode, 403);
    const missing = await clerk.get('/api/v1/dossiers/nope/forms/receipt.pdf');
    assert.equal(missing.statusCode, 404);
    const unknownKind = await clerk.get(`/api/v1/dossiers/${dossier.id}/forms/passport.pdf`);
    assert.equal(unknownKind.statusCode, 400);
  });

  it('answers 409 in both languages for forms that do not apply yet', async () => {
    for (const kind of ['apology', 'refusal', 'supplement_request', 'stop_notice']) {
      const vi = await clerk.get(`/api/v1/dossiers/${dossier.id}/forms/${kind}.pdf`);
      assert.equal(vi.statusCode, 409, kind);
      const en = await clerk.get(`/api/v1/dossiers/${dossier.id}/forms/${kind}.pdf`, {
        'accept-language': 'en',
      });
      assert.notEqual(vi.json().error.message, en.json().error.message, `${kind}: bilingual`);
    }
  });

  it('prints the fee receipt with the amount in words when a fee was collected', async () => {
    const p = await procedure(ctx.database, HOUSEHOLD_BUSINESS);
    const response = await clerk.get(`/api/v1/dossiers/${dossier.id}/forms/fee_receipt.pdf`);
    if (p.fee === 0) {
      assert.equal(response.statusCode, 404);
      return;
    }
    expectPdf(response);
    const text = pdfText(response);
    assert.ok(text.includes('Nguyễn Thị Ánh'));
    assert.ok(text.includes(amountInWords(p.fee)), 'amount in words');
  });

  let batchId: string;
  it('lists the batch’s codes on the handover manifest, and rows of the control slip', async () => {
    const second = await receive(clerk, 'BDVHX-DUCLIEU');
    const send = await clerk.post('/api/v1/handover-batches', {
      clientTxId: tx('batch'),
      direction: 'to_agency',
      siteId: await siteId(ctx.database, 'BDVHX-DUCLIEU'),
      agencyId: await agencyId(ctx.database, '000.00.29.H10'),
      dossierIds: [dossier.id, second.id],
      courierName: 'Đặng Văn Đức',
    });
    await expectOk(send, 201);
    batchId = send.json().id;
    const manifest = await clerk.get(`/api/v1/handover-batches/${batchId}/manifest.pdf`);
    expectPdf(manifest);
    const text = pdfText(manifest);
    assert.ok(text.includes(dossier.code));
    assert.ok(text.includes(second.code));
    assert.ok(text.includes('Đặng Văn Đức'));
    assert.equal(
      (await clerkThanhLuong.get(`/api/v1/handover-batches/${batchId}/manifest.pdf`)).statusCode,
      403,
    );

    await expectOk(
      await districtClerk.post(`/api/v1/handover-batches/${batchId}/items/${dossier.id}/confirm`, {
        clientTxId: tx('confirm'),
      }),
    );
    await expectOk(
      await officer.post(`/api/v1/dossiers/${dossier.id}/steps`, {
        clientTxId: tx('s'),
        step: 'Thẩm định hồ sơ',
      }),
    );
    const slip = await officer.get(`/api/v1/dossiers/${dossier.id}/forms/control_slip.pdf`);
    expectPdf(slip);
    const slipText = pdfText(slip);
    assert.ok(slipText.includes('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ'));
    assert.ok(slipText.includes('Thẩm định hồ sơ'));
    assert.ok(slipText.includes('Lê Thị Thu Hương'), 'the clerk who handed it over');
  });

  it('prints the apology, the refusal and the supplement request from their actions', async () => {
    const atAgency = await receive(districtClerk, 'MC-BUDANG');
    const view = (await officer.get(`/api/v1/dossiers/${atAgency.id}`)).json();
    await expectOk(
      await leader.post(`/api/v1/dossiers/${atAgency.id}/apology`, {
        clientTxId: tx('apo'),
        reason: 'Cần xác minh thực địa tại thôn 3',
        // Two working days later: an appointment must be working time (calendar.md §3).
        newAppointmentAt: addWorkingTime(createWorkCalendar(), new Date(view.appointmentAt), {
          days: 2,
        }).toISOString(),
      }),
    );
    const apology = await districtClerk.get(`/api/v1/dossiers/${atAgency.id}/forms/apology.pdf`);
    expectPdf(apology);
    assert.ok(pdfText(apology).includes('Cần xác minh thực địa tại thôn 3'));

    await expectOk(
      await officer.post(`/api/v1/dossiers/${atAgency.id}/supplement-request`, {
        clientTxId: tx('sr'),
        items: ['Bản sao hợp đồng thuê địa điểm kinh doanh'],
        reason: 'Thiếu giấy tờ chứng minh địa điểm',
      }),
    );
    const supplement = await districtClerk.get(
      `/api/v1/dossiers/${atAgency.id}/forms/supplement_request.pdf`,
    );
    expectPdf(supplement);
    assert.ok(pdfText(supplement).includes('Bản sao hợp đồng thuê địa điểm kinh doanh'));

    const refused = await receive(districtClerk, 'MC-BUDANG');
    await expectOk(
      await leader.post(`/api/v1/dossiers/${refused.id}/refuse`, {
        clientTxId: tx('rf'),
        reasons: ['Ngành nghề kinh doanh thuộc danh mục cấm'],
      }),
    );
    const refusal = await districtClerk.get(`/api/v1/dossiers/${refused.id}/forms/refusal.pdf`);
    expectPdf(refusal);
    assert.ok(pdfText(refusal).includes('Ngành nghề kinh doanh thuộc danh mục cấm'));
  });

  it('prints the stop notice of a withdrawn dossier, but not for one received before TT 03/2025', async () => {
    const withdrawn = await receive(districtClerk, 'MC-BUDANG');
    await expectOk(
      await districtClerk.post(`/api/v1/dossiers/${withdrawn.id}/withdraw`, {
        clientTxId: tx('wd'),
        reason: 'Người dân xin rút hồ sơ để bổ sung ngành nghề',
      }),
    );
    const notice = await districtClerk.get(`/api/v1/dossiers/${withdrawn.id}/forms/stop_notice.pdf`);
    expectPdf(notice);
    const text = pdfText(notice);
    assert.ok(text.includes('THÔNG BÁO'));
    assert.ok(text.includes('Người dân xin rút hồ sơ để bổ sung ngành nghề'));

    await ctx.database.db
      .updateTable('dossiers')
      .set({ received_date: '2025-03-10' })
      .where('id', '=', withdrawn.id)
      .execute();
    const old = await districtClerk.get(`/api/v1/dossiers/${withdrawn.id}/forms/stop_notice.pdf`, {
      'accept-language': 'en',
    });
    assert.equal(old.statusCode, 409);
    assert.match(old.json().error.message, /TT 03\/2025/);
    const oldVi = await districtClerk.get(`/api/v1/dossiers/${withdrawn.id}/forms/stop_notice.pdf`);
    assert.match(oldVi.json().error.message, /Thông tư số 03\/2025/);
  });

  it('prints a counter slip (Mẫu 02) for its own site only', async () => {
    const p = await procedure(ctx.database, HOUSEHOLD_BUSINESS);
    const issued = await clerk.post('/api/v1/intake-slips', {
      clientTxId: tx('slip'),
      kind: 'supplement',
      siteId: await siteId(ctx.database, 'BDVHX-DUCLIEU'),
      procedureId: p.id,
      applicantName: 'Trần Văn Bảy',
      items: ['Bản sao Giấy chứng nhận quyền sử dụng đất'],
      reason: 'Chưa có giấy tờ về địa điểm kinh doanh',
    });
    await expectOk(issued, 201);
    const response = await clerk.get(`/api/v1/intake-slips/${issued.json().id}.pdf`);
    expectPdf(response);
    const text = pdfText(response);
    assert.ok(text.includes('Trần Văn Bảy'));
    assert.ok(text.includes('Bản sao Giấy chứng nhận quyền sử dụng đất'));
    assert.equal((await clerkThanhLuong.get(`/api/v1/intake-slips/${issued.json().id}.pdf`)).statusCode, 403);
  });

  it('prints the register of the year (Mẫu 07) in register-number order', async () => {
    const site = await siteId(ctx.database, 'BDVHX-DUCLIEU');
    const year = new Date().getUTCFullYear();
    const rows = await ctx.database.db
      .selectFrom('dossiers')
      .select(['code', 'register_year'])
      .where('receiving_site_id', '=', site)
      .orderBy('register_number')
      .execute();
    const response = await clerk.get(`/api/v1/register.pdf?siteId=${site}&year=${rows[0]!.register_year}`);
    expectPdf(response);
    const text = pdfText(response);
    assert.ok(text.includes('SỔ THEO DÕI HỒ SƠ'));
    const positions = rows.map((r) => text.indexOf(r.code));
    assert.ok(
      positions.every((p) => p >= 0),
      'every dossier of the site is in the register',
    );
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
      'in register-number order',
    );
    assert.equal(
      (await clerkThanhLuong.get(`/api/v1/register.pdf?siteId=${site}&year=${year}`)).statusCode,
      403,
    );
    assert.equal((await clerk.get(`/api/v1/register.pdf?siteId=${site}&year=2001`)).statusCode, 404);
  });
});

describe(`print settings at the edge on ${TEST_ENGINE}`, () => {
  let admin: Client;
  let site: string;
  const url = () => `/api/v1/service-points/${site}/print-settings`;
  const put = (client: Client, body: unknown, target = url()) =>
    client.request({ method: 'PUT', url: target, payload: body as object });
  const valid = {
    contactPhone: '0271 3500 123',
    feeCollectorName: 'Bưu điện tỉnh Bình Phước',
    feeCollectorTaxCode: '3800100016',
    receiptFormSymbol: '01blp0-001',
    receiptSeries: 'bp-26e',
  };

  before(async () => {
    admin = await ctx.signIn('admin');
    site = await siteId(ctx.database, 'BDVHX-THANHLUONG');
  });

  it('refuses what it could not print, naming the field, in both languages, writing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, feeCollectorTaxCode: '3800100017' }, 'feeCollectorTaxCode'],
      [{ ...valid, receiptSeries: 'BP-26É' }, 'receiptSeries'],
      [{ ...valid, receiptSeries: 'BP-2026-ĐỒNG-NAI' }, 'receiptSeries'],
      [{ ...valid, receiptFormSymbol: '01BLP0 001 💥' }, 'receiptFormSymbol'],
      [{ ...valid, receiptSeries: null }, 'receiptSeries'],
      [{ ...valid, feeCollectorName: null }, 'feeCollectorName'],
      [{ ...valid, feeCollectorName: 'Bưu điện\u0007 tỉnh' }, 'feeCollectorName'],
      [{ ...valid, contactPhone: '12345' }, 'contactPhone'],
    ];
    for (const [body, field] of cases) {
      const vi = await put(admin, body);
      assert.equal(vi.statusCode, 400, `${field}: ${vi.body}`);
      assert.ok(
        vi.json().error.fields.some((f: { field: string }) => f.field.endsWith(field)),
        `${field} named: ${vi.body}`,
      );
    }
    const en = await admin.request({
      method: 'PUT',
      url: url(),
      payload: { ...valid, feeCollectorTaxCode: '12' },
      headers: { 'accept-language': 'en' },
    });
    assert.equal(en.statusCode, 400);
    assert.match(en.json().error.fields[0].message, /tax code/i);
    const now = (await admin.get(url())).json();
    assert.equal(now.receiptSeries, null, 'nothing was written');
  });

  it('keeps settings to administrators of the site and answers 404 for an unknown one', async () => {
    assert.equal((await put(clerkThanhLuong, valid)).statusCode, 403);
    assert.equal((await put(admin, valid, '/api/v1/service-points/nope/print-settings')).statusCode, 404);
  });

  it('prints on the fee receipt exactly what it accepted, normalised', async () => {
    const saved = await put(admin, valid);
    await expectOk(saved);
    assert.equal(saved.json().receiptSeries, 'BP-26E');
    assert.equal(saved.json().receiptFormSymbol, '01BLP0-001');
    assert.equal(saved.json().contactPhone, '02713500123');
    const dossier = await receive(clerkThanhLuong, 'BDVHX-THANHLUONG');
    const text = pdfText(await clerkThanhLuong.get(`/api/v1/dossiers/${dossier.id}/forms/fee_receipt.pdf`));
    assert.ok(text.includes('Ký hiệu mẫu: 01BLP0-001'), text);
    assert.ok(text.includes('Ký hiệu: BP-26E'), text);
    assert.ok(text.includes('Mã số thuế: 3800100016'), text);
    assert.ok(text.includes('Bưu điện tỉnh Bình Phước'), text);
    const receipt = pdfText(await clerkThanhLuong.get(`/api/v1/dossiers/${dossier.id}/forms/receipt.pdf`));
    assert.ok(receipt.includes('BỘ PHẬN MỘT CỬA XÃ THANH LƯƠNG'), 'the site’s own name heads the receipt');
    assert.ok(!receipt.includes('BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ'), 'no hard-coded unit name');
  });
});
