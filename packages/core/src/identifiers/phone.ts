/**
 * Vietnamese phone numbers, normalised to E.164 (`+84…`).
 * - Mobile: 10 digits nationally, `0` + a carrier prefix 03x/05x/07x/08x/09x + 7 digits. The 11-digit
 *   `01xx` mobile numbers were converted to 03x/05x/07x/08x in 2018 (Quyết định 798/QĐ-BTTTT).
 * - Landline: 11 digits nationally, `02` + area code + subscriber (area codes since 2017, QĐ 2036/QĐ-BTTTT).
 */
import { fail, IdentifierError, IdentifierErrorCode, type Validation } from './errors.ts';

/** Mobile prefixes in use (second and third national digits), by the carriers' allocations. */
const MOBILE_PREFIX = /^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9])\d{7}$/;
const LANDLINE = /^02\d{9}$/;

export interface PhoneNumber {
  /** `+84912345678`. */
  readonly e164: string;
  /** `0912345678`, as Vietnamese people write it. */
  readonly national: string;
  readonly kind: 'mobile' | 'landline';
}

/** Validates a Vietnamese phone number written in any usual way (`0912 345 678`, `+84 912-345-678`). */
export function validatePhone(value: string): Validation<PhoneNumber> {
  const raw = value.trim();
  if (raw === '')
    return fail(IdentifierErrorCode.Empty, 'Số điện thoại đang để trống.', 'The phone number is empty.');
  const compact = raw.replace(/[\s.\-()]/g, '');
  if (!/^\+?\d+$/.test(compact)) {
    return fail(
      IdentifierErrorCode.InvalidPhone,
      `Số điện thoại "${raw}" chỉ được gồm chữ số, dấu cách, dấu chấm, dấu gạch và dấu + ở đầu.`,
      `The phone number "${raw}" may contain only digits, spaces, dots, hyphens and a leading +.`,
    );
  }
  let national: string;
  if (compact.startsWith('+84')) national = `0${compact.slice(3)}`;
  else if (compact.startsWith('0084')) national = `0${compact.slice(4)}`;
  else if (compact.startsWith('+')) {
    return fail(
      IdentifierErrorCode.InvalidPhone,
      `Số "${raw}" không phải số Việt Nam (mã quốc gia phải là +84).`,
      `"${raw}" is not a Vietnamese number (the country code must be +84).`,
    );
  } else if (compact.startsWith('84') && (compact.length === 11 || compact.length === 12)) {
    national = `0${compact.slice(2)}`;
  } else national = compact;
  if (!national.startsWith('0')) {
    return fail(
      IdentifierErrorCode.InvalidPhone,
      `Số điện thoại "${raw}" thiếu số 0 ở đầu (ví dụ 0912 345 678) hoặc mã +84.`,
      `The phone number "${raw}" lacks the leading 0 (e.g. 0912 345 678) or the +84 prefix.`,
    );
  }
  if (/^01\d{9}$/.test(national)) {
    return fail(
      IdentifierErrorCode.InvalidPhone,
      `Số "${raw}" là đầu số 11 chữ số 01x cũ, đã chuyển sang đầu số mới năm 2018 (ví dụ 0162 → 032).`,
      `"${raw}" uses an old 11-digit 01x prefix, converted in 2018 (e.g. 0162 → 032).`,
    );
  }
  if (MOBILE_PREFIX.test(national))
    return { ok: true, value: { e164: `+84${national.slice(1)}`, national, kind: 'mobile' } };
  if (LANDLINE.test(national))
    return { ok: true, value: { e164: `+84${national.slice(1)}`, national, kind: 'landline' } };
  if (/^0[35789]/.test(national) && national.length !== 10) {
    return fail(
      IdentifierErrorCode.InvalidPhone,
      `Số di động phải có 10 chữ số, "${national}" có ${national.length}.`,
      `A mobile number has 10 digits; "${national}" has ${national.length}.`,
    );
  }
  if (national.startsWith('02') && national.length !== 11) {
    return fail(
      IdentifierErrorCode.InvalidPhone,
      `Số cố định phải có 11 chữ số (02 + mã vùng + số thuê bao), "${national}" có ${national.length}.`,
      `A landline number has 11 digits (02 + area code + subscriber); "${national}" has ${national.length}.`,
    );
  }
  return fail(
    IdentifierErrorCode.InvalidPhone,
    `Đầu số "${national.slice(0, 3)}" của số "${raw}" không phải đầu số di động hay cố định đang dùng ở Việt Nam.`,
    `The prefix "${national.slice(0, 3)}" of "${raw}" is not a Vietnamese mobile or landline prefix in use.`,
  );
}

/** Normalises to `+84…`; throws `IdentifierError` (`INVALID_PHONE`) when the number is invalid. */
export function normalizePhone(value: string): string {
  const result = validatePhone(value);
  if (!result.ok) throw new IdentifierError(result.code, result.reason);
  return result.value.e164;
}

/** Masks the middle of a number in national form: `+84912345678` → `0912***678`; keeps invalid input's last 3. */
export function maskPhone(value: string): string {
  const result = validatePhone(value);
  if (!result.ok) {
    const digits = value.replace(/\D/g, '');
    return '*'.repeat(Math.max(0, digits.length - 3)) + digits.slice(-3);
  }
  const { national } = result.value;
  return `${national.slice(0, 4)}${'*'.repeat(national.length - 7)}${national.slice(-3)}`;
}

/**
 * A number as people read it, in national form with groups: mobile `+84388123456` → `0388 123 456`;
 * landline `0271 387 9123` (Hà Nội and Hồ Chí Minh City, 024/028 with 8 subscriber digits:
 * `024 3825 1234`). What is not a valid number is returned as written.
 */
export function formatPhoneNational(value: string | null | undefined): string {
  if (!value) return '';
  const result = validatePhone(value);
  if (!result.ok) return value;
  const n = result.value.national;
  if (result.value.kind === 'mobile') return `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
  if (/^02[48]/.test(n)) return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
  return `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
}
