import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { type Client, createTestContext, type TestContext } from './helpers/app.ts';
import { onEngine, TEST_ENGINE } from './helpers/db.ts';
import { expectOk, siteId, tx } from './helpers/fixtures.ts';

let ctx: TestContext;
let admin: Client;
let clerk: Client;
let otherClerk: Client;
let office: string;
let otherOffice: string;
let ledger: {
  accounts: { id: string; purpose: string; balance: number; programmeId: string | null }[];
  programmes: { id: string; kind: string; accountId: string }[];
  drawers: { id: string; name: string; accountId: string }[];
};

async function setUp(client: Client, officeId: string, drawers: string[]) {
  const agencies = (await client.get('/api/v1/money/counterparts')).json() as { id: string; kind: string }[];
  return client.post(`/api/v1/money/offices/${officeId}/ledger`, {
    socialInsuranceAgencyId: agencies.find((c) => c.kind === 'social_insurance_agency')!.id,
    stateTreasuryId: agencies.find((c) => c.kind === 'state_treasury')!.id,
    drawers,
  });
}

before(async () => {
  ctx = await createTestContext();
  admin = await ctx.signIn('admin');
  // Counterparts are national data: the national administrator enters them (docs/security.md).
  const national = await ctx.signIn('admin.toanquoc');
  clerk = await ctx.signIn('gdv.budop');
  otherClerk = await ctx.signIn('gdv.dongtien');
  office = await siteId(ctx.database, 'BD-BUDOP');
  otherOffice = await siteId(ctx.database, 'BDVHX-DONGTIEN');
  await expectOk(
    await national.post('/api/v1/money/counterparts', {
      code: 'BHXH-DONGNAI',
      name: 'Bảo hiểm xã hội tỉnh Đồng Nai',
      kind: 'social_insurance_agency',
    }),
    201,
  );
  await expectOk(
    await national.post('/api/v1/money/counterparts', {
      code: 'KBNN-DONGNAI',
      name: 'Kho bạc Nhà nước tỉnh Đồng Nai',
      kind: 'state_treasury',
      accountNo: '3511.0.1054321',
    }),
    201,
  );
  const response = await setUp(admin, office, ['Quầy 1', 'Quầy 2']);
  await expectOk(response);
  ledger = response.json();
  await expectOk(await setUp(admin, otherOffice, ['Quầy 1']));
});
after(() => ctx.close());

const drawer = (i = 0) => ledger.drawers[i]!;
const programme = (kind: string) => ledger.programmes.find((p) => p.kind === kind)!;

describe(`money ledger on ${TEST_ENGINE}`, () => {
  it('sets up one account per office purpose, programme, counterpart and drawer, and adds only what is new', async () => {
    assert.equal(ledger.programmes.length, 5);
    assert.equal(ledger.drawers.length, 2);
    // office + differences + 2 counterparts + 5 programmes + 2 drawers
    assert.equal(ledger.accounts.length, 11);
    const again = await setUp(admin, office, ['Quầy 1', 'Quầy 2', 'Quầy 3']);
    await expectOk(again);
    assert.equal(again.json().accounts.length, 12);
    assert.equal(again.json().drawers.length, 3);
    assert.equal((await setUp(clerk, office, ['Quầy 9'])).statusCode, 403, 'a clerk does not set up');
  });

  it('posts funding and float as balanced entries, answers a replayed client transaction id with the same posting', async () => {
    const id = tx('fund');
    const first = await admin.post(`/api/v1/money/programmes/${programme('pension').id}/funding`, {
      clientTxId: id,
      amount: 250_000_000,
      memo: 'Kinh phí chi trả lương hưu tháng 07/2026',
    });
    await expectOk(first, 201);
    const posting = first.json();
    assert.equal(posting.operation, 'programme_funding');
    assert.equal(posting.entries.length, 2);
    assert.equal(posting.replayed, false);
    const replay = await admin.post(`/api/v1/money/programmes/${programme('pension').id}/funding`, {
      clientTxId: id,
      amount: 250_000_000,
    });
    await expectOk(replay, 201);
    assert.equal(replay.json().id, posting.id);
    assert.equal(replay.json().replayed, true);

    const float = await clerk.post(`/api/v1/money/drawers/${drawer().id}/float`, {
      clientTxId: tx('float'),
      direction: 'in',
      amount: 50_000_000,
    });
    await expectOk(float, 201);
    const balances = (await clerk.get(`/api/v1/money/offices/${office}/ledger`)).json();
    const cash = balances.accounts.find((a: { id: string }) => a.id === drawer().accountId);
    assert.equal(cash.balance, 50_000_000);
    const officeAccount = balances.accounts.find((a: { purpose: string }) => a.purpose === 'office');
    assert.equal(officeAccount.balance, 250_000_000 - 50_000_000);
  });

  it('refuses amounts that are not positive integers, naming the field, and posts nothing', async () => {
    const before = await ctx.database.db
      .selectFrom('ledger_postings')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    for (const amount of [0, -5, 12.5, '100']) {
      const response = await clerk.post(`/api/v1/money/drawers/${drawer().id}/float`, {
        clientTxId: tx('bad'),
        direction: 'in',
        amount,
      });
      assert.equal(response.statusCode, 400, String(amount));
      assert.ok(response.json().error.fields.some((f: { field: string }) => f.field.includes('amount')));
    }
    const afterCount = await ctx.database.db
      .selectFrom('ledger_postings')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
  });

  it('authorises against the office of the drawer, programme or account, not the request', async () => {
    const other = await otherClerk.post(`/api/v1/money/drawers/${drawer().id}/float`, {
      clientTxId: tx('other'),
      direction: 'in',
      amount: 1_000,
    });
    assert.equal(other.statusCode, 403);
    assert.equal((await otherClerk.get(`/api/v1/money/offices/${office}/ledger`)).statusCode, 403);
    assert.equal(
      (
        await otherClerk.get(
          `/api/v1/money/accounts/${drawer().accountId}/statement?from=2026-01-01&until=2030-12-31`,
        )
      ).statusCode,
      403,
    );
    assert.equal((await otherClerk.get(`/api/v1/money/trial-balance?officeId=${office}`)).statusCode, 403);
    const mine = (await otherClerk.get('/api/v1/money/trial-balance')).json();
    assert.ok(mine.accounts.every((a: { officeId: string }) => a.officeId === otherOffice));
    assert.equal(
      (
        await clerk.post(`/api/v1/money/programmes/${programme('pension').id}/funding`, {
          clientTxId: tx(),
          amount: 5,
        })
      ).statusCode,
      403,
      'a clerk does not record funding',
    );
  });

  it('corrects by a reversing posting approved by a second person, once; postings and entries take no UPDATE or DELETE', async () => {
    const made = await clerk.post(`/api/v1/money/drawers/${drawer(1).id}/float`, {
      clientTxId: tx('oops'),
      direction: 'in',
      amount: 7_000_000,
    });
    await expectOk(made, 201);
    const original = made.json();
    const asked = await clerk.post(`/api/v1/money/postings/${original.id}/reversal`, {
      clientTxId: tx('ask'),
      reason: 'Nhập nhầm quầy',
    });
    await expectOk(asked, 201);
    assert.equal(asked.json().status, 'requested');
    const untouched = (
      await clerk.get(
        `/api/v1/money/accounts/${drawer(1).accountId}/statement?from=2000-01-01&until=2100-12-31`,
      )
    ).json();
    assert.equal(untouched.lines.length, 1, 'nothing posted before the approval');
    assert.equal(
      (
        await clerk.post(`/api/v1/money/reversal-requests/${asked.json().id}/approval`, {
          clientTxId: tx('ok'),
        })
      ).statusCode,
      403,
      'a clerk does not approve',
    );
    const ownAsk = await admin.post(`/api/v1/money/postings/${original.id}/reversal`, {
      clientTxId: tx('ask'),
      reason: 'Lần hai',
    });
    assert.equal(ownAsk.statusCode, 409, 'one request per posting');
    const approved = await admin.post(`/api/v1/money/reversal-requests/${asked.json().id}/approval`, {
      clientTxId: tx('ok'),
    });
    await expectOk(approved);
    const reversal = (
      await ctx.database.db
        .selectFrom('ledger_entries')
        .select(['side', 'amount'])
        .where('posting_id', '=', approved.json().reversalPostingId)
        .orderBy('line')
        .execute()
    ).map((e) => e.side);
    assert.deepEqual(
      reversal,
      original.entries.map((e: { side: string }) => (e.side === 'debit' ? 'credit' : 'debit')),
    );
    const again = await admin.post(`/api/v1/money/reversal-requests/${asked.json().id}/approval`, {
      clientTxId: tx('ok'),
    });
    await expectOk(again);
    assert.equal(again.json().reversalPostingId, approved.json().reversalPostingId, 'posted once');
    const statement = (
      await clerk.get(
        `/api/v1/money/accounts/${drawer(1).accountId}/statement?from=2000-01-01&until=2100-12-31`,
      )
    ).json();
    assert.equal(statement.closing, 0);
    assert.equal(statement.lines.length, 2);

    await assert.rejects(
      sql`update ledger_entries set amount = amount + 1 where posting_id = ${original.id}`.execute(
        ctx.database.db,
      ),
      /append-only/,
    );
    await assert.rejects(
      sql`delete from ledger_postings where id = ${original.id}`.execute(ctx.database.db),
      /append-only/,
    );
  });

  it('keeps every posting balanced and the trial balance zero over random operations, replays posting once', async () => {
    const accepted = new Set<string>();
    const op = fc.record({
      kind: fc.constantFrom('fund', 'float_in', 'float_out', 'replay'),
      amount: fc.integer({ min: 1, max: 5_000_000 }),
      drawer: fc.integer({ min: 0, max: 1 }),
      programme: fc.constantFrom('pension', 'benefit'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 40 }), async (ops) => {
        const sent: string[] = [];
        for (const o of ops) {
          const id = o.kind === 'replay' && sent.length > 0 ? sent[o.amount % sent.length]! : tx('p');
          const kind = o.kind === 'replay' ? 'float_in' : o.kind;
          const response =
            kind === 'fund'
              ? await admin.post(`/api/v1/money/programmes/${programme(o.programme).id}/funding`, {
                  clientTxId: id,
                  amount: o.amount,
                })
              : await clerk.post(`/api/v1/money/drawers/${drawer(o.drawer).id}/float`, {
                  clientTxId: id,
                  direction: kind === 'float_in' ? 'in' : 'out',
                  amount: o.amount,
                });
          assert.equal(response.statusCode, 201, response.body);
          sent.push(id);
          accepted.add(id);
        }
        const unbalanced = await ctx.database.db
          .selectFrom('ledger_entries')
          .select('posting_id')
          .groupBy('posting_id')
          .having(sql`sum(case when side = 'debit' then amount else -amount end)`, '<>', 0)
          .execute();
        assert.deepEqual(unbalanced, []);
        const trial = (await admin.get('/api/v1/money/trial-balance')).json();
        assert.equal(trial.balanced, true);
        assert.equal(trial.totalDebits, trial.totalCredits);
        assert.equal(
          trial.accounts.reduce((s: number, a: { balance: number }) => s + a.balance, 0),
          0,
        );
      }),
      { numRuns: 5, seed: 20261207 },
    );
    const posted = await ctx.database.db
      .selectFrom('ledger_postings')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('client_tx_id', 'in', [...accepted])
      .executeTakeFirstOrThrow();
    assert.equal(Number(posted.n), accepted.size, 'one posting per client transaction id');
  });

  it('refuses the approval of a reversal by the person who asked for it', async () => {
    const made = await clerk.post(`/api/v1/money/drawers/${drawer().id}/float`, {
      clientTxId: tx('self'),
      direction: 'in',
      amount: 1_000,
    });
    const asked = await admin.post(`/api/v1/money/postings/${made.json().id}/reversal`, {
      clientTxId: tx('self'),
      reason: 'Tự đề nghị',
    });
    await expectOk(asked, 201);
    const own = await admin.post(`/api/v1/money/reversal-requests/${asked.json().id}/approval`, {
      clientTxId: tx('self'),
    });
    assert.equal(own.statusCode, 403);
    assert.equal(own.json().error.code, 'SAME_PERSON');
  });

  onEngine('postgres')(
    'refuses at commit a posting whose entries do not balance (deferred constraint trigger)',
    async () => {
      const id = `unbalanced-${tx()}`;
      await assert.rejects(
        ctx.database.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('ledger_postings')
            .values({
              id,
              office_id: office,
              posted_on: '2026-07-01',
              operation: 'float_in',
              reversal_of: null,
              memo: null,
              client_tx_id: id,
              actor_id: null,
              created_at: new Date().toISOString(),
            })
            .execute();
          await trx
            .insertInto('ledger_entries')
            .values([
              { posting_id: id, line: 1, account_id: drawer().accountId, side: 'debit', amount: 100 },
              { posting_id: id, line: 2, account_id: drawer(1).accountId, side: 'credit', amount: 99 },
            ])
            .execute();
        }),
        /ledger_entries_balanced/,
      );
      const row = await ctx.database.db
        .selectFrom('ledger_postings')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      assert.equal(row, undefined);
    },
  );
});
