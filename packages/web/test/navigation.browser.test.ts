// Navigation of the console in Chromium: the side menu covers the window on a long page scrolled to
// its end, its items are links a new tab can open, screen readers hear the label only (no icon
// name), and back from a dossier finds the book with its search still there (state in the URL).
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { TEST_ENGINE } from '../../server/test/helpers/db.ts';
import { postalFixture, resultAtPostOffice } from '../scripts/screenshots-light.ts';
import {
  type BrowserHarness,
  browserUnavailable,
  settled,
  startBrowserHarness,
  storySteps,
} from './helpers/browser.ts';

const unavailable = browserUnavailable();
const SEARCH = 'Tìm theo mã hồ sơ hoặc tên người nộp (có thể gõ không dấu)';

describe(`console navigation in Chromium on ${TEST_ENGINE}`, { skip: unavailable ?? false }, () => {
  let harness: BrowserHarness;
  let page: Page;
  const step = storySteps();

  before(async () => {
    harness = await startBrowserHarness();
  });
  after(() => harness?.close());

  step('the menu items are links named by their label alone', async () => {
    page = await harness.pageAs('admin', '/users', { viewport: { width: 1366, height: 768 } });
    const menu = page.getByRole('navigation', { name: 'Chức năng' });
    const users = menu.getByRole('link', { name: 'Người dùng', exact: true });
    await users.waitFor();
    assert.equal(await users.getAttribute('href'), '/users');
    // Every item: an <a href>, and its menu item's accessible name is the label (no "team Người dùng").
    const items = await menu.getByRole('menuitem').all();
    assert.ok(items.length >= 4);
    for (const item of items) {
      const href = await item.locator('a').getAttribute('href');
      assert.match(href ?? '', /^\/[a-z-]+$/);
      const label = ((await item.locator('a').textContent()) ?? '').trim();
      await menu.getByRole('menuitem', { name: label, exact: true }).waitFor();
    }
    // Following the link opens the section.
    await menu.getByRole('link', { name: 'Thủ tục', exact: true }).click();
    await page.waitForURL('**/catalog');
  });

  step('the dark side menu covers the window down to the end of a long page', async () => {
    await page.goto('/catalog');
    await page.getByText(/^Tổng cộng \d+ bản ghi$/).waitFor();
    await settled(page);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const viewport = page.viewportSize();
    assert.ok(viewport);
    const tall = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight);
    assert.ok(tall, 'the audit page is longer than the window');
    const box = await page.locator('#side-menu').boundingBox();
    assert.ok(box);
    assert.ok(box.y <= 0, `the menu starts at the top of the window (y = ${box.y})`);
    assert.ok(
      box.y + box.height >= viewport.height,
      `the menu reaches the bottom (ends at ${box.y + box.height})`,
    );
  });

  step('back from a dossier keeps the book’s search', async () => {
    const f = await postalFixture(harness);
    const dossier = await resultAtPostOffice(harness, f);
    const clerk = await harness.pageAs('gdv.bdbudang', '/ho-so');
    await clerk.getByRole('heading', { level: 1 }).waitFor();
    const box = clerk.getByLabel(SEARCH);
    await box.fill(dossier.code);
    await clerk.waitForURL((url) => url.searchParams.get('q') === dossier.code);
    await clerk.getByRole('table').getByRole('link', { name: dossier.code }).click();
    await clerk.waitForURL(`**/ho-so/${dossier.id}`);
    await clerk.goBack();
    await clerk.waitForURL((url) => url.pathname === '/ho-so' && url.searchParams.get('q') === dossier.code);
    assert.equal(await clerk.getByLabel(SEARCH).inputValue(), dossier.code);
    await clerk.getByRole('table').getByRole('link', { name: dossier.code }).waitFor();
  });
});
