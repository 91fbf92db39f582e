// The citizen dossier page's delivery and rating sections at 390 px (citizen-dossier-delivery.png,
// citizen-dossier-rating.png), taken in Chromium against a fresh demo database:
//   npm run build -w @motcua/web && node --import tsx packages/web/scripts/screenshots-light.ts
// The lookup, the whole dossier page and the pickup booking come from axe-all.browser.test.ts
// (MOTCUA_SCREENSHOTS=1), the courier app's from its own tests.
// The module also exports the fixtures the light pages' browser tests use (a result waiting at the
// Bù Đăng post office for postal delivery, its shipment, bearer clients of the demo users).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { actorForToken, createSession } from '../../server/src/auth/sessions.ts';
import type { Database } from '../../server/src/db/database.ts';
import { createShipment } from '../../server/src/modules/postal/shipments.ts';
import { agencyId, intakeBody, siteId, tx, userId } from '../../server/test/helpers/fixtures.ts';
import { type BrowserHarness, startBrowserHarness } from '../test/helpers/browser.ts';

export const PHONE = { width: 360, height: 740 };
export const DAY = 86_400_000;
/** The docs' phone screenshots are 390 px wide, as the courier app's and axe-all.browser.test.ts's. */
const DOCS_PHONE = { width: 390, height: 844 };

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

/** A client of the API signed in as a demo user with a bearer token (no sign-in form, no rate limit). */
export interface Client {
  userId: string;
  call<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer<T>>;
}

export async function clientFor(harness: BrowserHarness, username: string): Promise<Client> {
  const id = await userId(harness.database, username);
  const { token } = await createSession(harness.database, { userId: id, kind: 'api' });
  return {
    userId: id,
    async call(method, pathname, body) {
      const response = await fetch(`${harness.baseUrl}/api/v1${pathname}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'accept-language': 'vi',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
  };
}

async function ok<T>(answer: Promise<Answer<T>>, status = 200): Promise<T> {
  const a = await answer;
  if (a.status !== status) throw new Error(`expected ${status}, got ${a.status}: ${JSON.stringify(a.body)}`);
  return a.body;
}

export interface PostalFixture {
  clerk: Client; // Bù Đăng district one-stop unit
  postClerk: Client; // Bù Đăng district post office
  courier: Client; // buuta.budang
  officer: Client;
  leader: Client;
}

export async function postalFixture(harness: BrowserHarness): Promise<PostalFixture> {
  return {
    clerk: await clientFor(harness, 'gdv.mcbudang'),
    postClerk: await clientFor(harness, 'gdv.bdbudang'),
    courier: await clientFor(harness, 'buuta.budang'),
    officer: await clientFor(harness, 'cv.budang'),
    leader: await clientFor(harness, 'ld.budang'),
  };
}

/**
 * A dossier decided at the Bù Đăng district unit whose result is on its way to the Bù Đăng post office
 * for postal delivery: the handover batch is sent, the post office has not confirmed it yet.
 */
export async function resultSentToPostOffice(
  harness: BrowserHarness,
  f: PostalFixture,
): Promise<{ id: string; batchId: string }> {
  const db: Database = harness.database;
  const body = await intakeBody(db, 'MC-BUDANG', '1.001612', {
    returnMethod: 'postal',
    deliveryAddress: 'Thôn 3, xã Đức Liễu, huyện Bù Đăng',
    deliveryUnitId: '2008:25417',
    returningSiteId: await siteId(db, 'BD-BUDANG'),
  });
  const received = await ok<{ id: string }>(f.clerk.call('POST', '/dossiers', body), 201);
  const id = received.id;
  await ok(f.officer.call('POST', `/dossiers/${id}/submit`, { clientTxId: tx('s') }));
  await ok(f.leader.call('POST', `/dossiers/${id}/approve`, { clientTxId: tx('a') }));
  await ok(
    f.officer.call('POST', `/dossiers/${id}/result`, {
      clientTxId: tx('r'),
      number: '45/GCN',
      date: '2026-12-01',
      signer: 'Nguyễn Văn Lợi',
    }),
  );
  const batch = await ok<{ id: string }>(
    f.officer.call('POST', '/handover-batches', {
      clientTxId: tx('b'),
      direction: 'to_site',
      siteId: await siteId(db, 'BD-BUDANG'),
      agencyId: await agencyId(db, '000.00.29.H10'),
      dossierIds: [id],
    }),
    201,
  );
  return { id, batchId: batch.id };
}

/**
 * A dossier decided at the Bù Đăng district unit whose result waits at the Bù Đăng post office for
 * postal delivery (the steps of `resultAtPostOffice` in packages/server/test/postal.test.ts).
 */
export async function resultAtPostOffice(
  harness: BrowserHarness,
  f: PostalFixture,
): Promise<{ id: string; code: string; lookupToken: string }> {
  const { id, batchId } = await resultSentToPostOffice(harness, f);
  await ok(
    f.postClerk.call('POST', `/handover-batches/${batchId}/items/${id}/confirm`, { clientTxId: tx('c') }),
  );
  const dossier = await ok<{ code: string; lookupToken: string }>(f.clerk.call('GET', `/dossiers/${id}`));
  return { id, code: dossier.code, lookupToken: dossier.lookupToken };
}

export interface ShipmentView {
  id: string;
  itemNumber: string;
  courierId: string | null;
  status: string;
  nextAttemptOn: string | null;
  events: { type: string; hasSignature: boolean; recipientName: string | null; reason: string | null }[];
}

/** The result accepted for delivery by the post office clerk, now or at `acceptedAt` (in the past). */
export async function shipResult(
  harness: BrowserHarness,
  f: PostalFixture,
  dossierId: string,
  acceptedAt?: Date,
): Promise<ShipmentView> {
  const input = {
    clientTxId: tx('ship'),
    kind: 'result_delivery' as const,
    originSiteId: await siteId(harness.database, 'BD-BUDANG'),
    dossierId,
    weightGrams: 80,
    payer: 'citizen' as const,
  };
  if (!acceptedAt) return ok<ShipmentView>(f.postClerk.call('POST', '/shipments', input), 201);
  const { token } = await createSession(harness.database, { userId: f.postClerk.userId, kind: 'api' });
  const actor = await actorForToken(harness.database, token);
  if (!actor) throw new Error('no actor for the post office clerk');
  const id = await createShipment(harness.database, actor, input, acceptedAt);
  return ok<ShipmentView>(f.postClerk.call('GET', `/shipments/${id}`));
}

/**
 * A result accepted for delivery 12 days ago with two failed attempts since (11 and 6 days ago): the
 * office may now return it to the sender or hold it.
 */
export async function twiceFailedResult(harness: BrowserHarness, f: PostalFixture): Promise<ShipmentView> {
  const item = await shipResult(
    harness,
    f,
    (await resultAtPostOffice(harness, f)).id,
    new Date(Date.now() - 12 * DAY),
  );
  for (const daysAgo of [11, 6]) {
    await ok(
      f.courier.call('POST', `/shipments/${item.id}/events`, {
        clientTxId: tx('fail'),
        type: 'failed_attempt',
        at: new Date(Date.now() - daysAgo * DAY).toISOString(),
        payload: { reason: 'Vắng nhà' },
      }),
    );
  }
  return item;
}

/** Signs in through the courier app's own form. */
export async function courierSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/buu-ta');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: 'Chuyến phát hôm nay' }).waitFor();
}

/** Draws a signature-like stroke on the delivery form's canvas with the mouse. */
export async function drawSignature(page: Page): Promise<void> {
  const canvas = page.locator('canvas#signature');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no signature canvas');
  await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(
      box.x + 20 + i * ((box.width - 40) / 12),
      box.y + box.height * (0.6 + 0.25 * Math.sin(i * 1.3)),
    );
  }
  await page.mouse.up();
}

async function main(): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const out = path.resolve(here, '../../../docs/screenshots');
  mkdirSync(out, { recursive: true });
  const harness = await startBrowserHarness();
  try {
    const shot = (page: Page, name: string, fullPage = true) =>
      page.screenshot({ path: path.join(out, `${name}.png`), fullPage });
    const f = await postalFixture(harness);
    // One result delivered after a failed attempt (for the citizen page).
    const done = await resultAtPostOffice(harness, f);
    const first = await shipResult(harness, f, done.id, new Date(Date.now() - 7 * DAY));
    await ok(
      f.courier.call('POST', `/shipments/${first.id}/events`, {
        clientTxId: tx('fail'),
        type: 'failed_attempt',
        at: new Date(Date.now() - 6 * DAY).toISOString(),
        payload: { reason: 'Vắng nhà' },
      }),
    );
    await ok(
      f.courier.call('POST', `/shipments/${first.id}/events`, {
        clientTxId: tx('deliver'),
        type: 'delivered',
        payload: { recipientName: 'Nguyễn Thị Ánh', idLast4: '1234' },
      }),
    );

    const dossier = await harness.newPage(DOCS_PHONE);
    await dossier.goto(`/tra-cuu/${done.lookupToken}`);
    await dossier.getByRole('heading', { name: 'Quá trình xử lý' }).waitFor();
    await dossier.getByTestId('delivery').scrollIntoViewIfNeeded();
    await shot(dossier, 'citizen-dossier-delivery', false);
    await dossier.getByRole('heading', { name: 'Đánh giá chất lượng phục vụ' }).scrollIntoViewIfNeeded();
    await shot(dossier, 'citizen-dossier-rating', false);

    // The courier app's screenshots (courier-*.png, 390 px) come from its browser tests:
    // MOTCUA_SCREENSHOTS=1 npm test -- courier.browser courier-pwa
    console.log(`screenshots written to ${path.relative(process.cwd(), out)}`);
  } finally {
    await harness.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
