/**
 * Dossier code (mã hồ sơ), NĐ 61/2018/NĐ-CP Art. 26 and TT 01/2018/TT-VPCP Art. 19:
 * `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`.
 * - `V1V2V3.Z1Z2.Y1Y2.MX1X2`: the receiving agency's identifier under QCVN 102:2016/BTTTT.
 * - `YYMMDD`: the date of receipt in Vietnam time (the scheme started in 2019, so 20YY).
 * - `XXXX`: that agency's receipts of that day, from 0001.
 */
import {
  fail,
  IdentifierError,
  IdentifierErrorCode,
  normaliseInput,
  unwrap,
  type Validation,
} from './errors.ts';

/** The four levels of an agency identifier (mã định danh), QCVN 102:2016/BTTTT. */
export interface AgencyCode {
  /** Normalised `V1V2V3.Z1Z2.Y1Y2.MX1X2`. */
  readonly code: string;
  /** Level 1 `MX1X2`: a letter and two digits, e.g. `H70` for a provincial people's committee. */
  readonly level1: string;
  /** Level 2 `Y1Y2`, `00` when unused. */
  readonly level2: string;
  /** Level 3 `Z1Z2`, `00` when unused. */
  readonly level3: string;
  /** Level 4 `V1V2V3`, `000` when unused. */
  readonly level4: string;
  /** The deepest level in use, 1–4. */
  readonly depth: 1 | 2 | 3 | 4;
}

export interface DossierCode {
  /** Normalised (upper-case) code. */
  readonly code: string;
  readonly agencyCode: string;
  readonly agency: AgencyCode;
  /** Date of receipt, `YYYY-MM-DD`, Vietnam time. */
  readonly date: string;
  /** 1–9999. */
  readonly sequence: number;
}

/** The 4-digit sequence cannot hold a 10,000th dossier in one day. */
export const DOSSIER_SEQUENCE_MAX = 9999;

/** Validates the agency part `V1V2V3.Z1Z2.Y1Y2.MX1X2`; lower-case input is accepted. */
export function validateAgencyCode(value: string): Validation<AgencyCode> {
  const code = normaliseInput(value);
  if (code === '')
    return fail(IdentifierErrorCode.Empty, 'Mã cơ quan đang để trống.', 'The agency code is empty.');
  const parts = code.split('.');
  if (parts.length !== 4) {
    return fail(
      IdentifierErrorCode.InvalidAgencyCode,
      `Mã cơ quan "${code}" phải có 4 phần ngăn bởi dấu chấm theo dạng 000.00.00.H00 (đang có ${parts.length} phần).`,
      `The agency code "${code}" must have 4 dot-separated parts like 000.00.00.H00 (found ${parts.length}).`,
    );
  }
  const [level4, level3, level2, level1] = parts as [string, string, string, string];
  if (!/^[A-Z]\d{2}$/.test(level1)) {
    return fail(
      IdentifierErrorCode.InvalidAgencyCode,
      `Mã cấp 1 "${level1}" phải gồm một chữ cái và 2 chữ số (ví dụ H70).`,
      `The level-1 code "${level1}" must be a letter followed by 2 digits (e.g. H70).`,
    );
  }
  if (!/^\d{2}$/.test(level2)) {
    return fail(
      IdentifierErrorCode.InvalidAgencyCode,
      `Mã cấp 2 "${level2}" phải gồm đúng 2 chữ số.`,
      `The level-2 code "${level2}" must be exactly 2 digits.`,
    );
  }
  if (!/^\d{2}$/.test(level3)) {
    return fail(
      IdentifierErrorCode.InvalidAgencyCode,
      `Mã cấp 3 "${level3}" phải gồm đúng 2 chữ số.`,
      `The level-3 code "${level3}" must be exactly 2 digits.`,
    );
  }
  if (!/^\d{3}$/.test(level4)) {
    return fail(
      IdentifierErrorCode.InvalidAgencyCode,
      `Mã cấp 4 "${level4}" phải gồm đúng 3 chữ số.`,
      `The level-4 code "${level4}" must be exactly 3 digits.`,
    );
  }
  // Each level is numbered inside its parent, so a used level needs every level above it.
  if (level2 === '00' && level3 !== '00') {
    return fail(
      IdentifierErrorCode.InvalidAgencyCode,
      `Mã cấp 3 "${level3}" không thể có khi mã cấp 2 là 00.`,
      `A level-3 code "${level3}" cannot exist under a level-2 code of 00.`,
    );
  }
  if (level3 === '00' && level4 !== '000') {
    return fail(
      IdentifierErrorCode.InvalidAgencyCode,
      `Mã cấp 4 "${level4}" không thể có khi mã cấp 3 là 00.`,
      `A level-4 code "${level4}" cannot exist under a level-3 code of 00.`,
    );
  }
  const depth = level4 !== '000' ? 4 : level3 !== '00' ? 3 : level2 !== '00' ? 2 : 1;
  return { ok: true, value: { code, level1, level2, level3, level4, depth } };
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** Validates a full dossier code and explains the first thing wrong with it. */
export function validateDossierCode(value: string): Validation<DossierCode> {
  const code = normaliseInput(value);
  if (code === '')
    return fail(IdentifierErrorCode.Empty, 'Mã hồ sơ đang để trống.', 'The dossier code is empty.');
  const parts = code.split('-');
  if (parts.length !== 3) {
    return fail(
      IdentifierErrorCode.InvalidShape,
      `Mã hồ sơ "${code}" phải có dạng 000.00.00.H00-YYMMDD-XXXX (3 phần ngăn bởi dấu gạch ngang, đang có ${parts.length}).`,
      `The dossier code "${code}" must look like 000.00.00.H00-YYMMDD-XXXX (3 hyphen-separated parts, found ${parts.length}).`,
    );
  }
  const [agencyPart, datePart, sequencePart] = parts as [string, string, string];
  const agency = validateAgencyCode(agencyPart);
  if (!agency.ok) return agency;
  if (!/^\d{6}$/.test(datePart)) {
    return fail(
      IdentifierErrorCode.InvalidDate,
      `Phần ngày "${datePart}" phải gồm 6 chữ số YYMMDD.`,
      `The date part "${datePart}" must be 6 digits YYMMDD.`,
    );
  }
  const year = 2000 + Number(datePart.slice(0, 2));
  const month = Number(datePart.slice(2, 4));
  const day = Number(datePart.slice(4, 6));
  if (!isRealDate(year, month, day)) {
    return fail(
      IdentifierErrorCode.InvalidDate,
      `Phần ngày "${datePart}" không phải ngày có thật (ngày ${day}, tháng ${month}, năm ${year}).`,
      `The date part "${datePart}" is not a real date (day ${day}, month ${month}, year ${year}).`,
    );
  }
  if (!/^\d{4}$/.test(sequencePart)) {
    return fail(
      IdentifierErrorCode.InvalidSequence,
      `Số thứ tự "${sequencePart}" phải gồm đúng 4 chữ số.`,
      `The sequence "${sequencePart}" must be exactly 4 digits.`,
    );
  }
  const sequence = Number(sequencePart);
  if (sequence === 0) {
    return fail(
      IdentifierErrorCode.InvalidSequence,
      'Số thứ tự 0000 không hợp lệ: số thứ tự hồ sơ trong ngày bắt đầu từ 0001.',
      'Sequence 0000 is invalid: the day’s dossier sequence starts at 0001.',
    );
  }
  const date = `${year}-${datePart.slice(2, 4)}-${datePart.slice(4, 6)}`;
  return { ok: true, value: { code, agencyCode: agency.value.code, agency: agency.value, date, sequence } };
}

/** Parses a dossier code; throws `IdentifierError` when it is invalid. */
export function parseDossierCode(value: string): DossierCode {
  return unwrap(validateDossierCode(value));
}

/** Builds the dossier code of the `sequence`-th receipt of `date` (Vietnam time) at an agency. */
export function formatDossierCode(input: { agencyCode: string; date: string; sequence: number }): string {
  const agency = unwrap(validateAgencyCode(input.agencyCode));
  const match = DATE_RE.exec(input.date);
  const year = match ? Number(match[1]) : Number.NaN;
  if (!match || year < 2000 || year > 2099 || !isRealDate(year, Number(match[2]), Number(match[3]))) {
    throw new IdentifierError(IdentifierErrorCode.InvalidDate, {
      vi: `Ngày tiếp nhận "${input.date}" phải là ngày có thật dạng YYYY-MM-DD trong các năm 2000–2099.`,
      en: `The receipt date "${input.date}" must be a real YYYY-MM-DD date in 2000–2099.`,
    });
  }
  const { sequence } = input;
  if (!Number.isInteger(sequence)) {
    throw new IdentifierError(IdentifierErrorCode.InvalidSequence, {
      vi: `Số thứ tự "${sequence}" phải là số nguyên.`,
      en: `The sequence "${sequence}" must be an integer.`,
    });
  }
  if (sequence < 1 || sequence > DOSSIER_SEQUENCE_MAX) {
    throw new IdentifierError(IdentifierErrorCode.SequenceExhausted, {
      vi: `Số thứ tự ${sequence} nằm ngoài khoảng 0001–9999 của mã hồ sơ: cơ quan không thể cấp thêm mã trong ngày ${input.date}.`,
      en: `Sequence ${sequence} is outside the dossier code's 0001–9999 range: the agency cannot issue more codes on ${input.date}.`,
    });
  }
  const yymmdd = `${match[1]!.slice(2)}${match[2]}${match[3]}`;
  return `${agency.code}-${yymmdd}-${String(sequence).padStart(4, '0')}`;
}
