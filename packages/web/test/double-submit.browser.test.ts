// One key per intent (ARCHITECTURE.md): the creating buttons of the counter, the handover, a dossier
// action, the post office's acceptance and the users page, clicked twice (and Ctrl+Enter pressed twice
// on the intake form) while the first request is still on the wire, create one resource; a retry after
// a lost answer is replayed by the server, not created again; the next intent gets a new key. The first
// request of each action is held in the browser until the second click has been dispatched, so the
// double click always lands while the first one is pending. The other creating buttons:
// double-submit-more.browser.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page, Route } from 'playwright-core';
import { TEST_ENGINE } from '../../server/test/helpers/db.ts';
import { type PostalFixture, postalFixture, resultAtPostOffice } from '../scripts/screenshots-light.ts';
import {
  type BrowserHarness,
  browserUnavailable,
  startBrowserHarness,
  storySteps,
} from './helpers/browser.ts';
import { doubleSubmit } from './helpers/double-submit.ts';

const unavailable = browserUnavailable();
const WITHDRAW_REASON = 'Lý do rút hồ sơ (theo đề nghị của người nộp)';

describe(`double submit of the counter's creating buttons in Chromium on ${TEST_ENGINE}`, {
  skip: unavailable ?? false,
}, () => {
  let harness: BrowserHarness;
  let f: PostalFixture;
  let waiting: { id: string; code: string };
  const step = storySteps();
  const count = async (table: 'dossiers' | 'handover_batches' | 'users' | 'shipments' | 'agencies') =>
    Number(
      (
        await harness.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const APPLICANT = 'Đặng Văn Đức';
  let intakeKey = '';
  let dossierId = '';
  let page: Page;

  before(async () => {
    harness = await startBrowserHarness();
    f = await postalFixture(harness);
    waiting = await resultAtPostOffice(harness, f);
  });
  after(() => harness?.close());

  async function fillIntake() {
    await page.getByLabel('Thủ tục hành chính').fill('ho kinh doanh');
    await page.locator('.ant-select-item-option').filter({ hasText: '1.001612' }).click();
    await page.getByRole('button', { name: 'Đánh dấu đủ giấy tờ bắt buộc' }).click();
    await page.getByLabel('Họ và tên').fill(APPLICANT);
    await page.getByLabel('Số điện thoại').fill('0388 123 456');
  }

  step('intake: a double click on "Tiếp nhận hồ sơ" and Ctrl+Enter twice receive one dossier', async () => {
    page = await harness.pageAs('gdv.duclieu', '/intake');
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
    await fillIntake();
    const before = await count('dossiers');
    const { response, key } = await doubleSubmit(page, /^\/api\/v1\/dossiers$/, async () => {
      await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).dblclick();
      await page.getByLabel('Họ và tên').press('Control+Enter');
      await page.getByLabel('Họ và tên').press('Control+Enter');
    });
    intakeKey = key;
    const body = (await response.json()) as { id: string; code: string };
    dossierId = body.id;
    await page.getByTestId('dossier-code').getByText(body.code).waitFor();
    assert.equal(await count('dossiers'), before + 1);
  });

  step('intake: a retry after a lost answer is replayed by the server, not created again', async () => {
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ khác' }).click();
    await fillIntake();
    const before = await count('dossiers');
    const keys: string[] = [];
    const first: { answer?: { id: string; code: string } } = {};
    // The server receives the dossier and answers; the answer is lost on the way back and the page
    // sees a broken connection.
    const lose = async (route: Route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length > 1) return route.continue();
      const answer = await route.fetch();
      assert.equal(answer.status(), 201, await answer.text());
      first.answer = (await answer.json()) as { id: string; code: string };
      return route.abort('connectionreset');
    };
    const matcher = (url: URL) => url.pathname === '/api/v1/dossiers';
    await page.route(matcher, lose);
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Không kết nối được máy chủ' }).waitFor();
    assert.equal(await count('dossiers'), before + 1, 'the server received the lost request');
    assert.equal(keys.length, 1, 'the browser did not send the request again by itself');
    // The clerk presses the same button again: it is offered under its own name (no spinner left in
    // it) and sends the same intent.
    const replay = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/dossiers',
    );
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    const response = await replay;
    await page.unroute(matcher, lose);
    assert.equal(response.status(), 201);
    assert.equal(response.headers()['idempotent-replayed'], 'true');
    assert.equal(keys.length, 2);
    assert.equal(keys[1], keys[0], 'the retry sends the key of the first attempt');
    assert.notEqual(keys[0], intakeKey, 'the next dossier is a new intent with a new key');
    const replayed = (await response.json()) as { id: string; code: string };
    const lost = first.answer;
    assert.ok(lost, 'the first answer was read before it was dropped');
    assert.deepEqual({ id: replayed.id, code: replayed.code }, { id: lost.id, code: lost.code });
    await page.getByTestId('dossier-code').getByText(lost.code).waitFor();
    assert.equal(await count('dossiers'), before + 1, 'still one dossier');
  });

  step('handover: a double click on "Lập biên bản bàn giao" makes one batch', async () => {
    await page.goto('/ban-giao');
    const button = page.getByRole('button', { name: /Lập biên bản bàn giao \(\d+ hồ sơ\)/ }).first();
    await button.waitFor();
    const before = await count('handover_batches');
    await doubleSubmit(page, /^\/api\/v1\/handover-batches$/, () => button.dblclick());
    await page.getByRole('status').filter({ hasText: 'Đã lập biên bản' }).first().waitFor();
    assert.equal(await count('handover_batches'), before + 1);
  });

  step('dossier action: a double click on "Xác nhận" records the withdrawal once', async () => {
    const other = await harness.pageAs('gdv.duclieu', '/intake');
    page = other;
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
    await fillIntake();
    const received = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/dossiers',
    );
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    dossierId = ((await (await received).json()) as { id: string }).id;
    await page.goto(`/ho-so/${dossierId}`);
    await page.getByRole('button', { name: 'Rút hồ sơ', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Rút hồ sơ' });
    await dialog.getByLabel(WITHDRAW_REASON).fill('Công dân xin rút để bổ sung giấy tờ');
    await doubleSubmit(
      page,
      new RegExp(`^/api/v1/dossiers/${dossierId}/withdraw$`),
      () => dialog.getByRole('button', { name: 'Xác nhận' }).dblclick(),
      200,
    );
    await dialog.waitFor({ state: 'detached' });
    const withdrawals = await harness.database.db
      .selectFrom('dossier_actions')
      .select('seq')
      .where('dossier_id', '=', dossierId)
      .where('type', '=', 'withdraw')
      .execute();
    assert.equal(withdrawals.length, 1);
  });

  step('shipment: a double click on "Nhận gửi" accepts one item', async () => {
    const clerk = await harness.pageAs('gdv.bdbudang', '/buu-chinh');
    const name = `Nhận gửi kết quả hồ sơ ${waiting.code}`;
    await clerk.getByRole('button', { name }).click();
    const dialog = clerk.getByRole('dialog', { name });
    await dialog.getByLabel('Khối lượng (gam)').fill('80');
    const before = await count('shipments');
    await doubleSubmit(clerk, /^\/api\/v1\/shipments$/, () =>
      dialog.getByRole('button', { name: 'Nhận gửi', exact: true }).dblclick(),
    );
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await count('shipments'), before + 1);
  });

  step('users: a double click on "Lưu" creates one user', async () => {
    const admin = await harness.pageAs('admin', '/users');
    await admin.getByRole('button', { name: 'Thêm người dùng' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Thêm người dùng' });
    await dialog.getByLabel('Tên đăng nhập').fill('nguyen.thi.anh');
    await dialog.getByLabel('Họ và tên').fill('Nguyễn Thị Ánh');
    await dialog.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill('mat-khau-dai-du-manh-2026');
    // The first role (clerk) at the Bù Đăng post office, within the provincial administrator's reach.
    const site = dialog.getByRole('combobox', { name: 'Điểm tiếp nhận' });
    await site.click();
    await site.pressSequentially('BD-BUDANG');
    await admin
      .locator(
        '.ant-select-dropdown:visible .ant-select-item-option[title="Bưu điện huyện Bù Đăng (BD-BUDANG)"]',
      )
      .click();
    const before = await count('users');
    await doubleSubmit(admin, /^\/api\/v1\/users$/, () =>
      dialog.getByRole('button', { name: 'Lưu', exact: true }).dblclick(),
    );
    assert.equal(await count('users'), before + 1);
  });
});
