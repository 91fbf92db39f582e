// A procedure marked "not through the post" never lists the postal channel: in the catalogue data,
// and refused by the API when a new version says both (nothing written).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { expectOk } from './helpers/fixtures.ts';

const CATALOG = path.join(path.dirname(fileURLToPath(import.meta.url)), '../seed/catalog/procedures.json');

let ctx: TestContext;
let admin: Client;
before(async () => {
  ctx = await createTestContext();
  // The catalogue is national: its administrator holds the role everywhere (docs/security.md).
  admin = await ctx.signIn('admin.toanquoc');
});
after(() => ctx?.close());

describe(`postal exclusion in the catalogue on ${TEST_ENGINE}`, () => {
  it('the catalogue data never marks a procedure "not through the post" with a postal channel', () => {
    const procedures = JSON.parse(readFileSync(CATALOG, 'utf8')) as {
      code: string;
      postalExcluded: boolean;
      channels: string[];
    }[];
    assert.ok(procedures.some((p) => p.postalExcluded));
    const contradictory = procedures.filter((p) => p.postalExcluded && p.channels.includes('postal'));
    assert.deepEqual(
      contradictory.map((p) => p.code),
      [],
    );
  });

  it('refuses a version that is both "not through the post" and postal, naming the field', async () => {
    const list = (await admin.get('/api/v1/procedures?pageSize=100')).json() as {
      items: { id: string; postalExcluded: boolean }[];
    };
    const open = list.items.find((p) => !p.postalExcluded);
    assert.ok(open);
    const detail = (await admin.get(`/api/v1/procedures/${open.id}`)).json();
    const current = detail.current;
    const body = {
      name: current.name,
      validFrom: '2026-12-01',
      documents: current.documents,
      processing: current.processing,
      decidedOnTheSpot: current.decidedOnTheSpot ?? false,
      fees: current.fees,
      channels: ['counter', 'postal'],
      postalExcluded: true,
      resultType: current.resultType,
      legalBasis: current.legalBasis,
      sources: current.sources,
      notes: current.notes ?? null,
    };
    const refused = await admin.post(`/api/v1/procedures/${open.id}/versions`, body);
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(refused.json().error.fields[0].field, 'channels');
    assert.match(refused.json().error.fields[0].message, /bưu chính/);
    const after = (await admin.get(`/api/v1/procedures/${open.id}`)).json();
    assert.equal(after.currentVersion, detail.currentVersion, 'no version written');
    const accepted = await admin.post(`/api/v1/procedures/${open.id}/versions`, {
      ...body,
      channels: ['counter'],
    });
    await expectOk(accepted, 201);
  });
});
