// Browser test harness: the real server in this process (fresh database with the demo data, serving
// the built console from packages/web/dist) and Debian's Chromium driven by playwright-core.
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp } from '../../../server/src/app.ts';
import { loadConfig } from '../../../server/src/config.ts';
import type { Database } from '../../../server/src/db/database.ts';
import { DEMO_PASSWORD, seedDemo } from '../../../server/src/seed/demo.ts';
import { freshDatabase } from '../../../server/test/helpers/db.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');
export const WEB_DIST = path.join(root, 'packages/web/dist');

/** Debian's Chromium, or the one `MOTCUA_CHROMIUM` names. */
export const CHROMIUM_PATH = process.env.MOTCUA_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Viewport {
  width: number;
  height: number;
}

export interface PageOptions {
  viewport?: Viewport;
  /** The console's language before the first load (`localStorage['motcua.lang']`); default Vietnamese. */
  lang?: 'vi' | 'en';
}

export interface BrowserHarness {
  /** `http://127.0.0.1:<port>` of the in-process server. */
  baseUrl: string;
  browser: Browser;
  database: Database;
  /** A page in a new browser context (its own cookies), at 1280×800 unless told otherwise. */
  newPage(viewportOrOptions?: Viewport | PageOptions): Promise<Page>;
  /** Opens /login and signs in through the form (mouse-free); resolves when the layout shows. */
  signIn(page: Page, username: string, password?: string): Promise<void>;
  /**
   * A new page already signed in as a demo user, at `path` (default `/`). The first call per user
   * signs in through the form; later calls reuse that session's cookies, because the server allows
   * only 10 sign-ins a minute from one address. Do not sign such a page out: use `signIn` for that.
   */
  pageAs(username: string, path?: string, options?: PageOptions): Promise<Page>;
  close(): Promise<void>;
}

/** Why browser tests cannot run here, or null when they can (Chromium and the built console, with the
 * extra HTML `entries` a test opens, exist). Throws instead when CI requires the browser. */
export function browserUnavailable(...entries: string[]): string | null {
  let reason: string | null = null;
  const missing = ['index.html', ...entries].find((entry) => !existsSync(path.join(WEB_DIST, entry)));
  if (!existsSync(CHROMIUM_PATH))
    reason = `Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
  else if (missing) reason = `packages/web/dist/${missing} is missing (npm run build -w @motcua/web)`;
  // In CI the browser is required: a missing one must fail the run, never skip it quietly.
  if (reason && process.env.MOTCUA_REQUIRE_BROWSER === '1')
    throw new Error(`browser tests required: ${reason}`);
  return reason;
}

/** Starts the server on port 0 with a fresh database and the demo data, and launches Chromium. */
export async function startBrowserHarness(
  options: {
    /** Also load the present era (`npm start`'s timeline): Đồng Nai's 2025 centres, the 2025
     * catalogue versions and the reorganisation of 1/7/2025 applied (docs/organisation.md). */
    present?: boolean;
  } = {},
): Promise<BrowserHarness> {
  const database = await freshDatabase();
  await seedDemo(database, { provinces: ['70', '75'] }, { present: options.present ?? false });
  const config = loadConfig({
    MOTCUA_DATA_DIR: '/tmp/motcua-browser-test-data',
    MOTCUA_PUBLIC_URL: 'http://127.0.0.1',
  });
  const app = await buildApp({ database, config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    await app.close();
    await database.dispose();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
  const sessions = new Map<string, StorageState>();

  const newPage = async (options: PageOptions = {}, storageState?: StorageState) => {
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      ...(storageState ? { storageState } : {}),
    });
    if (options.lang) {
      await context.addInitScript((lang) => localStorage.setItem('motcua.lang', lang), options.lang);
    }
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  };

  const signIn = async (page: Page, username: string, password = DEMO_PASSWORD) => {
    await page.goto('/login');
    const user = page.locator('#login_username');
    await user.waitFor();
    await user.fill(username);
    await page.locator('#login_password').fill(password);
    await page.locator('#login_password').press('Enter');
    await page.getByTestId('current-user').waitFor();
  };

  return {
    baseUrl,
    browser,
    database,
    newPage(viewportOrOptions) {
      const options: PageOptions =
        viewportOrOptions && 'width' in viewportOrOptions
          ? { viewport: viewportOrOptions }
          : (viewportOrOptions ?? {});
      return newPage(options);
    },
    signIn,
    async pageAs(username, path = '/', options = {}) {
      const saved = sessions.get(username);
      const page = await newPage(options, saved);
      if (!saved) {
        await signIn(page, username);
        sessions.set(username, await page.context().storageState());
      }
      await page.goto(path);
      await page.getByTestId('current-user').waitFor();
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await app.close();
      await database.dispose();
    },
  };
}

/** Waits until no antd spinner is on the page and no animation (drawer slide, fade) is running. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('.ant-spin-spinning').length === 0 &&
      document.getAnimations().every((a) => a.playState !== 'running'),
  );
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

const AXE_SOURCE = () => readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.x A and AA rules and best practices) once the page has settled, and returns the serious and critical
 * violations, each with the selectors of the offending nodes.
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Half-faded loading overlays and animations would report false contrast failures.
  await settled(page);
  const loaded = await page.evaluate(
    () => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined',
  );
  // addScriptTag would be blocked by the CSP (script-src 'self'); evaluate runs outside it.
  if (!loaded) await page.evaluate(AXE_SOURCE());
  return page.evaluate(async () => {
    const axeApi = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }
    ).axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }
    const results = await axeApi.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      }));
  });
}

/**
 * `it` for the steps of one story, each building on the last: once a step fails, the later ones are
 * reported as skipped with that reason instead of failing for the same cause.
 */
export function storySteps(): (name: string, fn: () => Promise<void>) => void {
  let failed = false;
  return (name, fn) =>
    it(name, async (t) => {
      if (failed) return t.skip('an earlier step failed');
      try {
        await fn();
      } catch (error) {
        failed = true;
        throw error;
      }
    });
}
