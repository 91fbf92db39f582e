// The authorisation suite, generated from the OpenAPI document: every operation as anonymous and as a
// user of every role (holding it everywhere), against the table of expectations in
// helpers/authz-table.ts; an operation missing from the table fails. The requests are drawn from the
// operation's schemas (helpers/fuzz.ts, valid values only, ids of rows made by the factories) until one
// passes validation, so the answer is the gate's, not the validator's. Resources of another office,
// agency and province: the *.scopes.test.ts files of each module (postal, users) and the second part
// below (dossiers, handover, org).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ALL_ROLES, type Role } from '../src/policy/roles.ts';
import { createTestContext, type TestContext } from './helpers/app.ts';
import { AUTHZ_TABLE } from './helpers/authz-table.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import {
  batchAt,
  bookedPickup,
  makeGlobalStaff,
  makePostOffice,
  makeStaff,
  receivedDossier,
  type Staff,
} from './helpers/factories.ts';
import { siteId, tx } from './helpers/fixtures.ts';
import { type FuzzRequest, type IdPools, type Operation, operationsOf, requestOf } from './helpers/fuzz.ts';

let ctx: TestContext;
let operations: Operation[];
let pools: IdPools;
const tokens = new Map<Role, () => Promise<string>>();

before(async () => {
  ctx = await createTestContext();
  // A little of everything, made by the factories, for the ids the requests carry.
  const dossier = await receivedDossier(ctx, 'BD-BUDANG');
  const batch = await batchAt(ctx, 'BD-BUDANG', '000.00.29.H10');
  await batch.clerk.client.post('/api/v1/shipments', {
    clientTxId: tx('ship'),
    kind: 'batch',
    originSiteId: await siteId(ctx.database, 'BD-BUDANG'),
    batchId: batch.id,
    recipientName: 'Ủy ban nhân dân huyện Bù Đăng',
    address: 'Thị trấn Đức Phong, huyện Bù Đăng',
    unitId: '2008:25396',
    weightGrams: 900,
    payer: 'agency',
  });
  await bookedPickup(ctx);
  for (const role of ALL_ROLES) tokens.set(role, (await makeGlobalStaff(ctx, role)).token);
  const db = ctx.database.db;
  const ids = async (
    table: 'service_points' | 'agencies' | 'procedures' | 'handover_batches' | 'shipments' | 'pickups',
  ) => (await db.selectFrom(table).select('id').limit(20).execute()).map((r) => r.id);
  const codes = await db.selectFrom('dossiers').select('code').execute();
  pools = {
    sites: await ids('service_points'),
    agencies: await ids('agencies'),
    procedures: await ids('procedures'),
    dossiers: [dossier.id, batch.dossierId],
    units: ['2008:70', '2008:696', '2008:25396'],
    users: [dossier.clerk.userId, batch.clerk.userId],
    batches: await ids('handover_batches'),
    shipments: await ids('shipments'),
    pickups: await ids('pickups'),
    overrides: [],
    codes: codes.map((c) => c.code),
    other: [],
  };
  const document = (await ctx.app.inject({ url: '/api/openapi.json' })).json();
  operations = operationsOf(document);
});
after(() => ctx.close());

const nameOf = (o: Operation) => `${o.method} ${o.path}`;

async function send(request: FuzzRequest, token: string | null) {
  const headers = { ...request.headers };
  if (request.method !== 'GET') headers['idempotency-key'] = tx('authz-key');
  if (token) headers.authorization = `Bearer ${token}`;
  return ctx.app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers,
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
}

/** Refused by the gate: not signed in, or not allowed (a wrong password at sign-in is neither). */
function gated(response: { statusCode: number; body: string }) {
  if (response.statusCode !== 401 && response.statusCode !== 403) return false;
  const code = JSON.parse(response.body)?.error?.code;
  return code === 'UNAUTHENTICATED' || code === 'FORBIDDEN';
}

const json = (url: string, body: unknown): FuzzRequest => ({
  method: 'POST',
  url,
  headers: { 'content-type': 'application/json' },
  payload: JSON.stringify(body),
});

/** Requests written by hand where the generated ones do not pass validation. */
const HAND_WRITTEN: Record<string, FuzzRequest[]> = {
  'POST /api/v1/agencies': [
    json('/api/v1/agencies', {
      code: '000.00.92.H10',
      name: 'Phòng Tư pháp huyện Bù Đăng',
      kind: 'district_justice',
      unitId: '2008:696',
    }),
  ],
  'POST /api/v1/procedures': [
    json('/api/v1/procedures', {
      code: '9.000123',
      fieldCode: 'TP',
      fieldName: 'Tư pháp',
      level: 'district',
      agencyKind: 'district_pc',
      name: 'Chứng thực bản sao từ bản chính',
      validFrom: '2026-01-01',
      documents: [],
      processing: { unit: 'working_days', amount: 1, note: null },
      decidedOnTheSpot: false,
      fees: [],
      channels: ['counter'],
      postalExcluded: false,
      resultType: 'Bản sao được chứng thực',
      legalBasis: [],
      sources: [],
      notes: null,
    }),
  ],
};

describe(`authorisation of every operation on ${TEST_ENGINE}`, () => {
  it('has one expectation per operation of the OpenAPI document, and none for a route it lacks', () => {
    const inDocument = operations.map(nameOf).sort();
    const inTable = Object.keys(AUTHZ_TABLE).sort();
    assert.deepEqual(
      inDocument.filter((o) => !inTable.includes(o)),
      [],
      'operations missing from helpers/authz-table.ts',
    );
    assert.deepEqual(
      inTable.filter((o) => !inDocument.includes(o)),
      [],
      'table entries with no operation',
    );
  });

  it('answers anonymous 401 and every role outside the table 403; the roles in it pass the gate', async () => {
    const wrong: string[] = [];
    for (const [index, operation] of operations.entries()) {
      const name = nameOf(operation);
      const access = AUTHZ_TABLE[name];
      if (!access) continue; // reported by the test above
      const candidates = fc.sample(requestOf(operation, pools, 0), { numRuns: 40, seed: 7 + index });
      if (access === 'public') {
        const response = await send(candidates[0]!, null);
        if (gated(response)) wrong.push(`${name} anonymous → ${response.statusCode}`);
        continue;
      }
      candidates.push(...(HAND_WRITTEN[name] ?? []));
      // The first generated request that passes validation: anonymous meets the gate.
      let request: FuzzRequest | null = null;
      for (const candidate of candidates) {
        const response = await send(candidate, null);
        if (response.statusCode === 401 && gated(response)) {
          request = candidate;
          break;
        }
        if (![400, 404, 413, 414, 415].includes(response.statusCode)) {
          wrong.push(`${name} anonymous → ${response.statusCode}`);
          break;
        }
      }
      if (!request) {
        if (!wrong.some((w) => w.startsWith(`${name} `)))
          wrong.push(`${name}: no generated request passed validation`);
        continue;
      }
      for (const role of ALL_ROLES) {
        const allowed = access === 'signed-in' || access.includes(role);
        const response = await send(request, await tokens.get(role)!());
        const refused = gated(response);
        if (allowed === refused) {
          wrong.push(`${name} as ${role} → ${response.statusCode} ${response.body.slice(0, 120)}`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });
});
