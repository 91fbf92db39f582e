import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { expectOk, siteId, tx } from './helpers/fixtures.ts';
import { brokenInvariants } from './helpers/invariants.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PERIOD = '2026-12';
const HEADER =
  'STT,Họ và tên,Số CCCD,Ngày sinh,Số tiền,Kỳ chi trả,Điểm chi trả,Người được ủy quyền,Số CCCD người được ủy quyền,Ngày ủy quyền,Hạn ủy quyền';
const GOOD = [
  '1,Nguyễn Thị Ánh,070150001234,12/03/1950,"4.250.000",12/2026,Bưu điện huyện Bù Đốp,,,,',
  '2,Đặng Văn Đức,070048005678,05/09/1948,3120000,12/2026,Bưu điện huyện Bù Đốp,Đặng Thị Hoa,070190001234,01/03/2026,28/02/2027',
  '3,Trần Văn Bình,070095004321,20/01/1945,2800000,12/2026,Bưu điện huyện Bù Đốp,Lê Thị Mai,075185002468,01/10/2025,30/06/2026',
  '4,Phạm Thị Lan,070152003333,02/02/1952,5100000,12/2026,Bưu điện huyện Bù Đốp,,,,',
];
const BAD = [
  '5,Hoàng Văn Nam,12345,01/01/1950,3000000,12/2026,Bưu điện huyện Bù Đốp,,,,',
  '6,Nguyễn Thị Ánh,070150001234,12/03/1950,4250000,12/2026,Bưu điện huyện Bù Đốp,,,,',
  '7,Võ Thị Hạnh,070151007777,01/01/1951,4250000.5,12/2026,Bưu điện huyện Bù Đốp,,,,',
];

let ctx: TestContext;
let admin: Client;
let clerk: Client;
let clerk2: Client;
let otherClerk: Client;
let office: string;
let ledger: {
  accounts: { id: string; purpose: string; balance: number; programmeId: string | null }[];
  programmes: { id: string; kind: string; accountId: string }[];
  drawers: { id: string; name: string; accountId: string }[];
};
const programme = (kind: string) => ledger.programmes.find((p) => p.kind === kind)!;

function upload(client: Client, url: string, body: string | Buffer, type = 'text/csv; charset=utf-8') {
  return client.request({ method: 'POST', url, payload: body, headers: { 'content-type': type } });
}
const csv = (rows: string[]) => `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`;

async function lineOf(citizenId: string) {
  const lines = (await clerk.get(`/api/v1/money/payout-lines?officeId=${office}&q=${citizenId}`)).json();
  assert.equal(lines.length, 1);
  return lines[0];
}

before(async () => {
  ctx = await createTestContext();
  admin = await ctx.signIn('admin');
  // Counterparts are national data: the national administrator enters them (docs/security.md).
  const national = await ctx.signIn('admin.toanquoc');
  clerk = await ctx.signIn('gdv.budop');
  clerk2 = await ctx.signIn('gdv.budop2');
  otherClerk = await ctx.signIn('gdv.dongtien');
  office = await siteId(ctx.database, 'BD-BUDOP');
  const agency = await national.post('/api/v1/money/counterparts', {
    code: 'BHXH-DONGNAI',
    name: 'Bảo hiểm xã hội tỉnh Đồng Nai',
    kind: 'social_insurance_agency',
  });
  const treasury = await national.post('/api/v1/money/counterparts', {
    code: 'KBNN-DONGNAI',
    name: 'Kho bạc Nhà nước tỉnh Đồng Nai',
    kind: 'state_treasury',
  });
  const setup = await admin.post(`/api/v1/money/offices/${office}/ledger`, {
    socialInsuranceAgencyId: agency.json().id,
    stateTreasuryId: treasury.json().id,
    drawers: ['Quầy 1', 'Quầy 2'],
  });
  await expectOk(setup);
  ledger = setup.json();
  await expectOk(
    await admin.post(`/api/v1/money/programmes/${programme('pension').id}/funding`, {
      clientTxId: tx('fund'),
      amount: 15_270_000,
    }),
    201,
  );
  for (const drawer of ledger.drawers) {
    await expectOk(
      await clerk.post(`/api/v1/money/drawers/${drawer.id}/float`, {
        clientTxId: tx('float'),
        direction: 'in',
        amount: 20_000_000,
      }),
      201,
    );
  }
});
after(() => ctx.close());

async function countLines() {
  const row = await ctx.database.db
    .selectFrom('payout_lines')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe(`payout programmes on ${TEST_ENGINE}`, () => {
  it('previews a list with per-row errors and writes nothing', async () => {
    const response = await upload(
      admin,
      `/api/v1/money/programmes/${programme('pension').id}/payout-lists/preview?period=${PERIOD}`,
      csv([...GOOD, ...BAD]),
    );
    await expectOk(response);
    const preview = response.json();
    assert.equal(preview.rowsTotal, 7);
    assert.equal(preview.rowsValid, 4);
    assert.equal(preview.rowsInvalid, 3);
    const byRow = new Map(
      preview.errors.map((e: { rowNumber: number; code: string }) => [e.rowNumber, e.code]),
    );
    assert.match(String(byRow.get(6)), /^CITIZEN_ID_/);
    assert.equal(byRow.get(7), 'DUPLICATE_BENEFICIARY');
    assert.equal(byRow.get(8), 'AMOUNT_NOT_INTEGER');
    assert.equal(preview.totalAmount, 4_250_000 + 3_120_000 + 2_800_000 + 5_100_000);
    assert.equal(preview.sample[0].name, 'Nguyễn Thị Ánh');
    assert.equal(await countLines(), 0);
  });

  it('refuses a list with a missing required column, naming it', async () => {
    const response = await upload(
      admin,
      `/api/v1/money/programmes/${programme('pension').id}/payout-lists/preview?period=${PERIOD}`,
      'Họ và tên,Số CCCD\nNguyễn Thị Ánh,070150001234\n',
    );
    assert.equal(response.statusCode, 422);
    assert.ok(response.json().error.fields.some((f: { field: string }) => f.field === 'columns.amount'));
  });

  it('imports all or nothing unless bad rows are skipped; the same file twice creates nothing more', async () => {
    const url = `/api/v1/money/programmes/${programme('pension').id}/payout-lists?period=${PERIOD}&fileName=${encodeURIComponent('DS chi tra 12-2026.csv')}`;
    const file = csv([...GOOD, ...BAD]);
    const refused = await upload(admin, url, file);
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().error.code, 'PAYOUT_LIST_INVALID');
    assert.ok(refused.json().error.fields.some((f: { field: string }) => f.field === 'rows.7.citizenId'));
    assert.equal(await countLines(), 0);

    const imported = await upload(admin, `${url}&skipBadRows=true`, file);
    await expectOk(imported, 201);
    assert.equal(imported.json().rowsImported, 4);
    assert.equal(imported.json().rowsSkipped, 3);
    assert.equal(await countLines(), 4);

    const again = await upload(admin, `${url}&skipBadRows=true`, file);
    await expectOk(again, 200);
    assert.equal(again.json().alreadyImported, true);
    assert.equal(again.json().id, imported.json().id);
    assert.equal(await countLines(), 4);

    // Another file with a beneficiary already listed for the period: refused row.
    const overlap = await upload(
      admin,
      `/api/v1/money/programmes/${programme('pension').id}/payout-lists/preview?period=${PERIOD}`,
      csv([GOOD[0]!]),
    );
    assert.equal(overlap.json().errors[0].code, 'ALREADY_LISTED');
    assert.equal((await upload(clerk, url, file)).statusCode, 403, 'a clerk does not import payout lists');
  });

  it('imports an Excel list with Vietnamese headers, a text citizen ID and a date cell', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    sheet.addRow([
      'STT',
      'Họ tên người hưởng',
      'Số định danh cá nhân',
      'Ngày sinh',
      'Số tiền được lĩnh',
      'Kỳ',
      'Nơi chi trả',
    ]);
    sheet.addRow([
      1,
      'Lý Thị Thu',
      '070160009999',
      new Date(Date.UTC(1960, 6, 15)),
      1_950_000,
      '12/2026',
      'Bưu điện huyện Bù Đốp',
    ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await upload(
      admin,
      `/api/v1/money/programmes/${programme('benefit').id}/payout-lists?period=${PERIOD}`,
      bytes,
      XLSX,
    );
    await expectOk(response, 201);
    assert.equal(response.json().rowsImported, 1);
    const line = await lineOf('070160009999');
    assert.equal(line.birthDate, '1960-07-15');
    assert.equal(line.amount, 1_950_000);
    const byName = (await clerk.get(`/api/v1/money/payout-lines?officeId=${office}&q=ly%20thi%20thu`)).json();
    assert.equal(byName.length, 1, 'search by name without diacritics');
  });

  it('pays a beneficiary once, with the identity check; a retry replays, another attempt is 409', async () => {
    const line = await lineOf('070150001234');
    const body = {
      clientTxId: tx('pay'),
      drawerId: ledger.drawers[0]!.id,
      payee: 'beneficiary',
      payeeCitizenId: '070150001234',
      identityChecked: false,
    };
    const unchecked = await clerk.post(`/api/v1/money/payout-lines/${line.id}/payment`, body);
    assert.equal(unchecked.statusCode, 422);
    assert.ok(unchecked.json().error.fields.some((f: { field: string }) => f.field === 'identityChecked'));
    const wrongPerson = await clerk.post(`/api/v1/money/payout-lines/${line.id}/payment`, {
      ...body,
      identityChecked: true,
      payeeCitizenId: '070152003333',
    });
    assert.equal(wrongPerson.statusCode, 422);
    assert.equal(wrongPerson.json().error.code, 'PAYEE_NOT_BENEFICIARY');
    assert.equal(
      (
        await otherClerk.post(`/api/v1/money/payout-lines/${line.id}/payment`, {
          ...body,
          identityChecked: true,
        })
      ).statusCode,
      403,
    );

    const paid = await clerk.post(`/api/v1/money/payout-lines/${line.id}/payment`, {
      ...body,
      identityChecked: true,
    });
    await expectOk(paid, 201);
    assert.equal(paid.json().line.status, 'paid');
    assert.equal(paid.json().amount, 4_250_000);
    const replay = await clerk.post(`/api/v1/money/payout-lines/${line.id}/payment`, {
      ...body,
      identityChecked: true,
    });
    await expectOk(replay, 201);
    assert.equal(replay.json().replayed, true);
    assert.equal(replay.json().id, paid.json().id);
    const second = await clerk.post(`/api/v1/money/payout-lines/${line.id}/payment`, {
      ...body,
      identityChecked: true,
      clientTxId: tx('pay'),
    });
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().error.code, 'ALREADY_PAID');
    const posting = await ctx.database.db
      .selectFrom('ledger_postings')
      .selectAll()
      .where('id', '=', paid.json().postingId)
      .executeTakeFirstOrThrow();
    assert.equal(posting.operation, 'cash_payout');

    const receipt = (await clerk.get(`/api/v1/money/payments/${paid.json().id}/receipt`)).json();
    assert.equal(receipt.beneficiaryName, 'Nguyễn Thị Ánh');
    assert.match(receipt.amountInWords, /^Bốn triệu hai trăm năm mươi nghìn đồng/);
    const pdf = await clerk.get(`/api/v1/money/payments/${paid.json().id}/receipt/pdf`);
    await expectOk(pdf);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-receipt-'));
    writeFileSync(path.join(dir, 'r.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', [path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    rmSync(dir, { recursive: true, force: true });
    assert.match(text, /GIẤY BIÊN NHẬN CHI TRẢ LƯƠNG HƯU/);
    assert.match(text, /Nguyễn Thị Ánh/);
    assert.match(text, /4\.250\.000/);
    assert.match(text, /Bốn triệu hai trăm năm mươi nghìn đồng/);
  });

  it('pays a proxy only while the authorisation is valid, recording the check in the audit', async () => {
    const expired = await lineOf('070095004321');
    const refused = await clerk.post(`/api/v1/money/payout-lines/${expired.id}/payment`, {
      clientTxId: tx('proxy'),
      drawerId: ledger.drawers[0]!.id,
      payee: 'proxy',
      payeeCitizenId: '075185002468',
      identityChecked: true,
      proxyAuthorisation: { certified: true },
    });
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().error.code, 'PROXY_EXPIRED');

    const valid = await lineOf('070048005678');
    const paid = await clerk.post(`/api/v1/money/payout-lines/${valid.id}/payment`, {
      clientTxId: tx('proxy'),
      drawerId: ledger.drawers[0]!.id,
      payee: 'proxy',
      payeeCitizenId: '070190001234',
      identityChecked: true,
      proxyAuthorisation: { certified: true },
    });
    await expectOk(paid, 201);
    assert.equal(paid.json().payeeName, 'Đặng Thị Hoa');
    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'money.payout.pay')
      .where('entity_id', '=', valid.id)
      .executeTakeFirstOrThrow();
    const after = JSON.parse(audit.after_json!);
    assert.equal(after.identityCheck.payee, 'proxy');
    assert.equal(after.identityCheck.proxyAuthorisation.madeOn, '2026-03-01');
  });

  it('lets exactly one of two counters paying the same line at the same instant succeed', async () => {
    const line = await lineOf('070152003333');
    const pay = (client: Client, drawer: number) =>
      client.post(`/api/v1/money/payout-lines/${line.id}/payment`, {
        clientTxId: tx('race'),
        drawerId: ledger.drawers[drawer]!.id,
        payee: 'beneficiary',
        payeeCitizenId: '070152003333',
        identityChecked: true,
      });
    const results = await Promise.all([pay(clerk, 0), pay(clerk2, 1)]);
    const codes = results.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [201, 409], results.map((r) => r.body).join('\n'));
    const payments = await ctx.database.db
      .selectFrom('payments')
      .select('id')
      .where('line_id', '=', line.id)
      .execute();
    assert.equal(payments.length, 1);
    const postings = await sql<{
      n: number;
    }>`select count(*) as n from ledger_postings where memo like ${'%Phạm Thị Lan%'}`.execute(
      ctx.database.db,
    );
    assert.equal(Number(postings.rows[0]!.n), 1);
  });

  it('closes the period: unpaid lines returned, reconciliation record and export, the ledger balanced', async () => {
    const list = (await clerk.get(`/api/v1/money/payout-lines?officeId=${office}&q=070150001234`)).json()[0]
      .listId;
    const closeBody = { clientTxId: tx('close') };
    assert.equal((await clerk.post(`/api/v1/money/payout-lists/${list}/close`, closeBody)).statusCode, 403);
    const closed = await admin.post(`/api/v1/money/payout-lists/${list}/close`, closeBody);
    await expectOk(closed);
    const record = closed.json();
    assert.equal(record.linesPaid, 3);
    assert.equal(record.amountPaid, 4_250_000 + 3_120_000 + 5_100_000);
    assert.equal(record.linesReturned, 1);
    assert.equal(record.amountReturned, 2_800_000);
    const again = await admin.post(`/api/v1/money/payout-lists/${list}/close`, { clientTxId: tx('close') });
    await expectOk(again);
    assert.equal(again.json().settlementPostingId, record.settlementPostingId, 'closed once');
    const returned = await lineOf('070095004321');
    assert.equal(returned.status, 'returned');
    const refused = await clerk.post(`/api/v1/money/payout-lines/${returned.id}/payment`, {
      clientTxId: tx('late'),
      drawerId: ledger.drawers[0]!.id,
      payee: 'beneficiary',
      payeeCitizenId: '070095004321',
      identityChecked: true,
    });
    assert.equal(refused.statusCode, 409);
    const exported = await admin.get(`/api/v1/money/payout-lists/${list}/reconciliation/export`);
    await expectOk(exported);
    assert.match(exported.body, /Họ và tên,Số CCCD/);
    assert.match(exported.body, /Trần Văn Bình.*Trả lại cơ quan BHXH/);

    const balances = (await admin.get(`/api/v1/money/offices/${office}/ledger`)).json();
    const pension = balances.accounts.find(
      (a: { programmeId: string | null }) => a.programmeId === programme('pension').id,
    );
    assert.equal(pension.balance, 0, 'paid lines settled with the agency');
    const counterpart = balances.accounts.find(
      (a: { purpose: string; name: string }) => a.purpose === 'counterpart' && a.name.startsWith('Bảo hiểm'),
    );
    assert.equal(counterpart.balance, 0, 'funded = settled + returned');
    const trial = (await admin.get(`/api/v1/money/trial-balance?officeId=${office}`)).json();
    assert.equal(trial.balanced, true);
  });

  it('enforces once-per-period in the database itself, and the invariants hold', async () => {
    const line = await ctx.database.db
      .selectFrom('payout_lines')
      .selectAll()
      .where('citizen_id', '=', '070150001234')
      .executeTakeFirstOrThrow();
    await assert.rejects(
      ctx.database.db
        .insertInto('payout_lines')
        .values({ ...line, id: `dup-${tx()}`, status: 'unpaid' })
        .execute(),
      /unique|UNIQUE|payout_lines_once_uq/,
    );
    const payment = await ctx.database.db
      .selectFrom('payments')
      .selectAll()
      .where('line_id', '=', line.id)
      .executeTakeFirstOrThrow();
    await assert.rejects(
      ctx.database.db
        .insertInto('payments')
        .values({ ...payment, id: `dup-${tx()}`, client_tx_id: tx('dup') })
        .execute(),
      /unique|UNIQUE|payments_line_uq/,
    );
    assert.deepEqual(await brokenInvariants(ctx.database), []);
  });
});
