/**
 * UPU S10 item identifiers (số hiệu bưu gửi): two-letter service indicator, 8-digit serial, check
 * digit, ISO 3166-1 alpha-2 country of the issuing operator, e.g. `RR123456785VN`.
 * Check digit (UPU S10 standard): weights 8,6,4,2,3,5,9,7; c = 11 − (Σ mod 11); 10 → 0, 11 → 5.
 */
import { fail, IdentifierError, IdentifierErrorCode, normaliseInput, type Validation } from './errors.ts';

const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** What the first letter of the service indicator says about the item (UPU S10 Annex). */
export type S10ServiceKind = 'ems' | 'registered' | 'parcel' | 'tracked_letter' | 'insured_letter' | 'other';

export interface S10Item {
  /** Normalised 13 characters, no spaces, upper case. */
  readonly value: string;
  readonly service: string;
  readonly serviceKind: S10ServiceKind;
  readonly serial: string;
  readonly checkDigit: number;
  readonly country: string;
}

/** The S10 check digit of an 8-digit serial. Throws `IdentifierError` when it is not 8 digits. */
export function s10CheckDigit(serial8: string): number {
  if (!/^\d{8}$/.test(serial8)) {
    throw new IdentifierError(IdentifierErrorCode.InvalidSerial, {
      vi: `Số sê-ri "${serial8}" phải gồm đúng 8 chữ số.`,
      en: `The serial "${serial8}" must be exactly 8 digits.`,
    });
  }
  let total = 0;
  for (let i = 0; i < 8; i++) total += Number(serial8[i]) * WEIGHTS[i]!;
  const check = 11 - (total % 11);
  if (check === 10) return 0;
  if (check === 11) return 5;
  return check;
}

function serviceKind(service: string): S10ServiceKind {
  switch (service[0]) {
    case 'E':
      return 'ems';
    case 'R':
      return 'registered';
    case 'C':
      return 'parcel';
    case 'L':
      return 'tracked_letter';
    case 'V':
      return 'insured_letter';
    default:
      return 'other';
  }
}

/** Validates an S10 number; spaces are ignored and lower case accepted (`rr 123 456 785 vn`). */
export function validateS10(value: string): Validation<S10Item> {
  const compact = normaliseInput(value).replace(/\s+/g, '');
  if (compact === '')
    return fail(IdentifierErrorCode.Empty, 'Số hiệu bưu gửi đang để trống.', 'The item number is empty.');
  if (compact.length !== 13) {
    return fail(
      IdentifierErrorCode.InvalidShape,
      `Số hiệu bưu gửi S10 phải có 13 ký tự (2 chữ cái, 9 chữ số, 2 chữ cái), "${compact}" có ${compact.length}.`,
      `An S10 item number has 13 characters (2 letters, 9 digits, 2 letters); "${compact}" has ${compact.length}.`,
    );
  }
  const service = compact.slice(0, 2);
  const serial = compact.slice(2, 10);
  const checkChar = compact.slice(10, 11);
  const country = compact.slice(11);
  if (!/^[A-Z]{2}$/.test(service)) {
    return fail(
      IdentifierErrorCode.InvalidServiceIndicator,
      `Mã dịch vụ "${service}" phải là 2 chữ cái (ví dụ EA, RR, CP).`,
      `The service indicator "${service}" must be two letters (e.g. EA, RR, CP).`,
    );
  }
  if (!/^\d{8}$/.test(serial)) {
    return fail(
      IdentifierErrorCode.InvalidSerial,
      `Số sê-ri "${serial}" phải gồm 8 chữ số.`,
      `The serial "${serial}" must be 8 digits.`,
    );
  }
  if (!/^\d$/.test(checkChar)) {
    return fail(
      IdentifierErrorCode.InvalidCheckDigit,
      `Chữ số kiểm tra "${checkChar}" phải là một chữ số.`,
      `The check digit "${checkChar}" must be a digit.`,
    );
  }
  if (!/^[A-Z]{2}$/.test(country)) {
    return fail(
      IdentifierErrorCode.InvalidCountryCode,
      `Mã quốc gia "${country}" phải là 2 chữ cái theo ISO 3166-1 (ví dụ VN).`,
      `The country code "${country}" must be two ISO 3166-1 letters (e.g. VN).`,
    );
  }
  const expected = s10CheckDigit(serial);
  const checkDigit = Number(checkChar);
  if (checkDigit !== expected) {
    return fail(
      IdentifierErrorCode.InvalidCheckDigit,
      `Chữ số kiểm tra sai: với sê-ri ${serial} phải là ${expected}, không phải ${checkDigit}. Có thể gõ nhầm một chữ số.`,
      `Wrong check digit: serial ${serial} needs ${expected}, not ${checkDigit}. A digit may have been mistyped.`,
    );
  }
  return {
    ok: true,
    value: { value: compact, service, serviceKind: serviceKind(service), serial, checkDigit, country },
  };
}

/** Builds an S10 number from a serial 0–99,999,999, e.g. `formatS10({ service: 'EA', serial: 1, country: 'VN' })`. */
export function formatS10(input: { service: string; serial: number; country: string }): string {
  const service = normaliseInput(input.service);
  const country = normaliseInput(input.country);
  if (!/^[A-Z]{2}$/.test(service)) {
    throw new IdentifierError(IdentifierErrorCode.InvalidServiceIndicator, {
      vi: `Mã dịch vụ "${input.service}" phải là 2 chữ cái.`,
      en: `The service indicator "${input.service}" must be two letters.`,
    });
  }
  if (!/^[A-Z]{2}$/.test(country)) {
    throw new IdentifierError(IdentifierErrorCode.InvalidCountryCode, {
      vi: `Mã quốc gia "${input.country}" phải là 2 chữ cái.`,
      en: `The country code "${input.country}" must be two letters.`,
    });
  }
  if (!Number.isInteger(input.serial) || input.serial < 0 || input.serial > 99_999_999) {
    throw new IdentifierError(IdentifierErrorCode.InvalidSerial, {
      vi: `Số sê-ri ${input.serial} phải là số nguyên từ 0 đến 99.999.999.`,
      en: `The serial ${input.serial} must be an integer from 0 to 99,999,999.`,
    });
  }
  const serial = String(input.serial).padStart(8, '0');
  return `${service}${serial}${s10CheckDigit(serial)}${country}`;
}
