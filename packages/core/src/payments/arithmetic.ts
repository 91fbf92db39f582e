/**
 * Exact arithmetic for the money rules: integers and fractions in `bigint`, one rounding at the end.
 *
 * Rounding rule (no text found that sets one for these amounts, so this is the project's choice,
 * written down in docs/money.md): a monthly amount is computed exactly and rounded once, half away from
 * zero, to the đồng; totals are whole monthly amounts times whole months. With today's rates (22%,
 * 4,5%, 0,05% on amounts in thousands of đồng) every such amount is already whole, so the rule decides
 * only unusual inputs.
 */
import { PaymentRuleError, problem } from './problems.ts';

const BP = 10_000n;

/** `n / d` rounded half away from zero (d > 0). */
export function roundHalfAwayFromZero(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new Error('denominator must be positive');
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const quotient = magnitude / d;
  const rounded = (magnitude % d) * 2n >= d ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/** A `bigint` result back to a safe integer number of đồng. */
export function toSafeNumber(value: bigint, field = 'amount'): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new PaymentRuleError([
      problem(
        field,
        'AMOUNT_TOO_LARGE',
        `Số tiền ${value} đồng vượt quá giới hạn tính chính xác.`,
        `The amount ${value} đồng exceeds the exact range.`,
      ),
    ]);
  }
  return Number(value);
}

/** `amount × bp₁/10000 × bp₂/10000 × …`, exact, rounded once half away from zero. */
export function applyShares(amount: number, ...sharesBp: number[]): number {
  let numerator = BigInt(amount);
  let denominator = 1n;
  for (const share of sharesBp) {
    numerator *= BigInt(share);
    denominator *= BP;
  }
  return toSafeNumber(roundHalfAwayFromZero(numerator, denominator));
}

/** A non-negative decimal written as text (`'0.0031'`, `'0,31%'` not accepted) as an exact fraction. */
export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/**
 * Reads a non-negative decimal rate given as text, e.g. the fund's monthly investment return
 * `'0.0031'` (0,31% a month); throws {@link PaymentRuleError} on anything else.
 */
export function parseDecimalRate(text: string, field: string): Fraction {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(String(text).trim());
  if (!match) {
    throw new PaymentRuleError([
      problem(
        field,
        'INVALID_RATE',
        `Lãi suất "${String(text)}" không hợp lệ; ghi dạng số thập phân với dấu chấm, ví dụ 0.0031 (0,31%/tháng).`,
        `The rate "${String(text)}" is invalid; write a decimal with a dot, e.g. 0.0031 (0.31% a month).`,
      ),
    ]);
  }
  const fraction = match[2] ?? '';
  return { numerator: BigInt(match[1]! + fraction), denominator: 10n ** BigInt(fraction.length) };
}
