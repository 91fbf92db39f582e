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
 * The baseline: what intake stores at its core, one `dossiers` row and its `receive` row in
 * `dossier_actions`, inserted through Kysely in one transaction per dossier, `directConcurrency`
 * transactions at a time, on the same engine and database. Copies of a dossier the server made.
 */
async function directInsert(server: BenchServer, options: IntakeOptions) {
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
    `  direct insert         ${fixed(result.directRowsPerSecond)} dossiers/s (${result.directRows} dossier+action pairs in ${fixed(result.directSeconds, 2)} s)`,
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
