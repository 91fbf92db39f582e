// The citizen pages (/tra-cuu, /tra-cuu/<token>, /dat-lich) in Chromium at 360×740: lookup by code
// and digits, the page behind the receipt's QR with the postal tracking, the one-time rating, axe.
// Run with MOTCUA_TEST_DB=postgres for PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { TEST_ENGINE } from '../../server/test/helpers/db.ts';
import { intakeBody, tx } from '../../server/test/helpers/fixtures.ts';
import {
  DAY,
  PHONE,
  type PostalFixture,
  postalFixture,
  resultAtPostOffice,
  type ShipmentView,
  shipResult,
} from '../scripts/screenshots-light.ts';
import { axe, type BrowserHarness, browserUnavailable, startBrowserHarness } from './helpers/browser.ts';

const unavailable = browserUnavailable('citizen.html');

const CODE = 'Mã hồ sơ';
const DIGITS = '4 số cuối điện thoại hoặc CCCD';

describe(`citizen pages in Chromium on ${TEST_ENGINE}`, { skip: unavailable ?? false }, () => {
  let harness: BrowserHarness;
  let f: PostalFixture;
  /** Delivered by post after a failed attempt, so returned and open to rating. */
  let delivered: { id: string; code: string; lookupToken: string };
  let shipment: ShipmentView;

  before(async () => {
    harness = await startBrowserHarness();
    f = await postalFixture(harness);
    delivered = await resultAtPostOffice(harness, f);
    shipment = await shipResult(harness, f, delivered.id, new Date(Date.now() - 7 * DAY));
    for (const body of [
      {
        clientTxId: tx('fail'),
        type: 'failed_attempt',
        at: new Date(Date.now() - 6 * DAY).toISOString(),
        payload: { reason: 'Vắng nhà' },
      },
      {
        clientTxId: tx('deliver'),
        type: 'delivered',
        payload: { recipientName: 'Nguyễn Thị Ánh', idLast4: '1234' },
      },
    ]) {
      const answer = await f.courier.call('POST', `/shipments/${shipment.id}/events`, body);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    }
  });
  after(() => harness?.close());

  const lookupPage = async () => {
    const page = await harness.newPage(PHONE);
    await page.goto('/tra-cuu');
    await page.getByRole('heading', { name: 'Tra cứu hồ sơ', level: 1 }).waitFor();
    return page;
  };
  const submitLookup = async (page: Page, code: string, digits: string) => {
    await page.getByLabel(CODE).fill(code);
    await page.getByLabel(DIGITS).fill(digits);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
  };

  it('looks up by code: wrong digits get the not-found message, the right ones open the dossier', async () => {
    const page = await lookupPage();
    assert.equal(await page.getByLabel(DIGITS).getAttribute('inputmode'), 'numeric');
    assert.deepEqual(await axe(page), []);
    await submitLookup(page, delivered.code, '12');
    await page.locator('#verifier-error').getByText('Nhập đúng 4 chữ số').waitFor();
    await submitLookup(page, delivered.code, '0000');
    const alert = page
      .getByRole('alert')
      .getByText('Không tìm thấy hồ sơ với mã và số kiểm tra này', { exact: false });
    await alert.waitFor();
    // The last 4 digits of the applicant's phone (0912 345 678), with a lower-case code.
    await submitLookup(page, ` ${delivered.code.toLowerCase()} `, '5678');
    await page.waitForURL(`**/tra-cuu/${delivered.lookupToken}`);
    await page.getByRole('heading', { name: 'Quá trình xử lý' }).waitFor();
    assert.equal((await page.getByTestId('status').textContent()) ?? '', 'Đã trả kết quả');
  });

  it('shows the dossier behind the QR token: status, timeline and the postal tracking', async () => {
    const page = await harness.newPage(PHONE);
    await page.goto(`/tra-cuu/${delivered.lookupToken}`);
    await page.getByRole('heading', { name: 'Quá trình xử lý' }).waitFor();
    const timeline = page.getByRole('region', { name: 'Quá trình xử lý' });
    await timeline.getByText('Tiếp nhận hồ sơ').waitFor();
    await timeline.getByText('Trả kết quả cho người dân').waitFor();
    const body = (await page.locator('main').textContent()) ?? '';
    assert.ok(!body.includes('Nguyễn Thị Ánh'), 'no full name on the public page');
    assert.ok(body.includes('N.T.A.'));
    const delivery = page.getByTestId('delivery');
    await delivery.getByText(shipment.itemNumber).waitFor();
    await delivery.getByText('Phát không thành công').waitFor();
    await delivery.getByText('Vắng nhà', { exact: false }).waitFor();
    await delivery.getByText('Đã phát thành công').waitFor();
    // Returned: no delivery change any more.
    assert.equal(await page.getByText('Đổi địa chỉ nhận hoặc nhận tại quầy').count(), 0);
    assert.deepEqual(await axe(page), []);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await page.getByTestId('delivery').getByText('Delivery attempt failed').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Quá trình xử lý' }).waitFor();
  });

  it('lists the papers to bring for a supplement, by when and where', async () => {
    const body = await intakeBody(harness.database, 'MC-BUDANG', '1.001612');
    const received = await f.clerk.call('POST', '/dossiers', body);
    assert.equal(received.status, 201, JSON.stringify(received.body));
    const dossier = received.body as { id: string; lookupToken: string };
    const items = ['Bản sao hợp đồng thuê địa điểm kinh doanh', 'Giấy ủy quyền có chứng thực'];
    const dueDate = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
    const asked = await f.officer.call('POST', `/dossiers/${dossier.id}/supplement-request`, {
      clientTxId: tx('sr'),
      items,
      reason: 'Thiếu giấy tờ chứng minh địa điểm kinh doanh',
      dueDate,
    });
    assert.equal(asked.status, 200, JSON.stringify(asked.body));
    const page = await harness.newPage(PHONE);
    await page.goto(`/tra-cuu/${dossier.lookupToken}`);
    const card = page.getByTestId('supplement');
    await card.getByRole('heading', { name: 'Giấy tờ cần bổ sung' }).waitFor();
    assert.deepEqual(await card.getByRole('listitem').allTextContents(), items);
    await card.getByText(dueDate.split('-').reverse().join('/'), { exact: true }).waitFor();
    const site = await harness.database.db
      .selectFrom('service_points')
      .select(['name', 'address'])
      .where('code', '=', 'MC-BUDANG')
      .executeTakeFirstOrThrow();
    await card.getByText(site.name, { exact: false }).first().waitFor();
    await card.getByText(site.address, { exact: true }).waitFor();
    assert.deepEqual(await axe(page), []);
  });

  it('rates the returned dossier once', async () => {
    const page = await harness.newPage(PHONE);
    await page.goto(`/tra-cuu/${delivered.lookupToken}`);
    const form = page.getByRole('form', { name: 'Đánh giá chất lượng phục vụ' });
    await form.waitFor();
    const criteria = form.locator('fieldset');
    const count = await criteria.count();
    assert.ok(count >= 7, `${count} criteria`);
    for (let i = 0; i < count; i++) await criteria.nth(i).getByLabel('Tốt', { exact: true }).check();
    await criteria.nth(0).getByLabel('Bình thường', { exact: true }).check();
    await form.getByLabel('Góp ý thêm (không bắt buộc)').fill('Bưu tá phát tận nhà, rất tiện.');
    const sent = page.waitForResponse((r) => r.url().endsWith('/rating'));
    await form.getByRole('button', { name: 'Gửi đánh giá' }).click();
    assert.equal((await sent).status(), 201);
    await page.getByText('Bạn đã đánh giá hồ sơ này. Cảm ơn bạn!').waitFor();
    assert.equal(await page.getByRole('form', { name: 'Đánh giá chất lượng phục vụ' }).count(), 0);

    await page.reload();
    await page.getByText('Bạn đã đánh giá hồ sơ này. Cảm ơn bạn!').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Gửi đánh giá' }).count(), 0);
    const again = await fetch(`${harness.baseUrl}/api/v1/public/dossiers/${delivered.lookupToken}/rating`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scores: { time: 0 } }),
    });
    assert.equal(again.status, 409);
    assert.equal(((await again.json()) as { error: { code: string } }).error.code, 'ALREADY_RATED');
  });

  it('changes the delivery address before dispatch, then switches to collecting at the counter', async () => {
    const waiting = await resultAtPostOffice(harness, f);
    const item = await shipResult(harness, f, waiting.id);
    const page = await harness.newPage(PHONE);
    await page.goto(`/tra-cuu/${waiting.lookupToken}`);
    await page.getByTestId('delivery').getByText(item.itemNumber).waitFor();
    await page.getByText('Đổi địa chỉ nhận hoặc nhận tại quầy').click();
    await page.getByRole('button', { name: 'Đổi địa chỉ' }).click();
    await page.locator('#new-address-error').getByText('Nhập địa chỉ mới').waitFor();
    await page.getByLabel('Địa chỉ nhận mới').fill('Tổ 2, thôn 5, xã Đức Liễu');
    await page.getByRole('button', { name: 'Đổi địa chỉ' }).click();
    await page.getByText('Đã đổi địa chỉ nhận kết quả.').waitFor();
    const moved = await f.postClerk.call<{ address: string }>('GET', `/shipments/${item.id}`);
    assert.equal(moved.body.address, 'Tổ 2, thôn 5, xã Đức Liễu');

    await page.getByText('Đổi địa chỉ nhận hoặc nhận tại quầy').click();
    await page.getByRole('button', { name: 'Tôi sẽ nhận tại quầy' }).click();
    await page.getByText('Đã ghi nhận: bạn sẽ nhận kết quả tại quầy.').waitFor();
    await page.getByTestId('delivery').getByText('Lưu tại bưu cục', { exact: false }).first().waitFor();
    assert.equal(
      await page.getByText('Đổi địa chỉ nhận hoặc nhận tại quầy').count(),
      0,
      'no change once held',
    );
  });

  it('offers the home pickup form and names the missing fields', async () => {
    const page = await harness.newPage(PHONE);
    await page.goto('/dat-lich');
    await page.getByRole('heading', { name: 'Đặt lịch thu gom hồ sơ tại nhà', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Đặt lịch' }).click();
    await page.locator('#applicantName-error').waitFor();
    // The procedure and the commune must be chosen from their lists; name, phone and address typed.
    assert.equal(await page.locator('.field-error').count(), 5);
    assert.equal(
      await page.getByRole('combobox', { name: 'Thủ tục cần làm' }).getAttribute('aria-invalid'),
      'true',
    );
    assert.equal(
      await page.getByRole('combobox', { name: 'Xã, phường' }).getAttribute('aria-invalid'),
      'true',
    );
    assert.deepEqual(await axe(page), []);
  });
});
