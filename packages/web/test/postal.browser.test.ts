// The post office clerk's Bưu chính page in Chromium on the engine MOTCUA_TEST_DB names: a result
// decided at the Bù Đăng district unit waits at the Bù Đăng post office for postal return (prepared
// over HTTP); gdv.bdbudang accepts it (80 g, same district: 12.000 ₫ by the demo tariff), prints the
// consignment slip, finds it in today's dispatch list, and mistypes a check digit in "Tra số hiệu".
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { TEST_ENGINE } from '../../server/test/helpers/db.ts';
import {
  type PostalFixture,
  postalFixture,
  resultAtPostOffice,
  type ShipmentView,
  twiceFailedResult,
} from '../scripts/screenshots-light.ts';
import {
  axe,
  type BrowserHarness,
  browserUnavailable,
  settled,
  startBrowserHarness,
  storySteps,
} from './helpers/browser.ts';

const unavailable = browserUnavailable();

describe(`the Bưu chính page in Chromium on ${TEST_ENGINE}`, { skip: unavailable ?? false }, () => {
  let harness: BrowserHarness;
  let f: PostalFixture;
  let dossier: { id: string; code: string };
  let page: Page;
  let itemNumber = '';
  let courierName = '';
  /** Accepted 12 days ago, two failed attempts since: the office may return it or hold it. */
  let twiceFailed: ShipmentView;

  const step = storySteps();

  before(async () => {
    harness = await startBrowserHarness();
    f = await postalFixture(harness);
    dossier = await resultAtPostOffice(harness, f);
    twiceFailed = await twiceFailedResult(harness, f);
  });
  after(() => harness?.close());

  step('shows the result waiting at the post office, reached from the menu', async () => {
    page = await harness.pageAs('gdv.bdbudang');
    const menu = page.getByRole('navigation', { name: 'Chức năng' });
    await menu.getByRole('menuitem', { name: 'Bưu chính' }).click();
    await page.waitForURL('**/buu-chinh');
    await page.getByRole('heading', { level: 1, name: 'Bưu chính' }).waitFor();
    await page.getByRole('tab', { name: 'Chuyển phát kết quả' }).waitFor();
    await page.getByRole('link', { name: dossier.code }).waitFor();
    assert.deepEqual(await axe(page), [], 'no serious or critical accessibility problem');
  });

  step('accepts the item with the keyboard: S10 number, postage, courier, target', async () => {
    await page.getByRole('button', { name: `Nhận gửi kết quả hồ sơ ${dossier.code}` }).click();
    const dialog = page.getByRole('dialog', { name: `Nhận gửi kết quả hồ sơ ${dossier.code}` });
    await dialog.waitFor();
    const weight = dialog.getByLabel('Khối lượng (gam)');
    // The weight has the focus: type over it and press Enter.
    await page.waitForFunction(() => document.activeElement?.id === 'weightGrams');
    assert.deepEqual(await axe(page), [], 'no serious or critical accessibility problem with the form open');
    await weight.fill('80');
    const created = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/shipments',
    );
    await weight.press('Enter');
    const response = await created;
    assert.equal(response.status(), 201, await response.text());
    await dialog.waitFor({ state: 'detached' });

    const notice = page.getByTestId('accepted-shipment');
    itemNumber = ((await notice.getByTestId('item-number').textContent()) ?? '').trim();
    assert.match(itemNumber, /^EA\d{9}VN$/);
    assert.equal(((await notice.getByTestId('postage').textContent()) ?? '').trim(), '12.000 ₫');
    await notice.getByText(/^J\+1 \(/).waitFor();
    const body = (await response.json()) as { courierName: string | null };
    assert.ok(body.courierName, 'a courier of the area');
    courierName = body.courierName;
    await notice.getByText(body.courierName).waitFor();

    // The row now shows the number and the status instead of the button.
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: dossier.code }) });
    await row.getByText(itemNumber).waitFor();
    assert.equal(
      await page.getByRole('button', { name: `Nhận gửi kết quả hồ sơ ${dossier.code}` }).count(),
      0,
    );

    const href = await notice.getByRole('link', { name: 'In phiếu gửi hồ sơ' }).getAttribute('href');
    assert.ok(href);
    const slip = await page.request.get(href);
    assert.equal(slip.status(), 200);
    assert.match(slip.headers()['content-type'] ?? '', /^application\/pdf/);

    // Opened again, the page still knows the item travels: its number and status, no button.
    await page.reload();
    const again = page.getByRole('row').filter({ has: page.getByRole('link', { name: dossier.code }) });
    await again.getByText(itemNumber).waitFor();
    await again.getByText('Đã nhận gửi', { exact: true }).waitFor();
    await again.getByRole('link', { name: `In phiếu gửi hồ sơ ${itemNumber}` }).waitFor();
  });

  step('lists the item in today’s dispatch list and explains a wrong check digit', async () => {
    await page.getByRole('tab', { name: 'Danh sách trong ngày' }).click();
    await page.getByTestId('postal-dispatched').getByText(itemNumber).waitFor();
    await settled(page);
    assert.deepEqual(await axe(page), [], 'no serious or critical accessibility problem');

    const digit = Number(itemNumber[10]);
    const wrong = `${itemNumber.slice(0, 10)}${(digit + 1) % 10}${itemNumber.slice(11)}`;
    const lookup = page.getByLabel('Tra số hiệu');
    await lookup.fill(wrong);
    const answered = page.waitForResponse((r) => r.url().includes(`/api/v1/shipments/by-number/${wrong}`));
    await lookup.press('Enter');
    const response = await answered;
    assert.equal(response.status(), 400);
    const reason = ((await response.json()) as { error: { fields: { field: string; message: string }[] } })
      .error.fields[0]!;
    assert.equal(reason.field, 'itemNumber');
    await page.getByRole('alert').filter({ hasText: reason.message }).waitFor();

    // The right number finds the item.
    await lookup.fill(itemNumber);
    await lookup.press('Enter');
    await page.getByTestId('postal-lookup').getByText(itemNumber).waitFor();
  });

  step('returns an item to the sender after two failed attempts, with the reason', async () => {
    const row = page
      .getByTestId('postal-delivering')
      .getByRole('row')
      .filter({ hasText: twiceFailed.itemNumber });
    await row.getByRole('button', { name: 'Chuyển hoàn' }).click();
    const dialog = page.getByRole('dialog', { name: `Chuyển hoàn bưu gửi ${twiceFailed.itemNumber}` });
    await dialog.waitFor();
    await dialog.getByLabel('Lý do').fill('Người nhận vắng nhà hai lần, không liên lạc được');
    const recorded = page.waitForResponse((r) => r.url().endsWith(`/shipments/${twiceFailed.id}/events`));
    await dialog.getByRole('button', { name: 'Chuyển hoàn' }).click();
    const response = await recorded;
    assert.equal(response.status(), 200, await response.text());
    await dialog.waitFor({ state: 'detached' });
    assert.equal(((await response.json()) as { status: string }).status, 'returned');
    await page.getByText(`Đã ghi nhận cho bưu gửi ${twiceFailed.itemNumber}`).waitFor();
    // A fresh item (no failed attempt) offers neither action.
    const fresh = page.getByTestId('postal-dispatched').getByRole('row').filter({ hasText: itemNumber });
    assert.equal(await fresh.getByRole('button', { name: 'Chuyển hoàn' }).count(), 0);
  });

  step('shows the per-courier report and the tariffs in đồng', async () => {
    await page.getByRole('tab', { name: 'Báo cáo phát' }).click();
    await page.getByLabel('Từ ngày').waitFor();
    await page.getByRole('columnheader', { name: 'Đúng chỉ tiêu' }).waitFor();
    const courierRow = page.getByRole('row').filter({ hasText: courierName });
    await courierRow.first().waitFor();
    await page.getByRole('tab', { name: 'Bảng cước' }).click();
    await page.getByRole('cell', { name: '12.000 ₫' }).first().waitFor();
    await settled(page);
    assert.deepEqual(await axe(page), [], 'no serious or critical accessibility problem');
  });

  step('is not in the menu of a clerk of a one-stop unit hosted by the government', async () => {
    const other = await harness.newPage();
    // The hosting of the clerk's site is read from the server before the menu is final.
    const hosting = other.waitForResponse((r) => /\/api\/v1\/service-points\/[^/?]+$/.test(r.url()));
    await harness.signIn(other, 'gdv.mcbudang');
    assert.equal((await hosting).status(), 200);
    const menu = other.getByRole('navigation', { name: 'Chức năng' });
    await menu.getByRole('menuitem', { name: 'Tiếp nhận hồ sơ' }).waitFor();
    await settled(other);
    assert.equal(await menu.getByRole('menuitem', { name: 'Bưu chính' }).count(), 0);
  });
});
