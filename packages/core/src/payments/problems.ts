/**
 * How the payments rules report what is wrong: a problem names the field it is about and says why in
 * Vietnamese and English, so the server can answer 4xx with the field and both messages unchanged.
 * Validators return lists of problems; calculators throw a {@link PaymentRuleError} carrying them.
 */

/** One thing wrong with the input, tied to the field (a dotted path, e.g. `proxy.authorisation.madeOn`). */
export interface FieldProblem {
  /** Dotted path of the field in the caller's input (or a column name for an imported row). */
  readonly field: string;
  /** Stable machine code, e.g. `PROXY_EXPIRED`. */
  readonly code: string;
  readonly vi: string;
  readonly en: string;
}

/** Thrown when a money rule refuses its input; `message` is Vietnamese, `messageEn` English. */
export class PaymentRuleError extends Error {
  readonly code: string;
  readonly field: string;
  readonly messageEn: string;
  readonly problems: readonly FieldProblem[];

  constructor(problems: readonly FieldProblem[]) {
    const first = problems[0];
    if (!first) throw new Error('PaymentRuleError needs at least one problem');
    super(problems.map((problem) => problem.vi).join(' '));
    this.name = 'PaymentRuleError';
    this.code = first.code;
    this.field = first.field;
    this.messageEn = problems.map((problem) => problem.en).join(' ');
    this.problems = problems;
  }
}

/** Builds a problem. */
export function problem(field: string, code: string, vi: string, en: string): FieldProblem {
  return { field, code, vi, en };
}

/** Throws a {@link PaymentRuleError} when there is any problem. */
export function throwIfProblems(problems: readonly FieldProblem[]): void {
  if (problems.length > 0) throw new PaymentRuleError(problems);
}

/** Problem when `value` is not a whole number of đồng, optionally required positive. */
export function amountProblem(
  field: string,
  value: unknown,
  options: { positive?: boolean; label?: { vi: string; en: string } } = {},
): FieldProblem | null {
  const label = options.label ?? { vi: 'Số tiền', en: 'The amount' };
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    return problem(
      field,
      'AMOUNT_NOT_INTEGER',
      `${label.vi} phải là số nguyên đồng, không phải "${String(value)}".`,
      `${label.en} must be a whole number of đồng, not "${String(value)}".`,
    );
  }
  if (options.positive && value <= 0) {
    return problem(
      field,
      'AMOUNT_NOT_POSITIVE',
      `${label.vi} phải lớn hơn 0.`,
      `${label.en} must be greater than 0.`,
    );
  }
  return null;
}
