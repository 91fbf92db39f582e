// The authorisation suite, generated from the OpenAPI document: every operation as anonymous and as a
// user of every role (holding it everywhere), against the table of expectations in
// helpers/authz-table.ts; an operation missing from the table fails. The requests are drawn from the
// operation's schemas (helpers/fuzz.ts, valid values only, ids of rows made by the factories) until one
// passes validation, so the answer is the gate's, not the validator's. Resources of another office,
// agency and province: the *.scopes.test.ts files of each module (postal, users) and the second part
// below (dossiers, handover, postal, users, org, documents, reorganisations, catalogue, calendar; reads
// of another office; every money route by hand; the audit log). National data refused to a province's
// administrator: national-data.test.ts.
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

async function send(request: FuzzRequest, token: string | null, on: TestContext = ctx) {
  const headers = { ...request.headers };
  if (request.method !== 'GET') headers['idempotency-key'] = tx('authz-key');
  if (token) headers.authorization = `Bearer ${token}`;
  return on.app.inject({
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

async function auditRows(on: TestContext): Promise<number> {
  const row = await on.database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
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

// Resources of another office, agency and province. For every write operation of the dossiers,
// postal, users and org modules, one outsider (a Bù Đăng clerk, courier, officer or leader, or an
// administrator of Đồng Nai) sends requests generated from the schema whose ids are all Bù Đốp's;
// the first that passes validation (anonymous gets 401 for it) must be answered 403. `open`: no
// resource of an office is touched (the reason says why).
type Outsider = 'clerk' | 'courier' | 'officer' | 'leader' | 'admin';
type Target = 'atSite' | 'atAgency' | 'inBatch';
/** `id`: which rows a path `{id}` names (the generator draws it from the dossiers and `other`). */
type IdKind =
  | 'users'
  | 'batches'
  | 'shipments'
  | 'pickups'
  | 'sites'
  | 'agencies'
  | 'procedures'
  | 'overrides';
const CROSS: Record<string, { as: Outsider; target?: Target; id?: IdKind } | { open: string }> = {
  'POST /api/v1/dossiers': { as: 'clerk' },
  'POST /api/v1/intake-slips': { as: 'clerk' },
  'POST /api/v1/dossiers/{id}/assign': { as: 'leader', target: 'atAgency' },
  'POST /api/v1/dossiers/{id}/steps': { as: 'officer', target: 'atAgency' },
  'POST /api/v1/dossiers/{id}/supplement-request': { as: 'officer', target: 'atAgency' },
  'POST /api/v1/dossiers/{id}/supplement-received': { as: 'officer', target: 'atAgency' },
  'POST /api/v1/dossiers/{id}/forward': { as: 'officer', target: 'atAgency' },
  'POST /api/v1/dossiers/{id}/forward-return': { as: 'officer', target: 'atAgency' },
  'POST /api/v1/dossiers/{id}/submit': { as: 'officer', target: 'atAgency' },
  'POST /api/v1/dossiers/{id}/approve': { as: 'leader', target: 'atAgency' },
  'POST /api/v1/dossiers/{id}/refuse': { as: 'leader', target: 'atAgency' },
  'POST /api/v1/dossiers/{id}/result': { as: 'officer', target: 'atAgency' },
  'POST /api/v1/dossiers/{id}/apology': { as: 'leader', target: 'atAgency' },
  'POST /api/v1/dossiers/{id}/return': { as: 'clerk', target: 'atSite' },
  'POST /api/v1/dossiers/{id}/supplement-at-counter': { as: 'clerk', target: 'atAgency' },
  'POST /api/v1/dossiers/{id}/return-for-rework': { as: 'leader', target: 'atAgency' },
  'POST /api/v1/dossiers/{id}/withdraw': { as: 'clerk', target: 'atSite' },
  'POST /api/v1/dossiers/{id}/lookup-unlock': { as: 'clerk', target: 'atSite' },
  'POST /api/v1/handover-batches': { as: 'clerk', target: 'atSite' },
  'POST /api/v1/handover-batches/{id}/items/{dossierId}/confirm': {
    as: 'officer',
    target: 'inBatch',
    id: 'batches',
  },
  'POST /api/v1/shipments': { as: 'clerk', target: 'inBatch' },
  'POST /api/v1/shipments/{id}/events': { as: 'courier', id: 'shipments' },
  'POST /api/v1/shipments/by-number/{itemNumber}/events': { as: 'courier' },
  'POST /api/v1/pickups': { open: 'booking a home pickup is open to anyone (the public route too)' },
  'POST /api/v1/pickups/{id}/collect': { as: 'courier', id: 'pickups' },
  'POST /api/v1/postal/tariffs': { as: 'admin' },
  'POST /api/v1/auth/api-tokens': { as: 'admin' },
  'POST /api/v1/users': { as: 'admin' },
  'PATCH /api/v1/users/{id}': { as: 'admin', id: 'users' },
  'POST /api/v1/users/{id}/unlock': { as: 'admin', id: 'users' },
  'POST /api/v1/agencies': { as: 'admin' },
  'PATCH /api/v1/agencies/{id}': { as: 'admin' },
  'POST /api/v1/service-points': { as: 'admin' },
  'PATCH /api/v1/service-points/{id}': { as: 'admin' },
  // Documents: the print settings of a Bù Đốp office and agency; a scan added to a Bù Đốp dossier.
  'PUT /api/v1/service-points/{id}/print-settings': { as: 'admin', id: 'sites' },
  'PUT /api/v1/agencies/{id}/print-settings': { as: 'admin', id: 'agencies' },
  'POST /api/v1/dossiers/{id}/attachments': { as: 'clerk', target: 'atSite' },
  // A reorganisation moves Bình Phước's offices and agencies: a Đồng Nai administrator reaches none.
  'POST /api/v1/org/reorganisations': { as: 'admin' },
  // The procedure catalogue has no province (the national list of procedures) and a calendar day with
  // no unit is national: only an administrator holding the role everywhere changes them (the Đồng Nai
  // administrator here, the Bình Phước one in national-data.test.ts). A day of a unit belongs to it: the
  // Đồng Nai administrator sets and deletes none of Bình Phước's.
  'POST /api/v1/procedures': { as: 'admin' },
  'POST /api/v1/procedures/{id}/versions': { as: 'admin', id: 'procedures' },
  'PATCH /api/v1/procedures/{id}': { as: 'admin', id: 'procedures' },
  'POST /api/v1/calendar/overrides': { as: 'admin' },
  'DELETE /api/v1/calendar/overrides/{id}': { as: 'admin', id: 'overrides' },
};

/** The write operations whose resources belong to an office, agency or province. */
const SCOPED_WRITE =
  /^(POST|PATCH|PUT|DELETE) \/api\/v1\/(dossiers|intake-slips|handover-batches|shipments|pickups|postal|users|auth\/api-tokens|agencies|service-points|org|procedures|calendar|money)(\/|$)/;
/**
 * Every money operation, written and read, is checked by hand in the money test below (requests of
 * each route carry files, amounts and ids that only a real ledger gives): a money route not named here
 * fails the suite.
 */
const MONEY_BY_HAND = new Set([
  'GET /api/v1/money/counterparts',
  'POST /api/v1/money/counterparts',
  'POST /api/v1/money/offices/{officeId}/ledger',
  'GET /api/v1/money/offices/{officeId}/ledger',
  'GET /api/v1/money/accounts/{id}/statement',
  'GET /api/v1/money/trial-balance',
  'POST /api/v1/money/programmes/{id}/funding',
  'POST /api/v1/money/drawers/{id}/float',
  'POST /api/v1/money/postings/{id}/reversal',
  'POST /api/v1/money/reversal-requests/{id}/approval',
  'POST /api/v1/money/programmes/{id}/payout-lists/preview',
  'POST /api/v1/money/programmes/{id}/payout-lists',
  'GET /api/v1/money/payout-lists/{id}',
  'GET /api/v1/money/payout-lines',
  'POST /api/v1/money/payout-lines/{id}/payment',
  'GET /api/v1/money/payments/{id}/receipt',
  'GET /api/v1/money/payments/{id}/receipt/pdf',
  'POST /api/v1/money/payout-lists/{id}/close',
  'GET /api/v1/money/payout-lists/{id}/reconciliation',
  'GET /api/v1/money/payout-lists/{id}/reconciliation/export',
  'POST /api/v1/money/collections',
  'GET /api/v1/money/collections/{id}',
]);

describe(`resources of another office, agency and province on ${TEST_ENGINE}`, () => {
  let outsiders: Record<Outsider, Staff>;
  let targets: Record<Target, string>;
  let bdPools: Omit<IdPools, 'dossiers'>;
  let read: Record<
    'dossier' | 'code' | 'applicant' | 'batch' | 'shipment' | 'itemNumber' | 'pickup' | 'user',
    string
  >;
  // Its own database: the walk above replaced the tariff table, among other things.
  let ctx: TestContext;

  before(async () => {
    ctx = await createTestContext();
    const THANH_BINH = '2008:25308';
    const buDop = await makePostOffice(ctx, THANH_BINH, 'Bưu cục Thanh Bình, huyện Bù Đốp');
    const atSite = await receivedDossier(ctx, buDop);
    const atAgency = await receivedDossier(ctx, 'BD-BUDOP');
    const batch = await batchAt(ctx, buDop, '000.00.26.H10');
    const shipment = await batch.clerk.client.post('/api/v1/shipments', {
      clientTxId: tx('ship'),
      kind: 'batch',
      originSiteId: await siteId(ctx.database, buDop),
      batchId: batch.id,
      recipientName: 'Ủy ban nhân dân huyện Bù Đốp',
      address: 'Thị trấn Thanh Bình, huyện Bù Đốp',
      unitId: THANH_BINH,
      weightGrams: 900,
      payer: 'agency',
    });
    assert.equal(shipment.statusCode, 201, shipment.body);
    const pickup = await bookedPickup(ctx, THANH_BINH, 'Khu phố Tân Hiệp, thị trấn Thanh Bình');
    const partner = await makeStaff(ctx, 'partner', { agency: '000.00.26.H10' });
    const agency = await ctx.database.db
      .selectFrom('agencies')
      .select('id')
      .where('code', '=', '000.00.26.H10')
      .executeTakeFirstOrThrow();
    const codes = await ctx.database.db
      .selectFrom('dossiers')
      .select('code')
      .where('id', 'in', [atSite.id, atAgency.id])
      .execute();
    // A day off of the province and a national one, set by an administrator holding the role everywhere.
    const globalAdmin = await makeGlobalStaff(ctx, 'admin');
    const declared = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/overrides',
      headers: { authorization: `Bearer ${await globalAdmin.token()}`, 'idempotency-key': tx('cal') },
      payload: {
        entries: [
          { date: '2026-10-14', kind: 'off', reason: 'Kỷ niệm ngày thành lập tỉnh', unitId: '2008:70' },
          { date: '2026-09-01', kind: 'off', reason: 'Nghỉ lễ Quốc khánh' },
        ],
      },
    });
    assert.equal(declared.statusCode, 201, declared.body);
    const overrides = await ctx.database.db
      .selectFrom('calendar_overrides')
      .select('id')
      .where('unit_id', '=', '2008:70')
      .execute();
    targets = { atSite: atSite.id, atAgency: atAgency.id, inBatch: batch.dossierId };
    read = {
      dossier: atSite.id,
      code: codes[0]!.code,
      applicant: 'Nguyễn Thị Ánh',
      batch: batch.id,
      shipment: shipment.json().id,
      itemNumber: shipment.json().itemNumber,
      pickup: pickup.id,
      user: atSite.clerk.userId,
    };
    bdPools = {
      sites: [await siteId(ctx.database, buDop), await siteId(ctx.database, 'BD-BUDOP')],
      agencies: [agency.id],
      procedures: [
        (
          await ctx.database.db
            .selectFrom('procedures')
            .select('id')
            .where('code', '=', '1.001612')
            .executeTakeFirstOrThrow()
        ).id,
      ],
      units: ['2008:693', THANH_BINH],
      users: [atSite.clerk.userId, partner.userId],
      batches: [batch.id],
      shipments: [shipment.json().id],
      pickups: [pickup.id],
      overrides: overrides.map((o) => o.id),
      codes: [...codes.map((c) => c.code), shipment.json().itemNumber],
      other: [],
    };
    outsiders = {
      clerk: await makeStaff(ctx, 'clerk', { site: 'BD-BUDANG' }),
      courier: await makeStaff(ctx, 'courier', { site: 'BD-BUDANG' }),
      officer: await makeStaff(ctx, 'officer', { agency: '000.00.29.H10' }),
      leader: await makeStaff(ctx, 'leader', { agency: '000.00.29.H10' }),
      admin: await makeStaff(ctx, 'admin', { unit: '2008:75' }),
    };
  });

  after(() => ctx.close());

  it('names an outsider for every scoped write operation', () => {
    const scoped = operations.map(nameOf).filter((n) => SCOPED_WRITE.test(n) && AUTHZ_TABLE[n] !== 'public');
    assert.deepEqual(
      scoped.filter((n) => !CROSS[n] && !MONEY_BY_HAND.has(n)),
      [],
      'write operations without a cross-office expectation',
    );
    assert.deepEqual(
      operations.map(nameOf).filter((n) => n.includes(' /api/v1/money/') && !MONEY_BY_HAND.has(n)),
      [],
      'money operations missing from the money test',
    );
  });

  it('refuses the outsider with 403 on every scoped write operation', async () => {
    const wrong: string[] = [];
    for (const [index, operation] of operations.entries()) {
      const name = nameOf(operation);
      const expectation = CROSS[name];
      if (!expectation || 'open' in expectation) continue;
      const pools: IdPools = {
        ...bdPools,
        dossiers: [targets[expectation.target ?? 'atSite']],
        other: expectation.id ? bdPools[expectation.id] : [],
      };
      const candidates = fc.sample(requestOf(operation, pools, 0), { numRuns: 40, seed: 11 + index });
      candidates.push(...(HAND_WRITTEN[name] ?? []));
      if (name === 'POST /api/v1/shipments/by-number/{itemNumber}/events') {
        candidates.push(
          json(`/api/v1/shipments/by-number/${bdPools.codes.at(-1)}/events`, {
            clientTxId: tx('out'),
            type: 'out_for_delivery',
          }),
        );
      }
      if (name === 'POST /api/v1/calendar/overrides') {
        candidates.unshift(
          json('/api/v1/calendar/overrides', {
            entries: [{ date: '2026-12-28', kind: 'off', reason: 'Nghỉ bù', unitId: '2008:693' }],
          }),
        );
      }
      if (name === 'POST /api/v1/dossiers/{id}/attachments') {
        const boundary = `----motcua${tx('b')}`;
        candidates.unshift({
          method: 'POST',
          url: `/api/v1/dossiers/${targets.atSite}/attachments`,
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
          payload:
            `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nscan\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="don.pdf"\r\n` +
            `Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`,
        });
      }
      let tried = false;
      let reached = false;
      const auditBefore = await auditRows(ctx);
      for (const candidate of candidates) {
        if ((await send(candidate, null, ctx)).statusCode !== 401) continue; // did not pass validation
        tried = true;
        const response = await outsiders[expectation.as].client.request({
          method: candidate.method as 'POST',
          url: candidate.url,
          headers: { ...candidate.headers, 'idempotency-key': tx('cross-key') },
          ...(candidate.payload === undefined ? {} : { payload: candidate.payload }),
        });
        // An id the generator did not take from the pools, or a value the service judges before
        // the scope (input errors come first, as with the schema): the next request.
        if (response.statusCode === 400 || response.statusCode === 404) continue;
        reached = true;
        if (response.statusCode !== 403)
          wrong.push(`${name} as ${expectation.as} → ${response.statusCode} ${response.body.slice(0, 160)}`);
        break;
      }
      // Refused means nothing written: every write leaves an audit row.
      if ((await auditRows(ctx)) !== auditBefore) wrong.push(`${name}: an audit row was written`);
      if (!tried) wrong.push(`${name}: no generated request passed validation`);
      else if (!reached) wrong.push(`${name}: no generated request reached the resource`);
    }
    assert.deepEqual(wrong, []);
  });

  // Reads of another office's resources: the same outsiders ask for Bù Đốp's dossier (and its
  // attachments, forms and lookup by code), batch, shipment (by id and by item number), pickup and a
  // Bù Đốp clerk's account; each answer is 403 or 404 and carries none of the resource's data.
  it('refuses the outsider the reads of another office, revealing nothing', async () => {
    const reads: [Outsider, string][] = [
      ['clerk', `/api/v1/dossiers/${read.dossier}`],
      ['officer', `/api/v1/dossiers/${read.dossier}`],
      ['clerk', `/api/v1/dossiers/${read.dossier}/attachments`],
      ['clerk', `/api/v1/dossiers/${read.dossier}/forms/receipt.pdf`],
      ['clerk', `/api/v1/handover-batches/${read.batch}`],
      ['clerk', `/api/v1/handover-batches/${read.batch}/manifest.pdf`],
      ['courier', `/api/v1/shipments/${read.shipment}`],
      ['courier', `/api/v1/shipments/${read.shipment}/slip.pdf`],
      ['courier', `/api/v1/shipments/by-number/${read.itemNumber}`],
      ['courier', `/api/v1/pickups/${read.pickup}`],
      ['admin', `/api/v1/users/${read.user}`],
    ];
    const wrong: string[] = [];
    for (const [as, url] of reads) {
      const response = await outsiders[as].client.request({ method: 'GET', url });
      if (response.statusCode !== 403 && response.statusCode !== 404) {
        wrong.push(`GET ${url} as ${as} → ${response.statusCode}`);
        continue;
      }
      for (const secret of [read.code, read.applicant, read.itemNumber, 'Thanh Bình'])
        if (response.body.includes(secret)) wrong.push(`GET ${url} as ${as} reveals ${secret}`);
    }
    // Lists: the outsider's lists hold none of Bù Đốp's rows.
    for (const [as, url] of [
      ['clerk', '/api/v1/dossiers'],
      ['officer', '/api/v1/dossiers'],
      ['clerk', '/api/v1/handover-batches'],
      ['admin', '/api/v1/users'],
    ] as [Outsider, string][]) {
      const response = await outsiders[as].client.request({ method: 'GET', url });
      if (response.statusCode === 200) {
        for (const secret of [read.dossier, read.code, read.batch, read.user])
          if (response.body.includes(secret)) wrong.push(`GET ${url} as ${as} lists ${secret}`);
      } else if (response.statusCode !== 403) wrong.push(`GET ${url} as ${as} → ${response.statusCode}`);
    }
    assert.deepEqual(wrong, []);
  });

  // Money of a Bù Đốp office (its ledger, lists and counter work made by a global administrator and
  // the office's own clerk): every money operation of the document, by hand (MONEY_BY_HAND). The Đồng
  // Nai administrator sets up no ledger, enters no counterpart (national data), funds no programme,
  // previews, imports and closes no payout list, approves no reversal there; the Bù Đăng clerk moves no
  // float of its drawer, takes no collection into it, pays no line of its list and asks no reversal of
  // its postings; neither reads its ledger, statements, trial balance, payout lists, lines, receipts,
  // reconciliation or collections (403 or 404 revealing nothing), nor finds its rows in the audit log;
  // no audit row is written. Each refusal is judged on the office of the drawer, programme, list, line,
  // payment, collection or request touched.
  it('refuses the outsider the money of another office, writing and revealing nothing', async () => {
    const globalAdmin = await makeGlobalStaff(ctx, 'admin');
    const office = bdPools.sites[0]!;
    const officeClerk = await makeStaff(ctx, 'clerk', { siteId: office });
    // biome-ignore lint/suspicious/noExplicitAny: the answers' bodies, read field by field below
    type Answer = { statusCode: number; body: string; json(): any };
    const as = async (
      client: Staff['client'] | null,
      method: 'GET' | 'POST',
      url: string,
      body?: unknown,
      contentType?: string,
    ): Promise<Answer> => {
      const headers: Record<string, string> = { 'idempotency-key': tx('money-key') };
      if (contentType) headers['content-type'] = contentType;
      const options = {
        method,
        url,
        headers,
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      };
      if (client) return client.request(options);
      headers.authorization = `Bearer ${await globalAdmin.token()}`;
      return ctx.app.inject(options);
    };
    const ok = (response: Answer, status: number) => {
      assert.equal(response.statusCode, status, response.body);
      return response.json();
    };
    const counterparts: Record<string, string> = {};
    for (const [code, name, kind] of [
      ['BHXH-BINHPHUOC', 'Bảo hiểm xã hội tỉnh Bình Phước', 'social_insurance_agency'],
      ['KBNN-BINHPHUOC', 'Kho bạc Nhà nước tỉnh Bình Phước', 'state_treasury'],
    ]) {
      counterparts[kind!] = ok(
        await as(null, 'POST', '/api/v1/money/counterparts', { code, name, kind }),
        201,
      ).id;
    }
    const setUp = {
      socialInsuranceAgencyId: counterparts.social_insurance_agency,
      stateTreasuryId: counterparts.state_treasury,
      drawers: ['Quầy 1'],
    };
    const { programmes, drawers, accounts } = ok(
      await as(null, 'POST', `/api/v1/money/offices/${office}/ledger`, setUp),
      200,
    ) as Record<string, { id: string; kind: string }[]>;
    const programmeOf = (kind: string) => programmes!.find((p) => p.kind === kind)!.id;
    const drawer = drawers![0]!.id;
    const funded = ok(
      await as(null, 'POST', `/api/v1/money/programmes/${programmeOf('pension')}/funding`, {
        clientTxId: tx('fund'),
        amount: 100_000_000,
        memo: 'Kinh phí chi trả tháng 11/2026',
      }),
      201,
    );
    ok(
      await as(officeClerk.client, 'POST', `/api/v1/money/drawers/${drawer}/float`, {
        clientTxId: tx('float'),
        direction: 'in',
        amount: 30_000_000,
      }),
      201,
    );
    // Two lists of November: the pension one paid in part and closed, the benefit one still open.
    const HEADER = 'STT,Họ và tên,Số CCCD,Ngày sinh,Số tiền,Kỳ chi trả,Điểm chi trả';
    const listFile = (rows: string[]) => `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`;
    const pensionFile = listFile([
      '1,Lò Văn Pảo,070150009911,12/03/1950,4250000,11/2026,Bưu cục Thanh Bình',
      '2,Điểu Thị Sen,070152009922,02/02/1952,3120000,11/2026,Bưu cục Thanh Bình',
    ]);
    const benefitFile = listFile([
      '1,Thạch Văn Rết,070158009933,01/01/1958,2800000,11/2026,Bưu cục Thanh Bình',
    ]);
    const importUrl = (kind: string) =>
      `/api/v1/money/programmes/${programmeOf(kind)}/payout-lists?period=2026-11`;
    const pensionList = ok(await as(null, 'POST', importUrl('pension'), pensionFile, 'text/csv'), 201);
    const benefitList = ok(await as(null, 'POST', importUrl('benefit'), benefitFile, 'text/csv'), 201);
    const linesOf = async (q: string) =>
      ok(await as(officeClerk.client, 'GET', `/api/v1/money/payout-lines?officeId=${office}&q=${q}`), 200);
    const paidLine = (await linesOf('070150009911'))[0];
    const openLine = (await linesOf('070158009933'))[0];
    const payment = ok(
      await as(officeClerk.client, 'POST', `/api/v1/money/payout-lines/${paidLine.id}/payment`, {
        clientTxId: tx('pay'),
        drawerId: drawer,
        payee: 'beneficiary',
        payeeCitizenId: '070150009911',
        identityChecked: true,
      }),
      201,
    );
    ok(
      await as(null, 'POST', `/api/v1/money/payout-lists/${pensionList.id}/close`, {
        clientTxId: tx('close'),
      }),
      200,
    );
    const collection = ok(
      await as(officeClerk.client, 'POST', '/api/v1/money/collections', {
        clientTxId: tx('hi'),
        drawerId: drawer,
        payer: { name: 'Lò Thị Hoa', citizenId: '070185009944' },
        kind: 'household_hi',
        householdCode: 'HGĐ-0701-00977',
        memberCount: 2,
        months: 12,
      }),
      201,
    );
    const reversal = ok(
      await as(officeClerk.client, 'POST', `/api/v1/money/postings/${funded.id}/reversal`, {
        clientTxId: tx('ask'),
        reason: 'Nhập nhầm số tiền',
      }),
      201,
    );

    const before = await auditRows(ctx);
    const linesBefore = await ctx.database.db.selectFrom('payout_lists').select(['id', 'status']).execute();
    const wrong: string[] = [];
    const expect403 = async (label: string, response: Answer) => {
      if (response.statusCode !== 403)
        wrong.push(`${label} → ${response.statusCode} ${response.body.slice(0, 120)}`);
    };
    const admin = outsiders.admin.client;
    const clerk = outsiders.clerk.client;
    await expect403(
      'counterpart as admin',
      await as(admin, 'POST', '/api/v1/money/counterparts', {
        code: 'BHXH-BUDOP',
        name: 'Bảo hiểm xã hội huyện Bù Đốp',
        kind: 'social_insurance_agency',
      }),
    );
    await expect403(
      'ledger set-up as admin',
      await as(admin, 'POST', `/api/v1/money/offices/${office}/ledger`, setUp),
    );
    await expect403(
      'funding as admin',
      await as(admin, 'POST', `/api/v1/money/programmes/${programmeOf('pension')}/funding`, {
        clientTxId: tx('fund'),
        amount: 250_000_000,
        memo: 'Kinh phí chi trả lương hưu tháng 11/2026',
      }),
    );
    await expect403(
      'payout list preview as admin',
      await as(
        admin,
        'POST',
        `${importUrl('benefit').replace('payout-lists', 'payout-lists/preview')}`,
        benefitFile,
        'text/csv',
      ),
    );
    await expect403(
      'payout list import as admin',
      await as(
        admin,
        'POST',
        importUrl('benefit'),
        listFile(['1,Hoàng Văn Tư,070160009955,01/01/1960,2500000,11/2026,Bưu cục Thanh Bình']),
        'text/csv',
      ),
    );
    await expect403(
      'payout list close as admin',
      await as(admin, 'POST', `/api/v1/money/payout-lists/${benefitList.id}/close`, {
        clientTxId: tx('close'),
      }),
    );
    await expect403(
      'reversal approval as admin',
      await as(admin, 'POST', `/api/v1/money/reversal-requests/${reversal.id}/approval`, {
        clientTxId: tx('ok'),
      }),
    );
    await expect403(
      'float as clerk',
      await as(clerk, 'POST', `/api/v1/money/drawers/${drawer}/float`, {
        clientTxId: tx('float'),
        direction: 'in',
        amount: 50_000_000,
      }),
    );
    await expect403(
      'collection as clerk',
      await as(clerk, 'POST', '/api/v1/money/collections', {
        clientTxId: tx('hi'),
        drawerId: drawer,
        payer: { name: 'Nguyễn Thị Ánh', citizenId: '070150001234' },
        kind: 'household_hi',
        householdCode: 'HGĐ-0701-00042',
        memberCount: 3,
        months: 12,
      }),
    );
    await expect403(
      'payment as clerk',
      await as(clerk, 'POST', `/api/v1/money/payout-lines/${openLine.id}/payment`, {
        clientTxId: tx('pay'),
        drawerId: drawer,
        payee: 'beneficiary',
        payeeCitizenId: '070158009933',
        identityChecked: true,
      }),
    );
    await expect403(
      'reversal request as clerk',
      await as(clerk, 'POST', `/api/v1/money/postings/${funded.id}/reversal`, {
        clientTxId: tx('ask'),
        reason: 'Nhập nhầm quầy',
      }),
    );
    // Reads: 403 or 404, none of the office's data in the answer.
    const secrets = [
      accounts![0]!.id,
      pensionList.id,
      benefitList.id,
      payment.id,
      collection.id,
      collection.receiptNo,
      'Lò Văn Pảo',
      '070150009911',
      'Thạch Văn Rết',
      'Lò Thị Hoa',
    ];
    for (const [who, url] of [
      ['clerk', `/api/v1/money/offices/${office}/ledger`],
      ['admin', `/api/v1/money/offices/${office}/ledger`],
      ['clerk', `/api/v1/money/accounts/${accounts![0]!.id}/statement?from=2026-01-01&until=2026-12-31`],
      ['clerk', `/api/v1/money/trial-balance?officeId=${office}`],
      ['clerk', `/api/v1/money/payout-lists/${pensionList.id}`],
      ['admin', `/api/v1/money/payout-lists/${benefitList.id}`],
      ['clerk', `/api/v1/money/payout-lines?officeId=${office}`],
      ['admin', `/api/v1/money/payout-lines?officeId=${office}&q=070150009911`],
      ['clerk', `/api/v1/money/payments/${payment.id}/receipt`],
      ['clerk', `/api/v1/money/payments/${payment.id}/receipt/pdf`],
      ['admin', `/api/v1/money/payout-lists/${pensionList.id}/reconciliation`],
      ['admin', `/api/v1/money/payout-lists/${pensionList.id}/reconciliation/export`],
      ['clerk', `/api/v1/money/collections/${collection.id}`],
    ] as [Outsider, string][]) {
      const response = await as(outsiders[who].client, 'GET', url);
      if (response.statusCode !== 403 && response.statusCode !== 404)
        wrong.push(`GET ${url} as ${who} → ${response.statusCode}`);
      for (const secret of secrets)
        if (response.body.includes(secret)) wrong.push(`GET ${url} as ${who} reveals ${secret}`);
    }
    // Lists the outsider may read: its own trial balance holds no Bù Đốp account.
    const balance = await as(clerk, 'GET', '/api/v1/money/trial-balance');
    if (balance.statusCode !== 200 && balance.statusCode !== 403)
      wrong.push(`GET trial-balance as clerk → ${balance.statusCode}`);
    if (balance.body.includes(office)) wrong.push('the outsider’s trial balance lists the Bù Đốp office');
    if ((await auditRows(ctx)) !== before) wrong.push('an audit row was written');
    const linesAfter = await ctx.database.db.selectFrom('payout_lists').select(['id', 'status']).execute();
    if (JSON.stringify(linesAfter) !== JSON.stringify(linesBefore)) wrong.push('a payout list changed');
    assert.deepEqual(wrong, []);
  });

  // The audit log: the Đồng Nai administrator's list holds none of Bù Đốp's rows (asked whole, by
  // entity, or by the Bù Đốp clerk who wrote them); verifying the chain answers counts only.
  it('keeps the audit rows of another province from its administrator', async () => {
    const admin = outsiders.admin.client;
    const wrong: string[] = [];
    const secrets = [read.dossier, read.code, read.applicant, read.batch, read.shipment, 'Thanh Bình'];
    const clerkName = (
      await ctx.database.db
        .selectFrom('users')
        .select('username')
        .where('id', '=', read.user)
        .executeTakeFirstOrThrow()
    ).username;
    for (const url of [
      '/api/v1/audit?pageSize=200',
      `/api/v1/audit?entityId=${read.dossier}`,
      `/api/v1/audit?entityType=dossier`,
      `/api/v1/audit?actor=${clerkName}`,
      '/api/v1/audit/verify',
    ]) {
      const response = await admin.request({ method: 'GET', url });
      if (response.statusCode !== 200) {
        wrong.push(`GET ${url} → ${response.statusCode}`);
        continue;
      }
      for (const secret of secrets)
        if (response.body.includes(secret)) wrong.push(`GET ${url} reveals ${secret}`);
    }
    const byEntity = (
      await admin.request({ method: 'GET', url: `/api/v1/audit?entityId=${read.dossier}` })
    ).json();
    if (byEntity.total !== 0) wrong.push(`the Bù Đốp dossier's rows counted: ${byEntity.total}`);
    // The auditor holding the role everywhere reads them.
    const auditor = await makeGlobalStaff(ctx, 'auditor');
    const whole = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/audit?entityId=${read.dossier}`,
      headers: { authorization: `Bearer ${await auditor.token()}` },
    });
    assert.equal(whole.statusCode, 200, whole.body);
    assert.ok(whole.json().total > 0, 'the national auditor reads the Bù Đốp dossier’s rows');
    assert.deepEqual(wrong, []);
  });
});
