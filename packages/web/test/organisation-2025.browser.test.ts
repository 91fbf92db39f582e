// The present era in the console (issue 15, docs/organisation.md), on the demo's one timeline: the
// Đồng Nai administrator previews the reorganisation of 1/7/2025 on the 'Sắp xếp tổ chức' tab and sees
// the counts the server computes and the reorganisation already applied; a clerk of the Nghĩa Trung
// public administrative service centre receives a business-household registration and the receipt
// (read with poppler's pdftotext) names the centre and the commune, never a district. On the 2018 pilot
// alone, the administrator previews, confirms and applies the reorganisation once, and it is listed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import {
  listReorganisations,
  planCounts,
  planReorganisation,
} from '../../server/src/modules/org/reorganise.ts';
import {
  type BrowserHarness,
  browserUnavailable,
  startBrowserHarness,
  storySteps,
} from './helpers/browser.ts';

const unavailable = browserUnavailable();
const work = mkdtempSync(path.join(os.tmpdir(), 'motcua-org2025-browser-'));

async function readLinkedPdf(page: Page, href: string, name: string): Promise<string> {
  const response = await page.request.get(href);
  assert.equal(response.status(), 200, `${href}: ${response.status()}`);
  assert.equal(response.headers()['content-type'], 'application/pdf');
  const file = path.join(work, `${name}.pdf`);
  writeFileSync(file, await response.body());
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** The value of a row of the preview's counts, by its label. */
async function countOf(page: Page, label: string): Promise<string> {
  const row = page.locator('.ant-descriptions-row').filter({ hasText: label });
  return ((await row.locator('.ant-descriptions-item-content').textContent()) ?? '').trim();
}

describe('the 2025 organisation in the console', { skip: unavailable ?? false }, () => {
  let harness: BrowserHarness;
  const step = storySteps();

  before(async () => {
    harness = await startBrowserHarness({ present: true });
  });
  after(async () => {
    await harness?.close();
    rmSync(work, { recursive: true, force: true });
  });

  step('the administrator previews the reorganisation of 1/7/2025 and sees its counts', async () => {
    const expected = planCounts(await planReorganisation(harness.database.db, '2025-07-01'));
    const applied = await listReorganisations(harness.database.db);
    assert.equal(applied.length, 1, 'the demo applied the reorganisation of 1/7/2025');

    const page = await harness.pageAs('admin.dongnai', '/org');
    await page.getByRole('tab', { name: 'Sắp xếp tổ chức' }).click();
    await page.getByRole('heading', { name: 'Các lần sắp xếp đã áp dụng' }).waitFor();
    // The list of reorganisations applied: the demo's, with the counts it recorded.
    const s = applied[0]!.summary as Record<string, number>;
    const historyRow = page.locator('.ant-table-row').filter({ hasText: '01/07/2025' });
    await historyRow
      .getByText(`${s.sites} điểm tiếp nhận, ${s.agencies} cơ quan, ${s.grants} quyền, ${s.dossiers} hồ sơ`)
      .waitFor();

    assert.equal(await page.locator('#reorg-date').inputValue(), '01/07/2025');
    const previewed = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/org/reorganisations') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Xem trước' }).click();
    const answer = await previewed;
    assert.equal(answer.status(), 200, await answer.text());
    assert.deepEqual((await answer.json()).counts, expected);
    await page.getByRole('heading', { name: 'Xem trước: sắp xếp tổ chức ngày 01/07/2025' }).waitFor();
    assert.equal(await countOf(page, 'Điểm tiếp nhận gắn lại đơn vị mới'), String(expected.sites));
    assert.equal(await countOf(page, 'Cơ quan đóng, có cơ quan kế thừa'), String(expected.agencies));
    assert.equal(await countOf(page, 'Quyền người dùng chuyển sang'), String(expected.grants));
    assert.equal(await countOf(page, 'Hồ sơ đang giải quyết được bàn giao'), String(expected.dossiers));
    assert.equal(await countOf(page, 'Chưa có đơn vị, cơ quan kế thừa'), String(expected.unresolved));
    // The reasons of the unresolved bodies, in the console's language (the server gives vi and en).
    const plan = await planReorganisation(harness.database.db, '2025-07-01');
    // A Bình Phước body with no successor in the demo, on the table's first page (20 a page).
    const index = plan.unresolved.findIndex((u) => u.kind === 'agency');
    const first = plan.unresolved[index];
    assert.ok(first && index < 20, 'some bodies have no successor in the demo');
    assert.match(first.reason.vi, /^Không có .* hoạt động ngày 01\/07\/2025 tại .* hoặc cấp trên/);
    const reasonRow = page.locator('.ant-table-row').filter({ hasText: first.code });
    await reasonRow.getByText(first.reason.vi, { exact: true }).waitFor();
    assert.equal(await reasonRow.getByText(first.reason.en).count(), 0, 'not the English reason');
    // Already applied: nothing left to change, so nothing to apply (a second apply would change nothing).
    const nothing = expected.sites + expected.agencies + expected.grants + expected.dossiers === 0;
    assert.ok(nothing, 'the demo applied everything that has a successor');
    await page.getByText('Không còn gì để thay đổi').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Áp dụng' }).isDisabled(), true);
    assert.equal(
      (await harness.database.db.selectFrom('org_reorganisations').select('effective_date').execute()).length,
      1,
      'the preview wrote nothing',
    );
  });

  step('the tab is not offered to a role that cannot administer', async () => {
    const page = await harness.pageAs('cv.nghiatrung', '/org?tab=reorganisations');
    await page.getByRole('tab', { name: 'Điểm tiếp nhận' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Sắp xếp tổ chức' }).count(), 0);
  });

  step(
    'a Nghĩa Trung centre clerk receives a business-household registration; the receipt names the centre and the commune',
    async () => {
      const page = await harness.pageAs('gdv.nghiatrung');
      await page.waitForURL('**/intake');
      await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
      const searched = page.waitForResponse(
        (r) =>
          r.url().includes('/api/v1/procedures?') &&
          new URL(r.url()).searchParams.get('q') === 'ho kinh doanh',
      );
      await page.keyboard.type('ho kinh doanh');
      await searched;
      await page.locator('.ant-select-item-option').filter({ hasText: '1.001612' }).waitFor();
      await page.keyboard.press('Enter');
      for (const name of [/Giấy đề nghị đăng ký hộ kinh doanh/, /Bản sao hợp lệ giấy tờ pháp lý/]) {
        await page.getByRole('checkbox', { name }).check();
      }
      await page.getByLabel('Họ và tên').fill('Đặng Văn Đức');
      await page.getByLabel('Số CCCD/CMND').fill('075088004321');
      await page.getByLabel('Ngày sinh').fill('03/09/1988');
      await page.getByLabel('Ngày sinh').press('Enter');
      await page.getByLabel('Nam', { exact: true }).check();
      await page.getByLabel('Số điện thoại').fill('0913 222 333');
      await page.getByLabel('Địa chỉ (số nhà, thôn, ấp)').fill('Thôn 4');
      const communes = page.waitForResponse(
        (r) => r.url().includes('/api/v1/units?') && r.url().includes('nghia'),
      );
      await page.getByLabel('Xã, phường, thị trấn').focus();
      await page.keyboard.type('nghia trung');
      await communes;
      await page.locator('.ant-select-item-option').filter({ hasText: 'Xã Nghĩa Trung' }).first().waitFor();
      await page.keyboard.press('Enter');
      const intake = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/dossiers') && r.request().method() === 'POST',
      );
      await page.getByLabel('Số điện thoại').press('Control+Enter');
      const received = await intake;
      assert.equal(received.status(), 201, await received.text());
      const code = ((await received.json()) as { code: string }).code;
      await page.getByTestId('dossier-code').getByText(code).waitFor();

      const href = await page
        .getByRole('link', { name: /In giấy tiếp nhận \(Mẫu 01\)/ })
        .getAttribute('href');
      const receipt = await readLinkedPdf(page, href ?? '', 'receipt');
      assert.ok(receipt.includes('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'), receipt);
      assert.ok(receipt.includes(code), 'dossier code on the receipt');
      assert.ok(receipt.includes('Đặng Văn Đức'), 'applicant on the receipt');
      assert.match(receipt, /Trung tâm Phục vụ hành chính công xã Nghĩa Trung/iu, 'the centre');
      assert.match(receipt, /Ủy ban nhân dân xã Nghĩa Trung/iu, 'the commune');
      assert.doesNotMatch(receipt, /huyện/iu, 'no district on a 2025 receipt');
    },
  );
});

describe('an administrator applies the reorganisation of 1/7/2025 to the 2018 pilot', {
  skip: unavailable ?? false,
}, () => {
  let harness: BrowserHarness;
  let page: Page;
  const step = storySteps();

  before(async () => {
    // The 2018 pilot alone: nothing of the reorganisation applied yet.
    harness = await startBrowserHarness();
  });
  after(async () => {
    await harness?.close();
  });

  step('previews: the counts are the server’s, sites and grants to carry', async () => {
    const expected = planCounts(await planReorganisation(harness.database.db, '2025-07-01'));
    assert.ok(expected.sites > 0 && expected.grants > 0, JSON.stringify(expected));
    page = await harness.pageAs('admin', '/org?tab=reorganisations');
    await page.getByText('Chưa áp dụng lần sắp xếp nào').waitFor();
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await page.getByRole('heading', { name: 'Xem trước: sắp xếp tổ chức ngày 01/07/2025' }).waitFor();
    assert.equal(await countOf(page, 'Điểm tiếp nhận gắn lại đơn vị mới'), String(expected.sites));
    assert.equal(await countOf(page, 'Quyền người dùng chuyển sang'), String(expected.grants));
    assert.equal(await countOf(page, 'Chưa có đơn vị, cơ quan kế thừa'), String(expected.unresolved));
    // The Đức Liễu cultural post office goes to Xã Nghĩa Trung.
    await page
      .locator('.ant-table-row')
      .filter({ hasText: 'Đức Liễu' })
      .filter({ hasText: 'Xã Nghĩa Trung' })
      .first()
      .waitFor();
  });

  step(
    'applies after the confirmation, once; the list shows it and a new preview has nothing left',
    async () => {
      const applies: string[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('/api/v1/org/reorganisations') && r.method() === 'POST') {
          if ((r.postDataJSON() as { apply: boolean }).apply)
            applies.push(r.headers()['idempotency-key'] ?? '');
        }
      });
      await page.getByRole('button', { name: 'Áp dụng' }).click();
      const confirm = page.locator('.ant-popconfirm');
      await confirm.getByText('Áp dụng sắp xếp tổ chức ngày 01/07/2025?').waitFor();
      assert.equal(
        (await harness.database.db.selectFrom('org_reorganisations').select('effective_date').execute())
          .length,
        0,
        'nothing applied before the confirmation',
      );
      const done = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/org/reorganisations') && r.request().method() === 'POST',
      );
      await confirm.getByRole('button', { name: 'Áp dụng' }).click();
      assert.equal((await done).status(), 200);
      await page.getByRole('heading', { name: 'Đã áp dụng: sắp xếp tổ chức ngày 01/07/2025' }).waitFor();
      const applied = await listReorganisations(harness.database.db);
      assert.equal(applied.length, 1);
      assert.equal(applies.length, 1, 'one apply request');
      assert.ok(applies[0], 'sent with an Idempotency-Key');
      const s = applied[0]!.summary as Record<string, number>;
      await page
        .locator('.ant-table-row')
        .filter({ hasText: '01/07/2025' })
        .getByText(`${s.sites} điểm tiếp nhận, ${s.agencies} cơ quan, ${s.grants} quyền, ${s.dossiers} hồ sơ`)
        .waitFor();

      await page.getByRole('button', { name: 'Xem trước' }).click();
      await page.getByRole('heading', { name: 'Xem trước: sắp xếp tổ chức ngày 01/07/2025' }).waitFor();
      await page.getByText('Không còn gì để thay đổi').waitFor();
      assert.equal(await countOf(page, 'Điểm tiếp nhận gắn lại đơn vị mới'), '0');
      assert.equal(await page.getByRole('button', { name: 'Áp dụng' }).isDisabled(), true);
    },
  );
});
