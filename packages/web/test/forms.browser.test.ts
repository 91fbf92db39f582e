// A clerk prints the receipt (Mẫu 01), the fee receipt and the handover record of a dossier with a
// fee, from the links the console shows, and each PDF reads back with the applicant, the dossier code
// and the fee in figures and in words (poppler's pdftotext, as an inspector would read the paper).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import {
  type BrowserHarness,
  browserUnavailable,
  startBrowserHarness,
  storySteps,
} from './helpers/browser.ts';

const unavailable = browserUnavailable();
const work = mkdtempSync(path.join(os.tmpdir(), 'motcua-forms-browser-'));

/** Fetches what a link of the page points to, with the page's session, and reads it as text. */
async function readLinkedPdf(page: Page, href: string, name: string): Promise<string> {
  const response = await page.request.get(href);
  assert.equal(response.status(), 200, `${href}: ${response.status()}`);
  assert.equal(response.headers()['content-type'], 'application/pdf');
  const file = path.join(work, `${name}.pdf`);
  writeFileSync(file, await response.body());
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('a clerk prints the papers of a dossier with a fee', { skip: unavailable ?? false }, () => {
  let harness: BrowserHarness;
  let page: Page;
  let code = '';
  const step = storySteps();

  before(async () => {
    harness = await startBrowserHarness();
  });
  after(async () => {
    await harness?.close();
    rmSync(work, { recursive: true, force: true });
  });

  step('receives a household business registration with its 100.000 đồng fee', async () => {
    page = await harness.pageAs('gdv.duclieu');
    await page.waitForURL('**/intake');
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
    const searched = page.waitForResponse(
      (r) =>
        r.url().includes('/api/v1/procedures?') && new URL(r.url()).searchParams.get('q') === 'ho kinh doanh',
    );
    await page.keyboard.type('ho kinh doanh');
    await searched;
    await page.locator('.ant-select-item-option').filter({ hasText: '1.001612' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('fee-words').getByText('100.000 ₫ — Một trăm nghìn đồng').waitFor();
    for (const name of [/Giấy đề nghị đăng ký hộ kinh doanh/, /Bản sao hợp lệ giấy tờ pháp lý/]) {
      await page.getByRole('checkbox', { name }).check();
    }
    await page.getByLabel('Họ và tên').fill('Nguyễn Thị Ánh');
    await page.getByLabel('Số CCCD/CMND').fill('070190001234');
    await page.getByLabel('Ngày sinh').fill('12/05/1990');
    await page.getByLabel('Ngày sinh').press('Enter');
    await page.getByLabel('Nữ').check();
    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await page.getByLabel('Địa chỉ (số nhà, thôn, ấp)').fill('Thôn 3');
    const communes = page.waitForResponse(
      (r) => r.url().includes('/api/v1/units?') && r.url().includes('duc'),
    );
    await page.getByLabel('Xã, phường, thị trấn').focus();
    await page.keyboard.type('duc lieu');
    await communes;
    await page.locator('.ant-select-item-option').filter({ hasText: 'Xã Đức Liễu' }).first().waitFor();
    await page.keyboard.press('Enter');
    const intake = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/dossiers') && r.request().method() === 'POST',
    );
    await page.getByLabel('Số điện thoại').press('Control+Enter');
    const received = await intake;
    assert.equal(received.status(), 201, await received.text());
    code = ((await received.json()) as { code: string }).code;
    await page.getByTestId('dossier-code').getByText(code).waitFor();
  });

  step('prints the receipt (Mẫu 01) and the fee receipt from the links on the page', async () => {
    const receiptHref = await page
      .getByRole('link', { name: /In giấy tiếp nhận \(Mẫu 01\)/ })
      .getAttribute('href');
    const receipt = await readLinkedPdf(page, receiptHref ?? '', 'receipt');
    assert.ok(receipt.includes('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'), receipt);
    assert.ok(receipt.includes('Nguyễn Thị Ánh'), 'applicant on the receipt');
    assert.ok(receipt.includes(code), 'dossier code on the receipt');
    assert.ok(receipt.includes('BỘ PHẬN MỘT CỬA XÃ ĐỨC LIỄU'), 'the site’s own name heads the receipt');

    const feeHref = await page.getByRole('link', { name: /In biên lai/ }).getAttribute('href');
    const fee = await readLinkedPdf(page, feeHref ?? '', 'fee');
    assert.ok(fee.includes('BIÊN LAI THU PHÍ, LỆ PHÍ'), fee);
    assert.ok(fee.includes('Nguyễn Thị Ánh'), 'payer on the fee receipt');
    assert.ok(fee.includes(code), 'dossier code on the fee receipt');
    assert.ok(fee.includes('100.000 đồng'), 'amount in figures');
    assert.ok(fee.includes('Một trăm nghìn đồng'), 'amount in words');
    assert.ok(fee.includes('Ký hiệu mẫu:') && fee.includes('Mã số thuế:'), 'symbols and tax code lines');
  });

  step('hands it over and prints the handover record with the fee handed over', async () => {
    await page.getByRole('menuitem', { name: 'Bàn giao' }).click();
    const group = page.locator('.ant-card').filter({ hasText: 'Gửi Ủy ban nhân dân huyện Bù Đăng' });
    await group.getByRole('link', { name: code }).waitFor();
    await group.getByLabel('Người chuyển (bưu tá)').fill('Đặng Văn Đức');
    const batch = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/handover-batches') && r.request().method() === 'POST',
    );
    await group.getByRole('button', { name: /Lập biên bản bàn giao \(1 hồ sơ\)/ }).click();
    assert.equal((await batch).status(), 201);
    const created = page.getByRole('status').filter({ hasText: 'Đã lập biên bản BG-BDVHX-DUCLIEU-' });
    const href = await created.getByRole('link', { name: 'In biên bản' }).getAttribute('href');
    const record = await readLinkedPdf(page, href ?? '', 'manifest');
    assert.ok(record.includes('BIÊN BẢN GIAO NHẬN HỒ SƠ'), record);
    assert.ok(record.includes('Nguyễn Thị Ánh'), 'applicant on the handover record');
    assert.ok(record.includes(code), 'dossier code on the handover record');
    assert.ok(
      record.includes('Phí, lệ phí đã thu giao kèm hồ sơ: 100.000 đồng (Một trăm nghìn đồng)'),
      'fees handed over, in figures and words',
    );
  });
});
