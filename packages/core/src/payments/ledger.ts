/**
 * The double-entry ledger of a post office's money (sổ cái): accounts, postings of balanced entries,
 * reversals, balances, statements and the trial balance. Pure: the server stores accounts and postings
 * and calls these functions in the transaction that writes them.
 *
 * Conventions:
 * - every amount is a positive integer number of đồng on one side (debit or credit) of one account;
 * - a posting is immutable; a correction is a new posting, the mirror of the original
 *   ({@link reversePosting});
 * - a balance is debits minus credits (positive = debit balance); the trial balance of any set of
 *   valid postings is zero.
 */
import type { IsoDate } from '../calendar/dates.ts';
import { toSafeNumber } from './arithmetic.ts';
import { amountProblem, type FieldProblem, problem, throwIfProblems } from './problems.ts';

/** Kinds of account. */
export const AccountKind = {
  /** Quỹ tiền mặt của một quầy (ngăn kéo tiền của giao dịch viên). */
  CashDrawer: 'cash_drawer',
  /** Quỹ / tài khoản của bưu cục, and its clearing accounts (e.g. cash differences). */
  Office: 'office',
  /** One programme at one office: pension, a benefit kind, voluntary SI, health insurance, fines. */
  Programme: 'programme',
  /** The other party: the social-insurance agency, the State Treasury collection account. */
  Counterpart: 'counterpart',
} as const;
export type AccountKind = (typeof AccountKind)[keyof typeof AccountKind];

export const ACCOUNT_KIND_LABELS: Record<AccountKind, { vi: string; en: string }> = {
  cash_drawer: { vi: 'Quỹ tiền mặt quầy', en: 'Cash drawer' },
  office: { vi: 'Bưu cục', en: 'Office' },
  programme: { vi: 'Chương trình', en: 'Programme' },
  counterpart: { vi: 'Đối tác', en: 'Counterpart' },
};

/** The only currency of the ledger today. */
export const LEDGER_CURRENCY = 'VND';

export interface LedgerAccount {
  readonly id: string;
  readonly kind: AccountKind;
  /** ISO 4217 code; `VND` when absent. */
  readonly currency?: string;
}

export type EntrySide = 'debit' | 'credit';

/** One line of a posting. */
export interface LedgerEntry {
  readonly accountId: string;
  readonly side: EntrySide;
  /** Positive integer đồng. */
  readonly amount: number;
}

/** A balanced set of entries, written once and never changed (bút toán). */
export interface Posting {
  readonly id: string;
  /** Accounting date (Vietnam time) used by statements. */
  readonly postedOn: IsoDate;
  readonly entries: readonly LedgerEntry[];
  /** The posting this one reverses. */
  readonly reversalOf?: string | null;
  readonly memo?: string;
}

type AccountLookup = ReadonlyMap<string, LedgerAccount> | readonly LedgerAccount[];

function toMap(accounts: AccountLookup): ReadonlyMap<string, LedgerAccount> {
  if (accounts instanceof Map) return accounts;
  return new Map((accounts as readonly LedgerAccount[]).map((account) => [account.id, account]));
}

/**
 * Problems that keep a posting out of the ledger: fewer than two entries, an amount that is not a
 * positive integer, an unknown account, accounts in different currencies, or debits ≠ credits.
 */
export function postingProblems(posting: Posting, accounts: AccountLookup): FieldProblem[] {
  const byId = toMap(accounts);
  const problems: FieldProblem[] = [];
  if (!Array.isArray(posting.entries) || posting.entries.length < 2) {
    problems.push(
      problem(
        'entries',
        'POSTING_TOO_FEW_ENTRIES',
        'Một bút toán cần ít nhất hai dòng (một bên Nợ, một bên Có).',
        'A posting needs at least two entries (a debit and a credit).',
      ),
    );
    return problems;
  }
  let debits = 0n;
  let credits = 0n;
  const currencies = new Set<string>();
  posting.entries.forEach((entry, index) => {
    const field = `entries[${index}]`;
    const amount = amountProblem(`${field}.amount`, entry.amount, { positive: true });
    if (amount) problems.push(amount);
    if (entry.side !== 'debit' && entry.side !== 'credit') {
      problems.push(
        problem(
          `${field}.side`,
          'ENTRY_INVALID_SIDE',
          `Bên "${String(entry.side)}" không hợp lệ; chỉ có Nợ (debit) hoặc Có (credit).`,
          `Side "${String(entry.side)}" is invalid; only debit or credit.`,
        ),
      );
    }
    const account = byId.get(entry.accountId);
    if (!account) {
      problems.push(
        problem(
          `${field}.accountId`,
          'ENTRY_UNKNOWN_ACCOUNT',
          `Không có tài khoản "${String(entry.accountId)}".`,
          `There is no account "${String(entry.accountId)}".`,
        ),
      );
    } else {
      currencies.add(account.currency ?? LEDGER_CURRENCY);
    }
    if (!amount && (entry.side === 'debit' || entry.side === 'credit')) {
      if (entry.side === 'debit') debits += BigInt(entry.amount);
      else credits += BigInt(entry.amount);
    }
  });
  if (currencies.size > 1) {
    problems.push(
      problem(
        'entries',
        'POSTING_MIXED_CURRENCIES',
        `Các dòng của một bút toán phải cùng loại tiền (đang có ${[...currencies].join(', ')}).`,
        `All entries of a posting must be in one currency (found ${[...currencies].join(', ')}).`,
      ),
    );
  }
  if (problems.length === 0 && debits !== credits) {
    problems.push(
      problem(
        'entries',
        'POSTING_UNBALANCED',
        `Tổng Nợ ${debits} đồng khác tổng Có ${credits} đồng.`,
        `Debits ${debits} đồng differ from credits ${credits} đồng.`,
      ),
    );
  }
  return problems;
}

/** Throws a `PaymentRuleError` when the posting has any problem (see {@link postingProblems}). */
export function assertValidPosting(posting: Posting, accounts: AccountLookup): Posting {
  throwIfProblems(postingProblems(posting, accounts));
  return posting;
}

/**
 * The mirror of a posting: the same accounts and amounts on the opposite sides, pointing back at the
 * original. Posted together with the original it leaves every balance where it was.
 */
export function reversePosting(
  original: Posting,
  reversal: { id: string; postedOn: IsoDate; memo?: string },
): Posting {
  const posting: Posting = {
    id: reversal.id,
    postedOn: reversal.postedOn,
    reversalOf: original.id,
    entries: original.entries.map((entry) => ({
      accountId: entry.accountId,
      side: entry.side === 'debit' ? 'credit' : 'debit',
      amount: entry.amount,
    })),
  };
  return reversal.memo === undefined ? posting : { ...posting, memo: reversal.memo };
}

/** Debits, credits and balance (debits − credits) of one account. */
export interface AccountTotals {
  readonly accountId: string;
  readonly debits: number;
  readonly credits: number;
  /** Debits − credits: positive is a debit balance. */
  readonly balance: number;
}

function sumInto(
  totals: Map<string, { debits: bigint; credits: bigint }>,
  postings: readonly Posting[],
): void {
  for (const posting of postings) {
    for (const entry of posting.entries) {
      let row = totals.get(entry.accountId);
      if (!row) {
        row = { debits: 0n, credits: 0n };
        totals.set(entry.accountId, row);
      }
      if (entry.side === 'debit') row.debits += BigInt(entry.amount);
      else row.credits += BigInt(entry.amount);
    }
  }
}

function toTotals(accountId: string, row: { debits: bigint; credits: bigint }): AccountTotals {
  return {
    accountId,
    debits: toSafeNumber(row.debits),
    credits: toSafeNumber(row.credits),
    balance: toSafeNumber(row.debits - row.credits),
  };
}

/** The balance (debits − credits) of one account over the given postings. */
export function accountBalance(accountId: string, postings: readonly Posting[]): number {
  let balance = 0n;
  for (const posting of postings) {
    for (const entry of posting.entries) {
      if (entry.accountId !== accountId) continue;
      balance += entry.side === 'debit' ? BigInt(entry.amount) : -BigInt(entry.amount);
    }
  }
  return toSafeNumber(balance);
}

/** The trial balance (bảng cân đối số phát sinh): totals per account, which always sum to zero. */
export interface TrialBalance {
  readonly accounts: readonly AccountTotals[];
  readonly totalDebits: number;
  readonly totalCredits: number;
  /** True when total debits equal total credits (always, for valid postings). */
  readonly balanced: boolean;
}

/** Totals per account (sorted by account id) and the grand totals. */
export function trialBalance(postings: readonly Posting[]): TrialBalance {
  const totals = new Map<string, { debits: bigint; credits: bigint }>();
  sumInto(totals, postings);
  let debits = 0n;
  let credits = 0n;
  for (const row of totals.values()) {
    debits += row.debits;
    credits += row.credits;
  }
  return {
    accounts: [...totals.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([accountId, row]) => toTotals(accountId, row)),
    totalDebits: toSafeNumber(debits),
    totalCredits: toSafeNumber(credits),
    balanced: debits === credits,
  };
}

/** One line of an account statement. */
export interface StatementLine {
  readonly postingId: string;
  readonly postedOn: IsoDate;
  readonly debit: number;
  readonly credit: number;
  /** Balance after this line. */
  readonly balance: number;
  readonly reversalOf: string | null;
  readonly memo: string | null;
}

/** An account statement (sổ chi tiết tài khoản) for a period. */
export interface AccountStatement {
  readonly accountId: string;
  readonly from: IsoDate;
  readonly until: IsoDate;
  /** Balance at the start of `from` (every posting dated before it). */
  readonly opening: number;
  readonly lines: readonly StatementLine[];
  readonly totalDebits: number;
  readonly totalCredits: number;
  /** Balance at the end of `until`. */
  readonly closing: number;
}

/**
 * The statement of one account from `from` to `until` (both included): the opening balance, one line
 * per posting that touches the account in the period (in date order, then in the given order), and the
 * closing balance. Several entries of one posting on the account are summed into one line.
 */
export function accountStatement(
  accountId: string,
  postings: readonly Posting[],
  period: { from: IsoDate; until: IsoDate },
): AccountStatement {
  let opening = 0n;
  const inPeriod: { posting: Posting; index: number }[] = [];
  postings.forEach((posting, index) => {
    if (posting.postedOn < period.from) {
      opening += postingEffect(posting, accountId);
    } else if (posting.postedOn <= period.until && touches(posting, accountId)) {
      inPeriod.push({ posting, index });
    }
  });
  inPeriod.sort((a, b) =>
    a.posting.postedOn === b.posting.postedOn
      ? a.index - b.index
      : a.posting.postedOn < b.posting.postedOn
        ? -1
        : 1,
  );
  let running = opening;
  let debits = 0n;
  let credits = 0n;
  const lines = inPeriod.map(({ posting }) => {
    let debit = 0n;
    let credit = 0n;
    for (const entry of posting.entries) {
      if (entry.accountId !== accountId) continue;
      if (entry.side === 'debit') debit += BigInt(entry.amount);
      else credit += BigInt(entry.amount);
    }
    debits += debit;
    credits += credit;
    running += debit - credit;
    return {
      postingId: posting.id,
      postedOn: posting.postedOn,
      debit: toSafeNumber(debit),
      credit: toSafeNumber(credit),
      balance: toSafeNumber(running),
      reversalOf: posting.reversalOf ?? null,
      memo: posting.memo ?? null,
    };
  });
  return {
    accountId,
    from: period.from,
    until: period.until,
    opening: toSafeNumber(opening),
    lines,
    totalDebits: toSafeNumber(debits),
    totalCredits: toSafeNumber(credits),
    closing: toSafeNumber(running),
  };
}

function touches(posting: Posting, accountId: string): boolean {
  return posting.entries.some((entry) => entry.accountId === accountId);
}

function postingEffect(posting: Posting, accountId: string): bigint {
  let effect = 0n;
  for (const entry of posting.entries) {
    if (entry.accountId !== accountId) continue;
    effect += entry.side === 'debit' ? BigInt(entry.amount) : -BigInt(entry.amount);
  }
  return effect;
}
