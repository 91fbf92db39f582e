// Home pickup end to end in Chromium: a citizen books a pickup on /dat-lich (procedure and commune
// typed without diacritics), the Bù Đăng courier sees it in the round on a 360×740 phone, ticks the
// documents, has the applicant sign and collects the dossier; the dossier exists (channel
// postal_pickup) and the pickup item's consignment slip prints. Run with MOTCUA_TEST_DB=postgres for
// PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createSession } from '../../server/src/auth/sessions.ts';
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts';
import { TEST_ENGINE } from '../../server/test/helpers/db.ts';
import { userId } from '../../server/test/helpers/fixtures.ts';
import { courierSignIn, drawSignature, PHONE } from '../scripts/screenshots-light.ts';
import { axe, type BrowserHarness, browserUnavailable, startBrowserHarness } from './helpers/browser.ts';

const unavailable = browserUnavailable('citizen.html', 'courier.html');

describe(`home pickup in Chromium on ${TEST_ENGINE}`, { skip: unavailable ?? false }, () => {
  let harness: BrowserHarness;
  let citizen: Page;
  let courier: Page;
  let bookingCode = '';
  let dossierCode = '';
  /** GET as gdv.bdbudang (Bù Đăng post office clerk) with a bearer token. */
  let asPostClerk: (pathname: string) => Promise<Response>;

  before(async () => {
    harness = await startBrowserHarness();
    const { token } = await createSession(harness.database, {
      userId: await userId(harness.database, 'gdv.bdbudang'),
      kind: 'api',
    });
    asPostClerk = (pathname) =>
      fetch(`${harness.baseUrl}/api/v1${pathname}`, {
        headers: { authorization: `Bearer ${token}`, 'accept-language': 'vi' },
      });
  });
  after(() => harness?.close());

  it('books a pickup on /dat-lich: procedure and commune found without diacritics, a morning window', async () => {
    citizen = await harness.newPage(PHONE);
    await citizen.goto('/dat-lich-thu-gom');
    await citizen.getByRole('heading', { name: 'Đặt lịch thu gom hồ sơ tại nhà', level: 1 }).waitFor();
    assert.deepEqual(await axe(citizen), []);

    const procedure = citizen.getByRole('combobox', { name: 'Thủ tục cần làm' });
    await procedure.fill('ho kinh doanh');
    const option = citizen.getByRole('option', { name: /thành lập hộ kinh doanh/i });
    await option.first().waitFor();
    assert.equal(await procedure.getAttribute('aria-expanded'), 'true');
    assert.deepEqual(await axe(citizen), [], 'the open list passes axe too');
    await option.first().click();
    assert.match(await procedure.inputValue(), /thành lập hộ kinh doanh/i);

    await citizen.getByLabel('Họ và tên').fill('Điểu Thị Hoa');
    await citizen.getByLabel('Số điện thoại').fill('0912 345 678');
    await citizen.getByLabel('Địa chỉ nhận hồ sơ (số nhà, thôn/ấp)').fill('Thôn 3, xã Đức Liễu');

    // The commune with the keyboard only: type, arrow down to the option, Enter.
    const commune = citizen.getByRole('combobox', { name: 'Xã, phường' });
    await commune.fill('duc lieu');
    const communeOption = citizen.getByRole('option', { name: 'Xã Đức Liễu — Huyện Bù Đăng' });
    await communeOption.waitFor();
    const options = await citizen.getByRole('option').allTextContents();
    const index = options.indexOf('Xã Đức Liễu — Huyện Bù Đăng');
    assert.ok(index >= 0, options.join(' | '));
    for (let i = 0; i <= index; i++) await commune.press('ArrowDown');
    assert.equal(await communeOption.getAttribute('aria-selected'), 'true');
    await commune.press('Enter');
    assert.equal(await commune.inputValue(), 'Xã Đức Liễu — Huyện Bù Đăng');
    assert.equal(await commune.getAttribute('aria-expanded'), 'false');

    await citizen.getByLabel('Buổi sáng 07:30 – 11:30').check();

    // A phone number too short: refused by the server, named as the form names it (never "phone"),
    // and the message under the field goes as soon as the number is corrected.
    const phone = citizen.getByLabel('Số điện thoại');
    await phone.fill('0912');
    await citizen.getByRole('button', { name: 'Đặt lịch' }).click();
    const summary = citizen.locator('.alert.error');
    await summary.getByText('Kiểm tra lại: Số điện thoại').waitFor();
    assert.doesNotMatch((await summary.textContent()) ?? '', /phone/);
    assert.equal(await phone.getAttribute('aria-invalid'), 'true');
    const phoneError = citizen.locator('#phone-error');
    await phoneError.waitFor();
    await phone.fill('0912 345 678');
    await phoneError.waitFor({ state: 'detached' });
    assert.equal(await phone.getAttribute('aria-invalid'), null);

    await citizen.getByRole('button', { name: 'Đặt lịch' }).click();
    const booked = citizen.getByTestId('booked');
    await booked.waitFor();
    const text = (await booked.textContent()) ?? '';
    bookingCode = ((await booked.locator('strong.mono').textContent()) ?? '').trim();
    assert.match(bookingCode, /^TG-BD-BUDANG-/);
    assert.match(text, /07:30 .*– 11:30/);
    assert.match(text, /Bưu cục: .+/);
    // Which papers and how much, not "the papers and the fee".
    const prepare = citizen.getByTestId('prepare');
    await prepare
      .getByText(/Giấy đề nghị đăng ký hộ kinh doanh/)
      .first()
      .waitFor();
    await prepare.getByText('Lệ phí: 100.000 ₫').waitFor();
  });

  it('shows the pickup in the courier’s round and collects the dossier: checklist, fee, seal, signature', async () => {
    courier = await harness.newPage(PHONE);
    await courierSignIn(courier, 'buuta.budang', DEMO_PASSWORD);
    const card = courier.locator(`[data-pickup="${bookingCode}"]`);
    await card.waitFor();
    const cardText = (await card.textContent()) ?? '';
    // Date then time, as every date and time of the app (the round's "Cập nhật lúc 08/12/2026 06:26").
    assert.match(cardText, /\d{2}\/\d{2}\/\d{4} 07:30 – 11:30/);
    assert.match(cardText, /Thôn 3, xã Đức Liễu/);
    assert.match(cardText, /thành lập hộ kinh doanh/i);
    assert.equal(await card.locator('a[href^="tel:"]').getAttribute('href'), 'tel:+84912345678');
    assert.deepEqual(await axe(courier), []);

    await card.locator('a.address').click();
    await courier.getByRole('heading', { name: new RegExp(`Thu gom hồ sơ ${bookingCode}`) }).waitFor();
    const boxes = courier.locator('.checklist input[type="checkbox"]');
    await boxes.first().waitFor();
    assert.equal(await courier.getByLabel('Họ và tên').inputValue(), 'Điểu Thị Hoa');
    assert.equal(
      await courier.getByLabel('Số điện thoại').inputValue(),
      '0912 345 678',
      'the booked phone, in national form',
    );
    assert.ok((await courier.locator('.required-mark').count()) > 0, 'mandatory documents are marked');
    const fee = (await courier.locator('form').textContent()) ?? '';
    assert.match(fee, /(Đã thu tiền mặt \d{1,3}(\.\d{3})* ₫)|(Thủ tục không thu phí)/);
    assert.deepEqual(await axe(courier), []);

    // Nothing ticked: refused on the phone, each mandatory document named.
    await courier.getByLabel('Số niêm phong').fill('NP-000777');
    await courier.getByLabel('Khối lượng (gam)').fill('250');
    await courier.getByRole('button', { name: 'Nhận hồ sơ' }).click();
    await courier.getByText('Hồ sơ chưa đủ giấy tờ bắt buộc', { exact: false }).waitFor();
    assert.equal(
      await courier.locator('.field-error').count(),
      await courier.locator('.required-mark').count(),
    );
    assert.deepEqual(await axe(courier), []);

    // A collection the server refuses (say, recorded offline before the list was checked): its
    // DOSSIER_INCOMPLETE comes back on the right checkboxes once the queue is sent.
    const pickupId = new URL(courier.url()).pathname.split('/').pop() ?? '';
    await courier.evaluate(
      ({ id, code }) =>
        localStorage.setItem(
          'motcua.courier.queue',
          JSON.stringify([
            {
              clientTxId: `collect-test-${Date.now()}`,
              username: 'buuta.budang',
              shipmentId: id,
              itemNumber: code,
              address: '',
              type: 'collect',
              at: new Date().toISOString(),
              payload: {},
              collect: {
                intake: {
                  applicant: { kind: 'person', name: 'Điểu Thị Hoa', phone: '0912345678' },
                  documents: [],
                  returnMethod: 'counter',
                  fee: null,
                },
                sealNumber: 'NP-000776',
                weightGrams: 250,
              },
              tries: 0,
              nextTryAt: 0,
              lastError: null,
            },
          ]),
        ),
      { id: pickupId, code: bookingCode },
    );
    await courier.reload();
    const refused = courier.getByTestId('collect-refused');
    await refused.waitFor();
    assert.match((await refused.textContent()) ?? '', /Hồ sơ chưa đầy đủ thành phần bắt buộc/);
    await courier.locator('.checklist .field-error').first().waitFor();
    assert.match(
      (await courier.locator('.checklist .field-error').first().textContent()) ?? '',
      /Thiếu giấy tờ bắt buộc/,
    );
    assert.equal(await courier.evaluate(() => localStorage.getItem('motcua.courier.queue')), '[]');

    await courier.getByLabel('Số niêm phong').fill('NP-000777');
    await courier.getByLabel('Khối lượng (gam)').fill('250');
    const count = await boxes.count();
    for (let i = 0; i < count; i++) await boxes.nth(i).check();
    await courier.getByLabel('Chuyển phát đến địa chỉ').check();
    await drawSignature(courier);
    await courier.getByRole('button', { name: 'Nhận hồ sơ' }).click();
    const code = courier.getByTestId('dossier-code');
    await code.waitFor();
    await courier.waitForFunction(
      () => (document.querySelector('[data-testid="dossier-code"]')?.textContent ?? '').length > 0,
    );
    dossierCode = ((await code.textContent()) ?? '').trim();
    assert.ok(dossierCode.length > 5, dossierCode);
    await courier
      .getByTestId('sent')
      .filter({ hasText: `Nhận hồ sơ ${bookingCode}` })
      .waitFor();
    assert.equal(
      await courier.evaluate(() => localStorage.getItem('motcua.courier.queue')),
      '[]',
      'nothing left to send',
    );
  });

  it('the dossier exists with channel postal_pickup and its pickup item’s slip prints', async () => {
    const pickup = await harness.database.db
      .selectFrom('pickups')
      .select(['id', 'dossier_id', 'status'])
      .where('code', '=', bookingCode)
      .executeTakeFirstOrThrow();
    assert.equal(pickup.status, 'collected');
    assert.ok(pickup.dossier_id);
    const answer = await asPostClerk(`/dossiers/${pickup.dossier_id}`);
    assert.equal(answer.status, 200);
    const dossier = (await answer.json()) as { code: string; channel: string };
    assert.equal(dossier.channel, 'postal_pickup');
    assert.equal(dossier.code, dossierCode);
    const shipment = await harness.database.db
      .selectFrom('shipments')
      .select(['id', 'kind'])
      .where('dossier_id', '=', pickup.dossier_id)
      .where('kind', '=', 'pickup')
      .executeTakeFirstOrThrow();
    const slip = await asPostClerk(`/shipments/${shipment.id}/slip.pdf`);
    assert.equal(slip.status, 200);
    assert.equal(slip.headers.get('content-type'), 'application/pdf');
    assert.equal(
      Buffer.from(await slip.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );
  });
});
