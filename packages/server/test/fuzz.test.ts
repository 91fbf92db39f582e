// The fuzz suite: every operation of the OpenAPI document, with requests generated from its schemas
// (valid, boundary and mutated values, NUL bytes, huge numbers, wrong types, unknown ids), sent as a
// user holding every role everywhere and as anonymous. No answer may be a 5xx, and the database
// invariants (helpers/invariants.ts) must hold after the run.
//
// Bounded: at most MOTCUA_FUZZ_RUNS cases per operation (default 200, fewer for the costly ones: PDF,
// workbook, argon2; the anonymous pass sends a third of them) and MOTCUA_FUZZ_SECONDS of requests in
// all (default 35, shared by the operations, each running at least 10 cases, 3 once the budget is
// spent; 0 lifts the limit), seeded by MOTCUA_FUZZ_SEED (default: a new seed each run, printed, so a failure can be
// replayed). For a long local run: MOTCUA_FUZZ_RUNS=5000 MOTCUA_FUZZ_SECONDS=0 npm test -- fuzz
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createSession } from '../src/auth/sessions.ts';
import { loadConfig } from '../src/config.ts';
import { createUser, type RoleGrantInput } from '../src/modules/users/service.ts';
import { ALL_ROLES } from '../src/policy/roles.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { freshDatabase, TEST_ENGINE } from './helpers/db.ts';
import { type FuzzRequest, type IdPools, type Operation, operationsOf, requestOf } from './helpers/fuzz.ts';
import { brokenInvariants } from './helpers/invariants.ts';

const RUNS = Number(process.env.MOTCUA_FUZZ_RUNS ?? 200);
const SECONDS = Number(process.env.MOTCUA_FUZZ_SECONDS ?? 35);
const MIN_CASES = 10;
const SEED = Number(process.env.MOTCUA_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

let database: Awaited<ReturnType<typeof freshDatabase>>;
let app: FastifyInstance;
let dataDir: string;
let token: string;
let fuzzUserId: string;
let operations: Operation[];
let pools: IdPools;
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document as JSON
let document: any;

before(async () => {
  database = await freshDatabase();
  await seedDemo(database, { provinces: ['70'] }, { dossiers: true });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-fuzz-'));
  const config = loadConfig({
    MOTCUA_DATA_DIR: dataDir,
    MOTCUA_PUBLIC_URL: 'http://localhost:8080',
    // The limits would turn most public requests into 429 and hide what is behind them.
    MOTCUA_PUBLIC_RATE_LIMIT: '100000000',
    MOTCUA_LOGIN_RATE_LIMIT: '100000000',
  });
  app = await buildApp({ database, config }, { serveWeb: false });
  await app.ready();
  const province = await database.db
    .selectFrom('admin_units')
    .select('id')
    .where('level', '=', 'province')
    .where('code', '=', '70')
    .orderBy('valid_from')
    .executeTakeFirstOrThrow();
  const agencies = await database.db.selectFrom('agencies').select('id').execute();
  fuzzUserId = await createUser(database, null, {
    username: 'fuzz.moi-vai-tro',
    fullName: 'Đặng Văn Đức',
    password: 'Ngựa-Tía-Qua-Đèo-2026!',
    // Every staff role over the whole of Bình Phước (the demo's dossiers are there), officer and
    // leader of each of its agencies, administrator everywhere.
    roles: ALL_ROLES.filter((role) => role !== 'partner').flatMap((role): RoleGrantInput[] => {
      if (role === 'admin') return [{ role }];
      if (role === 'officer' || role === 'leader') return agencies.map((a) => ({ role, agencyId: a.id }));
      return [{ role, unitId: province.id }];
    }),
  });
  token = (await createSession(database, { userId: fuzzUserId, kind: 'api' })).token;
  document = (await app.inject({ url: '/api/openapi.json' })).json();
  operations = operationsOf(document);
  pools = await idPools();
  console.log(`fuzz on ${TEST_ENGINE}: ${operations.length} operations × ${RUNS} cases, seed ${SEED}`);
});

after(async () => {
  await app?.close();
  await database?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function idPools(): Promise<IdPools> {
  const ids = async (
    table:
      | 'service_points'
      | 'agencies'
      | 'procedures'
      | 'dossiers'
      | 'handover_batches'
      | 'shipments'
      | 'pickups'
      | 'calendar_overrides',
  ) => (await database.db.selectFrom(table).select('id').limit(60).execute()).map((r) => r.id);
  const units = await database.db.selectFrom('admin_units').select('id').orderBy('id').limit(40).execute();
  const users = await database.db.selectFrom('users').select('id').where('id', '<>', fuzzUserId).execute();
  const codes = await database.db.selectFrom('dossiers').select('code').limit(20).execute();
  const procedureCodes = await database.db.selectFrom('procedures').select('code').limit(10).execute();
  const siteCodes = await database.db.selectFrom('service_points').select('code').limit(10).execute();
  return {
    sites: await ids('service_points'),
    agencies: await ids('agencies'),
    procedures: await ids('procedures'),
    dossiers: await ids('dossiers'),
    units: units.map((u) => u.id),
    users: users.map((u) => u.id),
    batches: await ids('handover_batches'),
    shipments: await ids('shipments'),
    pickups: await ids('pickups'),
    overrides: await ids('calendar_overrides'),
    codes: [
      ...codes.map((c) => c.code),
      ...procedureCodes.map((c) => c.code),
      ...siteCodes.map((c) => c.code),
    ],
    other: [],
  };
}

/**
 * How many ordinary requests one request of this operation costs: a PDF is drawn, a workbook zipped,
 * a password hashed with argon2. They get fewer cases so the run stays bounded.
 */
function costOf(operation: Operation): number {
  if (operation.path.endsWith('.pdf')) return 25;
  if (operation.path.endsWith('.xlsx')) return 8;
  if (operation.path.endsWith('/auth/login') || operation.path.startsWith('/api/v1/users')) return 6;
  if (operation.path.endsWith('/audit/verify')) return 4;
  return 1;
}

interface Failure {
  operation: string;
  as: string;
  request: FuzzRequest;
  status: number;
  body: string;
}

async function send(request: FuzzRequest, as: 'privileged' | 'anonymous') {
  const headers = { ...request.headers };
  if (as === 'privileged') headers.authorization = `Bearer ${token}`;
  return app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers,
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
}

describe(`fuzz on ${TEST_ENGINE}`, () => {
  it('bounds every number a request may carry (no integer without its minimum and maximum)', () => {
    const unbounded: string[] = [];
    const walk = (schema: unknown, at: string) => {
      if (!schema || typeof schema !== 'object') return;
      const s = schema as Record<string, unknown>;
      if (
        (s.type === 'integer' || s.type === 'number') &&
        !Array.isArray(s.enum) &&
        (s.minimum === undefined || s.maximum === undefined)
      ) {
        unbounded.push(at);
      }
      for (const [key, value] of Object.entries(s)) {
        if (key === 'properties' && value && typeof value === 'object') {
          for (const [name, sub] of Object.entries(value)) walk(sub, `${at}.${name}`);
        } else if (typeof value === 'object') walk(value, at);
      }
    };
    for (const operation of operations) {
      for (const p of operation.parameters)
        walk(p.schema, `${operation.method} ${operation.path} ${p.in}:${p.name}`);
      if (operation.body) walk(operation.body, `${operation.method} ${operation.path} body`);
    }
    assert.deepEqual(unbounded, []);
  });

  it('answers no generated request with a 5xx, signed in with every role or anonymous', async () => {
    const failures: Failure[] = [];
    let ran = 0;
    const fuzzStarted = Date.now();
    const statuses = new Map<number, number>();
    let sent = 0;
    for (const [index, operation] of operations.entries()) {
      const name = `${operation.method} ${operation.path}`;
      const arbitrary = fc.oneof(requestOf(operation, pools, 0), requestOf(operation, pools, 0.15));
      const runs = Math.max(5, Math.round(RUNS / costOf(operation)));
      const cases = fc.sample(arbitrary, { numRuns: runs, seed: SEED + index });
      const opStarted = Date.now();
      // What is left of the budget, shared by the operations still to run.
      const left = SECONDS * 1000 - (opStarted - fuzzStarted);
      const slice = SECONDS > 0 ? Math.max(0, left) / (operations.length - index) : Number.POSITIVE_INFINITY;
      const least = left > 0 ? MIN_CASES : 3;
      for (const [i, request] of cases.entries()) {
        if (i >= least && Date.now() - opStarted > slice) break;
        ran += 1;
        for (const as of i % 3 === 0 ? (['privileged', 'anonymous'] as const) : (['privileged'] as const)) {
          let response = await send(request, as);
          if (as === 'privileged' && response.statusCode === 401 && !request.headers.authorization) {
            // The case signed the session out (POST /auth/logout): sign in again and go on.
            token = (await createSession(database, { userId: fuzzUserId, kind: 'api' })).token;
            response = await send(request, as);
          }
          sent += 1;
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          if (response.statusCode >= 500) {
            failures.push({
              operation: name,
              as,
              request,
              status: response.statusCode,
              body: response.body.slice(0, 300),
            });
          }
        }
      }
    }
    console.log(
      `fuzz on ${TEST_ENGINE}: ${ran} cases, ${sent} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    const byOperation = new Map<string, Failure>();
    for (const f of failures) if (!byOperation.has(f.operation)) byOperation.set(f.operation, f);
    assert.deepEqual(
      [...byOperation.values()].map(
        (f) => `${f.as} ${f.operation} → ${f.status} ${f.body} ← ${JSON.stringify(f.request).slice(0, 600)}`,
      ),
      [],
      `seed ${SEED}`,
    );
  });

  it('leaves the database whole: no partial write, no orphan, counters and audit chain intact', async () => {
    assert.deepEqual(await brokenInvariants(database), []);
  });
});
