/**
 * Citizen ID: the 12-digit personal identification number (số định danh cá nhân) printed on the CCCD
 * and the thẻ căn cước, and the old 9-digit CMND.
 *
 * Structure (Thông tư 07/2016/TT-BCA Art. 7, kept by Thông tư 59/2021/TT-BCA Art. 7):
 * `PPP` province of birth registration · `G` century and sex · `YY` birth year · `SSSSSS` serial.
 * There is no check digit, so a typo that keeps the structure cannot be detected.
 * Century-and-sex digit: 1900–1999 male 0 / female 1; 2000–2099 2/3; 2100–2199 4/5; 2200–2299 6/7;
 * 2300–2399 8/9. The circular defines no digit for the 1800s: nobody born then holds a number.
 */
import { fail, IdentifierErrorCode, normaliseInput, type Validation } from './errors.ts';
import { CURRENT_PROVINCES, findProvinceCode } from './provinces.ts';

export type Sex = 'male' | 'female';

export interface CitizenId {
  readonly kind: 'citizen_id';
  /** The 12 digits. */
  readonly number: string;
  /** Province of birth registration, 3 digits. */
  readonly provinceCode: string;
  /** Its name when the number was issued (before the 2025 merger for most people). */
  readonly provinceName: string;
  /** The province that covers it from 01/7/2025. */
  readonly currentProvinceCode: string;
  readonly currentProvinceName: string;
  readonly sex: Sex;
  readonly birthYear: number;
  /** The 6-digit serial. */
  readonly serial: string;
}

/** An old 9-digit identity card (chứng minh nhân dân); only its shape can be checked. */
export interface Cmnd9 {
  readonly kind: 'cmnd9';
  readonly number: string;
}

export interface CitizenIdExpectations {
  /** Birth date `YYYY-MM-DD` (or only the year) from the form or the register. */
  readonly birthDate?: string | number;
  readonly sex?: Sex;
}

const CENTURY_START = [1900, 2000, 2100, 2200, 2300] as const;

function sexLabel(sex: Sex): { vi: string; en: string } {
  return sex === 'male' ? { vi: 'nam', en: 'male' } : { vi: 'nữ', en: 'female' };
}

/**
 * Validates a 12-digit citizen ID (spaces ignored) or a 9-digit CMND, and checks it against a known
 * birth date and sex when given.
 */
export function validateCitizenId(
  value: string,
  expected: CitizenIdExpectations = {},
): Validation<CitizenId | Cmnd9> {
  const number = normaliseInput(value).replace(/[\s.]/g, '');
  if (number === '')
    return fail(IdentifierErrorCode.Empty, 'Số định danh đang để trống.', 'The ID number is empty.');
  if (!/^\d+$/.test(number)) {
    return fail(
      IdentifierErrorCode.InvalidShape,
      `Số định danh "${number}" chỉ được gồm chữ số.`,
      `The ID number "${number}" may contain digits only.`,
    );
  }
  if (number.length === 9) return { ok: true, value: { kind: 'cmnd9', number } };
  if (number.length !== 12) {
    return fail(
      IdentifierErrorCode.InvalidShape,
      `Số căn cước phải có 12 chữ số (hoặc 9 chữ số với CMND cũ), "${number}" có ${number.length}.`,
      `A citizen ID has 12 digits (or 9 for an old CMND); "${number}" has ${number.length}.`,
    );
  }
  const provinceCode = number.slice(0, 3);
  const province = findProvinceCode(provinceCode);
  if (!province) {
    return fail(
      IdentifierErrorCode.UnknownProvince,
      `Ba chữ số đầu "${provinceCode}" không phải mã tỉnh, thành phố nơi đăng ký khai sinh.`,
      `The first three digits "${provinceCode}" are not the code of a province of birth registration.`,
    );
  }
  const centuryDigit = Number(number[3]);
  const birthYear = CENTURY_START[Math.floor(centuryDigit / 2)]! + Number(number.slice(4, 6));
  const sex: Sex = centuryDigit % 2 === 0 ? 'male' : 'female';
  if (expected.birthDate !== undefined) {
    const givenYear = Number(String(expected.birthDate).slice(0, 4));
    if (givenYear !== birthYear) {
      return fail(
        IdentifierErrorCode.Inconsistent,
        `Số căn cước ghi năm sinh ${birthYear} (chữ số thứ 4–6: "${number.slice(3, 6)}") nhưng ngày sinh khai là ${expected.birthDate}.`,
        `The citizen ID encodes birth year ${birthYear} (digits 4–6: "${number.slice(3, 6)}") but the birth date given is ${expected.birthDate}.`,
      );
    }
  }
  if (expected.sex !== undefined && expected.sex !== sex) {
    const encoded = sexLabel(sex);
    const given = sexLabel(expected.sex);
    return fail(
      IdentifierErrorCode.Inconsistent,
      `Số căn cước ghi giới tính ${encoded.vi} (chữ số thứ 4 là ${centuryDigit}) nhưng giới tính khai là ${given.vi}.`,
      `The citizen ID encodes sex ${encoded.en} (4th digit ${centuryDigit}) but the sex given is ${given.en}.`,
    );
  }
  return {
    ok: true,
    value: {
      kind: 'citizen_id',
      number,
      provinceCode,
      provinceName: province.name,
      currentProvinceCode: province.currentCode,
      currentProvinceName: CURRENT_PROVINCES.get(province.currentCode)!,
      sex,
      birthYear,
      serial: number.slice(6),
    },
  };
}

/** The last `count` digits of an ID number (spaces ignored), for "ends in 3456" confirmations. */
export function lastDigits(value: string, count = 4): string {
  const digits = value.replace(/\D/g, '');
  return digits.slice(Math.max(0, digits.length - count));
}

/** Masks all but the last `visible` digits: `079090123456` → `********3456`. */
export function maskCitizenId(value: string, visible = 4): string {
  const digits = value.replace(/\D/g, '');
  const shown = lastDigits(digits, visible);
  return '*'.repeat(digits.length - shown.length) + shown;
}
