import { intakeBody } from '../packages/server/test/helpers/fixtures.ts';
import { alternate, combine, pairedRatio, type RoundsFigures, runLoad } from './lib/load.ts';
import { describeRounds, fixed, isMain, otherStatuses } from './lib/report.ts';
import {
  BENCH_PROCEDURE,
  BENCH_SITE,
  type BenchServer,
  type Engine,
  engineFromArgs,
  startBenchServer,
} from './lib/server.ts';

/** Lookup must sustain at least this share of the bare route's throughput, with p99 under the bound. */
export const LOOKUP_TARGET_RATIO = 0.5;
export const LOOKUP_TARGET_P99_MS = 20;

/** The last 4 digits of the fixture applicant's phone, 0912 345 678, in the lookup's header. */
const VERIFIER = { 'x-verifier': '5678' };
const LOOKUP = '/api/v1/public/lookup';
const codePath = (code: string) => `${LOOKUP}/${encodeURIComponent(code)}`;

export interface LookupOptions {
  dossiers: number;
  connections: number;
  /** Each route is loaded `rounds` times for `roundSeconds`, the routes taking turns (see `alternate`). */
  rounds: number;
  roundSeconds: number;
}

export const DEFAULT_LOOKUP_OPTIONS: LookupOptions = {
  dossiers: 200,
  connections: 50,
  rounds: 7,
  roundSeconds: 4,
};

export type LookupResult =
  | { engine: Engine; missing: true; reason: string; bare: RoundsFigures }
  | {
      engine: Engine;
      missing: false;
      lookup: RoundsFigures;
      bare: RoundsFigures;
      /** GET /api/v1/public/dossiers/:token, the QR code on the receipt, over the same dossiers. */
      tokenLookup: RoundsFigures;
      /** tokenLookup / bare, the median of the rounds' ratios. */
      tokenRatio: number;
      /** How long the server kept dossier rows in memory (MOTCUA_PUBLIC_CACHE_MS). */
      publicCacheMs: number;
      /** lookup / bare, the median of the rounds' ratios. */
      ratio: number;
      /** The per-IP limit ignored MOTCUA_PUBLIC_RATE_LIMIT: each request then came from its own X-Forwarded-For. */
      spreadOverAddresses: boolean;
    };

/** Creates the dossiers to look up (through the API, as a counter would): their codes and QR tokens. */
async function createDossiers(
  server: BenchServer,
  count: number,
): Promise<{ codes: string[]; tokens: string[] }> {
  const template = await intakeBody(server.database, BENCH_SITE, BENCH_PROCEDURE);
  const headers = { authorization: `Bearer ${server.clerkToken}`, 'content-type': 'application/json' };
  const codes: string[] = [];
  const tokens: string[] = [];
  const stamp = Date.now().toString(36);
  for (let i = 0; i < count; i++) {
    const body = JSON.stringify({ ...template, clientTxId: `bench-lookup-${stamp}-${i}` });
    const response = await fetch(`${server.url}/api/v1/dossiers`, { method: 'POST', headers, body });
    if (response.status !== 201) {
      throw new Error(
        `intake for the lookup set answered ${response.status}: ${(await response.text()).slice(0, 500)}`,
      );
    }
    const created = (await response.json()) as { code: string; lookupToken: string };
    codes.push(created.code);
    tokens.push(created.lookupToken);
  }
  return { codes, tokens };
}

/**
 * GET /api/v1/public/lookup/:code cycling through the codes with the right verifier, and the QR lookup
 * cycling through their tokens, against the bare route at the same concurrency in the same run: the
 * routes take turns, round after round, and each ratio is the median of its rounds' ratios.
 */
export async function benchLookup(
  server: BenchServer,
  options: LookupOptions = DEFAULT_LOOKUP_OPTIONS,
): Promise<LookupResult> {
  const load = { connections: options.connections, durationSeconds: options.roundSeconds };
  const bareRun = () => runLoad({ url: `${server.url}/api/bench/bare`, ...load });
  const routes = server.app.printRoutes({ commonPrefix: false });
  if (!routes.includes(`${LOOKUP}/:code`)) {
    const { bare } = await alternate({ bare: bareRun }, options.rounds);
    return { engine: server.engine, missing: true, reason: 'lookup route missing', bare: combine(bare) };
  }
  const { codes, tokens } = await createDossiers(server, options.dossiers);
  // More lookups from one address than the default limit (30 a minute): a 429 here means the server
  // did not take MOTCUA_PUBLIC_RATE_LIMIT, and the run would measure refusals.
  let limited = false;
  for (let i = 0; i < 40; i++) {
    const probe = await fetch(`${server.url}${codePath(codes[i % codes.length] ?? '')}`, {
      headers: VERIFIER,
    });
    if (probe.status === 429) {
      limited = true;
      break;
    }
    if (probe.status !== 200) {
      throw new Error(`lookup probe answered ${probe.status}: ${(await probe.text()).slice(0, 500)}`);
    }
  }
  const codePaths = codes.map(codePath);
  const tokenPaths = tokens.map((token) => `/api/v1/public/dossiers/${token}`);
  // A unique proxy header per request is a new client for the limiter only where the server trusts
  // the header from loopback (MOTCUA_TRUSTED_PROXIES, off by default; servers before it trusted anyone).
  const spread = limited ? { idReplacement: true } : {};
  const spreadHeaders: Record<string, string> = limited ? { 'x-forwarded-for': '10.[<id>]' } : {};
  // Warm-up: each dossier looked up once, so the rounds measure the steady state rather than 200
  // views built in the first milliseconds.
  for (const [i, code] of codes.entries()) {
    const warm = await fetch(`${server.url}${codePath(code)}`, {
      headers: { ...VERIFIER, ...(limited ? { 'x-forwarded-for': `10.9.0.${i}` } : {}) },
    });
    await warm.arrayBuffer();
  }
  const rounds = await alternate(
    {
      bare: bareRun,
      lookup: () =>
        runLoad({
          url: server.url,
          ...load,
          paths: codePaths,
          headers: { ...VERIFIER, ...spreadHeaders },
          ...spread,
        }),
      tokenLookup: () =>
        runLoad({ url: server.url, ...load, paths: tokenPaths, headers: spreadHeaders, ...spread }),
    },
    options.rounds,
  );
  return {
    engine: server.engine,
    missing: false,
    lookup: combine(rounds.lookup),
    bare: combine(rounds.bare),
    tokenLookup: combine(rounds.tokenLookup),
    tokenRatio: pairedRatio(rounds.tokenLookup, rounds.bare),
    publicCacheMs: server.publicCacheMs,
    ratio: pairedRatio(rounds.lookup, rounds.bare),
    spreadOverAddresses: limited,
  };
}

export function printLookup(result: LookupResult): void {
  const { bare } = result;
  const cache =
    result.missing || result.publicCacheMs > 0 ? '' : ', row cache off (MOTCUA_PUBLIC_CACHE_MS=0)';
  const { connections, rounds, roundSeconds } = DEFAULT_LOOKUP_OPTIONS;
  console.log(
    `\nlookup on ${result.engine}: ${connections} connections, ${rounds} rounds of ${roundSeconds} s per route, routes taking turns${cache}`,
  );
  console.log(`  bare GET /api/bench/bare   ${describeRounds(bare)}`);
  if (result.missing) {
    console.log(`  GET ${LOOKUP}/:code: ${result.reason}`);
    return;
  }
  const { lookup, tokenLookup } = result;
  console.log(`  GET ${LOOKUP}/:code (rows kept ${result.publicCacheMs} ms)  ${describeRounds(lookup)}`);
  console.log(`    other statuses           ${otherStatuses(lookup.statusCodes)}`);
  console.log(
    `    ratio lookup/bare GET    ${fixed(result.ratio, 3)}  (median of the rounds; target ≥ ${LOOKUP_TARGET_RATIO}, p99 < ${LOOKUP_TARGET_P99_MS} ms)`,
  );
  console.log(`  GET /api/v1/public/dossiers/:token (QR)  ${describeRounds(tokenLookup)}`);
  console.log(`    ratio QR lookup/bare GET ${fixed(result.tokenRatio, 3)}`);
  if (result.spreadOverAddresses) {
    console.log(
      '  note: the server ignored MOTCUA_PUBLIC_RATE_LIMIT (its 30/min per IP still applied), so each request carried its own X-Forwarded-For',
    );
  }
  if (lookup.statusCodes['429'] || tokenLookup.statusCodes['429'])
    console.log('  429s in the run: these figures measure refusals, not lookups');
}

if (isMain(import.meta.url)) {
  // As configured by default, then with every lookup reading its dossier row from the database.
  for (const publicCacheMs of [undefined, 0]) {
    const server = await startBenchServer(engineFromArgs(), { publicCacheMs });
    try {
      printLookup(await benchLookup(server));
    } finally {
      await server.close();
    }
  }
}
