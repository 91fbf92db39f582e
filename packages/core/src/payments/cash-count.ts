/**
 * Counting a cash drawer by denomination (kiểm đếm tiền mặt theo mệnh giá) and the difference against
 * the balance the ledger expects.
 *
 * The đồng in circulation (State Bank of Vietnam; secondary sources, see docs/money.md): polymer notes
 * of 10.000, 20.000, 50.000, 100.000, 200.000 and 500.000 đ (issued 2003–2006; the cotton 10.000 and
 * 20.000 were withdrawn on 01/01/2013, the cotton 50.000 and 100.000 on 01/9/2007); cotton notes of
 * 500, 1.000, 2.000 and 5.000 đ; older cotton 100 and 200 đ notes, still legal but seldom seen; coins of
 * 200, 500, 1.000, 2.000 and 5.000 đ issued from 17/12/2003, legal tender but rarely used.
 */
import { toSafeNumber } from './arithmetic.ts';
import { amountProblem, type FieldProblem, PaymentRuleError, problem } from './problems.ts';

export type DenominationForm = 'note' | 'coin';

export interface Denomination {
  readonly value: number;
  readonly form: DenominationForm;
  readonly material: 'polymer' | 'cotton' | 'metal';
  /** Shown on the count sheet by default. */
  readonly inCommonUse: boolean;
}

/** The denominations the count sheet knows, largest first. */
export const VND_DENOMINATIONS: readonly Denomination[] = Object.freeze([
  { value: 500_000, form: 'note', material: 'polymer', inCommonUse: true },
  { value: 200_000, form: 'note', material: 'polymer', inCommonUse: true },
  { value: 100_000, form: 'note', material: 'polymer', inCommonUse: true },
  { value: 50_000, form: 'note', material: 'polymer', inCommonUse: true },
  { value: 20_000, form: 'note', material: 'polymer', inCommonUse: true },
  { value: 10_000, form: 'note', material: 'polymer', inCommonUse: true },
  { value: 5_000, form: 'note', material: 'cotton', inCommonUse: true },
  { value: 2_000, form: 'note', material: 'cotton', inCommonUse: true },
  { value: 1_000, form: 'note', material: 'cotton', inCommonUse: true },
  { value: 500, form: 'note', material: 'cotton', inCommonUse: true },
  { value: 200, form: 'note', material: 'cotton', inCommonUse: false },
  { value: 100, form: 'note', material: 'cotton', inCommonUse: false },
  { value: 5_000, form: 'coin', material: 'metal', inCommonUse: false },
  { value: 2_000, form: 'coin', material: 'metal', inCommonUse: false },
  { value: 1_000, form: 'coin', material: 'metal', inCommonUse: false },
  { value: 500, form: 'coin', material: 'metal', inCommonUse: false },
  { value: 200, form: 'coin', material: 'metal', inCommonUse: false },
] satisfies Denomination[]);

/** Pieces counted of one denomination. */
export interface CountLine {
  readonly value: number;
  /** `note` when absent. */
  readonly form?: DenominationForm;
  readonly pieces: number;
}

export interface CashCount {
  readonly lines: readonly {
    readonly value: number;
    readonly form: DenominationForm;
    readonly pieces: number;
    readonly amount: number;
  }[];
  readonly total: number;
}

/** Problems of a count: an unknown denomination, a denomination given twice, pieces not a whole number ≥ 0. */
export function cashCountProblems(
  lines: readonly CountLine[],
  denominations = VND_DENOMINATIONS,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    const form = line.form ?? 'note';
    const key = `${form}:${line.value}`;
    if (!denominations.some((d) => d.value === line.value && d.form === form)) {
      problems.push(
        problem(
          `lines[${index}].value`,
          'UNKNOWN_DENOMINATION',
          `Không có mệnh giá ${String(line.value)} đ dạng ${form === 'coin' ? 'tiền xu' : 'tiền giấy'}.`,
          `There is no ${String(line.value)} đ ${form}.`,
        ),
      );
    }
    if (seen.has(key)) {
      problems.push(
        problem(
          `lines[${index}].value`,
          'DENOMINATION_REPEATED',
          `Mệnh giá ${String(line.value)} đ được nhập hai lần.`,
          `The ${String(line.value)} đ ${form} is entered twice.`,
        ),
      );
    }
    seen.add(key);
    if (!Number.isSafeInteger(line.pieces) || line.pieces < 0) {
      problems.push(
        problem(
          `lines[${index}].pieces`,
          'INVALID_PIECES',
          'Số tờ/số đồng xu phải là số nguyên không âm.',
          'The number of pieces must be a whole number, at least 0.',
        ),
      );
    }
  });
  return problems;
}

/** The counted total; throws `PaymentRuleError` on any problem of {@link cashCountProblems}. */
export function countCash(lines: readonly CountLine[], denominations = VND_DENOMINATIONS): CashCount {
  const problems = cashCountProblems(lines, denominations);
  if (problems.length > 0) throw new PaymentRuleError(problems);
  const counted = lines.map((line) => ({
    value: line.value,
    form: line.form ?? 'note',
    pieces: line.pieces,
    amount: toSafeNumber(BigInt(line.value) * BigInt(line.pieces)),
  }));
  return {
    lines: counted,
    total: toSafeNumber(counted.reduce((sum, line) => sum + BigInt(line.amount), 0n)),
  };
}

export type DrawerOutcome = 'balanced' | 'over' | 'short';

export const DRAWER_OUTCOME_LABELS: Record<DrawerOutcome, { vi: string; en: string }> = {
  balanced: { vi: 'Khớp quỹ', en: 'Balanced' },
  over: { vi: 'Thừa quỹ', en: 'Over' },
  short: { vi: 'Thiếu quỹ', en: 'Short' },
};

/** Counted − expected, and whether the drawer is over, short or balanced. */
export function drawerDifference(
  expected: number,
  counted: number,
): { difference: number; outcome: DrawerOutcome } {
  const bad =
    amountProblem('expected', expected, { label: { vi: 'Số dư sổ sách', en: 'The expected balance' } }) ??
    amountProblem('counted', counted, { label: { vi: 'Số tiền kiểm đếm', en: 'The counted amount' } });
  if (bad) throw new PaymentRuleError([bad]);
  const difference = toSafeNumber(BigInt(counted) - BigInt(expected));
  return { difference, outcome: difference === 0 ? 'balanced' : difference > 0 ? 'over' : 'short' };
}
