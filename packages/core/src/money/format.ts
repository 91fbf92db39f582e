/**
 * Printing and reading amounts the Vietnamese way: `.` groups thousands, no decimals (the đồng has
 * no subunit in use), the symbol ₫ after the number. The space before ₫ is a normal space U+0020:
 * it survives copy-paste, terminals and test assertions; print layouts that must not wrap between the
 * number and ₫ can pass `{ space: '\u00a0' }`.
 */
import { toBigInt, type Vnd } from './amount.ts';
import { MoneyError, MoneyErrorCode } from './errors.ts';

export interface FormatVndOptions {
  /** Append the symbol (default `'₫'`); `''` prints the bare number, e.g. `'đồng'` for letters. */
  readonly symbol?: string;
  /** Between the number and the symbol (default U+0020). */
  readonly space?: string;
}

/** Groups the digits of an integer with dots: `1250000` → `1.250.000`. */
function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** `1250000` → `'1.250.000 ₫'`; negative amounts get a leading `-`. */
export function formatVnd(amount: Vnd, options: FormatVndOptions = {}): string {
  const value = toBigInt(amount);
  const symbol = options.symbol ?? '₫';
  const sign = value < 0n ? '-' : '';
  const digits = groupDigits((value < 0n ? -value : value).toString());
  return symbol === '' ? `${sign}${digits}` : `${sign}${digits}${options.space ?? ' '}${symbol}`;
}

const SUFFIX = /(₫|đ|đồng|vnđ|vnd)$/iu;

/**
 * Reads an amount typed by a person: `'1.250.000'`, `'1.250.000 ₫'`, `'1250000đ'`, `'-50.000'`,
 * `'1 250 000 VND'`. Rejects decimals (`,` is the Vietnamese decimal mark and the đồng has no
 * subunit), misplaced dots and anything beyond the safe integer range; throws `MoneyError`.
 */
export function parseVnd(text: string): number {
  const trimmed = text.normalize('NFC').trim();
  const unparseable = (vi: string, en: string) =>
    new MoneyError(
      MoneyErrorCode.Unparseable,
      `Không đọc được số tiền "${text}": ${vi}`,
      `Cannot read the amount "${text}": ${en}`,
    );
  const withoutSuffix = trimmed.replace(SUFFIX, '').trim();
  const negative = withoutSuffix.startsWith('-') || withoutSuffix.startsWith('−');
  const body = (negative ? withoutSuffix.slice(1) : withoutSuffix).replace(/[\s\u00a0\u202f]/g, '');
  if (body === '') throw unparseable('không có chữ số.', 'there are no digits.');
  if (body.includes(',')) {
    throw unparseable(
      'dấu phẩy là dấu thập phân, tiền đồng không có phần lẻ; dùng dấu chấm để ngăn hàng nghìn.',
      'a comma is the decimal mark and the đồng has no fraction; use dots to group thousands.',
    );
  }
  if (!/^\d+$/.test(body) && !/^\d{1,3}(\.\d{3})+$/.test(body)) {
    throw unparseable(
      'chỉ được gồm chữ số, dấu chấm ngăn từng nhóm 3 chữ số và ký hiệu ₫ hoặc đ ở cuối.',
      'only digits, dots between groups of 3 digits and a trailing ₫ or đ are allowed.',
    );
  }
  const digits = body.replace(/\./g, '');
  const value = BigInt(digits);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new MoneyError(
      MoneyErrorCode.Unsafe,
      `Số tiền "${text}" vượt quá giới hạn tính chính xác (${Number.MAX_SAFE_INTEGER} đồng).`,
      `The amount "${text}" exceeds the exact range (${Number.MAX_SAFE_INTEGER} đồng).`,
    );
  }
  const result = Number(value);
  return negative && result !== 0 ? -result : result;
}
