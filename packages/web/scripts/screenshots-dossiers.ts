// Screenshots of the dossier pages (intake, book, dossier with its timeline, inbox, handover,
// overview) in Chromium against a fresh demo database with the demo dossiers:
//   npm run build -w @motcua/web && node --import tsx packages/web/scripts/screenshots-dossiers.ts
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { seedDemoDossiers } from '../../server/src/seed/demo-dossiers.ts';
import { settled, startBrowserHarness } from '../test/helpers/browser.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../../../docs/screenshots');
mkdirSync(out, { recursive: true });

const harness = await startBrowserHarness();
try {
  await seedDemoDossiers(harness.database);
  const viewport = { width: 1366, height: 768 };
  const take = async (page: Page, name: string, fullPage = false) => {
    await settled(page);
    await page.screenshot({ path: path.join(out, `${name}.png`), fullPage });
  };

  // Intake: the procedure picked, documents ticked, the applicant typed in.
  const intake = await harness.pageAs('gdv.duclieu', '/intake', { viewport });
  await intake.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
  const searched = intake.waitForResponse((r) => r.url().includes('q=ho+kinh+doanh'));
  await intake.keyboard.type('ho kinh doanh');
  await searched;
  await intake.locator('.ant-select-item-option').filter({ hasText: '1.001612' }).waitFor();
  await intake.keyboard.press('Enter');
  await intake.getByRole('button', { name: 'Đánh dấu đủ giấy tờ bắt buộc' }).click();
  await intake.getByLabel('Họ và tên').fill('Nguyễn Thị Ánh');
  await intake.getByLabel('Số CCCD/CMND').fill('070190001234');
  await intake.getByLabel('Ngày sinh').fill('12/05/1990');
  await intake.getByLabel('Ngày sinh').press('Enter');
  await intake.getByLabel('Ngày sinh').press('Tab');
  await intake.getByLabel('Nữ').check();
  await intake.getByLabel('Số điện thoại').fill('0912 345 678');
  await intake.getByLabel('Địa chỉ (số nhà, thôn, ấp)').fill('Thôn 3');
  await intake.getByRole('heading', { level: 1 }).click();
  await take(intake, 'intake', true);

  const received = intake.waitForResponse((r) => r.url().endsWith('/api/v1/dossiers'));
  await intake.getByLabel('Số điện thoại').press('Control+Enter');
  await received;
  await intake.getByTestId('dossier-code').waitFor();
  await take(intake, 'intake-done');

  const book = await harness.pageAs('gdv.duclieu', '/ho-so', { viewport });
  await book.getByText(/Tổng cộng \d+ bản ghi/).waitFor();
  await take(book, 'dossier-book');

  // The returned dossier with the longest timeline.
  const busiest = await harness.database.db
    .selectFrom('dossiers')
    .select(['id'])
    .where('status', '=', 'returned')
    .orderBy('action_count', 'desc')
    .executeTakeFirstOrThrow();
  const detail = await harness.pageAs('gs.hcc', `/ho-so/${busiest.id}`, { viewport });
  await detail.getByTestId('timeline').waitFor();
  await take(detail, 'dossier-detail', true);

  const inbox = await harness.pageAs('ld.budang', '/xu-ly', { viewport });
  await inbox.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' }).waitFor();
  await inbox.locator('.ant-table-row').first().waitFor();
  await take(inbox, 'inbox');

  const open = await harness.database.db
    .selectFrom('dossiers')
    .select(['id'])
    .where('status', '=', 'processing')
    .where('current_agency_id', 'in', (eb) =>
      eb.selectFrom('agencies').select('id').where('code', '=', '000.00.29.H10'),
    )
    .executeTakeFirst();
  if (open) {
    const leader = await harness.pageAs('ld.budang', `/ho-so/${open.id}`, { viewport });
    await leader.getByTestId('timeline').waitFor();
    await take(leader, 'dossier-leader');
  }

  const handover = await harness.pageAs('gdv.duclieu', '/ban-giao', { viewport });
  await handover.getByRole('tab', { name: 'Gửi đi' }).waitFor();
  await take(handover, 'handover');

  const overview = await harness.pageAs('gs.hcc', '/overview', { viewport });
  await overview.locator('.ant-table-row').first().waitFor();
  await take(overview, 'overview', true);

  console.log(`screenshots written to ${path.relative(process.cwd(), out)}`);
} finally {
  await harness.close();
}
