/**
 * The ledger in the database: accounts per office, drawer, programme and counterpart; postings written
 * once (a trigger refuses UPDATE and DELETE) with balanced entries, each checked by the core's
 * `postingForOperation` / `assertValidPosting` before it is inserted, in the caller's transaction
 * (the operation, its posting and its audit entry commit together). Idempotent by client transaction
 * id: `ledger_postings_client_tx_uq (office_id, client_tx_id)`.
 */
import {
  accountStatement,
  assertValidPosting,
  type IsoDate,
  type LedgerAccount,
  type MoneyOperation,
  PaymentRuleError,
  type Posting,
  postingForOperation,
  reversePosting,
  vnDate,
} from '@motcua/core';
import type { Transaction } from 'kysely';
import type { Dialect, Executor } from '../../db/database.ts';
import { insertRow, newId } from '../../db/helpers.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, type FieldError } from '../../errors.ts';
import type { Actor } from '../../policy/policy.ts';

export type Trx = Transaction<DB>;
export type AccountRow = DB['ledger_accounts'];

/** A refusal of the money rules (core `PaymentRuleError`) as a 422 naming each field, both languages. */
export function ruleError(error: PaymentRuleError, fieldPrefix = ''): AppError {
  const fields: FieldError[] = error.problems.map((p) => ({
    field: `${fieldPrefix}${p.field}`,
    message: { vi: p.vi, en: p.en },
  }));
  return new AppError(422, error.code, { vi: error.message, en: error.messageEn }, fields);
}

/** Runs `work`, turning a core rule refusal into a 422. */
export function withRules<T>(work: () => T, fieldPrefix = ''): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof PaymentRuleError) throw ruleError(error, fieldPrefix);
    throw error;
  }
}

/** The accounting date of an instant: the day in Vietnam. */
export function postingDate(now: Date): IsoDate {
  return vnDate(now);
}

export async function officeAccounts(executor: Executor, officeId: string): Promise<AccountRow[]> {
  return executor.selectFrom('ledger_accounts').selectAll().where('office_id', '=', officeId).execute();
}

function asLedger(rows: readonly AccountRow[]): Map<string, LedgerAccount> {
  return new Map(rows.map((row) => [row.id, { id: row.id, kind: row.kind, currency: row.currency }]));
}

/** Inserts a checked posting and its entries (nothing else checks it: call through `postOperation`). */
async function insertPosting(
  trx: Executor,
  dialect: Dialect,
  input: {
    officeId: string;
    posting: Posting;
    operation: string;
    clientTxId: string;
    actor: Actor;
    now: Date;
  },
): Promise<void> {
  const { posting } = input;
  await insertRow(trx, dialect, 'ledger_postings', {
    id: posting.id,
    office_id: input.officeId,
    posted_on: posting.postedOn,
    operation: input.operation,
    reversal_of: posting.reversalOf ?? null,
    memo: posting.memo ?? null,
    client_tx_id: input.clientTxId,
    actor_id: input.actor.userId,
    created_at: input.now.toISOString(),
  });
  let line = 0;
  for (const entry of posting.entries) {
    line += 1;
    await insertRow(trx, dialect, 'ledger_entries', {
      posting_id: posting.id,
      line,
      account_id: entry.accountId,
      side: entry.side,
      amount: entry.amount,
    });
  }
}

/**
 * Posts one money operation of an office: the core builds and checks the entries (accounts exist, are
 * of the office, have the right kind; the amount is a positive integer; debits = credits), then the
 * posting is written in `trx`. Returns the posting.
 */
export async function postOperation(
  trx: Trx,
  dialect: Dialect,
  input: {
    officeId: string;
    operation: MoneyOperation;
    clientTxId: string;
    actor: Actor;
    now: Date;
    memo?: string;
    accounts?: readonly AccountRow[];
  },
): Promise<Posting> {
  const accounts = input.accounts ?? (await officeAccounts(trx, input.officeId));
  const posting = withRules(() =>
    postingForOperation(
      input.operation,
      {
        id: newId(input.now.getTime()),
        postedOn: postingDate(input.now),
        ...(input.memo === undefined ? {} : { memo: input.memo }),
      },
      asLedger(accounts.filter((a) => a.office_id === input.officeId)),
    ),
  );
  await insertPosting(trx, dialect, {
    officeId: input.officeId,
    posting,
    operation: input.operation.kind,
    clientTxId: input.clientTxId,
    actor: input.actor,
    now: input.now,
  });
  return posting;
}

/** A posting as stored, with its entries in line order. */
export async function loadPosting(
  executor: Executor,
  id: string,
): Promise<
  | (Posting & {
      officeId: string;
      operation: string;
      clientTxId: string;
      actorId: string | null;
      createdAt: string;
    })
  | undefined
> {
  const row = await executor
    .selectFrom('ledger_postings')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const entries = await executor
    .selectFrom('ledger_entries')
    .select(['account_id', 'side', 'amount'])
    .where('posting_id', '=', id)
    .orderBy('line')
    .execute();
  return {
    id: row.id,
    officeId: row.office_id,
    postedOn: row.posted_on,
    operation: row.operation,
    reversalOf: row.reversal_of,
    memo: row.memo ?? undefined,
    clientTxId: row.client_tx_id,
    actorId: row.actor_id,
    createdAt: row.created_at,
    entries: entries.map((e) => ({ accountId: e.account_id, side: e.side, amount: Number(e.amount) })),
  };
}

export async function postingByClientTx(executor: Executor, officeId: string, clientTxId: string) {
  const row = await executor
    .selectFrom('ledger_postings')
    .select('id')
    .where('office_id', '=', officeId)
    .where('client_tx_id', '=', clientTxId)
    .executeTakeFirst();
  return row ? loadPosting(executor, row.id) : undefined;
}

/** The reversing posting of `original` (core `reversePosting`), written in `trx`. */
export async function postReversal(
  trx: Trx,
  dialect: Dialect,
  input: { originalId: string; clientTxId: string; actor: Actor; now: Date; memo: string },
): Promise<Posting> {
  const original = await loadPosting(trx, input.originalId);
  if (!original)
    throw new AppError(404, 'NOT_FOUND', { vi: 'Không tìm thấy bút toán', en: 'Posting not found' });
  const accounts = await officeAccounts(trx, original.officeId);
  const reversal = reversePosting(original, {
    id: newId(input.now.getTime()),
    postedOn: postingDate(input.now),
    memo: input.memo,
  });
  withRules(() => assertValidPosting(reversal, asLedger(accounts)));
  await insertPosting(trx, dialect, {
    officeId: original.officeId,
    posting: reversal,
    operation: 'reversal',
    clientTxId: input.clientTxId,
    actor: input.actor,
    now: input.now,
  });
  return reversal;
}

/** Debits, credits and balance per account of the offices given (all when `officeIds` is null). */
export async function accountTotals(
  executor: Executor,
  officeIds: string[] | null,
  until?: IsoDate,
): Promise<Map<string, { debits: number; credits: number }>> {
  let query = executor
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_postings as p', 'p.id', 'e.posting_id')
    .select((eb) => [
      'e.account_id as accountId',
      eb.fn
        .sum<number>(eb.case().when('e.side', '=', 'debit').then(eb.ref('e.amount')).else(0).end())
        .as('debits'),
      eb.fn
        .sum<number>(eb.case().when('e.side', '=', 'credit').then(eb.ref('e.amount')).else(0).end())
        .as('credits'),
    ])
    .groupBy('e.account_id');
  if (officeIds !== null) query = query.where('p.office_id', 'in', officeIds.length ? officeIds : ['']);
  if (until) query = query.where('p.posted_on', '<=', until);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.accountId, { debits: Number(r.debits), credits: Number(r.credits) }]));
}

/** The statement of one account for a period (core `accountStatement` over the account's entries). */
export async function statementOf(
  executor: Executor,
  accountId: string,
  period: { from: IsoDate; until: IsoDate },
) {
  const rows = await executor
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_postings as p', 'p.id', 'e.posting_id')
    .select(['p.id', 'p.posted_on', 'p.reversal_of', 'p.memo', 'p.operation', 'e.side', 'e.amount'])
    .where('e.account_id', '=', accountId)
    .where('p.posted_on', '<=', period.until)
    .orderBy('p.posted_on')
    .orderBy('p.id')
    .orderBy('e.line')
    .execute();
  const postings: Posting[] = [];
  const operations = new Map<string, string>();
  for (const row of rows) {
    const last = postings.at(-1);
    const entry = { accountId, side: row.side, amount: Number(row.amount) };
    if (last && last.id === row.id) (last.entries as (typeof entry)[]).push(entry);
    else {
      operations.set(row.id, row.operation);
      postings.push({
        id: row.id,
        postedOn: row.posted_on,
        reversalOf: row.reversal_of,
        memo: row.memo ?? undefined,
        entries: [entry],
      });
    }
  }
  const statement = accountStatement(accountId, postings, period);
  return {
    ...statement,
    lines: statement.lines.map((line) => ({ ...line, operation: operations.get(line.postingId) ?? '' })),
  };
}
