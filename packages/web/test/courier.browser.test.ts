// The courier's phone app (/buu-ta) in Chromium at 360×740: the round, a failed attempt, a delivery
// with a drawn signature, a wrong S10 check digit, an offline delivery synced (twice, counted once),
// a second courier's conflicting delivery, a home pickup's screen; axe on every screen. With
// MOTCUA_SCREENSHOTS=1 it also writes docs/screenshots/courier-*.png at 390 px. Run with
// MOTCUA_TEST_DB=postgres for PostgreSQL. Scanning and the offline start: courier-pwa.browser.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts';
import { TEST_ENGINE } from '../../server/test/helpers/db.ts';
import { procedure, siteId, tx } from '../../server/test/helpers/fixtures.ts';
import {
  type Client,
  clientFor,
  courierSignIn,
  DAY,
  drawSignature,
  PHONE,
  type PostalFixture,
  postalFixture,
  resultAtPostOffice,
  type ShipmentView,
  shipResult,
} from '../scripts/screenshots-light.ts';
import { axe, type BrowserHarness, browserUnavailable, startBrowserHarness } from './helpers/browser.ts';
import { shoot } from './helpers/courier.ts';

const unavailable = browserUnavailable('courier.html');

const SECOND_PASSWORD = 'mat-khau-bu-dang-2';

/** The queue entries the app keeps in localStorage. */
const queueOf = (page: Page) =>
  page.evaluate(
    () => JSON.parse(localStorage.getItem('motcua.courier.queue') ?? '[]') as { clientTxId: string }[],
  );

describe(`courier app in Chromium on ${TEST_ENGINE}`, { skip: unavailable ?? false }, () => {
  let harness: BrowserHarness;
  let f: PostalFixture;
  let admin: Client;
  /** Accepted 7 days ago, a failed attempt 6 days ago: a delivery is allowed today. */
  let retry: ShipmentView;
  /** Accepted now: the courier records a failed attempt. */
  let fresh: ShipmentView;
  /** Accepted 3 days ago: delivered offline, then contested by a second courier. */
  let offline: ShipmentView;
  /** A home pickup booked by Điểu Thị Hoa for tomorrow morning. */
  let pickupCode = '';
  let page: Page;
  /** The second courier's phone. */
  let other: Page;

  const shipment = async (id: string) => {
    const answer = await f.postClerk.call<ShipmentView>('GET', `/shipments/${id}`);
    assert.equal(answer.status, 200);
    return answer.body;
  };

  before(async () => {
    harness = await startBrowserHarness();
    f = await postalFixture(harness);
    admin = await clientFor(harness, 'admin');
    retry = await shipResult(
      harness,
      f,
      (await resultAtPostOffice(harness, f)).id,
      new Date(Date.now() - 7 * DAY),
    );
    const failed = await f.courier.call('POST', `/shipments/${retry.id}/events`, {
      clientTxId: tx('fail'),
      type: 'failed_attempt',
      at: new Date(Date.now() - 6 * DAY).toISOString(),
      payload: { reason: 'Vắng nhà' },
    });
    assert.equal(failed.status, 200, JSON.stringify(failed.body));
    fresh = await shipResult(harness, f, (await resultAtPostOffice(harness, f)).id);
    offline = await shipResult(
      harness,
      f,
      (await resultAtPostOffice(harness, f)).id,
      new Date(Date.now() - 3 * DAY),
    );
    for (const s of [retry, fresh, offline])
      assert.equal(s.courierId, f.courier.userId, 'routed to buuta.budang');
    const tomorrow = new Date(Date.now() + DAY);
    tomorrow.setUTCHours(0, 30, 0, 0); // 07:30 in Vietnam
    const booked = await fetch(`${harness.baseUrl}/api/v1/public/pickups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'vi' },
      body: JSON.stringify({
        clientTxId: tx('pickup'),
        procedureId: (await procedure(harness.database, '1.001612')).id,
        applicantName: 'Điểu Thị Hoa',
        phone: '0912 345 678',
        address: 'Thôn 3, xã Đức Liễu',
        unitId: '2008:25417',
        windowStart: tomorrow.toISOString(),
        windowEnd: new Date(tomorrow.getTime() + 4 * 3600_000).toISOString(),
      }),
    });
    assert.equal(booked.status, 201, await booked.clone().text());
    pickupCode = ((await booked.json()) as { code: string }).code;
    // The second courier of the office is created after the items were routed.
    const second = await admin.call('POST', '/users', {
      username: 'buuta.budang2',
      fullName: 'Điểu Thị Lan',
      password: SECOND_PASSWORD,
      roles: [{ role: 'courier', servicePointId: await siteId(harness.database, 'BD-BUDANG') }],
    });
    assert.equal(second.status, 201, JSON.stringify(second.body));
    page = await harness.newPage(PHONE);
    await page.context().grantPermissions(['geolocation']);
    await page.context().setGeolocation({ latitude: 11.83, longitude: 107.24, accuracy: 12 });
  });
  after(() => harness?.close());

  it('signs in and shows today’s round: address, phone to call, what to do, S10 number', async () => {
    await page.goto('/buu-ta');
    await page.getByRole('heading', { name: 'Đăng nhập bưu tá' }).waitFor();
    assert.deepEqual(await axe(page), []);
    await shoot(page, 'login');
    await courierSignIn(page, 'buuta.budang', DEMO_PASSWORD);
    for (const s of [retry, fresh, offline]) await page.locator(`[data-item="${s.itemNumber}"]`).waitFor();
    await page.locator(`[data-pickup="${pickupCode}"]`).waitFor();
    const card = page.locator(`[data-item="${retry.itemNumber}"]`);
    assert.match((await card.locator('a.address').textContent()) ?? '', /Đức Liễu/);
    assert.equal(await card.locator('a[href^="tel:"]').getAttribute('href'), 'tel:+84912345678');
    assert.match((await card.textContent()) ?? '', /Phát kết quả thủ tục hành chính — phát lại lần 2/);
    assert.deepEqual(await axe(page), []);
    await shoot(page, 'round');
  });

  it('opens a booked home pickup with the procedure’s documents to check', async () => {
    await page.locator(`[data-pickup="${pickupCode}"] a.address`).click();
    await page.getByRole('heading', { name: new RegExp(`Thu gom hồ sơ ${pickupCode}`) }).waitFor();
    await page.locator('.checklist input[type="checkbox"]').first().waitFor();
    assert.equal(await page.getByLabel('Họ và tên').inputValue(), 'Điểu Thị Hoa');
    assert.deepEqual(await axe(page), []);
    await shoot(page, 'pickup');
    await page.getByRole('link', { name: '← Chuyến phát' }).click();
    await page.getByRole('heading', { name: 'Chuyến phát hôm nay' }).waitFor();
  });

  it('records a failed attempt and shows the next attempt date the server gives', async () => {
    await page.locator(`[data-item="${fresh.itemNumber}"] a.address`).click();
    await page.getByRole('button', { name: 'Đi phát' }).click();
    await page.getByRole('button', { name: 'Phát không thành công' }).click();
    await page.getByRole('heading', { name: 'Phát không thành công' }).waitFor();
    assert.deepEqual(await axe(page), []);
    await page.getByLabel('Vắng nhà').check();
    await shoot(page, 'failed');
    await page.getByRole('button', { name: 'Ghi nhận phát không thành công' }).click();
    const sent = page.getByTestId('sent').filter({ hasText: `Phát không thành công ${fresh.itemNumber}` });
    await sent.waitFor();
    const after = await shipment(fresh.id);
    assert.deepEqual(
      after.events.map((e) => e.type),
      ['accepted', 'out_for_delivery', 'failed_attempt'],
    );
    assert.equal(after.events.at(-1)?.reason, 'Vắng nhà');
    assert.ok(after.nextAttemptOn);
    const shown = after.nextAttemptOn.split('-').reverse().join('/');
    assert.match((await sent.textContent()) ?? '', new RegExp(`phát lại từ ngày ${shown}`));
  });

  it('refuses a typed item number with a wrong check digit, with the Vietnamese reason', async () => {
    const good = retry.itemNumber;
    const wrong = `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}${good.slice(11)}`;
    await page.getByLabel('Số hiệu bưu gửi (quét hoặc gõ)').fill(wrong);
    await page.getByRole('button', { name: 'Mở', exact: true }).click();
    const error = page.locator('.field-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /Chữ số kiểm tra sai/);
    assert.equal(
      await page.getByLabel('Số hiệu bưu gửi (quét hoặc gõ)').getAttribute('aria-invalid'),
      'true',
    );
  });

  it('opens an item by its typed number and records a delivery with a drawn signature and the position', async () => {
    await page.getByLabel('Số hiệu bưu gửi (quét hoặc gõ)').fill(retry.itemNumber.toLowerCase());
    await page.getByRole('button', { name: 'Mở', exact: true }).click();
    await page.getByRole('heading', { name: retry.itemNumber }).waitFor();
    assert.deepEqual(await axe(page), []);
    await shoot(page, 'item');
    await page.getByRole('button', { name: 'Phát thành công' }).click();
    await page.getByRole('heading', { name: 'Ghi nhận phát thành công' }).waitFor();
    assert.deepEqual(await axe(page), []);
    await page.getByLabel('Người nhận là').selectOption('Vợ/chồng');
    await page.getByLabel('Họ tên người nhận').fill('Trần Văn Bình');
    await page.getByLabel('4 số cuối CCCD của người nhận').fill('4321');
    // Without a signature the form is refused.
    await page.getByRole('button', { name: 'Xác nhận đã phát' }).click();
    await page.getByText('Người nhận cần ký vào ô ký tên').waitFor();
    await drawSignature(page);
    await page.getByText('Đã lấy vị trí', { exact: false }).waitFor();
    await shoot(page, 'delivery');
    await page.getByRole('button', { name: 'Xác nhận đã phát' }).click();
    await page
      .getByTestId('sent')
      .filter({ hasText: `Phát thành công ${retry.itemNumber}` })
      .waitFor();
    // The delivered card stays in the round, readable (it failed colour contrast when faded).
    await page.locator(`[data-item="${retry.itemNumber}"].delivered .todo`, { hasText: 'Đã phát' }).waitFor();
    assert.deepEqual(await axe(page), []);
    await shoot(page, 'delivered');
    const after = await shipment(retry.id);
    assert.equal(after.status, 'delivered');
    const delivered = after.events.filter((e) => e.type === 'delivered');
    assert.equal(delivered.length, 1);
    assert.equal(delivered[0]?.hasSignature, true);
    assert.equal(delivered[0]?.recipientName, 'Trần Văn Bình');
    assert.equal((after.events.at(-1) as { gps?: { lat: number } }).gps?.lat, 11.83);
  });

  it('queues a delivery made offline, sends it when back online, and counts a forced re-sync once', async () => {
    await page.locator(`[data-item="${offline.itemNumber}"] a.address`).click();
    await page.getByRole('heading', { name: offline.itemNumber }).waitFor();
    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Phát thành công' }).click();
    await page.getByLabel('4 số cuối CCCD của người nhận').fill('1234');
    await drawSignature(page);
    await page.getByRole('button', { name: 'Xác nhận đã phát' }).click();
    await page.getByText('Mất mạng — vẫn ghi được, sẽ gửi sau').waitFor();
    assert.match((await page.getByTestId('pending-count').textContent()) ?? '', /^1 thao tác chờ gửi/);
    await page
      .locator(`[data-item="${offline.itemNumber}"]`)
      .getByText('Phát thành công — chờ gửi')
      .waitFor();
    assert.deepEqual(await axe(page), []);
    await shoot(page, 'offline-queue');
    const saved = await queueOf(page);
    assert.equal(saved.length, 1);
    assert.equal((await shipment(offline.id)).status, 'accepted', 'nothing reached the server');

    // Meanwhile a second courier of the office opens the same item (still undelivered on the server).
    other = await harness.newPage(PHONE);
    await courierSignIn(other, 'buuta.budang2', SECOND_PASSWORD);
    await other.getByLabel('Số hiệu bưu gửi (quét hoặc gõ)').fill(offline.itemNumber);
    await other.getByRole('button', { name: 'Mở', exact: true }).click();
    await other.getByRole('heading', { name: offline.itemNumber }).waitFor();

    await page.context().setOffline(false);
    await page
      .getByTestId('sent')
      .filter({ hasText: `Phát thành công ${offline.itemNumber}` })
      .waitFor();
    await page.getByTestId('pending-count').waitFor({ state: 'detached' });
    assert.deepEqual(await queueOf(page), []);

    // The reply was "lost": the same entry is sent again after a restart of the app.
    await page.evaluate(
      (entry) => localStorage.setItem('motcua.courier.queue', JSON.stringify(entry)),
      saved,
    );
    const replayed = page.waitForResponse(
      (r) => r.url().endsWith(`/shipments/${offline.id}/events`) && r.request().method() === 'POST',
    );
    await page.reload();
    assert.equal((await replayed).status(), 200, 'the server answers the replay like the first time');
    await page.waitForFunction(() => localStorage.getItem('motcua.courier.queue') === '[]');
    const after = await shipment(offline.id);
    assert.equal(after.events.filter((e) => e.type === 'delivered').length, 1, 'one delivery, not two');
    assert.equal(after.status, 'delivered');
    assert.equal(await page.getByTestId('conflict').count(), 0);
  });

  it('shows a second courier’s delivery of the same item as a conflict and drops it from the queue', async () => {
    // The first courier's delivery reached the server while this phone showed the item.
    await other.getByRole('button', { name: 'Phát thành công' }).click();
    await other.getByLabel('4 số cuối CCCD của người nhận').fill('9999');
    await drawSignature(other);
    await other.getByRole('button', { name: 'Xác nhận đã phát' }).click();
    const conflict = other.getByTestId('conflict');
    await conflict.waitFor();
    assert.match(
      (await conflict.textContent()) ?? '',
      new RegExp(`Phát thành công ${offline.itemNumber} — Bưu gửi đã được phát`),
    );
    assert.deepEqual(await axe(other), []);
    await shoot(other, 'conflict');
    assert.deepEqual(await queueOf(other), []);
    const after = await shipment(offline.id);
    assert.equal(after.events.filter((e) => e.type === 'delivered').length, 1);
  });

  it('shows an item accepted for the round while the round is open, without a reload', async () => {
    // Both couriers' phones show their round; the new item goes to one of them (the office routes it).
    for (const phone of [page, other]) {
      await phone.goto('/buu-ta');
      await phone.getByRole('heading', { name: 'Chuyến phát hôm nay' }).waitFor();
      await phone.evaluate(() => {
        (window as unknown as { notReloaded: boolean }).notReloaded = true;
      });
    }
    const added = await shipResult(harness, f, (await resultAtPostOffice(harness, f)).id);
    const phone = added.courierId === f.courier.userId ? page : other;
    await phone.locator(`[data-item="${added.itemNumber}"]`).waitFor();
    assert.equal(
      await phone.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
      true,
      'the page was not reloaded',
    );
  });
});
