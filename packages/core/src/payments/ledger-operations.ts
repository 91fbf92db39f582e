/**
 * The posting templates: each money operation of the post office becomes the same entries every time.
 *
 * | operation | Vietnamese | debit | credit |
 * |---|---|---|---|
 * | `cash_payout` | chi trả tiền mặt | programme | cash drawer |
 * | `cash_collection` | thu tiền mặt | cash drawer | programme |
 * | `transfer_collection` | thu chuyển khoản | office | programme |
 * | `programme_funding` | nhận kinh phí chi trả | office | counterpart |
 * | `payout_settlement` | quyết toán số đã chi | counterpart | programme |
 * | `funds_return` | hoàn trả kinh phí chưa chi | counterpart | office |
 * | `collection_settlement` | ghi nhận số thu phải nộp | programme | counterpart |
 * | `remittance` | nộp tiền về cơ quan BHXH / KBNN | counterpart | office |
 * | `float_in` | tạm ứng quỹ đầu ngày | cash drawer | office |
 * | `float_out` | nộp quỹ cuối ngày | office | cash drawer |
 * | `drawer_difference` (over) | thừa quỹ | cash drawer | office differences |
 * | `drawer_difference` (short) | thiếu quỹ | office differences | cash drawer |
 *
 * Programme accounts clear what was paid or collected for a programme; counterpart accounts hold the
 * office's position with the agency or the Treasury (credit: the office owes them). After a payout
 * month is funded, paid, settled and the unpaid rest returned, the programme and the counterpart are
 * back to zero; likewise after a collection is settled and remitted.
 */
import type { IsoDate } from '../calendar/dates.ts';
import {
  AccountKind,
  assertValidPosting,
  type LedgerAccount,
  type LedgerEntry,
  type Posting,
} from './ledger.ts';
import { amountProblem, type FieldProblem, PaymentRuleError, problem } from './problems.ts';

/** A money operation, with the accounts it moves money between. */
export type MoneyOperation =
  | {
      readonly kind: 'cash_payout';
      readonly drawer: string;
      readonly programme: string;
      readonly amount: number;
    }
  | {
      readonly kind: 'cash_collection';
      readonly drawer: string;
      readonly programme: string;
      readonly amount: number;
    }
  | {
      readonly kind: 'transfer_collection';
      readonly office: string;
      readonly programme: string;
      readonly amount: number;
    }
  | {
      readonly kind: 'programme_funding';
      readonly office: string;
      readonly counterpart: string;
      readonly amount: number;
    }
  | {
      readonly kind: 'payout_settlement';
      readonly counterpart: string;
      readonly programme: string;
      readonly amount: number;
    }
  | {
      readonly kind: 'funds_return';
      readonly counterpart: string;
      readonly office: string;
      readonly amount: number;
    }
  | {
      readonly kind: 'collection_settlement';
      readonly programme: string;
      readonly counterpart: string;
      readonly amount: number;
    }
  | {
      readonly kind: 'remittance';
      readonly counterpart: string;
      readonly office: string;
      readonly amount: number;
    }
  | { readonly kind: 'float_in'; readonly drawer: string; readonly office: string; readonly amount: number }
  | { readonly kind: 'float_out'; readonly drawer: string; readonly office: string; readonly amount: number }
  | {
      readonly kind: 'drawer_difference';
      readonly drawer: string;
      /** An office-kind account for cash differences awaiting a decision. */
      readonly differences: string;
      /** Counted − expected: positive when the drawer holds more than the ledger says. */
      readonly difference: number;
    };

export type MoneyOperationKind = MoneyOperation['kind'];

export const OPERATION_LABELS: Record<MoneyOperationKind, { vi: string; en: string }> = {
  cash_payout: { vi: 'Chi trả tiền mặt', en: 'Cash payout' },
  cash_collection: { vi: 'Thu tiền mặt', en: 'Cash collection' },
  transfer_collection: { vi: 'Thu chuyển khoản', en: 'Collection by transfer' },
  programme_funding: { vi: 'Nhận kinh phí chi trả', en: 'Payout funds received' },
  payout_settlement: { vi: 'Quyết toán số đã chi', en: 'Payouts settled with the agency' },
  funds_return: { vi: 'Hoàn trả kinh phí chưa chi', en: 'Unpaid funds returned' },
  collection_settlement: { vi: 'Ghi nhận số thu phải nộp', en: 'Collections settled with the counterpart' },
  remittance: { vi: 'Nộp tiền về cơ quan', en: 'Remittance to the agency or Treasury' },
  float_in: { vi: 'Tạm ứng quỹ đầu ngày', en: 'Cash float in' },
  float_out: { vi: 'Nộp quỹ cuối ngày', en: 'Cash float out' },
  drawer_difference: { vi: 'Chênh lệch kiểm quỹ', en: 'Drawer difference' },
};

type Role = { readonly field: string; readonly accountId: string; readonly kind: AccountKind };

/** The accounts an operation names, with the kind each must have. */
function rolesOf(operation: MoneyOperation): Role[] {
  const drawer = (id: string): Role => ({ field: 'drawer', accountId: id, kind: AccountKind.CashDrawer });
  const programme = (id: string): Role => ({
    field: 'programme',
    accountId: id,
    kind: AccountKind.Programme,
  });
  const office = (id: string): Role => ({ field: 'office', accountId: id, kind: AccountKind.Office });
  const counterpart = (id: string): Role => ({
    field: 'counterpart',
    accountId: id,
    kind: AccountKind.Counterpart,
  });
  switch (operation.kind) {
    case 'cash_payout':
    case 'cash_collection':
      return [drawer(operation.drawer), programme(operation.programme)];
    case 'transfer_collection':
      return [office(operation.office), programme(operation.programme)];
    case 'programme_funding':
    case 'funds_return':
    case 'remittance':
      return [office(operation.office), counterpart(operation.counterpart)];
    case 'payout_settlement':
    case 'collection_settlement':
      return [counterpart(operation.counterpart), programme(operation.programme)];
    case 'float_in':
    case 'float_out':
      return [drawer(operation.drawer), office(operation.office)];
    case 'drawer_difference':
      return [
        drawer(operation.drawer),
        { field: 'differences', accountId: operation.differences, kind: AccountKind.Office },
      ];
  }
}

function pair(debit: string, credit: string, amount: number): LedgerEntry[] {
  return [
    { accountId: debit, side: 'debit', amount },
    { accountId: credit, side: 'credit', amount },
  ];
}

/**
 * The entries of an operation (see the table at the top of this module). Throws `PaymentRuleError` when
 * the amount is not a positive integer (for `drawer_difference`: a non-zero integer).
 */
export function operationEntries(operation: MoneyOperation): LedgerEntry[] {
  if (operation.kind === 'drawer_difference') {
    const bad = amountProblem('difference', operation.difference, {
      label: { vi: 'Chênh lệch', en: 'The difference' },
    });
    if (bad) throw new PaymentRuleError([bad]);
    if (operation.difference === 0) {
      throw new PaymentRuleError([
        problem(
          'difference',
          'NO_DIFFERENCE',
          'Quỹ khớp, không có chênh lệch để hạch toán.',
          'The drawer balances; there is no difference to post.',
        ),
      ]);
    }
    return operation.difference > 0
      ? pair(operation.drawer, operation.differences, operation.difference)
      : pair(operation.differences, operation.drawer, -operation.difference);
  }
  const bad = amountProblem('amount', operation.amount, { positive: true });
  if (bad) throw new PaymentRuleError([bad]);
  switch (operation.kind) {
    case 'cash_payout':
      return pair(operation.programme, operation.drawer, operation.amount);
    case 'cash_collection':
      return pair(operation.drawer, operation.programme, operation.amount);
    case 'transfer_collection':
      return pair(operation.office, operation.programme, operation.amount);
    case 'programme_funding':
      return pair(operation.office, operation.counterpart, operation.amount);
    case 'payout_settlement':
      return pair(operation.counterpart, operation.programme, operation.amount);
    case 'funds_return':
      return pair(operation.counterpart, operation.office, operation.amount);
    case 'collection_settlement':
      return pair(operation.programme, operation.counterpart, operation.amount);
    case 'remittance':
      return pair(operation.counterpart, operation.office, operation.amount);
    case 'float_in':
      return pair(operation.drawer, operation.office, operation.amount);
    case 'float_out':
      return pair(operation.office, operation.drawer, operation.amount);
  }
}

/** Problems with the accounts an operation names: unknown, or of the wrong kind for their role. */
export function operationAccountProblems(
  operation: MoneyOperation,
  accounts: ReadonlyMap<string, LedgerAccount> | readonly LedgerAccount[],
): FieldProblem[] {
  const byId =
    accounts instanceof Map
      ? accounts
      : new Map((accounts as readonly LedgerAccount[]).map((account) => [account.id, account]));
  const problems: FieldProblem[] = [];
  for (const role of rolesOf(operation)) {
    const account = byId.get(role.accountId);
    if (!account) {
      problems.push(
        problem(
          role.field,
          'ENTRY_UNKNOWN_ACCOUNT',
          `Không có tài khoản "${role.accountId}".`,
          `There is no account "${role.accountId}".`,
        ),
      );
    } else if (account.kind !== role.kind) {
      problems.push(
        problem(
          role.field,
          'ACCOUNT_WRONG_KIND',
          `Tài khoản "${role.accountId}" là loại ${account.kind}, nghiệp vụ này cần loại ${role.kind}.`,
          `Account "${role.accountId}" is a ${account.kind} account; this operation needs a ${role.kind} account.`,
        ),
      );
    }
  }
  return problems;
}

/**
 * The posting of an operation, checked: accounts exist and have the right kind, the amount is valid,
 * and the entries balance. Throws `PaymentRuleError` otherwise.
 */
export function postingForOperation(
  operation: MoneyOperation,
  posting: { id: string; postedOn: IsoDate; memo?: string },
  accounts: ReadonlyMap<string, LedgerAccount> | readonly LedgerAccount[],
): Posting {
  const problems = operationAccountProblems(operation, accounts);
  if (problems.length > 0) throw new PaymentRuleError(problems);
  const result: Posting = {
    id: posting.id,
    postedOn: posting.postedOn,
    entries: operationEntries(operation),
  };
  return assertValidPosting(
    posting.memo === undefined ? result : { ...result, memo: posting.memo },
    accounts,
  );
}
