// Live updates in Chromium: the officer keeps the dossier open while the leader approves it on
// another page (another browser context, another session); the officer's page shows the action the
// approval allows without a reload. Run with MOTCUA_TEST_DB=postgres for PostgreSQL (LISTEN/NOTIFY).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_ENGINE } from '../../server/test/helpers/db.ts';
import { intakeBody, tx } from '../../server/test/helpers/fixtures.ts';
import { clientFor } from '../scripts/screenshots-light.ts';
import { type BrowserHarness, browserUnavailable, startBrowserHarness } from './helpers/browser.ts';

const unavailable = browserUnavailable();

describe(`live updates in the console on ${TEST_ENGINE}`, { skip: unavailable ?? false }, () => {
  let harness: BrowserHarness;

  before(async () => {
    harness = await startBrowserHarness();
  });
  after(() => harness?.close());

  it('shows the officer the action the leader’s approval allows, without a reload', async () => {
    const clerk = await clientFor(harness, 'gdv.mcbudang');
    const officerApi = await clientFor(harness, 'cv.budang');
    const received = await clerk.call<{ id: string }>(
      'POST',
      '/dossiers',
      await intakeBody(harness.database, 'MC-BUDANG', '1.001612'),
    );
    assert.equal(received.status, 201, JSON.stringify(received.body));
    const id = received.body.id;
    const submitted = await officerApi.call('POST', `/dossiers/${id}/submit`, { clientTxId: tx('sub') });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));

    const officer = await harness.pageAs('cv.budang', `/ho-so/${id}`);
    const status = (label: string) => officer.locator('.ant-tag').getByText(label, { exact: true });
    await status('Chờ phê duyệt').waitFor();
    const actions = officer.getByRole('button', { name: 'Ban hành kết quả', exact: true });
    assert.equal(await actions.count(), 0, 'nothing to issue before the approval');
    assert.equal(await officer.getByRole('button', { name: 'Trình lãnh đạo', exact: true }).count(), 0);
    let reloaded = false;
    officer.on('framenavigated', (frame) => {
      if (frame === officer.mainFrame()) reloaded = true;
    });

    const leader = await harness.pageAs('ld.budang', `/ho-so/${id}`);
    await leader.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    const dialog = leader.getByRole('dialog', { name: 'Phê duyệt' });
    await dialog.waitFor();
    const done = leader.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/approve'),
    );
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    assert.equal((await done).status(), 200);

    await actions.waitFor();
    await status('Đang xử lý').waitFor();
    assert.equal(reloaded, false, 'the officer’s page was not reloaded');
  });

  it('lets the counter clerk record the supplement’s papers; the officer’s open dossier shows them', async () => {
    const clerk = await clientFor(harness, 'gdv.mcbudang');
    const officerApi = await clientFor(harness, 'cv.budang');
    const received = await clerk.call<{ id: string }>(
      'POST',
      '/dossiers',
      await intakeBody(harness.database, 'MC-BUDANG', '1.001612'),
    );
    assert.equal(received.status, 201, JSON.stringify(received.body));
    const id = received.body.id;
    const items = ['Bản sao hợp đồng thuê địa điểm kinh doanh', 'Giấy ủy quyền có chứng thực'];
    const asked = await officerApi.call('POST', `/dossiers/${id}/supplement-request`, {
      clientTxId: tx('sr'),
      items,
      reason: 'Thiếu giấy tờ chứng minh địa điểm kinh doanh',
    });
    assert.equal(asked.status, 200, JSON.stringify(asked.body));

    const officer = await harness.pageAs('cv.budang', `/ho-so/${id}`);
    const officerTimeline = officer.getByTestId('timeline');
    await officerTimeline.getByText('Yêu cầu bổ sung hồ sơ').waitFor();

    const page = await harness.pageAs('gdv.mcbudang', `/ho-so/${id}`);
    const action = 'Nhận giấy tờ bổ sung tại quầy';
    await page.getByRole('button', { name: action, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: action });
    await dialog.waitFor();
    // Prefilled with the papers asked for, one a line.
    assert.equal(await dialog.getByLabel('Giấy tờ người dân nộp bổ sung').inputValue(), items.join('\n'));
    const done = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/supplement-at-counter'),
    );
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    assert.equal((await done).status(), 200);
    await page.getByTestId('timeline').getByText('Nhận hồ sơ bổ sung').waitFor();
    await officerTimeline.getByText('Nhận hồ sơ bổ sung').waitFor();
  });
});
