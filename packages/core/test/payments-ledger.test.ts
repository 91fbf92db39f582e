import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  accountBalance,
  accountStatement,
  type LedgerAccount,
  type MoneyOperation,
  operationEntries,
  PaymentRuleError,
  type Posting,
  postingForOperation,
  postingProblems,
  reversePosting,
  trialBalance,
} from '../src/payments/index.ts';

/** The accounts of the commune post office of xã Nghĩa Trung (formerly Đức Liễu). */
const ACCOUNTS: LedgerAccount[] = [
  { id: 'drawer:nghia-trung:1', kind: 'cash_drawer' },
  { id: 'drawer:nghia-trung:2', kind: 'cash_drawer' },
  { id: 'office:nghia-trung', kind: 'office' },
  { id: 'office:nghia-trung:differences', kind: 'office' },
  { id: 'programme:pension', kind: 'programme' },
  { id: 'programme:voluntary-si', kind: 'programme' },
  { id: 'programme:traffic-fines', kind: 'programme' },
  { id: 'counterpart:bhxh-dong-nai', kind: 'counterpart' },
  { id: 'counterpart:kbnn-dong-nai', kind: 'counterpart' },
];

function ruleError(code: string, field?: string) {
  return (error: unknown) =>
    error instanceof PaymentRuleError &&
    error.code === code &&
    (field === undefined || error.field === field) &&
    error.messageEn.length > 0;
}

let sequence = 0;
function post(operation: MoneyOperation, postedOn = '2026-07-06'): Posting {
  sequence += 1;
  return postingForOperation(operation, { id: `p${sequence}`, postedOn }, ACCOUNTS);
}

describe('posting templates', () => {
  it('pays a pension in cash from the drawer against the pension programme', () => {
    const posting = post({
      kind: 'cash_payout',
      drawer: 'drawer:nghia-trung:1',
      programme: 'programme:pension',
      amount: 3_250_000,
    });
    assert.deepEqual(posting.entries, [
      { accountId: 'programme:pension', side: 'debit', amount: 3_250_000 },
      { accountId: 'drawer:nghia-trung:1', side: 'credit', amount: 3_250_000 },
    ]);
  });

  it('brings a payout month back to zero once it is funded, paid, settled and the rest returned', () => {
    const postings = [
      post({
        kind: 'programme_funding',
        office: 'office:nghia-trung',
        counterpart: 'counterpart:bhxh-dong-nai',
        amount: 10_000_000,
      }),
      post({
        kind: 'float_in',
        drawer: 'drawer:nghia-trung:1',
        office: 'office:nghia-trung',
        amount: 5_000_000,
      }),
      post({
        kind: 'cash_payout',
        drawer: 'drawer:nghia-trung:1',
        programme: 'programme:pension',
        amount: 3_250_000,
      }),
      post({
        kind: 'payout_settlement',
        counterpart: 'counterpart:bhxh-dong-nai',
        programme: 'programme:pension',
        amount: 3_250_000,
      }),
      post({
        kind: 'funds_return',
        counterpart: 'counterpart:bhxh-dong-nai',
        office: 'office:nghia-trung',
        amount: 6_750_000,
      }),
    ];
    assert.equal(accountBalance('drawer:nghia-trung:1', postings), 1_750_000);
    assert.equal(accountBalance('office:nghia-trung', postings), -1_750_000);
    assert.equal(accountBalance('programme:pension', postings), 0);
    assert.equal(accountBalance('counterpart:bhxh-dong-nai', postings), 0);
    postings.push(
      post({
        kind: 'float_out',
        drawer: 'drawer:nghia-trung:1',
        office: 'office:nghia-trung',
        amount: 1_750_000,
      }),
    );
    for (const account of ACCOUNTS) assert.equal(accountBalance(account.id, postings), 0, account.id);
  });

  it('leaves a collected fine owed to the Treasury until it is remitted', () => {
    const postings = [
      post({
        kind: 'cash_collection',
        drawer: 'drawer:nghia-trung:2',
        programme: 'programme:traffic-fines',
        amount: 4_000_000,
      }),
      post({
        kind: 'collection_settlement',
        programme: 'programme:traffic-fines',
        counterpart: 'counterpart:kbnn-dong-nai',
        amount: 4_000_000,
      }),
    ];
    assert.equal(accountBalance('counterpart:kbnn-dong-nai', postings), -4_000_000);
    postings.push(
      post({
        kind: 'float_out',
        drawer: 'drawer:nghia-trung:2',
        office: 'office:nghia-trung',
        amount: 4_000_000,
      }),
      post({
        kind: 'remittance',
        counterpart: 'counterpart:kbnn-dong-nai',
        office: 'office:nghia-trung',
        amount: 4_000_000,
      }),
    );
    for (const account of ACCOUNTS) assert.equal(accountBalance(account.id, postings), 0, account.id);
  });

  it('posts a shortage to the differences account and an overage the other way', () => {
    assert.deepEqual(
      operationEntries({
        kind: 'drawer_difference',
        drawer: 'drawer:nghia-trung:1',
        differences: 'office:nghia-trung:differences',
        difference: -50_000,
      }),
      [
        { accountId: 'office:nghia-trung:differences', side: 'debit', amount: 50_000 },
        { accountId: 'drawer:nghia-trung:1', side: 'credit', amount: 50_000 },
      ],
    );
    assert.deepEqual(
      operationEntries({
        kind: 'drawer_difference',
        drawer: 'drawer:nghia-trung:1',
        differences: 'office:nghia-trung:differences',
        difference: 20_000,
      })[0],
      { accountId: 'drawer:nghia-trung:1', side: 'debit', amount: 20_000 },
    );
  });

  it('refuses a drawer difference of zero, a zero amount and a fractional amount', () => {
    assert.throws(
      () =>
        operationEntries({
          kind: 'drawer_difference',
          drawer: 'drawer:nghia-trung:1',
          differences: 'office:nghia-trung:differences',
          difference: 0,
        }),
      ruleError('NO_DIFFERENCE', 'difference'),
    );
    assert.throws(
      () =>
        post({
          kind: 'cash_payout',
          drawer: 'drawer:nghia-trung:1',
          programme: 'programme:pension',
          amount: 0,
        }),
      ruleError('AMOUNT_NOT_POSITIVE', 'amount'),
    );
    assert.throws(
      () =>
        post({
          kind: 'cash_collection',
          drawer: 'drawer:nghia-trung:1',
          programme: 'programme:pension',
          amount: 1.5,
        }),
      ruleError('AMOUNT_NOT_INTEGER', 'amount'),
    );
  });

  it('refuses an account of the wrong kind for its role, naming the role', () => {
    assert.throws(
      () =>
        post({
          kind: 'cash_payout',
          drawer: 'office:nghia-trung',
          programme: 'programme:pension',
          amount: 100_000,
        }),
      ruleError('ACCOUNT_WRONG_KIND', 'drawer'),
    );
    assert.throws(
      () =>
        post({
          kind: 'remittance',
          counterpart: 'counterpart:bhxh-ha-noi',
          office: 'office:nghia-trung',
          amount: 100_000,
        }),
      ruleError('ENTRY_UNKNOWN_ACCOUNT', 'counterpart'),
    );
  });
});

describe('postings', () => {
  const base = { id: 'p-check', postedOn: '2026-07-06' };

  it('finds an unbalanced posting, a non-positive amount, an unknown account and too few entries', () => {
    const codes = (posting: Posting, accounts: LedgerAccount[] = ACCOUNTS) =>
      postingProblems(posting, accounts).map((problem) => problem.code);
    assert.deepEqual(
      codes({
        ...base,
        entries: [
          { accountId: 'programme:pension', side: 'debit', amount: 1_000_000 },
          { accountId: 'drawer:nghia-trung:1', side: 'credit', amount: 999_000 },
        ],
      }),
      ['POSTING_UNBALANCED'],
    );
    assert.deepEqual(
      codes({
        ...base,
        entries: [
          { accountId: 'programme:pension', side: 'debit', amount: -5 },
          { accountId: 'drawer:nghia-trung:9', side: 'credit', amount: -5 },
        ],
      }),
      ['AMOUNT_NOT_POSITIVE', 'AMOUNT_NOT_POSITIVE', 'ENTRY_UNKNOWN_ACCOUNT'],
    );
    assert.deepEqual(
      codes({ ...base, entries: [{ accountId: 'programme:pension', side: 'debit', amount: 5 }] }),
      ['POSTING_TOO_FEW_ENTRIES'],
    );
  });

  it('refuses entries in two currencies', () => {
    const accounts: LedgerAccount[] = [...ACCOUNTS, { id: 'office:usd', kind: 'office', currency: 'USD' }];
    const problems = postingProblems(
      {
        ...base,
        entries: [
          { accountId: 'office:usd', side: 'debit', amount: 100 },
          { accountId: 'office:nghia-trung', side: 'credit', amount: 100 },
        ],
      },
      accounts,
    );
    assert.deepEqual(
      problems.map((problem) => problem.code),
      ['POSTING_MIXED_CURRENCIES'],
    );
  });

  it('mirrors a posting on reversal and points back at it', () => {
    const original = post({
      kind: 'cash_collection',
      drawer: 'drawer:nghia-trung:1',
      programme: 'programme:voluntary-si',
      amount: 3_102_000,
    });
    const reversal = reversePosting(original, { id: 'r1', postedOn: '2026-07-07', memo: 'Thu nhầm người' });
    assert.equal(reversal.reversalOf, original.id);
    assert.equal(reversal.memo, 'Thu nhầm người');
    assert.deepEqual(
      reversal.entries.map((entry) => entry.side),
      ['credit', 'debit'],
    );
    for (const account of ACCOUNTS) assert.equal(accountBalance(account.id, [original, reversal]), 0);
  });
});

describe('statements and the trial balance', () => {
  const postings: Posting[] = [
    postingForOperation(
      { kind: 'float_in', drawer: 'drawer:nghia-trung:1', office: 'office:nghia-trung', amount: 5_000_000 },
      { id: 's1', postedOn: '2026-06-30' },
      ACCOUNTS,
    ),
    postingForOperation(
      {
        kind: 'cash_payout',
        drawer: 'drawer:nghia-trung:1',
        programme: 'programme:pension',
        amount: 3_250_000,
      },
      { id: 's2', postedOn: '2026-07-02' },
      ACCOUNTS,
    ),
    postingForOperation(
      {
        kind: 'cash_collection',
        drawer: 'drawer:nghia-trung:1',
        programme: 'programme:voluntary-si',
        amount: 165_000,
      },
      { id: 's3', postedOn: '2026-07-01', memo: 'Nguyễn Thị Ánh, tháng 07/2026' },
      ACCOUNTS,
    ),
    postingForOperation(
      {
        kind: 'cash_payout',
        drawer: 'drawer:nghia-trung:1',
        programme: 'programme:pension',
        amount: 1_000_000,
      },
      { id: 's4', postedOn: '2026-08-01' },
      ACCOUNTS,
    ),
  ];

  it('gives the opening balance, the lines of the period in date order and the closing balance', () => {
    const statement = accountStatement('drawer:nghia-trung:1', postings, {
      from: '2026-07-01',
      until: '2026-07-31',
    });
    assert.equal(statement.opening, 5_000_000);
    assert.deepEqual(
      statement.lines.map((line) => [line.postingId, line.debit, line.credit, line.balance]),
      [
        ['s3', 165_000, 0, 5_165_000],
        ['s2', 0, 3_250_000, 1_915_000],
      ],
    );
    assert.equal(statement.lines[0]!.memo, 'Nguyễn Thị Ánh, tháng 07/2026');
    assert.equal(statement.closing, 1_915_000);
    assert.equal(statement.totalDebits, 165_000);
    assert.equal(statement.totalCredits, 3_250_000);
  });

  it('totals every account and balances', () => {
    const trial = trialBalance(postings);
    assert.equal(trial.balanced, true);
    assert.equal(trial.totalDebits, 9_415_000);
    assert.equal(trial.totalCredits, 9_415_000);
    assert.equal(
      trial.accounts.reduce((sum, row) => sum + row.balance, 0),
      0,
    );
    assert.deepEqual(
      trial.accounts.find((row) => row.accountId === 'programme:pension'),
      { accountId: 'programme:pension', debits: 4_250_000, credits: 0, balance: 4_250_000 },
    );
  });
});

describe('ledger properties', () => {
  const drawer = fc.constantFrom('drawer:nghia-trung:1', 'drawer:nghia-trung:2');
  const programme = fc.constantFrom('programme:pension', 'programme:voluntary-si', 'programme:traffic-fines');
  const counterpart = fc.constantFrom('counterpart:bhxh-dong-nai', 'counterpart:kbnn-dong-nai');
  const office = fc.constant('office:nghia-trung');
  const amount = fc.integer({ min: 1, max: 50_000_000 });
  const operation: fc.Arbitrary<MoneyOperation> = fc.oneof(
    fc.record({ kind: fc.constant('cash_payout' as const), drawer, programme, amount }),
    fc.record({ kind: fc.constant('cash_collection' as const), drawer, programme, amount }),
    fc.record({ kind: fc.constant('transfer_collection' as const), office, programme, amount }),
    fc.record({ kind: fc.constant('programme_funding' as const), office, counterpart, amount }),
    fc.record({ kind: fc.constant('payout_settlement' as const), counterpart, programme, amount }),
    fc.record({ kind: fc.constant('funds_return' as const), counterpart, office, amount }),
    fc.record({ kind: fc.constant('collection_settlement' as const), programme, counterpart, amount }),
    fc.record({ kind: fc.constant('remittance' as const), counterpart, office, amount }),
    fc.record({ kind: fc.constant('float_in' as const), drawer, office, amount }),
    fc.record({ kind: fc.constant('float_out' as const), drawer, office, amount }),
    fc.record({
      kind: fc.constant('drawer_difference' as const),
      drawer,
      differences: fc.constant('office:nghia-trung:differences'),
      difference: fc.integer({ min: -2_000_000, max: 2_000_000 }).filter((value) => value !== 0),
    }),
  );
  /** A step: a new operation, or the reversal of an earlier posting picked by index. */
  const step = fc.oneof(
    { weight: 4, arbitrary: operation.map((op) => ({ op })) },
    { weight: 1, arbitrary: fc.nat().map((pick) => ({ reverse: pick })) },
  );

  function run(steps: ({ op: MoneyOperation } | { reverse: number })[]) {
    const postings: Posting[] = [];
    const reversed = new Set<string>();
    const pairs: [Posting, Posting][] = [];
    steps.forEach((current, index) => {
      const postedOn = `2026-07-${String((index % 28) + 1).padStart(2, '0')}`;
      if ('op' in current) {
        postings.push(postingForOperation(current.op, { id: `op${index}`, postedOn }, ACCOUNTS));
        return;
      }
      const candidates = postings.filter((posting) => !posting.reversalOf && !reversed.has(posting.id));
      if (candidates.length === 0) return;
      const original = candidates[current.reverse % candidates.length]!;
      const reversal = reversePosting(original, { id: `rev${index}`, postedOn });
      reversed.add(original.id);
      postings.push(reversal);
      pairs.push([original, reversal]);
    });
    return { postings, reversed, pairs };
  }

  it('keeps every posting balanced and the trial balance at zero, whatever the operations and reversals', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const { postings } = run(steps);
        for (const posting of postings) assert.deepEqual(postingProblems(posting, ACCOUNTS), []);
        const trial = trialBalance(postings);
        assert.equal(trial.balanced, true);
        assert.equal(trial.totalDebits, trial.totalCredits);
        assert.equal(
          trial.accounts.reduce((sum, row) => sum + row.balance, 0),
          0,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('nets each reversal with its original to zero, and reversing everything empties every account', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const { postings, reversed, pairs } = run(steps);
        for (const [original, reversal] of pairs) {
          for (const account of ACCOUNTS) assert.equal(accountBalance(account.id, [original, reversal]), 0);
        }
        const rest = postings
          .filter((posting) => !posting.reversalOf && !reversed.has(posting.id))
          .map((posting) => reversePosting(posting, { id: `undo-${posting.id}`, postedOn: '2026-07-31' }));
        const all = [...postings, ...rest];
        for (const account of ACCOUNTS) assert.equal(accountBalance(account.id, all), 0, account.id);
      }),
      { numRuns: 200 },
    );
  });
});
