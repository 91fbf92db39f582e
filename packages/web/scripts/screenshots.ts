// Screenshots of the console for the README and docs, taken in Chromium against a fresh demo
// database:  npm run build -w @motcua/web && node --import tsx packages/web/scripts/screenshots.ts
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { settled, startBrowserHarness } from '../test/helpers/browser.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../../../docs/screenshots');
mkdirSync(out, { recursive: true });

const harness = await startBrowserHarness();
try {
  const viewport = { width: 1366, height: 768 };
  const shot = (name: string) => path.join(out, `${name}.png`);
  const take = async (page: Page, name: string) => {
    await settled(page);
    await page.screenshot({ path: shot(name) });
  };

  const login = await harness.newPage(viewport);
  await login.goto('/login');
  await login.getByLabel('Tên đăng nhập').fill('gdv.duclieu');
  await take(login, 'login');

  const catalogue = await harness.pageAs('admin', '/catalog', { viewport });
  await catalogue.getByRole('row').filter({ hasText: '1.001193' }).waitFor();
  await take(catalogue, 'catalogue');

  await catalogue.getByRole('button', { name: 'Thủ tục đăng ký khai sinh', exact: true }).click();
  await catalogue.getByRole('dialog').getByRole('heading', { name: 'Thành phần hồ sơ' }).waitFor();
  await take(catalogue, 'catalogue-detail');

  const organisation = await harness.pageAs('admin', '/org', { viewport });
  await organisation.getByRole('row').filter({ hasText: 'BDVHX-DUCLIEU' }).waitFor();
  await take(organisation, 'organisation');

  const units = await harness.pageAs('admin', '/org?tab=units', { viewport });
  await units.getByLabel('Tìm đơn vị hành chính').fill('duc lieu');
  await units.getByRole('button', { name: 'Xã Đức Liễu' }).click();
  await units.getByRole('dialog').getByText('Xã Nghĩa Trung').waitFor();
  await take(units, 'units');

  const clerk = await harness.pageAs('gdv.duclieu', '/users', { viewport });
  await clerk.getByRole('alert').waitFor();
  await take(clerk, 'forbidden');

  console.log(`screenshots written to ${path.relative(process.cwd(), out)}`);
} finally {
  await harness.close();
}
