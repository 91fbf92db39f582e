import { randomBytes } from 'node:crypto';
import { intakeBody } from '../packages/server/test/helpers/fixtures.ts';
import { openRawDriver, type RawDriver, type Statement, type Steps } from './lib/driver.ts';
import { alternate, combine, pairedRatio, type RoundsFigures, runLoad } from './lib/load.ts';
import { describeRounds, fixed, isMain, otherStatuses } from './lib/report.ts';
import {
  BENCH_INTAKE_SITES,
  BENCH_PROCEDURE,
  type BenchServer,
  directIntake,
  type Engine,
  engineFromArgs,
  startBenchServer,
} from './lib/server.ts';

/**
 * Intake must sustain at least this share of the rate of the same rows inserted directly through the
 * driver, the baseline being served by the same server under the same load (see `benchIntake`).
 */
export const INTAKE_TARGET_RATIO = 0.5;

export interface IntakeOptions {
  connections: number;
  /** Intake and its baseline are loaded `rounds` times for `roundSeconds`, taking turns. */
  rounds: number;
  roundSeconds: number;
  /** Bounds of the in-process direct-insert loop: whichever comes first. */
  directMaxRows: number;
  directMaxSeconds: number;
  /** Concurrent transactions of the in-process loop (the same as the HTTP connections). */
  directConcurrency: number;
}

export const DEFAULT_INTAKE_OPTIONS: IntakeOptions = {
  connections: 10,
  rounds: 5,
  roundSeconds: 4,
  directMaxRows: 50_000,
  directMaxSeconds: 10,
  directConcurrency: 10,
};

export interface IntakeResult {
  engine: Engine;
  http: RoundsFigures;
  /** Dossiers the HTTP rounds actually stored (checked in the database). */
  dossiersStored: number;
  /** The baseline: the same rows through the driver, behind a bare route, under the same load. */
  directRoute: RoundsFigures;
  /** intake / directRoute, the median of the rounds' ratios (the target's ratio). */
  ratio: number;
  /** For information: the same rows through the driver in a loop in this process, no HTTP. */
  directRows: number;
  directSeconds: number;
  directRowsPerSecond: number;
  /** intake / in-process loop. */
  ratioInProcess: number;
}

/**
 * POST /api/v1/dossiers with a unique clientTxId per request, taking turns round after round with the
 * baseline: the same rows of one intake per request inserted through the driver itself
 * (better-sqlite3 or node-postgres, statements prepared once; no Kysely, no server code) behind
 * `POST /api/bench/direct-intake` of the same server, with the same body, connections and duration.
 * Then, for information, the same inserts in a loop in this process without HTTP.
 */
export async function benchIntake(
  server: BenchServer,
  options: IntakeOptions = DEFAULT_INTAKE_OPTIONS,
): Promise<IntakeResult> {
  const { database } = server;
  const templates = await Promise.all(
    BENCH_INTAKE_SITES.map((site) =>
      intakeBody(database, site, BENCH_PROCEDURE, { clientTxId: 'bench-[<id>]' }),
    ),
  );
  const headers = { authorization: `Bearer ${server.clerkToken}`, 'content-type': 'application/json' };

  // Warm-up, and a check that the body is accepted: a benchmark of 400s would measure nothing.
  for (let i = 0; i < 24; i++) {
    const template = templates[i % templates.length];
    const body = JSON.stringify({ ...template, clientTxId: `bench-warmup-${i}-${Date.now()}` });
    const response = await fetch(`${server.url}/api/v1/dossiers`, { method: 'POST', headers, body });
    if (response.status !== 201) {
      throw new Error(`intake warm-up answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
    }
  }

  const countDossiers = async () =>
    Number(
      (
        await database.db
          .selectFrom('dossiers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const load = (path: string) =>
    runLoad({
      url: `${server.url}${path}`,
      method: 'POST',
      connections: options.connections,
      durationSeconds: options.roundSeconds,
      headers: { authorization: `Bearer ${server.clerkToken}` },
      bodies: templates.map((t) => JSON.stringify(t)),
      idReplacement: true,
    });

  const rows = await copiedRows(server);
  const driver = openRawDriver(database.url, {
    poolSize: options.connections,
    ...(server.schema ? { schema: server.schema } : {}),
  });
  try {
    const stamp = `r${Date.now().toString(36)}`;
    let next = 0;
    directIntake.write = () => {
      const i = next++;
      return driver.transaction(() => dossierSteps(rows, server.engine, stamp, i));
    };
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${server.url}/api/bench/direct-intake`, {
        method: 'POST',
        headers,
        body: '{}',
      });
      if (response.status !== 201) throw new Error(`direct-intake warm-up answered ${response.status}`);
    }
    let dossiersStored = 0;
    const rounds = await alternate(
      {
        http: async () => {
          const before = await countDossiers();
          const figures = await load('/api/v1/dossiers');
          dossiersStored += (await countDossiers()) - before;
          return figures;
        },
        directRoute: () => load('/api/bench/direct-intake'),
      },
      options.rounds,
    );
    const http = combine(rounds.http);
    const loop = await directLoop(driver, rows, server.engine, options);
    const rate = (figure: number, baseline: number) => (baseline > 0 ? figure / baseline : 0);
    return {
      engine: server.engine,
      http,
      dossiersStored,
      directRoute: combine(rounds.directRoute),
      ratio: pairedRatio(rounds.http, rounds.directRoute),
      directRows: loop.rows,
      directSeconds: loop.seconds,
      directRowsPerSecond: loop.rowsPerSecond,
      ratioInProcess: rate(http.requestsPerSecond, loop.rowsPerSecond),
    };
  } finally {
    delete directIntake.write;
    await driver.close();
  }
}

/** Rows of one dossier the server received, copied by the baseline with fresh ids. */
interface CopiedRows {
  dossier: Record<string, unknown> & { code: string; received_date: string; receiving_site_id: string };
  action: Record<string, unknown>;
  receipt: Record<string, unknown>;
  notice: Record<string, unknown>;
  audit: Record<string, unknown> & { hash: string };
  agencyCode: string;
}

async function copiedRows(server: BenchServer): Promise<CopiedRows> {
  const { db } = server.database;
  const dossier = await db
    .selectFrom('dossiers')
    .selectAll()
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirstOrThrow();
  const action = await db
    .selectFrom('dossier_actions')
    .selectAll()
    .where('dossier_id', '=', dossier.id)
    .where('seq', '=', 1)
    .executeTakeFirstOrThrow();
  const receipt = await db
    .selectFrom('fee_receipts')
    .selectAll()
    .where('dossier_id', '=', dossier.id)
    .executeTakeFirstOrThrow();
  const notice = await db
    .selectFrom('outbox')
    .selectAll()
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirstOrThrow();
  const audit = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_id', '=', dossier.id)
    .executeTakeFirstOrThrow();
  const agencyCode = dossier.code.slice(0, dossier.code.lastIndexOf('-', dossier.code.lastIndexOf('-') - 1));
  return { dossier, action, receipt, notice, audit, agencyCode };
}

const insertSql = new Map<string, string>();
/** `insert into <table> (<columns>) values (?, …)` for a row, with its values in column order. */
function insert(table: string, row: Record<string, unknown>): Statement {
  const columns = Object.keys(row);
  const key = `${table}:${columns.join(',')}`;
  let source = insertSql.get(key);
  if (!source) {
    source = `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`;
    insertSql.set(key, source);
  }
  return [source, Object.values(row)];
}

/** The site's yearly counters (register of dossiers, fee receipts), as `nextYearlyNumber` runs them. */
const NEXT_YEARLY_NUMBER = `insert into register_counters (site_id, year, last_number) values (?, ?, 1)
  on conflict (site_id, year) do update set last_number = register_counters.last_number + 1
  returning last_number`;

/**
 * The baseline's transaction for dossier number `i`: every row one intake writes, in the same order,
 * with the values already known (no validation, no look-ups, no calendar, no hashing): the day's
 * dossier-code counter and the site's register counter (upserts), the `dossiers` row, its `receive`
 * row in `dossier_actions`, the fee-receipt counter and the receipt, the citizen's notice in `outbox`,
 * then the audit entry (the chain head read and, on PostgreSQL, locked; the entry; the head moved).
 * The counters' rows and the audit head serialise these writers exactly as they serialise intakes.
 */
function* dossierSteps(t: CopiedRows, engine: Engine, stamp: string, i: number): Steps {
  const id = `bench-${stamp}-${i}`;
  const { dossier } = t;
  // As the intake, spread over as many sites (six agency codes, six registers), so that the rows
  // locked from the first counter to the commit are the same; a code holds 9,999 dossiers a day,
  // so the baseline moves to fresh counter rows every 9,000 per site.
  const site = i % BENCH_INTAKE_SITES.length;
  const round = Math.floor(i / BENCH_INTAKE_SITES.length / 9000);
  yield [
    `insert into dossier_code_counters (agency_code, date, last_sequence) values (?, ?, 1)
      on conflict (agency_code, date) do update set last_sequence = dossier_code_counters.last_sequence + 1
      returning last_sequence`,
    [`B${t.agencyCode}/${stamp}/${site}/${round}`, dossier.received_date],
  ];
  const register = yield [
    NEXT_YEARLY_NUMBER,
    [`bench:${site}:${dossier.receiving_site_id}`, dossier.register_year],
  ];
  yield insert('dossiers', {
    ...dossier,
    id,
    code: `B${stamp}${i}`,
    // Random as the server's (24 bytes, base64url): where it lands in its unique index matters.
    lookup_token: randomBytes(24).toString('base64url'),
    register_number: 1_000_000 * (site + 1) + Number(register?.last_number),
  });
  yield insert('dossier_actions', {
    ...t.action,
    id: `${id}-a1`,
    dossier_id: id,
    client_tx_id: `direct-${id}`,
  });
  const receiptNumber = yield [
    NEXT_YEARLY_NUMBER,
    [`bench-fee:${site}:${dossier.receiving_site_id}`, dossier.register_year],
  ];
  yield insert('fee_receipts', {
    ...t.receipt,
    id: `${id}-f`,
    dossier_id: id,
    receipt_number: `B${stamp}/${site}/${Number(receiptNumber?.last_number)}`,
  });
  yield insert('outbox', { ...t.notice, id: `${id}-o`, done_at: null });
  const head = yield [
    `select seq, hash from audit_head where id = 1${engine === 'postgres' ? ' for update' : ''}`,
    [],
  ];
  const seq = Number(head?.seq) + 1;
  yield insert('audit_log', { ...t.audit, seq, id: `${id}-l`, entity_id: id, prev_hash: head?.hash });
  yield ['update audit_head set seq = ?, hash = ? where id = 1', [seq, t.audit.hash]];
}

/**
 * The direct-insert rate in this process, without HTTP: `directConcurrency` transactions in flight
 * (on SQLite they run one after the other, synchronously), until `directMaxRows` or `directMaxSeconds`.
 */
async function directLoop(driver: RawDriver, t: CopiedRows, engine: Engine, options: IntakeOptions) {
  const stamp = `l${Date.now().toString(36)}`;
  let next = 0;
  let rows = 0;
  const started = performance.now();
  const deadline = started + options.directMaxSeconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const i = next++;
      if (i >= options.directMaxRows) return;
      await driver.transaction(() => dossierSteps(t, engine, stamp, i));
      rows++;
    }
  };
  await Promise.all(Array.from({ length: options.directConcurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { rows, seconds, rowsPerSecond: rows / seconds };
}

export function printIntake(result: IntakeResult): void {
  const { http, directRoute } = result;
  const { connections, rounds, roundSeconds } = DEFAULT_INTAKE_OPTIONS;
  console.log(
    `\nintake on ${result.engine}: ${connections} connections, ${rounds} rounds of ${roundSeconds} s each, intake and direct insert taking turns`,
  );
  console.log(`  intake                 ${describeRounds(http)}`);
  console.log(
    `                         ${result.dossiersStored} dossiers stored (${http.requests} answered; other statuses ${otherStatuses(http.statusCodes)})`,
  );
  console.log(`  direct insert (route)  ${describeRounds(directRoute)}`);
  console.log(
    `  ratio intake/direct    ${fixed(result.ratio, 3)}  (median of the rounds; target ≥ ${INTAKE_TARGET_RATIO})`,
  );
  console.log(
    `  direct insert, in-process loop (information): ${fixed(result.directRowsPerSecond)} dossiers/s (${result.directRows} in ${fixed(result.directSeconds, 2)} s), intake/loop ${fixed(result.ratioInProcess, 3)}`,
  );
}

if (isMain(import.meta.url)) {
  const server = await startBenchServer(engineFromArgs());
  try {
    printIntake(await benchIntake(server));
  } finally {
    await server.close();
  }
}
