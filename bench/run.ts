import { benchIntake, INTAKE_TARGET_RATIO, type IntakeResult, printIntake } from './intake.ts';
import type { LoadFigures } from './lib/load.ts';
import { fixed, printTable } from './lib/report.ts';
import { benchPostgresUrl, type Engine, startBenchServer } from './lib/server.ts';
import {
  benchLookup,
  LOOKUP_TARGET_P99_MS,
  LOOKUP_TARGET_RATIO,
  type LookupResult,
  printLookup,
} from './lookup.ts';

/** Both benchmarks on SQLite, then on PostgreSQL when a URL is configured; a summary table at the end. */
const engines: Engine[] = benchPostgresUrl() ? ['sqlite', 'postgres'] : ['sqlite'];
if (engines.length === 1) console.log('No MOTCUA_BENCH_PG_URL or MOTCUA_TEST_PG_URL: SQLite only.');

const results: { engine: Engine; intake: IntakeResult; lookups: LookupResult[] }[] = [];
for (const engine of engines) {
  // A fresh server and database for each benchmark, so one's rows do not weigh on the other.
  const intakeServer = await startBenchServer(engine);
  let intake: IntakeResult;
  try {
    intake = await benchIntake(intakeServer);
    printIntake(intake);
  } finally {
    await intakeServer.close();
  }
  // The lookup as configured by default, then with every lookup reading its dossier row.
  const lookups: LookupResult[] = [];
  for (const publicCacheMs of [undefined, 0]) {
    const lookupServer = await startBenchServer(engine, { publicCacheMs });
    try {
      const lookup = await benchLookup(lookupServer);
      printLookup(lookup);
      lookups.push(lookup);
    } finally {
      await lookupServer.close();
    }
  }
  results.push({ engine, intake, lookups });
}

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
console.log('\nSummary (2xx requests per second; latency in ms)\n');
const rows: string[][] = [];
for (const { engine, intake, lookups } of results) {
  rows.push([
    engine,
    'intake',
    fixed(intake.http.requestsPerSecond),
    fixed(intake.http.p50Ms),
    fixed(intake.http.p99Ms),
    String(intake.http.errors + intake.http.non2xx),
    `direct insert ${fixed(intake.directRoute.requestsPerSecond)}/s (loop ${fixed(intake.directRowsPerSecond)}/s, ratio ${fixed(intake.ratioInProcess, 3)})`,
    fixed(intake.ratio, 3),
    `≥ ${INTAKE_TARGET_RATIO}: ${verdict(intake.ratio >= INTAKE_TARGET_RATIO)}`,
  ]);
  for (const lookup of lookups) {
    const figures = (name: string, f: LoadFigures, baseline = '', ratio = '', target = '') => [
      engine,
      name,
      fixed(f.requestsPerSecond),
      fixed(f.p50Ms),
      fixed(f.p99Ms),
      String(f.errors + f.non2xx),
      baseline,
      ratio,
      target,
    ];
    rows.push(figures('bare GET', lookup.bare));
    if (lookup.missing) {
      rows.push([engine, 'lookup', lookup.reason, '', '', '', '', '', '']);
      continue;
    }
    // The targets are for the server as configured by default; the row cache off is for information.
    const judged = lookup.publicCacheMs > 0;
    const target = (ratio: number, p99: number) =>
      judged
        ? `≥ ${LOOKUP_TARGET_RATIO}, p99 < ${LOOKUP_TARGET_P99_MS}: ${verdict(ratio >= LOOKUP_TARGET_RATIO && p99 < LOOKUP_TARGET_P99_MS)}`
        : '(information)';
    rows.push(
      figures(
        lookup.publicCacheMs > 0
          ? `code lookup (rows kept ${lookup.publicCacheMs} ms)`
          : 'code lookup (row cache off)',
        lookup.lookup,
        'bare GET',
        fixed(lookup.ratio, 3),
        target(lookup.ratio, lookup.lookup.p99Ms),
      ),
    );
    rows.push(
      figures(
        lookup.publicCacheMs > 0 ? 'QR lookup (GET by token)' : 'QR lookup (row cache off)',
        lookup.tokenLookup,
        'bare GET',
        fixed(lookup.tokenRatio, 3),
        target(lookup.tokenRatio, lookup.tokenLookup.p99Ms),
      ),
    );
  }
}
printTable(['engine', 'bench', 'req/s', 'p50', 'p99', 'errors+non2xx', 'baseline', 'ratio', 'target'], rows);
