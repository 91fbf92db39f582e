import { sql } from 'kysely';
import { forUpdate } from '../packages/server/src/db/helpers.ts';
import { intakeBody } from '../packages/server/test/helpers/fixtures.ts';
import { type LoadFigures, runLoad } from './lib/load.ts';
import { fixed, isMain, otherStatuses } from './lib/report.ts';
import {
  BENCH_PROCEDURE,
  BENCH_SITE,
  type BenchServer,
  type Engine,
  engineFromArgs,
  startBenchServer,
} from './lib/server.ts';

/** Intake must sustain at least this share of the rate of the same rows inserted straight through the driver. */
export const INTAKE_TARGET_RATIO = 0.5;

export interface IntakeOptions {
  connections: number;
  durationSeconds: number;
  /** Bounds of the direct-insert baseline: whichever comes first. */
  directMaxRows: number;
  directMaxSeconds: number;
  /** Concurrent transactions of the baseline (the same as the HTTP connections). */
  directConcurrency: number;
}

export const DEFAULT_INTAKE_OPTIONS: IntakeOptions = {
  connections: 10,
  durationSeconds: 10,
  directMaxRows: 20_000,
  directMaxSeconds: 10,
  directConcurrency: 10,
};

export interface IntakeResult {
  engine: Engine;
  http: LoadFigures;
  /** Dossiers the HTTP run actually stored (checked in the database). */
  dossiersStored: number;
  directRows: number;
  directSeconds: number;
  directRowsPerSecond: number;
  ratio: number;
}

/** POST /api/v1/dossiers with a unique clientTxId per request, then the direct-insert baseline. */
export async function benchIntake(
  server: BenchServer,
  options: IntakeOptions = DEFAULT_INTAKE_OPTIONS,
): Promise<IntakeResult> {
  const { database } = server;
  const template = await intakeBody(database, BENCH_SITE, BENCH_PROCEDURE, { clientTxId: 'bench-[<id>]' });
  const headers = { authorization: `Bearer ${server.clerkToken}`, 'content-type': 'application/json' };

  // Warm-up, and a check that the body is accepted: a benchmark of 400s would measure nothing.
  for (let i = 0; i < 20; i++) {
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
  const before = await countDossiers();
  const http = await runLoad({
    url: `${server.url}/api/v1/dossiers`,
    method: 'POST',
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    headers: { authorization: `Bearer ${server.clerkToken}` },
    body: JSON.stringify(template),
  });
  const dossiersStored = (await countDossiers()) - before;

  const direct = await directInsert(server, options);
  const ratio = direct.rowsPerSecond > 0 ? http.requestsPerSecond / direct.rowsPerSecond : 0;
  return {
    engine: server.engine,
    http,
    dossiersStored,
    directRows: direct.rows,
    directSeconds: direct.seconds,
    directRowsPerSecond: direct.rowsPerSecond,
    ratio,
  };
}

/**
 * The baseline: every row one intake writes, in the same order, inserted straight through Kysely with
 * the values already known — no validation, no look-ups, no calendar, no hashing, no HTTP. Per dossier,
 * one transaction: the day's dossier-code counter and the site's register counter (upserts), the
 * `dossiers` row, its `receive` row in `dossier_actions`, the fee-receipt counter and the receipt, the
 * citizen's notice in `outbox`, then the audit entry (the chain head read and locked, the entry, the
 * head moved). `directConcurrency` transactions in flight, on the same engine and database: the
 * counters' rows and the audit head serialise these writers exactly as they serialise intakes.
 * Copies of the rows of a dossier the server made.
 */
async function directInsert(server: BenchServer, options: IntakeOptions) {
  const { database } = server;
  const { db } = database;
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
  const stamp = Date.now().toString(36);
  let next = 0;
  let rows = 0;
  const started = performance.now();
  const deadline = started + options.directMaxSeconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const i = next++;
      if (i >= options.directMaxRows) return;
      const id = `bench-${stamp}-${i}`;
      await db.transaction().execute(async (trx) => {
        // A code holds 9,999 dossiers a day: the baseline moves to a fresh counter row every 9,000.
        await sql`insert into dossier_code_counters (agency_code, date, last_sequence)
          values (${`B${agencyCode}/${Math.floor(i / 9000)}`}, ${dossier.received_date}, 1)
          on conflict (agency_code, date) do update set last_sequence = dossier_code_counters.last_sequence + 1
          returning last_sequence`.execute(trx);
        await sql`insert into register_counters (site_id, year, last_number) values (${`bench:${dossier.receiving_site_id}`}, ${dossier.register_year}, 1)
          on conflict (site_id, year) do update set last_number = register_counters.last_number + 1
          returning last_number`.execute(trx);
        await trx
          .insertInto('dossiers')
          .values({
            ...dossier,
            id,
            code: `B${stamp}${i}`,
            lookup_token: `bench-token-${stamp}-${i}`,
            register_number: 1_000_000 + i,
          })
          .execute();
        await trx
          .insertInto('dossier_actions')
          .values({ ...action, id: `${id}-a1`, dossier_id: id, client_tx_id: `bench-direct-${stamp}-${i}` })
          .execute();
        await sql`insert into register_counters (site_id, year, last_number) values (${`bench-fee:${dossier.receiving_site_id}`}, ${dossier.register_year}, 1)
          on conflict (site_id, year) do update set last_number = register_counters.last_number + 1
          returning last_number`.execute(trx);
        await trx
          .insertInto('fee_receipts')
          .values({ ...receipt, id: `${id}-f`, dossier_id: id, receipt_number: `B${stamp}/${i}` })
          .execute();
        await trx
          .insertInto('outbox')
          .values({ ...notice, id: `${id}-o`, done_at: null })
          .execute();
        const head = await forUpdate(
          database.dialect,
          trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1),
        ).executeTakeFirstOrThrow();
        const seq = Number(head.seq) + 1;
        await trx
          .insertInto('audit_log')
          .values({ ...audit, seq, id: `${id}-l`, entity_id: id, prev_hash: head.hash })
          .execute();
        await trx.updateTable('audit_head').set({ seq, hash: audit.hash }).where('id', '=', 1).execute();
      });
      rows++;
    }
  };
  await Promise.all(Array.from({ length: options.directConcurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { rows, seconds, rowsPerSecond: rows / seconds };
}

export function printIntake(result: IntakeResult): void {
  const { http } = result;
  console.log(
    `\nintake on ${result.engine}: POST /api/v1/dossiers, ${DEFAULT_INTAKE_OPTIONS.connections} connections`,
  );
  console.log(
    `  requests/s (2xx)      ${fixed(http.requestsPerSecond)}  (${http.requests} answered in ${http.seconds} s)`,
  );
  console.log(`  latency p50 / p99     ${fixed(http.p50Ms)} ms / ${fixed(http.p99Ms)} ms`);
  console.log(`  errors / non-2xx      ${http.errors} / ${http.non2xx} (${otherStatuses(http.statusCodes)})`);
  console.log(`  dossiers stored       ${result.dossiersStored}`);
  console.log(
    `  direct insert         ${fixed(result.directRowsPerSecond)} dossiers/s (${result.directRows} dossiers, all their rows, in ${fixed(result.directSeconds, 2)} s)`,
  );
  console.log(`  ratio intake/direct   ${fixed(result.ratio, 3)}  (target ≥ ${INTAKE_TARGET_RATIO})`);
}

if (isMain(import.meta.url)) {
  const server = await startBenchServer(engineFromArgs());
  try {
    printIntake(await benchIntake(server));
  } finally {
    await server.close();
  }
}
