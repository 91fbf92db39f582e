import { createSession } from '../packages/server/src/auth/sessions.ts';
import { newId } from '../packages/server/src/db/helpers.ts';
import { PAYOUT_LINE_COLUMNS } from '../packages/server/src/modules/money/payouts.ts';
import { openRawDriver, type Steps } from './lib/driver.ts';
import { fixed, isMain, printTable } from './lib/report.ts';
import { engineFromArgs, startBenchServer } from './lib/server.ts';

/**
 * Importing a payout list of 100,000 lines (issue 17): the CSV posted to
 * `POST /api/v1/money/programmes/:id/payout-lists` (read, every row checked by the core, duplicates
 * looked up, inserted in one transaction, audited), against a direct bulk insert of the same rows
 * through the driver (multi-row INSERTs of 400 in one transaction, no checks) in the same run.
 * Figures only; the target is ratio ≥ 0.5 and under 10 s on this machine.
 *
 *   npm run bench:payouts -w @motcua/bench -- --engine sqlite|postgres [--rows 100000]
 */
/** The columns of a payout line, as the server writes them (the baseline inserts the same). */
const COLUMNS = PAYOUT_LINE_COLUMNS;
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Đặng', 'Võ', 'Bùi'];
const GIVEN = ['Thị Ánh', 'Văn Đức', 'Thị Hoa', 'Văn Bình', 'Thị Lan', 'Minh Tuấn', 'Thị Mai', 'Quốc Hùng'];

function citizenId(i: number): string {
  // Bình Phước (070), born in the 1940s, a serial: valid and unique.
  return `0701${40 + (Math.floor(i / 1_000_000) % 10)}${String(i % 1_000_000).padStart(6, '0')}`;
}

export function payoutCsv(rows: number, period = '12/2026'): string {
  const lines = [
    'STT,Họ và tên,Số CCCD,Ngày sinh,Số tiền,Kỳ chi trả,Điểm chi trả,Người được ủy quyền,Số CCCD người được ủy quyền,Ngày ủy quyền,Hạn ủy quyền',
  ];
  for (let i = 0; i < rows; i++) {
    const name = `${FAMILY[i % 8]} ${GIVEN[(i >> 3) % 8]}`;
    const proxy =
      i % 10 === 0
        ? `${FAMILY[(i + 3) % 8]} Thị Hạnh,070190${String(i % 1_000_000).padStart(6, '0')},01/03/2026,28/02/2027`
        : ',,,';
    lines.push(
      `${i + 1},${name},${citizenId(i)},01/01/1945,${3_000_000 + (i % 97) * 1_000},${period},Bưu điện huyện Bù Đốp,${proxy}`,
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function benchPayoutImport(engine: 'sqlite' | 'postgres', rows: number) {
  const server = await startBenchServer(engine);
  try {
    const { database, app } = server;
    // The national administrator: counterparts are national data (docs/security.md).
    const admin = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'admin.toanquoc')
      .executeTakeFirstOrThrow();
    const { token } = await createSession(database, { userId: admin.id, kind: 'api' });
    const headers = { authorization: `Bearer ${token}` };
    const office = await database.db
      .selectFrom('service_points')
      .select('id')
      .where('code', '=', 'BD-BUDOP')
      .executeTakeFirstOrThrow();
    const counterpart = async (code: string, kind: string, name: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/money/counterparts',
          headers,
          payload: { code, kind, name },
        })
      ).json().id;
    const setup = await app.inject({
      method: 'POST',
      url: `/api/v1/money/offices/${office.id}/ledger`,
      headers,
      payload: {
        socialInsuranceAgencyId: await counterpart(
          'BHXH-DN',
          'social_insurance_agency',
          'Bảo hiểm xã hội tỉnh Đồng Nai',
        ),
        stateTreasuryId: await counterpart('KBNN-DN', 'state_treasury', 'Kho bạc Nhà nước tỉnh Đồng Nai'),
        drawers: ['Quầy 1'],
      },
    });
    const pension = setup.json().programmes.find((p: { kind: string }) => p.kind === 'pension').id;
    const csv = Buffer.from(payoutCsv(rows));

    const t0 = performance.now();
    const imported = await app.inject({
      method: 'POST',
      url: `/api/v1/money/programmes/${pension}/payout-lists?period=2026-12`,
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: csv,
    });
    const importSeconds = (performance.now() - t0) / 1000;
    if (imported.statusCode !== 201)
      throw new Error(`import answered ${imported.statusCode}: ${imported.body.slice(0, 500)}`);
    const stored = await database.db
      .selectFrom('payout_lines')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();

    // Baseline: the same rows (another period, so no key is shared) straight through the driver.
    const listId = newId();
    const now = new Date().toISOString();
    await database.db
      .insertInto('payout_lists')
      .values({
        id: listId,
        programme_id: pension,
        office_id: office.id,
        period: '2027-01',
        file_name: 'baseline.csv',
        file_hash: 'baseline',
        status: 'imported',
        rows_total: rows,
        rows_imported: rows,
        rows_skipped: 0,
        total_amount: 0,
        created_at: now,
        created_by: admin.id,
        closed_at: null,
        closed_by: null,
      })
      .execute();
    const values = Array.from({ length: rows }, (_, i) => [
      newId(),
      listId,
      pension,
      'pension',
      office.id,
      '2027-01',
      i + 2,
      citizenId(i),
      `${FAMILY[i % 8]} ${GIVEN[(i >> 3) % 8]}`,
      'nguyen thi anh',
      '1945-01-01',
      null,
      null,
      '',
      3_000_000 + (i % 97) * 1_000,
      'Bưu điện huyện Bù Đốp',
      null,
      null,
      null,
      null,
      null,
      'unpaid',
    ]);
    const driver = openRawDriver(database.url, {
      ...(server.schema ? { schema: server.schema } : {}),
      poolSize: 1,
    });
    const t1 = performance.now();
    await driver.transaction(function* (): Steps {
      for (let i = 0; i < values.length; i += 400) {
        const chunk = values.slice(i, i + 400);
        const placeholders = chunk.map(() => `(${COLUMNS.map(() => '?').join(',')})`).join(',');
        yield [`insert into payout_lines (${COLUMNS.join(',')}) values ${placeholders}`, chunk.flat()];
      }
    });
    const directSeconds = (performance.now() - t1) / 1000;
    await driver.close();
    return {
      engine,
      rows,
      fileMegabytes: csv.length / 1024 / 1024,
      importSeconds,
      stored: Number(stored.n),
      directSeconds,
      ratio: directSeconds / importSeconds,
    };
  } finally {
    await server.close();
  }
}

if (isMain(import.meta.url)) {
  const engine = engineFromArgs();
  const index = process.argv.indexOf('--rows');
  const rows = index >= 0 ? Number(process.argv[index + 1]) : 100_000;
  const r = await benchPayoutImport(engine, rows);
  printTable(
    ['engine', 'rows', 'file MB', 'import s', 'lines/s', 'direct insert s', 'ratio (target ≥ 0.5)'],
    [
      [
        r.engine,
        String(r.stored),
        fixed(r.fileMegabytes),
        fixed(r.importSeconds, 2),
        fixed(r.rows / r.importSeconds, 0),
        fixed(r.directSeconds, 2),
        fixed(r.ratio, 2),
      ],
    ],
  );
}
