import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  addDays,
  DEFAULT_MONEY_RATES,
  fineLateSurcharge,
  fineTerm,
  householdHealthInsurance,
  vnDate,
  voluntaryContribution,
  voluntaryIncomeLimits,
} from '@motcua/core';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { TEST_ENGINE } from './helpers/db.ts';
import { expectOk, siteId, tx } from './helpers/fixtures.ts';
import { brokenInvariants } from './helpers/invariants.ts';

let ctx: TestContext;
let admin: Client;
let clerk: Client;
let otherClerk: Client;
let office: string;
let drawer: { id: string; accountId: string };
let programmes: { id: string; kind: string; accountId: string }[];

before(async () => {
  ctx = await createTestContext();
  admin = await ctx.signIn('admin');
  // Counterparts are national data: the national administrator enters them (docs/security.md).
  const national = await ctx.signIn('admin.toanquoc');
  clerk = await ctx.signIn('gdv.budop');
  otherClerk = await ctx.signIn('gdv.dongtien');
  office = await siteId(ctx.database, 'BD-BUDOP');
  const agency = await national.post('/api/v1/money/counterparts', {
    code: 'BHXH-DONGNAI',
    name: 'Bảo hiểm xã hội tỉnh Đồng Nai',
    kind: 'social_insurance_agency',
  });
  const treasury = await national.post('/api/v1/money/counterparts', {
    code: 'KBNN-DONGNAI',
    name: 'Kho bạc Nhà nước tỉnh Đồng Nai',
    kind: 'state_treasury',
  });
  const setup = await admin.post(`/api/v1/money/offices/${office}/ledger`, {
    socialInsuranceAgencyId: agency.json().id,
    stateTreasuryId: treasury.json().id,
    drawers: ['Quầy 1'],
  });
  await expectOk(setup);
  drawer = setup.json().drawers[0];
  programmes = setup.json().programmes;
});
after(() => ctx.close());

const today = () => vnDate(new Date());
const balanceOf = async (accountId: string) =>
  (await clerk.get(`/api/v1/money/offices/${office}/ledger`))
    .json()
    .accounts.find((a: { id: string }) => a.id === accountId).balance;

describe(`collections on ${TEST_ENGINE}`, () => {
  it('collects household health insurance at the amount the core computes, into the drawer', async () => {
    const response = await clerk.post('/api/v1/money/collections', {
      clientTxId: tx('hi'),
      drawerId: drawer.id,
      payer: { name: 'Nguyễn Thị Ánh', citizenId: '070150001234' },
      kind: 'household_hi',
      householdCode: 'HGĐ-0701-00042',
      memberCount: 3,
      months: 12,
    });
    await expectOk(response, 201);
    const expected = householdHealthInsurance({
      rates: DEFAULT_MONEY_RATES,
      on: today(),
      memberCount: 3,
      months: 12,
    });
    assert.equal(response.json().amount, expected.total);
    assert.equal(await balanceOf(drawer.accountId), expected.total);
    const programme = programmes.find((p) => p.kind === 'household_hi')!;
    assert.equal(await balanceOf(programme.accountId), -expected.total);
  });

  it('collects voluntary social insurance, refusing an income below the floor naming the field', async () => {
    const limits = voluntaryIncomeLimits(DEFAULT_MONEY_RATES, today());
    const body = {
      clientTxId: tx('vsi'),
      drawerId: drawer.id,
      payer: { name: 'Đặng Văn Đức' },
      kind: 'voluntary_si',
      participantCode: '7012345678',
      declaredIncome: limits.floor - 1,
      mode: 'every_3_months',
      supportGroups: ['near_poor'],
    };
    const low = await clerk.post('/api/v1/money/collections', body);
    assert.equal(low.statusCode, 422);
    assert.ok(low.json().error.fields.some((f: { field: string }) => f.field === 'declaredIncome'));
    const ok = await clerk.post('/api/v1/money/collections', { ...body, declaredIncome: limits.floor });
    await expectOk(ok, 201);
    const expected = voluntaryContribution({
      rates: DEFAULT_MONEY_RATES,
      on: today(),
      declaredIncome: limits.floor,
      mode: 'every_3_months',
      supportGroups: ['near_poor'],
    });
    assert.equal(ok.json().amount, expected.payable);
    const replay = await clerk.post('/api/v1/money/collections', { ...body, declaredIncome: limits.floor });
    assert.equal(replay.json().id, ok.json().id);
    assert.equal(replay.json().replayed, true);
  });

  it('collects a late traffic fine with its surcharge, once per decision', async () => {
    const decisionDate = addDays(today(), -40);
    const receivedOn = addDays(today(), -38);
    const body = {
      clientTxId: tx('fine'),
      drawerId: drawer.id,
      payer: { name: 'Trần Văn Bình', citizenId: '070095004321' },
      kind: 'traffic_fine',
      issuer: 'Công an tỉnh Đồng Nai',
      decisionNo: '123/QĐ-XPHC',
      decisionDate,
      receivedOn,
      fineAmount: 4_000_000,
    };
    const paid = await clerk.post('/api/v1/money/collections', body);
    await expectOk(paid, 201);
    const term = fineTerm({ rates: DEFAULT_MONEY_RATES, decisionDate, receivedOn });
    const late = fineLateSurcharge({
      rates: DEFAULT_MONEY_RATES,
      unpaidAmount: 4_000_000,
      lastDay: term.lastDay,
      paidOn: today(),
    });
    assert.ok(late.surcharge > 0, 'paid after the term');
    assert.equal(paid.json().amount, late.total);
    const again = await clerk.post('/api/v1/money/collections', { ...body, clientTxId: tx('fine') });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'FINE_ALREADY_PAID');
    assert.equal(
      (await otherClerk.post('/api/v1/money/collections', { ...body, clientTxId: tx('x') })).statusCode,
      403,
    );
    assert.deepEqual(await brokenInvariants(ctx.database), []);
  });
});
