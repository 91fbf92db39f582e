// axe-core on every screen: each console route as the demo user who works there (1366 px), the
// citizen pages and the courier app (390 px), with no serious or critical violation. With
// MOTCUA_SCREENSHOTS=1 it also writes docs/screenshots/<screen>.png of what it checked. Run with
//   npm run build -w @motcua/web && node --import tsx --test packages/web/test/axe-all.browser.test.ts
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts';
import { seedDemoDossiers } from '../../server/src/seed/demo-dossiers.ts';
import { tx } from '../../server/test/helpers/fixtures.ts';
import {
  courierSignIn,
  DAY,
  type PostalFixture,
  postalFixture,
  resultAtPostOffice,
  shipResult,
} from '../scripts/screenshots-light.ts';
import {
  axe,
  type BrowserHarness,
  browserUnavailable,
  settled,
  startBrowserHarness,
} from './helpers/browser.ts';

const unavailable = browserUnavailable('citizen.html', 'courier.html');
const here = path.dirname(fileURLToPath(import.meta.url));
const SCREENSHOTS = path.resolve(here, '../../../docs/screenshots');
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/**
 * Asserts axe finds no serious or critical violation on the page as it is, and with
 * MOTCUA_SCREENSHOTS=1 writes `docs/screenshots/<name>.png`: the whole page when `fullPage`, the
 * viewport when false, none when null (the courier app's screenshots come from its own tests).
 */
async function check(page: Page, name: string, fullPage: boolean | null = true): Promise<void> {
  assert.deepEqual(await axe(page), [], name);
  if (process.env.MOTCUA_SCREENSHOTS !== '1' || fullPage === null) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await settled(page);
  const file = path.join(SCREENSHOTS, `${name}.png`);
  const viewport = page.viewportSize();
  if (!fullPage || !viewport) return void (await page.screenshot({ path: file }));
  // The whole page in a viewport as tall as it (a full-page capture would draw the sticky,
  // 100vh-high side menu stopping part-way down), then the viewport back as it was.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
  await settled(page);
  await page.screenshot({ path: file });
  await page.setViewportSize(viewport);
}

/**
 * Each test walks several screens (each loaded, checked by axe-core and, with MOTCUA_SCREENSHOTS=1,
 * photographed): on a busy machine the administrator's seven took 102 s, so five minutes each.
 */
const SCREENS = { timeout: 5 * 60_000 };

describe('axe-core on every screen', { skip: unavailable ?? false }, () => {
  let harness: BrowserHarness;
  let f: PostalFixture;

  before(async () => {
    harness = await startBrowserHarness();
    await seedDemoDossiers(harness.database);
    f = await postalFixture(harness);
  });

  after(async () => {
    await harness?.close();
  });

  it('the sign-in page', SCREENS, async () => {
    const page = await harness.newPage(DESKTOP);
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').fill('gdv.duclieu');
    await check(page, 'login', false);
  });

  it(
    "the administrator's screens: catalogue, organisation, units, reorganisations, users, audit, postal",
    SCREENS,
    async () => {
      const page = await harness.pageAs('admin', '/catalog', { viewport: DESKTOP });
      await page.getByRole('row').filter({ hasText: '1.001193' }).waitFor();
      await check(page, 'catalogue', false);
      await page.getByRole('button', { name: 'Thủ tục đăng ký khai sinh', exact: true }).click();
      await page.getByRole('dialog').getByRole('heading', { name: 'Thành phần hồ sơ' }).waitFor();
      await check(page, 'catalogue-detail', false);

      await page.goto('/org');
      await page.getByRole('row').filter({ hasText: 'BDVHX-DUCLIEU' }).waitFor();
      await check(page, 'organisation', false);
      await page.getByRole('tab', { name: 'Cơ quan giải quyết' }).click();
      await page.getByRole('button', { name: 'Thêm cơ quan' }).click();
      await page.getByRole('dialog', { name: 'Thêm cơ quan' }).waitFor();
      await check(page, 'agency-create', false);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.goto('/org?tab=units');
      await page.getByLabel('Tìm đơn vị hành chính').fill('duc lieu');
      await page.getByRole('button', { name: 'Xã Đức Liễu' }).click();
      await page.getByRole('dialog').getByText('Xã Nghĩa Trung').waitFor();
      await check(page, 'units', false);
      await page.goto('/org?tab=reorganisations');
      await page.getByRole('tabpanel', { name: 'Sắp xếp tổ chức' }).waitFor();
      await check(page, 'reorganisations', false);

      await page.goto('/users');
      await page.getByRole('row').filter({ hasText: 'gdv.duclieu' }).waitFor();
      await check(page, 'users', false);
      await page.getByRole('button', { name: 'Thêm người dùng' }).click();
      await page.getByRole('dialog', { name: 'Thêm người dùng' }).waitFor();
      await check(page, 'users-create', false);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.goto('/audit');
      await page.getByRole('cell', { name: 'auth.login' }).first().waitFor();
      await check(page, 'audit', false);
      await page.goto('/buu-chinh');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await check(page, 'postal', false);
    },
  );

  it(
    "the clerk's screens: intake, its success, the book, handover, a forbidden page, an unknown one",
    SCREENS,
    async () => {
      const page = await harness.pageAs('gdv.duclieu', '/intake', { viewport: DESKTOP });
      await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
      await check(page, 'intake-empty', false);
      const searched = page.waitForResponse((r) => r.url().includes('q=ho+kinh+doanh'));
      await page.keyboard.type('ho kinh doanh');
      await searched;
      await page.locator('.ant-select-item-option').filter({ hasText: '1.001612' }).waitFor();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Đánh dấu đủ giấy tờ bắt buộc' }).click();
      await page.getByLabel('Họ và tên').fill('Nguyễn Thị Ánh');
      await page.getByLabel('Số CCCD/CMND').fill('070190001234');
      await page.getByLabel('Ngày sinh').fill('12/05/1990');
      await page.getByLabel('Ngày sinh').press('Enter');
      await page.getByLabel('Ngày sinh').press('Tab');
      await page.getByLabel('Nữ').check();
      await page.getByLabel('Số điện thoại').fill('0912 345 678');
      await page.getByLabel('Địa chỉ (số nhà, thôn, ấp)').fill('Thôn 3');
      await page.getByRole('heading', { level: 1 }).click();
      await check(page, 'intake');

      const received = page.waitForResponse((r) => r.url().endsWith('/api/v1/dossiers'));
      await page.getByLabel('Số điện thoại').press('Control+Enter');
      assert.equal((await received).status(), 201);
      await page.getByTestId('dossier-code').waitFor();
      await check(page, 'intake-done', false);

      await page.goto('/ho-so');
      await page.getByText(/Tổng cộng \d+ bản ghi/).waitFor();
      await check(page, 'dossier-book', false);
      await page.goto('/ban-giao');
      await page.getByRole('tab', { name: 'Gửi đi' }).waitFor();
      await check(page, 'handover', false);
      for (const [tab, name] of [
        ['Nhận hồ sơ', 'handover-receive'],
        ['Trả kết quả về', 'handover-results'],
      ] as const) {
        await page.getByRole('tab', { name: tab }).click();
        await page.getByRole('tabpanel', { name: tab }).waitFor();
        await check(page, name, false);
      }
      await page.goto('/users');
      await page.getByRole('alert').waitFor();
      await check(page, 'forbidden', false);
      await page.goto('/no-such-page');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await check(page, 'not-found', false);
    },
  );

  it("the officer's and the leader's inbox and an open dossier", SCREENS, async () => {
    const open = await harness.database.db
      .selectFrom('dossiers')
      .select(['id'])
      .where('status', '=', 'processing')
      .where('current_agency_id', 'in', (eb) =>
        eb.selectFrom('agencies').select('id').where('code', '=', '000.00.29.H10'),
      )
      .executeTakeFirstOrThrow();
    const officer = await harness.pageAs('cv.budang', '/xu-ly', { viewport: DESKTOP });
    await officer.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).waitFor();
    await officer.locator('.ant-table-row').first().waitFor();
    await check(officer, 'inbox-officer', false);
    await officer.goto(`/ho-so/${open.id}`);
    await officer.getByTestId('timeline').waitFor();
    await check(officer, 'dossier-officer', false);
    await officer.getByRole('button', { name: 'Yêu cầu bổ sung' }).click();
    await officer.getByRole('dialog').waitFor();
    await check(officer, 'dossier-supplement-request', false);
    await officer.keyboard.press('Escape');
    await officer.getByRole('dialog').waitFor({ state: 'detached' });
    await officer.goto('/ban-giao');
    await officer.getByRole('tab').first().waitFor();
    await check(officer, 'handover-agency', false);

    const leader = await harness.pageAs('ld.budang', '/xu-ly', { viewport: DESKTOP });
    await leader.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).waitFor();
    await leader.locator('.ant-table-row').first().waitFor();
    await check(leader, 'inbox', false);
    await leader.goto(`/ho-so/${open.id}`);
    await leader.getByTestId('timeline').waitFor();
    await check(leader, 'dossier-leader', false);
    await leader.goto('/overview');
    await leader.locator('.ant-table-row').first().waitFor();
    await check(leader, 'overview-leader', false);
  });

  it("the supervisor's overview and a returned dossier's timeline", SCREENS, async () => {
    const busiest = await harness.database.db
      .selectFrom('dossiers')
      .select(['id'])
      .where('status', '=', 'returned')
      .orderBy('action_count', 'desc')
      .executeTakeFirstOrThrow();
    const page = await harness.pageAs('gs.hcc', '/overview', { viewport: DESKTOP });
    await page.locator('.ant-table-row').first().waitFor();
    await check(page, 'overview');
    await page.goto(`/ho-so/${busiest.id}`);
    await page.getByTestId('timeline').waitFor();
    await check(page, 'dossier-detail');
  });

  it("the post office clerk's postal screen, each of its tabs", SCREENS, async () => {
    const waiting = await resultAtPostOffice(harness, f);
    const page = await harness.pageAs('gdv.bdbudang', '/buu-chinh', { viewport: DESKTOP });
    await page.getByRole('row').filter({ hasText: waiting.code }).waitFor();
    await check(page, 'postal-post-office', false);
    for (const [tab, name] of [
      ['Danh sách trong ngày', 'postal-daily'],
      ['Báo cáo phát', 'postal-report'],
      ['Bảng cước', 'postal-tariff'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tabpanel', { name: tab }).waitFor();
      await check(page, name, false);
    }
  });

  it('the citizen pages: lookup, a delivered dossier, pickup booking', SCREENS, async () => {
    const done = await resultAtPostOffice(harness, f);
    const shipment = await shipResult(harness, f, done.id, new Date(Date.now() - 2 * DAY));
    const answer = await f.courier.call('POST', `/shipments/${shipment.id}/events`, {
      clientTxId: tx('deliver'),
      type: 'delivered',
      payload: { recipientName: 'Nguyễn Thị Ánh', idLast4: '1234' },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));

    const page = await harness.newPage(PHONE);
    await page.goto('/tra-cuu');
    await page.getByLabel('Mã hồ sơ').fill(done.code);
    await page.getByLabel('4 số cuối điện thoại hoặc CCCD').fill('0000');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByText('Không tìm thấy hồ sơ', { exact: false }).waitFor();
    await check(page, 'citizen-lookup');
    await page.goto(`/tra-cuu/${done.lookupToken}`);
    await page.getByRole('heading', { name: 'Quá trình xử lý' }).waitFor();
    await check(page, 'citizen-dossier');
    await page.goto('/dat-lich');
    await page.getByRole('heading', { name: 'Đặt lịch thu gom hồ sơ tại nhà' }).waitFor();
    await check(page, 'citizen-pickup');
  });

  it("the courier app: sign-in, today's round, an item out for delivery", SCREENS, async () => {
    // The delivered card (done in the app) is checked by courier.browser.test.ts.
    const open = await shipResult(harness, f, (await resultAtPostOffice(harness, f)).id);
    const page = await harness.newPage(PHONE);
    await page.goto('/buu-ta');
    await page.getByLabel('Tên đăng nhập').waitFor();
    await check(page, 'courier-login', null);
    await courierSignIn(page, 'buuta.budang', DEMO_PASSWORD);
    const card = page.locator(`[data-item="${open.itemNumber}"]`);
    await card.waitFor();
    await check(page, 'courier-round', null);
    await card.getByRole('link').first().click();
    await page.waitForURL(`**/buu-ta/buu-gui/${open.id}`);
    await page.getByText(open.itemNumber).first().waitFor();
    await check(page, 'courier-item', null);
  });
});
