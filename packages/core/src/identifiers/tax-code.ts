/**
 * Enterprise tax code (mã số thuế): 10 digits `N1N2 N3…N9 N10`, N10 a check digit; a dependent unit
 * (branch) adds `-` and a 3-digit suffix 001–999 (13 digits). Structure: Thông tư 105/2020/TT-BTC
 * Art. 5. Check digit (the tax authority's published algorithm): Σ Ni × wi for N1…N9 with weights
 * 31, 29, 23, 19, 17, 13, 7, 5, 3; N10 = 10 − (Σ mod 11). When Σ mod 11 = 0 no digit fits and no such
 * code is issued. From 01/7/2025 individuals use their 12-digit personal identification number as tax
 * code (Thông tư 86/2024/TT-BTC); that is a citizen ID, not handled here.
 */
import { fail, IdentifierErrorCode, type Validation } from './errors.ts';

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

export interface TaxCode {
  /** `0100109106` or `0100109106-001`. */
  readonly value: string;
  /** The 10-digit code of the enterprise. */
  readonly base: string;
  /** Branch suffix `001`–`999`, when present. */
  readonly branch?: string;
}

/** The check digit of the first 9 digits, or `undefined` when none can be valid. */
export function taxCodeCheckDigit(first9: string): number | undefined {
  let total = 0;
  for (let i = 0; i < 9; i++) total += Number(first9[i]) * WEIGHTS[i]!;
  const remainder = total % 11;
  return remainder === 0 ? undefined : 10 - remainder;
}

/** Validates an enterprise tax code (10 digits, or 13 with a branch suffix, with or without `-`). */
export function validateTaxCode(value: string): Validation<TaxCode> {
  const compact = value.trim().replace(/[\s.]/g, '');
  if (compact === '')
    return fail(IdentifierErrorCode.Empty, 'Mã số thuế đang để trống.', 'The tax code is empty.');
  const match = /^(\d{10})(?:-?(\d{3}))?$/.exec(compact);
  if (!match) {
    if (/^\d{12}$/.test(compact)) {
      return fail(
        IdentifierErrorCode.InvalidTaxCode,
        `"${compact}" có 12 chữ số: đó là số định danh cá nhân (mã số thuế cá nhân từ 01/7/2025), không phải mã số thuế doanh nghiệp.`,
        `"${compact}" has 12 digits: it is a personal identification number (personal tax code from 1 July 2025), not an enterprise tax code.`,
      );
    }
    return fail(
      IdentifierErrorCode.InvalidTaxCode,
      `Mã số thuế "${compact}" phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số của đơn vị phụ thuộc.`,
      `The tax code "${compact}" must be 10 digits, or 10 digits, a hyphen and a 3-digit branch suffix.`,
    );
  }
  const base = match[1]!;
  const branch = match[2];
  const expected = taxCodeCheckDigit(base.slice(0, 9));
  const actual = Number(base[9]);
  if (expected === undefined) {
    return fail(
      IdentifierErrorCode.InvalidCheckDigit,
      `Mã số thuế "${base}" không hợp lệ: 9 chữ số đầu không có chữ số kiểm tra nào phù hợp.`,
      `The tax code "${base}" is invalid: no check digit fits its first 9 digits.`,
    );
  }
  if (expected !== actual) {
    return fail(
      IdentifierErrorCode.InvalidCheckDigit,
      `Chữ số kiểm tra (thứ 10) của mã số thuế "${base}" phải là ${expected}, không phải ${actual}. Có thể gõ nhầm một chữ số.`,
      `The check digit (10th) of tax code "${base}" must be ${expected}, not ${actual}. A digit may have been mistyped.`,
    );
  }
  if (branch === undefined) return { ok: true, value: { value: base, base } };
  if (branch === '000') {
    return fail(
      IdentifierErrorCode.InvalidTaxCode,
      'Mã đơn vị phụ thuộc phải từ 001 đến 999, không thể là 000.',
      'The branch suffix must be 001–999, not 000.',
    );
  }
  return { ok: true, value: { value: `${base}-${branch}`, base, branch } };
}
