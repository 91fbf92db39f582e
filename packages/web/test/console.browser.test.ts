import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { MESSAGE_KEYS, translate } from '../src/i18n.ts';
import {
  axe,
  type BrowserHarness,
  browserUnavailable,
  settled,
  startBrowserHarness,
} from './helpers/browser.ts';

const unavailable = browserUnavailable();
const CATALOG_SEARCH = 'Tìm theo tên (có thể gõ không dấu) hoặc mã thủ tục';

/**
 * Types a search in the catalogue and waits until the table shows the server's answer to it (the
 * previous rows stay on screen while the new ones load, so the response alone is not enough).
 */
async function searchCatalog(page: Page, text: string): Promise<{ total: number }> {
  const searched = page.waitForResponse(
    (r) => r.url().includes('/api/v1/procedures?') && new URL(r.url()).searchParams.get('q') === text,
  );
  await page.getByLabel(CATALOG_SEARCH).fill(text);
  const response = await searched;
  assert.equal(response.status(), 200);
  const body = (await response.json()) as { total: number };
  if (body.total === 0) {
    await page.getByText('Không tìm thấy thủ tục nào', { exact: false }).waitFor();
  } else {
    await page.getByText(`Tổng cộng ${body.total} bản ghi`).waitFor();
  }
  return body;
}

/** The text of the focused side-menu item (or of its link), '' when the focus is elsewhere (runs in the page). */
const focusedMenuItem = () => {
  // The focus is on the item's link (items are <a href>) or on the item itself.
  const focused = document.activeElement?.closest('[role="menuitem"]');
  return focused ? (focused.textContent ?? '') : '';
};

/** The id of the element the keyboard focus is on. */
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('console strings', () => {
  it('has every string in both languages, in NFC, without stray placeholders', () => {
    for (const key of MESSAGE_KEYS) {
      for (const lang of ['vi', 'en'] as const) {
        const text = translate(lang, key);
        assert.ok(text && text !== key, `${lang} ${key} is missing`);
        assert.equal(text, text.normalize('NFC'), `${lang} ${key} is not NFC`);
      }
    }
    assert.equal(translate('vi', 'common.total', { total: 12 }), 'Tổng cộng 12 bản ghi');
  });
});

describe('staff console in Chromium', { skip: unavailable ?? false }, () => {
  let harness: BrowserHarness;

  before(async () => {
    harness = await startBrowserHarness();
  });

  after(async () => {
    await harness?.close();
  });

  it('signs the administrator in with the keyboard alone and shows the layout for their role', async () => {
    const page = await harness.newPage();
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByLabel('Tên đăng nhập').waitFor();
    assert.equal(await focusedId(page), 'login_username', 'the username field has the focus on load');
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'login_password');
    await page.keyboard.type('motcua-demo');
    const login = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await page.keyboard.press('Enter');
    assert.equal((await login).status(), 200);

    const header = page.getByTestId('current-user');
    await header.getByText('Quản trị hệ thống').waitFor();
    const menu = page.getByRole('navigation', { name: 'Chức năng' });
    for (const item of ['Tổ chức', 'Thủ tục', 'Người dùng', 'Nhật ký']) {
      await menu.getByRole('menuitem', { name: item }).waitFor();
    }
    // The administrator lands on the first section of their menu.
    await page.waitForURL('**/org');
    await page.getByRole('heading', { level: 1, name: 'Tổ chức' }).waitFor();
  });

  it('reaches the menu and the sections with the keyboard', async () => {
    const page = await harness.pageAs('admin', '/org');
    await page.getByRole('heading', { level: 1, name: 'Tổ chức' }).waitFor();
    await settled(page);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Bỏ qua đến nội dung chính');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'menu');
    // Arrow keys move the focus along the menu items; Enter opens the focused one.
    const activeItem = () => page.evaluate(focusedMenuItem);
    for (let i = 0; i < 6 && (await activeItem()) !== 'Thủ tục'; i++) {
      const before = await activeItem();
      await page.keyboard.press('ArrowDown');
      await page
        .waitForFunction(
          (previous) => {
            const focused = document.activeElement?.closest('[role="menuitem"]');
            return (focused ? focused.textContent : '') !== previous;
          },
          before,
          { timeout: 2000 },
        )
        .catch(() => {}); // the loop bound and the assertion below report a key that did nothing
    }
    assert.equal(await activeItem(), 'Thủ tục');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/catalog');
    await page.getByRole('heading', { level: 1, name: 'Danh mục thủ tục hành chính' }).waitFor();
    // The focus ring is drawn (outline), not hidden.
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    assert.notEqual(outline, 'none');
  });

  it('opens the side menu from a header button on a phone-sized screen', async () => {
    const page = await harness.pageAs('gdv.duclieu', '/catalog', { viewport: { width: 390, height: 844 } });
    const toggle = page.getByRole('button', { name: 'Mở hoặc đóng menu' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.waitForURL('**/intake');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  });

  it('shows a wrong password in an alert, in Vietnamese', async () => {
    const page = await harness.newPage();
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByLabel('Mật khẩu').press('Enter');
    await page.getByRole('alert').getByText('Tên đăng nhập hoặc mật khẩu không đúng').waitFor();
    assert.match(page.url(), /\/login$/);
  });

  it('finds a procedure typed without diacritics and opens its detail', async () => {
    const page = await harness.pageAs('admin');
    await page.getByRole('menuitem', { name: 'Thủ tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Danh mục thủ tục hành chính' }).waitFor();

    const { total } = await searchCatalog(page, 'dang ky khai sinh');
    // Every word must match, in any order: the birth registration and its variants (late, foreign…).
    assert.ok(total >= 3 && total <= 6, `found ${total}`);
    const row = page.getByRole('row').filter({ hasText: '1.001193' });
    await row.getByText('Thủ tục đăng ký khai sinh', { exact: true }).waitFor();
    await row.getByText('Cấp xã').waitFor();
    await row.getByText('Trong ngày').waitFor();
    await row.getByText('Miễn phí').waitFor();

    // The name is a button: reachable with Tab, opened with Enter.
    await row.getByRole('button', { name: 'Thủ tục đăng ký khai sinh', exact: true }).focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog');
    await drawer.getByText('1.001193 — Thủ tục đăng ký khai sinh').waitFor();
    await drawer.getByRole('heading', { name: 'Thành phần hồ sơ' }).waitFor();
    await drawer.getByText('1. Tờ khai đăng ký khai sinh theo mẫu').waitFor();
    await drawer.getByText('Nếu có: Trẻ em bị bỏ rơi').waitFor();
    await drawer.getByText('Bản chính để đối chiếu').waitFor();
    await drawer.getByText('Luật Hộ tịch 2014').waitFor();
    await drawer.getByText('Phiên bản 1').first().waitFor();
  });

  it('finds "Thủ tục đăng ký khai sinh" from "giay khai sinh" (its result is the Giấy khai sinh)', async () => {
    const page = await harness.pageAs('admin', '/catalog');
    await searchCatalog(page, 'giay khai sinh');
    assert.equal(await page.getByRole('row').filter({ hasText: '1.001193' }).count(), 1);
  });

  it('says clearly when no procedure matches', async () => {
    const page = await harness.pageAs('admin', '/catalog');
    const { total } = await searchCatalog(page, 'khong co thu tuc nay');
    assert.equal(total, 0);
    await page.getByText('Không tìm thấy thủ tục nào. Hãy thử ít từ hơn hoặc nhập mã thủ tục.').waitFor();
  });

  it('formats fees as Vietnamese money in the catalogue', async () => {
    const page = await harness.pageAs('admin', '/catalog');
    await searchCatalog(page, '2.000806');
    const row = page.getByRole('row').filter({ hasText: '2.000806' });
    await row.getByText('1.000.000 ₫').waitFor();
  });

  it('shows the catalogue read-only to the administrator of a province (it is national)', async () => {
    const page = await harness.pageAs('admin', '/catalog');
    await searchCatalog(page, '1.000656');
    await page.getByRole('row').filter({ hasText: '1.000656' }).getByRole('button').first().click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('Chỉ xem: danh mục thủ tục do quản trị viên toàn quốc cập nhật').waitFor();
    assert.equal(await drawer.getByRole('button', { name: 'Tạo phiên bản mới' }).count(), 0);
  });

  it('lets the national administrator publish a new version of a procedure', async () => {
    const page = await harness.pageAs('admin.toanquoc', '/catalog');
    await searchCatalog(page, '1.000656');
    await page.getByRole('row').filter({ hasText: '1.000656' }).getByRole('button').first().click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('button', { name: 'Tạo phiên bản mới' }).click();
    await drawer.getByLabel('Kết quả').fill('Trích lục khai tử (bản chính)');
    const saved = page.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/api\/v1\/procedures\/[^/]+\/versions$/.test(r.url()),
    );
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    const response = await saved;
    assert.equal(response.status(), 201);
    const headers = response.request().headers();
    assert.ok(headers['x-csrf-token'], 'the CSRF token is sent');
    assert.match(headers['idempotency-key'] ?? '', /^[0-9a-f-]{32,36}$/, 'an Idempotency-Key is sent');
    await drawer.getByText('Trích lục khai tử (bản chính)').waitFor();
    await drawer.getByText('Phiên bản 2').first().waitFor();
  });

  it('lets the administrator set the same-day cut-off of a site and of a within-the-day procedure', async () => {
    const page = await harness.pageAs('admin', '/org');
    await page.locator('#sp-search').fill('Đức Liễu');
    await page
      .getByRole('button', { name: /^Sửa .*Đức Liễu/ })
      .first()
      .click();
    const drawer = page.getByRole('dialog');
    const siteCutoff = drawer.getByLabel('Giờ chốt hồ sơ trả trong ngày');
    await siteCutoff.fill('25:00');
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    await drawer.getByText('Nhập giờ dạng HH:MM, ví dụ 15:00').waitFor();
    await siteCutoff.fill('11:30');
    const patched = page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && /\/api\/v1\/service-points\/[^/]+$/.test(r.url()),
    );
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    const siteId = ((await (await patched).json()) as { id: string; withinDayCutoff: string }).id;
    const site = await harness.database.db
      .selectFrom('service_points')
      .select('within_day_cutoff')
      .where('id', '=', siteId)
      .executeTakeFirstOrThrow();
    assert.equal(site.within_day_cutoff, '11:30');

    // The catalogue is national data: its administrator everywhere publishes versions.
    const national = await harness.pageAs('admin.toanquoc', '/catalog');
    await searchCatalog(national, '1.000656');
    await national.getByRole('row').filter({ hasText: '1.000656' }).getByRole('button').first().click();
    const catalogue = national.getByRole('dialog');
    await catalogue.getByRole('button', { name: 'Tạo phiên bản mới' }).click();
    assert.equal(
      await catalogue.getByLabel('Giờ chốt nhận trong ngày').count(),
      0,
      'only for within the day',
    );
    await catalogue.getByRole('combobox', { name: 'Đơn vị thời hạn' }).click();
    await national
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: 'trong ngày' })
      .first()
      .click();
    await catalogue.getByLabel('Giờ chốt nhận trong ngày').fill('10:00');
    const saved = national.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/api\/v1\/procedures\/[^/]+\/versions$/.test(r.url()),
    );
    await catalogue.getByRole('button', { name: 'Lưu' }).click();
    const response = await saved;
    assert.equal(response.status(), 201, await response.text());
    const body = JSON.parse(response.request().postData() ?? '{}') as {
      processing: { unit: string; cutoff: string };
    };
    assert.deepEqual([body.processing.unit, body.processing.cutoff], ['within_day', '10:00']);
    const version = await harness.database.db
      .selectFrom('procedure_versions')
      .select(['processing_kind', 'processing_cutoff'])
      .orderBy('version', 'desc')
      .where('procedure_id', '=', (await response.json()).id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([version.processing_kind, version.processing_cutoff], ['within_day', '10:00']);
  });

  it('shows the server field errors on the right field of the new-user form', async () => {
    const page = await harness.pageAs('admin');
    await page.getByRole('menuitem', { name: 'Người dùng' }).click();
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('Tên đăng nhập').fill('Tên Có Dấu');
    await drawer.getByLabel('Họ và tên').fill('Nguyễn Văn Thử');
    await drawer.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill('mot-mat-khau-dai');
    await drawer.getByRole('combobox', { name: 'Vai trò' }).click();
    await page.locator('.ant-select-item-option[title="Kiểm tra, thanh tra"]').click();
    const created = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/users'),
    );
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    assert.equal((await created).status(), 400);
    // The username field itself carries the server's message.
    const usernameItem = drawer.locator('.ant-form-item').filter({ has: page.locator('#username') });
    await usernameItem.locator('.ant-form-item-explain-error').waitFor();
    await drawer.getByRole('alert').getByText('Dữ liệu không hợp lệ', { exact: false }).waitFor();
  });

  it('keeps the clerk to their sections and explains a forbidden page', async () => {
    const page = await harness.newPage();
    await harness.signIn(page, 'gdv.duclieu');
    const header = page.getByTestId('current-user');
    await header.getByText('Lê Thị Thu Hương').waitFor();
    await header.getByText('Giao dịch viên', { exact: false }).waitFor();
    await header.getByText('Đức Liễu', { exact: false }).waitFor();

    const menu = page.getByRole('navigation', { name: 'Chức năng' });
    await menu.getByRole('menuitem', { name: 'Tiếp nhận hồ sơ' }).waitFor();
    await menu.getByRole('menuitem', { name: 'Thủ tục' }).waitFor();
    const items = await menu.getByRole('menuitem').allInnerTexts();
    for (const hidden of ['Tổ chức', 'Người dùng', 'Nhật ký']) {
      assert.ok(!items.some((i) => i.includes(hidden)), `${hidden} is not in the clerk's menu`);
    }
    // The clerk lands on the intake page.
    await page.getByRole('heading', { level: 1, name: /Tiếp nhận hồ sơ/ }).waitFor();

    await page.goto('/users');
    await page.getByRole('alert').getByText('không có quyền', { exact: false }).waitFor();
    await page.getByText('403', { exact: false }).first().waitFor();
  });

  it('switches to English and remembers the choice', async () => {
    const page = await harness.newPage();
    await harness.signIn(page, 'admin');
    await page.getByRole('button', { name: 'English' }).click();
    const menu = page.getByRole('navigation', { name: 'Functions' });
    for (const item of ['Organisation', 'Procedures', 'Users', 'Audit log']) {
      await menu.getByRole('menuitem', { name: item }).waitFor();
    }
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.reload();
    await page.getByRole('menuitem', { name: 'Procedures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administrative procedures catalogue' }).waitFor();
    await page.getByRole('columnheader', { name: 'Processing time' }).waitFor();
    // Server messages follow the language too.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('alert').getByText('Wrong username or password').waitFor();
  });

  it('sends the user back to sign in when the session ends, then returns to the page', async () => {
    const page = await harness.newPage();
    await harness.signIn(page, 'kiemtoan');
    await page.getByRole('heading', { level: 1, name: 'Tổ chức' }).waitFor();
    await settled(page); // the first page's own requests are done
    await page.context().clearCookies(); // as if the session expired
    await page.getByRole('menuitem', { name: 'Thủ tục' }).click();
    await page.waitForURL('**/login');
    await page.getByLabel('Tên đăng nhập').fill('kiemtoan');
    await page.getByLabel('Mật khẩu').fill('motcua-demo');
    await page.getByLabel('Mật khẩu').press('Enter');
    await page.waitForURL('**/catalog');
    await page.getByRole('heading', { level: 1, name: 'Danh mục thủ tục hành chính' }).waitFor();
  });

  it('verifies the audit chain from the audit page', async () => {
    const page = await harness.pageAs('admin');
    await page.getByRole('menuitem', { name: 'Nhật ký' }).click();
    await page.getByRole('cell', { name: 'auth.login' }).first().waitFor();
    const verified = page.waitForResponse((r) => r.url().endsWith('/api/v1/audit/verify'));
    await page.getByRole('button', { name: 'Kiểm tra chuỗi' }).click();
    assert.equal((await verified).status(), 200);
    await page.getByText('Chuỗi nhật ký toàn vẹn', { exact: false }).waitFor();
  });

  it('shows units across the 2025 reform', async () => {
    const page = await harness.pageAs('admin', '/org?tab=units');
    await page.getByLabel('Tìm đơn vị hành chính').fill('duc lieu');
    await page
      .getByRole('row')
      .filter({ hasText: '2008:25417' })
      .getByRole('button', { name: 'Xã Đức Liễu' })
      .click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('Huyện Bù Đăng').waitFor();
    await drawer.getByText('Xã Nghĩa Trung').waitFor();
    await drawer.getByText('Sáp nhập').waitFor();
  });

  it('has no serious or critical accessibility violations on the sign-in page', async () => {
    const page = await harness.newPage();
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').waitFor();
    const violations = await axe(page);
    assert.deepEqual(violations, []);
  });

  it('has no serious or critical accessibility violations on the catalogue page', async () => {
    const page = await harness.pageAs('admin', '/catalog');
    await page.getByRole('row').filter({ hasText: '1.001193' }).waitFor();
    const violations = await axe(page);
    assert.deepEqual(violations, []);
  });

  it('has no serious or critical accessibility violations on the organisation, users and audit pages', async () => {
    const page = await harness.pageAs('admin', '/org');
    await page.getByRole('row').filter({ hasText: 'BDVHX-DUCLIEU' }).waitFor();
    assert.deepEqual(await axe(page), [], 'organisation');
    await page.getByRole('menuitem', { name: 'Người dùng' }).click();
    await page.getByRole('row').filter({ hasText: 'gdv.duclieu' }).waitFor();
    assert.deepEqual(await axe(page), [], 'users');
    await page.getByRole('menuitem', { name: 'Nhật ký' }).click();
    await page.getByRole('cell', { name: 'auth.login' }).first().waitFor();
    assert.deepEqual(await axe(page), [], 'audit');
  });
});
