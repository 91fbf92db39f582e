/**
 * Amounts in words, as written on receipts and invoices ("Số tiền bằng chữ").
 *
 * Convention (the one accounting and invoicing software prints, e.g. 1.005.000 = "Một triệu không
 * trăm linh năm nghìn đồng"):
 * - digits by groups of three: đơn vị, nghìn, triệu; then tỷ, and groups above tỷ repeat the scale
 *   (10^12 = một nghìn tỷ, 10^15 = một triệu tỷ, 10^18 = một tỷ tỷ);
 * - a group of zeros is skipped entirely (1.000.050 = một triệu không trăm năm mươi);
 * - every group after the first non-zero one is read in full, with "không trăm" and "linh":
 *   1.000.005 = một triệu không trăm linh năm; the leading group is not (5.000 = năm nghìn);
 * - tens: 10 = mười (never "một mươi"), 11 = mười một, 15 = mười lăm, 14 = mười bốn;
 *   21 = hai mươi mốt, 24 = hai mươi tư (option "bốn"), 25 = hai mươi lăm;
 *   after "linh" digits keep their plain names: 101 = một trăm linh một, 104 = một trăm linh bốn,
 *   105 = một trăm linh năm;
 * - options: "linh" or "lẻ", "nghìn" or "ngàn", "tư" or "bốn", "tỷ" or "tỉ";
 * - the first letter is capitalised; negatives start with "Âm"; 0 is "Không đồng".
 */
import { toBigInt, type Vnd } from './amount.ts';

export interface AmountInWordsOptions {
  /** Word for a zero tens digit between hundreds and units (default `'linh'`). */
  readonly zeroTens?: 'linh' | 'lẻ';
  /** Word for 10^3 (default `'nghìn'`, the standard; `'ngàn'` is southern usage). */
  readonly thousand?: 'nghìn' | 'ngàn';
  /** Units digit 4 after a tens digit ≥ 2 (default `'tư'`: hai mươi tư). */
  readonly four?: 'tư' | 'bốn';
  /** Word for 10^9 (default `'tỷ'`). */
  readonly billion?: 'tỷ' | 'tỉ';
  /** Appended unit (default `'đồng'`; `''` for none). */
  readonly unit?: string;
  /** Capitalise the first letter (default true). */
  readonly capitalize?: boolean;
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const BILLION = 1_000_000_000n;

type Settings = Required<Pick<AmountInWordsOptions, 'zeroTens' | 'thousand' | 'four' | 'billion'>>;

/** Words for 0 < n < 1000; `full` reads the hundreds even when zero ("không trăm"). */
function readGroup(n: number, full: boolean, settings: Settings): string[] {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor(n / 10) % 10;
  const units = n % 10;
  const words: string[] = [];
  const hundredsRead = full || hundreds > 0;
  if (hundredsRead) words.push(DIGITS[hundreds]!, 'trăm');
  if (tens === 0) {
    if (units === 0) return words;
    if (hundredsRead) words.push(settings.zeroTens);
    words.push(DIGITS[units]!);
    return words;
  }
  if (tens === 1) words.push('mười');
  else words.push(DIGITS[tens]!, 'mươi');
  if (units === 0) return words;
  if (units === 5) words.push('lăm');
  else if (units === 1 && tens >= 2) words.push('mốt');
  else if (units === 4 && tens >= 2) words.push(settings.four);
  else words.push(DIGITS[units]!);
  return words;
}

/** Words for 0 < n < 10^9. */
function readBelowBillion(n: number, full: boolean, settings: Settings): string[] {
  const groups: Array<[number, string | undefined]> = [
    [Math.floor(n / 1_000_000), 'triệu'],
    [Math.floor(n / 1000) % 1000, settings.thousand],
    [n % 1000, undefined],
  ];
  const words: string[] = [];
  let started = full;
  for (const [value, scale] of groups) {
    if (value === 0) continue;
    words.push(...readGroup(value, started, settings));
    if (scale) words.push(scale);
    started = true;
  }
  return words;
}

function readPositive(n: bigint, full: boolean, settings: Settings): string[] {
  if (n < BILLION) return readBelowBillion(Number(n), full, settings);
  const words = [...readPositive(n / BILLION, full, settings), settings.billion];
  const rest = n % BILLION;
  if (rest > 0n) words.push(...readBelowBillion(Number(rest), true, settings));
  return words;
}

/** The number in lower-case words, without unit: `1250000` → `'một triệu hai trăm năm mươi nghìn'`. */
export function numberInWords(amount: Vnd, options: AmountInWordsOptions = {}): string {
  const settings: Settings = {
    zeroTens: options.zeroTens ?? 'linh',
    thousand: options.thousand ?? 'nghìn',
    four: options.four ?? 'tư',
    billion: options.billion ?? 'tỷ',
  };
  const value = toBigInt(amount);
  if (value === 0n) return 'không';
  if (value < 0n) return ['âm', ...readPositive(-value, false, settings)].join(' ');
  return readPositive(value, false, settings).join(' ');
}

/** `1250000` → `'Một triệu hai trăm năm mươi nghìn đồng'` (see the module comment for the rules). */
export function amountInWords(amount: Vnd, options: AmountInWordsOptions = {}): string {
  const unit = options.unit ?? 'đồng';
  const words = numberInWords(amount, options);
  const text = unit === '' ? words : `${words} ${unit}`;
  return options.capitalize === false ? text : text.charAt(0).toUpperCase() + text.slice(1);
}
