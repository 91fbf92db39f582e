/**
 * Amounts are integer đồng: the đồng has no subunit in use, so a `number` must be a safe integer
 * (|n| ≤ 2^53 − 1, about 9 triệu tỷ đồng). `bigint` is accepted where larger totals may occur.
 */
import { MoneyError, MoneyErrorCode } from './errors.ts';

/** An amount in đồng: a safe integer `number`, or a `bigint`. */
export type Vnd = number | bigint;

/** True when `value` is a safe integer number of đồng. */
export function isVnd(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Returns `value` when it is a safe integer number of đồng; throws `MoneyError` otherwise. */
export function assertVnd(value: number, field = 'số tiền'): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new MoneyError(
      MoneyErrorCode.NotAnInteger,
      `${field} phải là số nguyên đồng, không phải ${String(value)}.`,
      `The amount must be a whole number of đồng, not ${String(value)}.`,
    );
  }
  if (!Number.isSafeInteger(value)) {
    throw new MoneyError(
      MoneyErrorCode.Unsafe,
      `${field} ${value} vượt quá giới hạn tính chính xác (${Number.MAX_SAFE_INTEGER} đồng).`,
      `The amount ${value} exceeds the exact range (${Number.MAX_SAFE_INTEGER} đồng).`,
    );
  }
  return value;
}

/** Converts an amount to `bigint` after checking it. */
export function toBigInt(value: Vnd): bigint {
  return typeof value === 'bigint' ? value : BigInt(assertVnd(value));
}

function fromBigInt(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new MoneyError(
      MoneyErrorCode.Unsafe,
      `Kết quả ${value} đồng vượt quá giới hạn tính chính xác (${Number.MAX_SAFE_INTEGER} đồng).`,
      `The result ${value} đồng exceeds the exact range (${Number.MAX_SAFE_INTEGER} đồng).`,
    );
  }
  return Number(value);
}

/** Sums amounts exactly; throws `MoneyError` on a non-integer or when the total leaves the safe range. */
export function sumVnd(amounts: readonly number[]): number {
  let total = 0n;
  for (const amount of amounts) total += BigInt(assertVnd(amount));
  return fromBigInt(total);
}

/** `a + b`, exact. */
export function addVnd(a: number, b: number): number {
  return sumVnd([a, b]);
}

/** `a − b`, exact. */
export function subtractVnd(a: number, b: number): number {
  return fromBigInt(BigInt(assertVnd(a)) - BigInt(assertVnd(b)));
}

/** `amount × quantity` (unit price times an integer count), exact. */
export function multiplyVnd(amount: number, quantity: number): number {
  return fromBigInt(BigInt(assertVnd(amount)) * BigInt(assertVnd(quantity, 'số lượng')));
}

/**
 * Splits `total` across lines in proportion to `weights` without losing a đồng (largest remainder:
 * each line gets the floor of its exact share, then the đồng left over go one each to the lines with
 * the largest fractional remainders, ties to the earlier line). Every part is within 1 đồng of its
 * exact share and the parts sum to `total`. Arithmetic is exact (bigint); a fractional weight is
 * read as its shortest decimal form. A negative total is split as its absolute value, then negated.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  assertVnd(total);
  if (weights.length === 0) {
    throw new MoneyError(
      MoneyErrorCode.InvalidWeights,
      'Cần ít nhất một tỷ lệ phân bổ.',
      'At least one weight is needed.',
    );
  }
  for (const weight of weights) {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new MoneyError(
        MoneyErrorCode.InvalidWeights,
        `Tỷ lệ phân bổ phải là số không âm, không phải ${weight}.`,
        `Weights must be non-negative numbers, not ${weight}.`,
      );
    }
  }
  if (total < 0) return allocate(-total, weights).map((part) => (part === 0 ? 0 : -part));
  const scaled = toExactIntegers(weights);
  const denominator = scaled.reduce((sum, weight) => sum + weight, 0n);
  if (denominator === 0n) {
    throw new MoneyError(
      MoneyErrorCode.InvalidWeights,
      'Tổng các tỷ lệ phân bổ phải lớn hơn 0.',
      'The weights must add up to more than 0.',
    );
  }
  const amount = BigInt(total);
  const shares = scaled.map((weight, index) => {
    const numerator = amount * weight;
    return { index, floor: numerator / denominator, remainder: numerator % denominator };
  });
  let left = amount - shares.reduce((sum, share) => sum + share.floor, 0n);
  const byRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  const parts = shares.map((share) => share.floor);
  for (const { index } of byRemainder) {
    if (left === 0n) break;
    parts[index]! += 1n;
    left -= 1n;
  }
  return parts.map(Number);
}

/**
 * Weights as integers over a common power of ten, read from their shortest decimal form, so `0.1`
 * counts as exactly one tenth, as the person who typed it meant.
 */
function toExactIntegers(weights: readonly number[]): bigint[] {
  const decimals = weights.map((weight) => {
    const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(weight));
    if (!match) throw new Error(`unreachable: weight ${weight}`);
    const fraction = match[2] ?? '';
    return { digits: BigInt(match[1]! + fraction), scale: fraction.length - Number(match[3] ?? 0) };
  });
  const maxScale = Math.max(0, ...decimals.map((decimal) => decimal.scale));
  return decimals.map(({ digits, scale }) => digits * 10n ** BigInt(maxScale - scale));
}
