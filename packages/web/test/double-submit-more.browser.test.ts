// One key per intent (ARCHITECTURE.md), the creating buttons double-submit.browser.test.ts leaves to
// this file (the two run side by side in CI, each well inside its time limit): the supplement slip and
// the papers of a supplement handed in at the counter, a handover item's confirmation, the post
// office's return of an item to its sender, a new agency, a new procedure version and the application
// of a reorganisation. Each button is double-clicked while its first request is held on the wire:
// exactly one request, with an Idempotency-Key, and exactly one row written, counted in the database.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { TEST_ENGINE } from '../../server/test/helpers/db.ts';
import { intakeBody, tx } from '../../server/test/helpers/fixtures.ts';
import {
  clientFor,
  type PostalFixture,
  postalFixture,
  resultSentToPostOffice,
  type ShipmentView,
  twiceFailedResult,
} from '../scripts/screenshots-light.ts';
import {
  type BrowserHarness,
  browserUnavailable,
  startBrowserHarness,
  storySteps,
} from './helpers/browser.ts';
import { doubleSubmit } from './helpers/double-submit.ts';

const unavailable = browserUnavailable();

describe(`double submit of the other creating buttons in Chromium on ${TEST_ENGINE}`, {
  skip: unavailable ?? false,
}, () => {
  let harness: BrowserHarness;
  let f: PostalFixture;
  /** A result on its way to the Bù Đăng post office, its batch not confirmed yet. */
  let onItsWay: { id: string; code: string; batchId: string };
  /** Accepted 12 days ago, two failed attempts since: the office may return it to the sender. */
  let twiceFailed: ShipmentView;
  /** A dossier of the Bù Đăng one-stop unit waiting for a supplement. */
  let waiting: { id: string; items: string[] };
  const step = storySteps();
  const db = () => harness.database.db;
  const count = async (
    table: 'intake_slips' | 'agencies' | 'procedure_versions' | 'org_reorganisations',
  ): Promise<number> =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const actionsOf = async (dossierId: string, type: string) =>
    (
      await db()
        .selectFrom('dossier_actions')
        .select('seq')
        .where('dossier_id', '=', dossierId)
        .where('type', '=', type)
        .execute()
    ).length;

  before(async () => {
    harness = await startBrowserHarness();
    f = await postalFixture(harness);
    const sent = await resultSentToPostOffice(harness, f);
    const { code } = (await f.clerk.call<{ code: string }>('GET', `/dossiers/${sent.id}`)).body;
    onItsWay = { ...sent, code };
    twiceFailed = await twiceFailedResult(harness, f);
    const received = await f.clerk.call<{ id: string }>(
      'POST',
      '/dossiers',
      await intakeBody(harness.database, 'MC-BUDANG', '1.001612'),
    );
    assert.equal(received.status, 201, JSON.stringify(received.body));
    const items = ['Bản sao hợp đồng thuê địa điểm kinh doanh'];
    const asked = await (await clientFor(harness, 'cv.budang')).call(
      'POST',
      `/dossiers/${received.body.id}/supplement-request`,
      { clientTxId: tx('sr'), items, reason: 'Thiếu giấy tờ chứng minh địa điểm kinh doanh' },
    );
    assert.equal(asked.status, 200, JSON.stringify(asked.body));
    waiting = { id: received.body.id, items };
  });
  after(() => harness?.close());

  step('intake: a double click on "Lập phiếu yêu cầu bổ sung (Mẫu 02)" issues one slip', async () => {
    const page = await harness.pageAs('gdv.duclieu', '/intake');
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
    await page.getByLabel('Thủ tục hành chính').fill('ho kinh doanh');
    await page.locator('.ant-select-item-option').filter({ hasText: '1.001612' }).click();
    await page.getByLabel('Họ và tên').fill('Nguyễn Thị Ánh');
    // No required document ticked: the server refuses and names them; the clerk issues the slip.
    const refused = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/dossiers',
    );
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    assert.equal((await refused).status(), 400);
    await page.getByTestId('missing-documents').waitFor();
    const before = await count('intake_slips');
    await doubleSubmit(page, /^\/api\/v1\/intake-slips$/, () =>
      page.getByRole('button', { name: 'Lập phiếu yêu cầu bổ sung (Mẫu 02)' }).dblclick(),
    );
    assert.equal(await count('intake_slips'), before + 1);
  });

  step('dossier: a double click on "Xác nhận" records the papers handed in at the counter once', async () => {
    const page = await harness.pageAs('gdv.mcbudang', `/ho-so/${waiting.id}`);
    const action = 'Nhận giấy tờ bổ sung tại quầy';
    await page.getByRole('button', { name: action, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: action });
    assert.equal(await dialog.getByLabel('Giấy tờ người dân nộp bổ sung').inputValue(), waiting.items[0]);
    await doubleSubmit(
      page,
      new RegExp(`^/api/v1/dossiers/${waiting.id}/supplement-at-counter$`),
      () => dialog.getByRole('button', { name: 'Xác nhận' }).dblclick(),
      200,
    );
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await actionsOf(waiting.id, 'receive_supplement'), 1);
  });

  step('handover: a double click on "Xác nhận" confirms the item once', async () => {
    const page = await harness.pageAs('gdv.bdbudang', '/ban-giao?tab=results');
    const confirm = page.getByRole('button', { name: `Xác nhận đã nhận hồ sơ ${onItsWay.code}` });
    await doubleSubmit(
      page,
      new RegExp(`^/api/v1/handover-batches/${onItsWay.batchId}/items/${onItsWay.id}/confirm$`),
      () => confirm.dblclick(),
      200,
    );
    await confirm.waitFor({ state: 'detached' });
    assert.equal(await actionsOf(onItsWay.id, 'confirm_at_site'), 1);
  });

  step('post office: a double click on "Chuyển hoàn" records the return once', async () => {
    const page = await harness.pageAs('gdv.bdbudang', '/buu-chinh?tab=daily');
    const row = page
      .getByTestId('postal-delivering')
      .getByRole('row')
      .filter({ hasText: twiceFailed.itemNumber });
    await row.getByRole('button', { name: 'Chuyển hoàn' }).click();
    const dialog = page.getByRole('dialog', { name: `Chuyển hoàn bưu gửi ${twiceFailed.itemNumber}` });
    await dialog.getByLabel('Lý do').fill('Người nhận vắng nhà hai lần, không liên lạc được');
    await doubleSubmit(
      page,
      new RegExp(`^/api/v1/shipments/${twiceFailed.id}/events$`),
      () => dialog.getByRole('button', { name: 'Chuyển hoàn' }).dblclick(),
      200,
    );
    await dialog.waitFor({ state: 'detached' });
    const returns = await db()
      .selectFrom('shipment_events')
      .select('seq')
      .where('shipment_id', '=', twiceFailed.id)
      .where('type', '=', 'returned_to_sender')
      .execute();
    assert.equal(returns.length, 1);
  });

  let admin: Page;

  step('organisation: a double click on "Lưu" creates one agency', async () => {
    admin = await harness.pageAs('admin', '/org');
    await admin.getByRole('tab', { name: 'Cơ quan giải quyết' }).click();
    await admin.getByRole('button', { name: 'Thêm cơ quan' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Thêm cơ quan' });
    await dialog.getByLabel('Mã định danh (QCVN 102:2016)').fill('000.07.29.H10');
    await dialog.getByLabel('Tên', { exact: true }).fill('Phòng Tư pháp huyện Bù Đăng');
    await dialog.getByLabel('Loại cơ quan').fill('phong_chuyen_mon');
    const unit = dialog.getByLabel('Đơn vị hành chính');
    await unit.click();
    await unit.pressSequentially('bu dang');
    await admin
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: 'Bù Đăng' })
      .first()
      .click();
    const before = await count('agencies');
    await doubleSubmit(admin, /^\/api\/v1\/agencies$/, () =>
      dialog.getByRole('button', { name: 'Lưu', exact: true }).dblclick(),
    );
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await count('agencies'), before + 1);
  });

  step('catalogue: a double click on "Lưu" publishes one procedure version', async () => {
    // The catalogue is national data: published by the administrator everywhere.
    const national = await harness.pageAs('admin.toanquoc', '/catalog');
    await national.getByLabel('Tìm theo tên (có thể gõ không dấu) hoặc mã thủ tục').fill('1.000656');
    const row = national.getByRole('row').filter({ hasText: '1.000656' });
    await row.getByRole('button').first().click();
    const drawer = national.getByRole('dialog');
    await drawer.getByRole('button', { name: 'Tạo phiên bản mới' }).click();
    await drawer.getByLabel('Kết quả').fill('Trích lục khai tử (bản chính)');
    const before = await count('procedure_versions');
    await doubleSubmit(national, /^\/api\/v1\/procedures\/[^/]+\/versions$/, () =>
      drawer.getByRole('button', { name: 'Lưu', exact: true }).dblclick(),
    );
    await drawer.getByText('Phiên bản 2').first().waitFor();
    assert.equal(await count('procedure_versions'), before + 1);
  });

  // Last: the reorganisation of 1/7/2025 moves sites, agencies, grants and open dossiers.
  step('reorganisation: a double click on "Áp dụng" in the confirmation applies it once', async () => {
    await admin.goto('/org?tab=reorganisations');
    await admin.getByRole('button', { name: 'Xem trước' }).click();
    await admin.getByRole('heading', { name: 'Xem trước: sắp xếp tổ chức ngày 01/07/2025' }).waitFor();
    await admin.getByRole('button', { name: 'Áp dụng' }).click();
    const confirm = admin.locator('.ant-popconfirm');
    await confirm.getByText('Áp dụng sắp xếp tổ chức ngày 01/07/2025?').waitFor();
    assert.equal(await count('org_reorganisations'), 0);
    await doubleSubmit(
      admin,
      /^\/api\/v1\/org\/reorganisations$/,
      () => confirm.getByRole('button', { name: 'Áp dụng' }).dblclick(),
      200,
    );
    await admin.getByRole('heading', { name: 'Đã áp dụng: sắp xếp tổ chức ngày 01/07/2025' }).waitFor();
    assert.equal(await count('org_reorganisations'), 1);
  });
});
