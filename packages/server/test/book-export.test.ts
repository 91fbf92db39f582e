/** The book as a spreadsheet and the supervisor's overview, on a fresh database. */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { inTransaction, newId } from '../src/db/helpers.ts';
import { BOOK_COLUMNS, BOOK_SHEET } from '../src/modules/reports/book-export.ts';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { expectOk, intakeBody, siteId } from './helpers/fixtures.ts';

const HOUSEHOLD_BUSINESS = '1.001612';

let ctx: TestContext;
let clerk: Client;
let clerkThanhLuong: Client;
let districtClerk: Client;
let supervisor: Client;
const created: { id: string; code: string }[] = [];

before(async () => {
  ctx = await createTestContext();
  clerk = await ctx.signIn('gdv.duclieu');
  clerkThanhLuong = await ctx.signIn('gdv.thanhluong');
  districtClerk = await ctx.signIn('gdv.mcbudang');
  supervisor = await ctx.signIn('gs.hcc');
  for (const [client, site] of [
    [clerk, 'BDVHX-DUCLIEU'],
    [clerk, 'BDVHX-DUCLIEU'],
    [clerk, 'BDVHX-DUCLIEU'],
    [districtClerk, 'MC-BUDANG'],
  ] as const) {
    const response = await client.post(
      '/api/v1/dossiers',
      await intakeBody(ctx.database, site, HOUSEHOLD_BUSINESS),
    );
    await expectOk(response, 201);
    created.push(response.json());
  }
});
after(() => ctx.close());

async function workbookOf(response: { rawPayload: Buffer }) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return workbook;
}

describe(`book export on ${TEST_ENGINE}`, () => {
  it('exports the clerk’s book with the Mẫu 06 header in Vietnamese and one row per dossier', async () => {
    const response = await clerk.get('/api/v1/dossiers/export.xlsx');
    await expectOk(response);
    assert.match(String(response.headers['content-type']), /spreadsheetml/);
    assert.match(String(response.headers['content-disposition']), /attachment; filename="so-theo-doi-ho-so-/);
    const sheet = (await workbookOf(response)).getWorksheet(BOOK_SHEET);
    assert.ok(sheet, 'sheet "Sổ theo dõi hồ sơ"');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(
      header,
      BOOK_COLUMNS.map((c) => c.header),
    );
    assert.deepEqual(header.slice(0, 3), ['STT', 'Mã hồ sơ', 'Tên TTHC']);
    assert.equal(sheet.getRow(1).font?.bold, true);
    const book = (await clerk.get('/api/v1/dossiers?pageSize=200')).json();
    assert.equal(sheet.actualRowCount - 1, book.total);
    const codes = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n > 1) codes.add(String(row.getCell(2).value));
    });
    for (const d of created.slice(0, 3)) assert.ok(codes.has(d.code), d.code);
    const first = sheet.getRow(2);
    assert.equal(first.getCell(1).value, 1);
    assert.equal(first.getCell(5).value, 'Nguyễn Thị Ánh');
    assert.match(String(first.getCell(8).value), /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/, 'DD/MM/YYYY HH:MM');
    assert.equal(first.getCell(13).value, 'Mới tiếp nhận');
  });

  it('applies the book’s filters and the reader’s reach', async () => {
    const one = await clerk.get(`/api/v1/dossiers/export.xlsx?q=${encodeURIComponent(created[1]!.code)}`);
    await expectOk(one);
    const sheet = (await workbookOf(one)).getWorksheet(BOOK_SHEET)!;
    assert.equal(sheet.actualRowCount, 2);
    assert.equal(sheet.getRow(2).getCell(2).value, created[1]!.code);

    const other = await clerkThanhLuong.get('/api/v1/dossiers/export.xlsx');
    await expectOk(other);
    assert.equal((await workbookOf(other)).getWorksheet(BOOK_SHEET)!.actualRowCount, 1, 'header only');

    const bad = await clerk.get('/api/v1/dossiers/export.xlsx?from=30-11-2026');
    assert.equal(bad.statusCode, 400);
  });
});

describe(`supervisor overview on ${TEST_ENGINE}`, () => {
  it('counts the dossiers of each service point, overdue ones and the most overdue list', async () => {
    // One Đức Liễu dossier two days past its appointment, still open.
    const past = new Date(Date.now() - 2 * 86400_000).toISOString();
    await ctx.database.db
      .updateTable('dossiers')
      .set({ appointment_at: past, agency_due_at: null })
      .where('id', '=', created[0]!.id)
      .execute();
    const response = await supervisor.get('/api/v1/reports/overview');
    await expectOk(response);
    const body = response.json();
    const duclieuId = await siteId(ctx.database, 'BDVHX-DUCLIEU');
    const budangId = await siteId(ctx.database, 'MC-BUDANG');
    const site = (id: string) => body.sites.find((s: { siteId: string }) => s.siteId === id);
    assert.ok(site(duclieuId), 'Đức Liễu is in the supervisor’s reach');
    assert.equal(site(duclieuId).total, 3);
    assert.equal(site(duclieuId).byStatus.received, 3);
    assert.equal(site(duclieuId).overdue, 1);
    assert.equal(site(duclieuId).returned, 0);
    assert.deepEqual(site(duclieuId).results, { early: 0, onTime: 0, late: 0 });
    // One overdue and nothing decided: 0 % on time, not "100 %" nor "—".
    assert.equal(site(duclieuId).onTimeRate, 0);
    assert.equal(body.totals.onTimeRate, 0);
    assert.equal(site(budangId).total, 1);
    assert.equal(site(budangId).byStatus.processing, 1);
    assert.equal(body.totals.total, 4);
    assert.equal(body.totals.overdue, 1);
    assert.equal(body.mostOverdue.length, 1);
    assert.equal(body.mostOverdue[0].code, created[0]!.code);
    assert.ok(body.mostOverdue[0].overdueWorkingHours > 0);
    assert.equal(body.mostOverdue[0].dueAt, past);
  });

  it('is for those who read reports, within their reach', async () => {
    assert.equal((await clerk.get('/api/v1/reports/overview')).statusCode, 403);
    const budop = await ctx.signIn('gs.budop');
    const response = await budop.get('/api/v1/reports/overview');
    await expectOk(response);
    assert.equal(response.json().totals.total, 0, 'Bù Đốp’s supervisor sees none of Bù Đăng’s dossiers');
  });
});

describe(`a cut download on ${TEST_ENGINE}`, () => {
  it('stops the export quietly when the client goes away mid-stream, and serves the next one whole', async () => {
    // Enough rows for several chunks of the writer, so the cut lands while it still reads.
    const rows = await ctx.database.db.selectFrom('dossiers').selectAll().execute();
    let n = 0;
    await inTransaction(ctx.database, async (trx) => {
      for (let copy = 0; copy < 300; copy++) {
        for (const row of rows) {
          n += 1;
          await trx
            .insertInto('dossiers')
            .values({
              ...row,
              id: newId(),
              code: `${row.code}-${n}`,
              lookup_token: `${row.lookup_token}-${n}`,
              register_number: 100_000 + n,
            })
            .execute();
        }
      }
    });
    const logged: { level: number; msg: string }[] = [];
    const app = await buildApp(
      { database: ctx.database, config: loadConfig({ MOTCUA_DATA_DIR: '/tmp/motcua-test-data' }) },
      {
        serveWeb: false,
        logger: {
          level: 'info',
          stream: new Writable({
            write(chunk, _encoding, done) {
              for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line));
              done();
            },
          }),
        },
      },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const signIn = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'gs.hcc', password: 'motcua-demo' }),
      });
      const cookie = signIn.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const cut = new AbortController();
      const first = await fetch(`${base}/api/v1/dossiers/export.xlsx`, {
        headers: { cookie },
        signal: cut.signal,
      });
      assert.equal(first.status, 200);
      const reader = first.body!.getReader();
      await reader.read();
      cut.abort();
      await reader.read().catch(() => undefined);
      // The server side notices the cut (its log says so) and nothing worse.
      await waitFor(() => logged.some((l) => l.msg === 'stream closed prematurely'));
      const whole = await fetch(`${base}/api/v1/dossiers/export.xlsx`, { headers: { cookie } });
      assert.equal(whole.status, 200);
      const bytes = Buffer.from(await whole.arrayBuffer());
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as never);
      assert.ok(book.getWorksheet(BOOK_SHEET)!.rowCount > n);
      assert.deepEqual(
        logged.filter((l) => l.level >= 40),
        [],
      );
    } finally {
      // fetch keeps its connection alive: close it rather than wait for the keep-alive timeout.
      app.server.closeAllConnections();
      await app.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
