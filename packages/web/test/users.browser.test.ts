import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axe, type BrowserHarness, browserUnavailable, startBrowserHarness } from './helpers/browser.ts';

const unavailable = browserUnavailable();
const USERNAME = 'gdv.thanhluong';
const OLD_NAME = 'Trần Thị Ngọc Hân';
const NEW_NAME = 'Trần Thị Ngọc Hân (Thanh Lương)';
const BUDANG = 'Bưu điện huyện Bù Đăng (BD-BUDANG)';

interface ApiUser {
  id: string;
  username: string;
  fullName: string;
  roles: { role: string; servicePoint: { code: string } | null }[];
}

/** Searches the users list and waits for the row of `username`. */
async function findUser(page: Page, username: string) {
  const searched = page.waitForResponse(
    (r) => r.url().includes('/api/v1/users?') && new URL(r.url()).searchParams.get('q') === username,
  );
  await page.getByLabel('Tìm theo tên hoặc tên đăng nhập').fill(username);
  await searched;
  const row = page.getByRole('row').filter({ hasText: username });
  await row.waitFor();
  return row;
}

/** The user as the API shows it, with the page's session cookies. */
async function apiUser(page: Page, username: string): Promise<ApiUser> {
  const response = await page.request.get(`/api/v1/users?q=${encodeURIComponent(username)}`);
  assert.equal(response.status(), 200);
  const body = (await response.json()) as { items: ApiUser[] };
  const user = body.items.find((u) => u.username === username);
  assert.ok(user, `${username} is listed`);
  return user;
}

describe('editing a user in Chromium', { skip: unavailable ?? false }, () => {
  let harness: BrowserHarness;

  before(async () => {
    harness = await startBrowserHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('lets the administrator rename a clerk and add a courier role, sending only what changed', async () => {
    const page = await harness.pageAs('admin', '/users');
    const row = await findUser(page, USERNAME);

    // Keyboard: the row's edit button opens the drawer with the focus on the full name.
    await row.getByRole('button', { name: 'Sửa', exact: true }).focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: `Sửa người dùng ${USERNAME}` });
    await drawer.waitFor();
    const fullName = drawer.getByLabel('Họ và tên');
    await page.waitForFunction(() => document.activeElement?.id === 'editUser_fullName');
    assert.equal(await fullName.inputValue(), OLD_NAME);
    // Prefilled: the language and the clerk role at its service point, by name.
    await drawer.locator('fieldset').first().getByTitle('Giao dịch viên').waitFor();
    await drawer
      .locator('fieldset')
      .first()
      .getByTitle(/Thanh Lương/)
      .waitFor();
    await drawer.getByTitle('Tiếng Việt').waitFor();

    await fullName.fill(NEW_NAME);
    await drawer.getByRole('button', { name: 'Thêm vai trò' }).click();
    const second = drawer.locator('fieldset').nth(1);
    await second.getByText('Vai trò 2', { exact: true }).waitFor();
    await second.getByRole('combobox', { name: 'Vai trò' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Bưu tá"]').click();
    const site = second.getByRole('combobox', { name: 'Điểm tiếp nhận' });
    await site.click();
    const searched = page.waitForResponse(
      (r) =>
        r.url().includes('/api/v1/service-points?') && new URL(r.url()).searchParams.get('q') === 'BD-BUDANG',
    );
    await site.pressSequentially('BD-BUDANG');
    await searched;
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${BUDANG}"]`).click();
    await second.getByTitle(BUDANG).waitFor();

    // Accessibility with the drawer open and the new role filled in.
    assert.deepEqual(await axe(page), [], 'users page with the edit drawer open');

    const patched = page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && /\/api\/v1\/users\/[^/]+$/.test(r.url()),
    );
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    const response = await patched;
    assert.equal(response.status(), 200);
    const sent = response.request().postDataJSON() as Record<string, unknown>;
    assert.deepEqual(Object.keys(sent).sort(), ['fullName', 'roles'], 'only the changed fields are sent');
    assert.equal(sent.fullName, NEW_NAME);
    assert.ok(response.request().headers()['x-csrf-token'], 'the CSRF token is sent');
    await drawer.waitFor({ state: 'hidden' });

    // The list refreshes: the new name and both roles with their sites.
    const updated = page.getByRole('row').filter({ hasText: USERNAME });
    await updated.getByText(NEW_NAME).waitFor();
    await updated.getByText('Giao dịch viên').waitFor();
    await updated.getByText('Bưu tá').waitFor();
    await updated.getByText('Bưu điện huyện Bù Đăng').waitFor();

    const user = await apiUser(page, USERNAME);
    assert.equal(user.fullName, NEW_NAME);
    assert.deepEqual(user.roles.map((r) => `${r.role}@${r.servicePoint?.code}`).sort(), [
      'clerk@BDVHX-THANHLUONG',
      'courier@BD-BUDANG',
    ]);
  });

  it('refuses to remove every role, with the message on the roles', async () => {
    const page = await harness.pageAs('admin', '/users');
    const row = await findUser(page, USERNAME);
    await row.getByText(NEW_NAME).waitFor();
    await row.getByRole('button', { name: 'Sửa', exact: true }).click();
    const drawer = page.getByRole('dialog', { name: `Sửa người dùng ${USERNAME}` });
    await drawer.waitFor();
    await drawer.locator('fieldset').nth(1).waitFor();
    await drawer.getByRole('button', { name: 'Xóa vai trò 2' }).click();
    await drawer.getByRole('button', { name: 'Xóa vai trò 1' }).click();
    await drawer.getByText('Chưa có vai trò nào', { exact: false }).waitFor();
    assert.equal(await drawer.locator('fieldset').count(), 0);

    const patched = page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && /\/api\/v1\/users\/[^/]+$/.test(r.url()),
    );
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    const response = await patched;
    assert.equal(response.status(), 400);
    assert.deepEqual(response.request().postDataJSON(), { roles: [] }, 'only the roles are sent');
    const body = (await response.json()) as { error: { code: string; fields: { field: string }[] } };
    assert.equal(body.error.code, 'VALIDATION_FAILED');
    assert.ok(
      body.error.fields.some((f) => f.field === 'roles'),
      'the server names the roles',
    );
    // The refusal is spelled out under the (empty) roles list, and the drawer stays open.
    await drawer
      .locator('#roles-error')
      .getByText('Không thể bỏ hết vai trò: người dùng phải có ít nhất một vai trò.')
      .waitFor();
    await drawer.getByRole('alert').getByText('Dữ liệu không hợp lệ', { exact: false }).waitFor();
    assert.deepEqual(await axe(page), [], 'edit drawer showing the refusal');

    // Nothing changed on the server.
    const user = await apiUser(page, USERNAME);
    assert.equal(user.roles.length, 2);

    // Adding a role back clears the message; closing with Escape leaves the user as they were.
    await drawer.getByRole('button', { name: 'Thêm vai trò' }).click();
    await drawer.locator('#roles-error').getByText('Không thể bỏ hết', { exact: false }).waitFor({
      state: 'detached',
    });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('does not offer editing to a supervisor (read-only users page)', async () => {
    const page = await harness.pageAs('gs.hcc', '/users');
    const row = await findUser(page, USERNAME);
    await row.getByText(NEW_NAME).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sửa', exact: true }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Thêm người dùng' }).count(), 0);
  });
});
