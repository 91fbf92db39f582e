// The courier app as an installed phone app, in Chromium at 360×740: the item number read with the
// camera (the browser's BarcodeDetector, or ZXing where there is none; a fake camera films a printed
// Code128 or QR label), a wrong check digit refused, and a cold start with no network after one online
// visit (the service worker serves the app; the API is never answered from its cache; what was
// recorded offline is sent once the network is back). Run with MOTCUA_TEST_DB=postgres for PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts';
import { TEST_ENGINE } from '../../server/test/helpers/db.ts';
import {
  courierSignIn,
  PHONE,
  type PostalFixture,
  postalFixture,
  resultAtPostOffice,
  type ShipmentView,
  shipResult,
} from '../scripts/screenshots-light.ts';
import { axe, type BrowserHarness, browserUnavailable, startBrowserHarness } from './helpers/browser.ts';
import { cameraStopped, fakeBarcodeDetector, fakeCamera, label, shoot } from './helpers/courier.ts';

const unavailable = browserUnavailable('courier.html', 'courier-sw.js');

const ITEM_FIELD = 'Số hiệu bưu gửi (quét hoặc gõ)';

describe(`courier app installed, scanning and offline in Chromium on ${TEST_ENGINE}`, {
  skip: unavailable ?? false,
}, () => {
  let harness: BrowserHarness;
  let f: PostalFixture;
  /** Two items of buuta.budang's round, each opened several ways (browser reader, ZXing Code128 and QR). */
  let items: ShipmentView[];
  /** Recorded with no network after a cold start. */
  let cold: ShipmentView;
  let page: Page;

  const shipment = async (id: string) => {
    const answer = await f.postClerk.call<ShipmentView>('GET', `/shipments/${id}`);
    assert.equal(answer.status, 200);
    return answer.body;
  };
  const openScanner = () => page.getByRole('button', { name: 'Quét mã bằng camera' }).click();

  before(async () => {
    harness = await startBrowserHarness();
    f = await postalFixture(harness);
    items = [];
    for (let i = 0; i < 2; i++)
      items.push(await shipResult(harness, f, (await resultAtPostOffice(harness, f)).id));
    cold = await shipResult(harness, f, (await resultAtPostOffice(harness, f)).id);
    page = await harness.newPage(PHONE);
    await courierSignIn(page, 'buuta.budang', DEMO_PASSWORD);
    await page.locator(`[data-item="${cold.itemNumber}"]`).waitFor();
  });
  after(() => harness?.close());

  it('opens the item whose Code128 label the browser’s BarcodeDetector reads, and turns the camera off', async () => {
    const item = items[0]!;
    await fakeCamera(page, await label('code128', item.itemNumber));
    await fakeBarcodeDetector(page, item.itemNumber);
    await openScanner();
    await page.getByRole('heading', { name: item.itemNumber }).waitFor();
    assert.deepEqual(
      await page.evaluate(() => (window as unknown as { __detectorFormats: string[] }).__detectorFormats),
      ['code_128', 'qr_code'],
    );
    assert.equal(await cameraStopped(page), true, 'the camera is off once the number is read');
  });

  it('refuses a scanned number whose check digit is wrong, in Vietnamese, and opens nothing', async () => {
    await page.getByRole('link', { name: '← Chuyến phát' }).click();
    const good = items[1]!.itemNumber;
    const wrong = `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}${good.slice(11)}`;
    await fakeCamera(page, null);
    await fakeBarcodeDetector(page, wrong);
    await openScanner();
    const error = page.locator('.find .field-error');
    await error.waitFor();
    assert.match(
      (await error.textContent()) ?? '',
      new RegExp(
        `^Mã vừa quét ${wrong} có chữ số kiểm tra sai \\(với sê-ri ${good.slice(2, 10)} phải là ${good[10]}, không phải ${wrong[10]}\\): nhãn in sai hoặc camera đọc nhầm`,
      ),
    );
    assert.equal(await page.getByLabel(ITEM_FIELD).inputValue(), wrong);
    assert.equal(await page.getByLabel(ITEM_FIELD).getAttribute('aria-invalid'), 'true');
    assert.equal(await cameraStopped(page), true);
    await page.getByRole('heading', { name: 'Chuyến phát hôm nay' }).waitFor();
    assert.deepEqual(await axe(page), []);
    await shoot(page, 'scan-refused');
  });

  it('reads a printed Code128 label and a carrier’s QR code with ZXing where the browser has no BarcodeDetector', async () => {
    // Nothing read yet (the label is held too far): the camera stays open until the courier closes it.
    await fakeBarcodeDetector(page, '');
    await fakeCamera(page, await label('code128', items[1]!.itemNumber));
    await openScanner();
    await page.locator('.scanner video').waitFor();
    await page.waitForFunction(
      () => (document.querySelector('.scanner video') as HTMLVideoElement).videoWidth > 0,
    );
    assert.deepEqual(await axe(page), [], 'the open camera panel passes axe');
    await shoot(page, 'scan');
    await page.getByRole('button', { name: 'Tắt camera' }).click();
    await page.locator('.scanner').waitFor({ state: 'hidden' });
    assert.equal(await cameraStopped(page), true);
    await fakeBarcodeDetector(page, null);

    const code128 = items[1]!;
    await fakeCamera(page, await label('code128', code128.itemNumber));
    await openScanner();
    await page.getByRole('heading', { name: code128.itemNumber }).waitFor();
    assert.equal(await cameraStopped(page), true);

    await page.getByRole('link', { name: '← Chuyến phát' }).click();
    const qr = items[0]!;
    await fakeCamera(page, await label('qrcode', `VNPOST|${qr.itemNumber}|DUC LIEU, BU DANG|0.08KG`));
    await openScanner();
    await page.getByRole('heading', { name: qr.itemNumber }).waitFor();
  });

  it('says when a QR code holds no item number, and the number can still be typed', async () => {
    await page.getByRole('link', { name: '← Chuyến phát' }).click();
    await fakeCamera(page, await label('qrcode', `${harness.baseUrl}/tra-cuu/abc`));
    await openScanner();
    const error = page.locator('.find .field-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /^Mã vừa quét không phải số hiệu bưu gửi/);
    await page.getByLabel(ITEM_FIELD).fill(items[0]!.itemNumber);
    await page.getByRole('button', { name: 'Mở', exact: true }).click();
    await page.getByRole('heading', { name: items[0]!.itemNumber }).waitFor();
  });

  it('starts with no network after one online visit: the service worker serves the app, the API is never answered from its cache, and what was recorded is sent once online', async () => {
    const context = page.context();
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
    const cacheNames = await page.evaluate(() => caches.keys());
    assert.equal(cacheNames.length, 1, cacheNames.join());
    assert.match(cacheNames[0]!, /^motcua-courier-[0-9a-f]{12}$/);
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      return link ? ((await (await fetch(link.href)).json()) as Record<string, unknown>) : null;
    });
    assert.equal(manifest?.start_url, '/buu-ta');
    assert.equal(manifest?.display, 'standalone');

    // Cold start: every page of the phone closed, no network, the app opened again.
    await context.setOffline(true);
    await page.close();
    page = await context.newPage();
    const answer = await page.goto('/buu-ta');
    assert.ok(answer?.fromServiceWorker(), 'the page comes from the service worker');
    await page.getByRole('heading', { name: 'Chuyến phát hôm nay' }).waitFor();
    await page.getByText('Mất mạng — vẫn ghi được, sẽ gửi sau').waitFor();
    assert.equal(
      await page.evaluate(() =>
        fetch('/api/v1/courier/round').then(
          () => 'answered',
          () => 'no network',
        ),
      ),
      'no network',
      'an API call is not answered from a cache',
    );

    // The camera works offline too: ZXing's decoder was stored at the first visit.
    await fakeBarcodeDetector(page, null);
    await fakeCamera(page, await label('code128', cold.itemNumber));
    await openScanner();
    await page.getByRole('heading', { name: cold.itemNumber }).waitFor();
    await page.getByRole('button', { name: 'Đi phát' }).click();
    await page.getByRole('button', { name: 'Phát không thành công' }).click();
    await page.getByLabel('Sai địa chỉ').check();
    await page.getByRole('button', { name: 'Ghi nhận phát không thành công' }).click();
    assert.match((await page.getByTestId('pending-count').textContent()) ?? '', /^2 thao tác chờ gửi/);
    assert.equal((await shipment(cold.id)).status, 'accepted', 'nothing reached the server');

    await context.setOffline(false);
    await page
      .getByTestId('sent')
      .filter({ hasText: `Phát không thành công ${cold.itemNumber}` })
      .waitFor();
    await page.getByTestId('pending-count').waitFor({ state: 'detached' });
    const after = await shipment(cold.id);
    assert.deepEqual(
      after.events.map((e) => [e.type, e.reason]),
      [
        ['accepted', null],
        ['out_for_delivery', null],
        ['failed_attempt', 'Sai địa chỉ'],
      ],
    );
  });

  it('deletes the caches of other builds when it activates', async () => {
    const [current] = await page.evaluate(() => caches.keys());
    assert.match(current ?? '', /^motcua-courier-[0-9a-f]{12}$/);
    // A phone that still has an older build's cache opens the app.
    const phone = await harness.newPage(PHONE);
    await phone.goto('/tra-cuu');
    await phone.evaluate(() => caches.open('motcua-courier-0123456789ab'));
    await phone.goto('/buu-ta');
    await phone.getByRole('heading', { name: 'Đăng nhập bưu tá' }).waitFor();
    await phone.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
    assert.deepEqual(await phone.evaluate(() => caches.keys()), [current]);
  });
});
