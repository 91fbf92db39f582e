/**
 * Reading the monthly payout list the social-insurance agency sends (danh sách chi trả), one row at a
 * time: which column is which (Vietnamese headers, with or without diacritics), then each row checked
 * and normalised, or refused with errors naming the field and the column. The server reads the Excel
 * or CSV file, calls these functions per row, and decides between all-or-nothing and skipping bad rows.
 */
import { type IsoDate, parseIsoDate } from '../calendar/dates.ts';
import { validateCitizenId } from '../identifiers/citizen-id.ts';
import { MoneyError } from '../money/errors.ts';
import { parseVnd } from '../money/format.ts';
import { searchKey } from '../text/normalize.ts';
import { formatPeriod, isPeriod, type Period } from './period.ts';
import { type FieldProblem, problem } from './problems.ts';

/** The fields of a payout line. */
export type PayoutListField =
  | 'lineNumber'
  | 'beneficiaryName'
  | 'citizenId'
  | 'socialInsuranceNumber'
  | 'birthDate'
  | 'benefitKind'
  | 'amount'
  | 'period'
  | 'payoutPoint'
  | 'address'
  | 'proxyName'
  | 'proxyCitizenId'
  | 'proxyAuthorisedOn'
  | 'proxyExpiresOn';

interface ColumnSpec {
  readonly required: boolean;
  readonly label: { readonly vi: string; readonly en: string };
  /** Headers seen on lists, written as people write them; matched without diacritics or case. */
  readonly aliases: readonly string[];
}

/** The columns a payout list may have, the required ones, and the headers recognised for each. */
export const PAYOUT_LIST_COLUMNS: Readonly<Record<PayoutListField, ColumnSpec>> = {
  lineNumber: {
    required: false,
    label: { vi: 'STT', en: 'Line number' },
    aliases: ['STT', 'Số thứ tự', 'TT'],
  },
  beneficiaryName: {
    required: true,
    label: { vi: 'Họ và tên', en: 'Full name' },
    aliases: [
      'Họ và tên',
      'Họ tên',
      'Họ tên người hưởng',
      'Họ và tên người hưởng',
      'Tên người hưởng',
      'Người hưởng',
    ],
  },
  citizenId: {
    required: true,
    label: { vi: 'Số CCCD', en: 'Citizen ID' },
    aliases: [
      'Số CCCD',
      'CCCD',
      'Số căn cước',
      'Số căn cước công dân',
      'Căn cước công dân',
      'Số định danh',
      'Số định danh cá nhân',
      'Số CMND/CCCD',
      'CMND/CCCD',
      'Số CCCD/CMND',
      'Số CMND',
    ],
  },
  socialInsuranceNumber: {
    required: false,
    label: { vi: 'Mã số BHXH', en: 'Social insurance number' },
    aliases: ['Mã số BHXH', 'Mã BHXH', 'Mã số bảo hiểm xã hội', 'Số sổ BHXH'],
  },
  birthDate: {
    required: false,
    label: { vi: 'Ngày sinh', en: 'Birth date' },
    aliases: ['Ngày sinh', 'Năm sinh', 'Ngày tháng năm sinh'],
  },
  benefitKind: {
    required: false,
    label: { vi: 'Loại chế độ', en: 'Benefit kind' },
    aliases: ['Loại chế độ', 'Chế độ', 'Mã chế độ', 'Loại trợ cấp'],
  },
  amount: {
    required: true,
    label: { vi: 'Số tiền', en: 'Amount' },
    aliases: [
      'Số tiền',
      'Số tiền chi trả',
      'Số tiền được lĩnh',
      'Số tiền được hưởng',
      'Tiền lĩnh',
      'Thành tiền',
      'Tổng số tiền',
    ],
  },
  period: {
    required: true,
    label: { vi: 'Kỳ', en: 'Period' },
    aliases: ['Kỳ', 'Kỳ chi trả', 'Kỳ lĩnh', 'Kỳ hưởng', 'Tháng chi trả', 'Tháng'],
  },
  payoutPoint: {
    required: true,
    label: { vi: 'Điểm chi trả', en: 'Payout point' },
    aliases: ['Điểm chi trả', 'Điểm chi', 'Nơi chi trả', 'Mã điểm chi trả', 'Tên điểm chi trả'],
  },
  address: {
    required: false,
    label: { vi: 'Địa chỉ', en: 'Address' },
    aliases: ['Địa chỉ', 'Nơi cư trú', 'Địa chỉ cư trú'],
  },
  proxyName: {
    required: false,
    label: { vi: 'Người được ủy quyền', en: 'Proxy' },
    aliases: [
      'Người được ủy quyền',
      'Họ tên người được ủy quyền',
      'Họ và tên người được ủy quyền',
      'Người nhận thay',
      'Người lĩnh thay',
    ],
  },
  proxyCitizenId: {
    required: false,
    label: { vi: 'Số CCCD người được ủy quyền', en: 'Proxy’s citizen ID' },
    aliases: [
      'Số CCCD người được ủy quyền',
      'CCCD người được ủy quyền',
      'Số định danh người được ủy quyền',
      'Số CMND/CCCD người được ủy quyền',
      'CCCD người nhận thay',
    ],
  },
  proxyAuthorisedOn: {
    required: false,
    label: { vi: 'Ngày ủy quyền', en: 'Authorisation date' },
    aliases: ['Ngày ủy quyền', 'Ngày lập ủy quyền', 'Ngày lập văn bản ủy quyền'],
  },
  proxyExpiresOn: {
    required: false,
    label: { vi: 'Hạn ủy quyền', en: 'Authorisation expiry' },
    aliases: [
      'Hạn ủy quyền',
      'Thời hạn ủy quyền',
      'Ngày hết hạn ủy quyền',
      'Hết hạn ủy quyền',
      'Ủy quyền đến ngày',
    ],
  },
};

const FIELDS = Object.keys(PAYOUT_LIST_COLUMNS) as PayoutListField[];

/**
 * A header reduced for matching: no diacritics, lower case, `đ` → `d`, text in brackets dropped
 * (`Số tiền (đồng)`, `Họ và tên (*)`), punctuation turned into spaces.
 */
export function headerKey(header: unknown): string {
  return searchKey(String(header ?? ''))
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const ALIAS_INDEX: ReadonlyMap<string, PayoutListField> = new Map(
  FIELDS.flatMap((field) =>
    PAYOUT_LIST_COLUMNS[field].aliases.map((alias) => [headerKey(alias), field] as const),
  ),
);

/** Which field each column holds, and what is wrong with the header row. */
export interface PayoutHeaderMapping {
  /** By column index: the field, or null for a column the import ignores. */
  readonly columns: readonly (PayoutListField | null)[];
  readonly headers: readonly string[];
  readonly unknown: readonly { readonly column: number; readonly header: string }[];
  /** Missing required columns and columns given twice; the list cannot be read while there are any. */
  readonly problems: readonly FieldProblem[];
}

/** Maps a header row to the fields (see {@link PAYOUT_LIST_COLUMNS}). */
export function mapPayoutHeaders(headers: readonly unknown[]): PayoutHeaderMapping {
  const texts = headers.map((header) =>
    String(header ?? '')
      .normalize('NFC')
      .trim(),
  );
  const columns = texts.map((header) => ALIAS_INDEX.get(headerKey(header)) ?? null);
  const unknown = texts
    .map((header, column) => ({ column, header }))
    .filter(({ column, header }) => columns[column] === null && header !== '');
  const problems: FieldProblem[] = [];
  for (const field of FIELDS) {
    const at = columns.flatMap((value, column) => (value === field ? [column] : []));
    const { label } = PAYOUT_LIST_COLUMNS[field];
    if (at.length === 0 && PAYOUT_LIST_COLUMNS[field].required) {
      problems.push(
        problem(
          field,
          'COLUMN_MISSING',
          `Danh sách thiếu cột "${label.vi}".`,
          `The list has no "${label.en}" column ("${label.vi}").`,
        ),
      );
    }
    if (at.length > 1) {
      const names = at.map((column) => `"${texts[column]}"`).join(', ');
      problems.push(
        problem(
          field,
          'COLUMN_DUPLICATED',
          `Cột "${label.vi}" xuất hiện nhiều lần: ${names}.`,
          `The "${label.en}" column appears more than once: ${names}.`,
        ),
      );
    }
  }
  return { columns, headers: texts, unknown, problems };
}

/** A checked payout line. */
export interface PayoutListRow {
  readonly rowNumber: number;
  readonly lineNumber: string | null;
  /** NFC, single spaces. */
  readonly beneficiaryName: string;
  /** The accent-free key for search (`nguyen thi anh`). */
  readonly beneficiaryNameKey: string;
  /** 12 digits (or 9 for an old CMND). */
  readonly citizenId: string;
  readonly socialInsuranceNumber: string | null;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as the list gives it. */
  readonly birthDate: string | null;
  readonly benefitKind: string | null;
  readonly amount: number;
  readonly period: Period;
  readonly payoutPoint: string;
  readonly address: string | null;
  readonly proxy: {
    readonly name: string;
    readonly citizenId: string | null;
    readonly authorisedOn: IsoDate | null;
    readonly expiresOn: IsoDate | null;
  } | null;
}

/** An error of one row: the field, the column header as written, and the value found. */
export interface PayoutRowProblem extends FieldProblem {
  readonly rowNumber: number;
  readonly column: string | null;
  readonly value: string;
}

export type PayoutRowResult =
  | { readonly ok: true; readonly row: PayoutListRow }
  | { readonly ok: false; readonly rowNumber: number; readonly errors: readonly PayoutRowProblem[] };

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).normalize('NFC').replace(/\s+/g, ' ').trim();
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const MY = /^(\d{1,2})[/.-](\d{4})$/;

/** `dd/mm/yyyy`, `d/m/yyyy`, `dd-mm-yyyy` or ISO `yyyy-mm-dd` → ISO; null when it is not a real date. */
export function parseVietnameseDate(text: string): IsoDate | null {
  const trimmed = text.trim();
  const dmy = DMY.exec(trimmed);
  const iso = dmy
    ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`
    : /^\d{4}-\d{2}-\d{2}$/.test(trimmed)
      ? trimmed
      : null;
  if (iso === null) return null;
  try {
    parseIsoDate(iso);
    return iso;
  } catch {
    return null;
  }
}

/** `2026-07`, `07/2026`, `7/2026`, `07-2026`, `07.2026` → `2026-07`; null otherwise. */
export function parsePayoutPeriod(text: string): Period | null {
  const trimmed = text.trim();
  if (isPeriod(trimmed)) return trimmed;
  const my = MY.exec(trimmed);
  if (!my) return null;
  const period = formatPeriod(Number(my[2]), Number(my[1]));
  return isPeriod(period) ? period : null;
}

/**
 * Checks and normalises one data row. `rowNumber` is the row's number in the file (for messages);
 * `expectedPeriod`, when given, is the list's period and every row must carry it.
 */
export function parsePayoutRow(
  cells: readonly unknown[],
  mapping: PayoutHeaderMapping,
  options: { rowNumber: number; expectedPeriod?: Period },
): PayoutRowResult {
  const { rowNumber } = options;
  const errors: PayoutRowProblem[] = [];
  const raw = new Map<PayoutListField, { value: unknown; column: string }>();
  mapping.columns.forEach((field, column) => {
    if (field !== null) raw.set(field, { value: cells[column], column: mapping.headers[column] ?? '' });
  });
  const text = (field: PayoutListField) => cellText(raw.get(field)?.value);
  const fail = (field: PayoutListField, code: string, vi: string, en: string, value?: string) => {
    const { label } = PAYOUT_LIST_COLUMNS[field];
    errors.push({
      ...problem(
        field,
        code,
        `Dòng ${rowNumber}, cột "${label.vi}": ${vi}`,
        `Row ${rowNumber}, column "${label.en}": ${en}`,
      ),
      rowNumber,
      column: raw.get(field)?.column ?? null,
      value: value ?? text(field),
    });
  };
  const required = (field: PayoutListField): string | null => {
    const value = text(field);
    if (value === '') {
      fail(field, 'REQUIRED', 'không được để trống.', 'must not be empty.');
      return null;
    }
    return value;
  };

  const beneficiaryName = required('beneficiaryName');
  if (beneficiaryName !== null && beneficiaryName.length > 200) {
    fail('beneficiaryName', 'TOO_LONG', 'dài quá 200 ký tự.', 'is longer than 200 characters.');
  }

  const citizenId = readCitizenId('citizenId', raw.get('citizenId')?.value, fail, true);

  let amount: number | null = null;
  const amountCell = raw.get('amount')?.value;
  if (typeof amountCell === 'number') {
    if (!Number.isSafeInteger(amountCell)) {
      fail(
        'amount',
        'AMOUNT_NOT_INTEGER',
        'số tiền phải là số nguyên đồng.',
        'the amount must be a whole number of đồng.',
        String(amountCell),
      );
    } else amount = amountCell;
  } else if (required('amount') !== null) {
    try {
      amount = parseVnd(text('amount'));
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error;
      fail('amount', 'AMOUNT_NOT_INTEGER', error.message, error.messageEn);
    }
  }
  if (amount !== null && amount <= 0) {
    fail('amount', 'AMOUNT_NOT_POSITIVE', 'số tiền phải lớn hơn 0.', 'the amount must be greater than 0.');
    amount = null;
  }

  let period: Period | null = null;
  const periodText = required('period');
  if (periodText !== null) {
    period = parsePayoutPeriod(periodText);
    if (period === null) {
      fail(
        'period',
        'INVALID_PERIOD',
        'kỳ phải có dạng tháng/năm, ví dụ 07/2026.',
        'the period must be month/year, e.g. 07/2026.',
      );
    } else if (options.expectedPeriod !== undefined && period !== options.expectedPeriod) {
      fail(
        'period',
        'PERIOD_MISMATCH',
        `kỳ ${period} khác kỳ của danh sách ${options.expectedPeriod}.`,
        `the period ${period} differs from the list's period ${options.expectedPeriod}.`,
      );
      period = null;
    }
  }

  const payoutPoint = required('payoutPoint');

  let socialInsuranceNumber: string | null = text('socialInsuranceNumber') || null;
  if (socialInsuranceNumber !== null && !/^\d{10}$/.test(socialInsuranceNumber)) {
    fail(
      'socialInsuranceNumber',
      'INVALID_SOCIAL_INSURANCE_NUMBER',
      'mã số BHXH gồm đúng 10 chữ số.',
      'the social insurance number has exactly 10 digits.',
    );
    socialInsuranceNumber = null;
  }

  let birthDate: string | null = text('birthDate') || null;
  if (birthDate !== null) {
    const parsed = /^\d{4}$/.test(birthDate)
      ? birthDate
      : (parseVietnameseDate(birthDate) ?? (MY.test(birthDate) ? parsePayoutPeriod(birthDate) : null));
    if (parsed === null) {
      fail(
        'birthDate',
        'INVALID_DATE',
        'ngày sinh phải có dạng ngày/tháng/năm, tháng/năm hoặc năm.',
        'the birth date must be day/month/year, month/year or year.',
      );
    }
    birthDate = parsed;
  }

  const proxyName = text('proxyName') || null;
  const proxyCitizenId = text('proxyCitizenId')
    ? readCitizenId('proxyCitizenId', raw.get('proxyCitizenId')?.value, fail, false)
    : null;
  const readDate = (field: 'proxyAuthorisedOn' | 'proxyExpiresOn'): IsoDate | null => {
    const value = text(field);
    if (value === '') return null;
    const parsed = parseVietnameseDate(value);
    if (parsed === null)
      fail(
        field,
        'INVALID_DATE',
        'ngày phải có dạng ngày/tháng/năm, ví dụ 30/06/2026.',
        'the date must be day/month/year, e.g. 30/06/2026.',
      );
    return parsed;
  };
  const authorisedOn = readDate('proxyAuthorisedOn');
  const expiresOn = readDate('proxyExpiresOn');
  if (proxyName === null && (proxyCitizenId !== null || authorisedOn !== null || expiresOn !== null)) {
    fail(
      'proxyName',
      'PROXY_NAME_REQUIRED',
      'có thông tin ủy quyền nhưng thiếu tên người được ủy quyền.',
      'there are authorisation details but no proxy name.',
    );
  }
  if (authorisedOn !== null && expiresOn !== null && expiresOn < authorisedOn) {
    fail(
      'proxyExpiresOn',
      'EXPIRY_BEFORE_AUTHORISATION',
      'hạn ủy quyền trước ngày ủy quyền.',
      'the authorisation expires before it was made.',
    );
  }

  if (
    errors.length > 0 ||
    beneficiaryName === null ||
    citizenId === null ||
    amount === null ||
    period === null ||
    payoutPoint === null
  ) {
    return { ok: false, rowNumber, errors };
  }
  return {
    ok: true,
    row: {
      rowNumber,
      lineNumber: text('lineNumber') || null,
      beneficiaryName,
      beneficiaryNameKey: searchKey(beneficiaryName),
      citizenId,
      socialInsuranceNumber,
      birthDate,
      benefitKind: text('benefitKind') || null,
      amount,
      period,
      payoutPoint,
      address: text('address') || null,
      proxy:
        proxyName === null ? null : { name: proxyName, citizenId: proxyCitizenId, authorisedOn, expiresOn },
    },
  };
}

function readCitizenId(
  field: 'citizenId' | 'proxyCitizenId',
  value: unknown,
  fail: (field: PayoutListField, code: string, vi: string, en: string, value?: string) => void,
  required: boolean,
): string | null {
  if (typeof value === 'number') {
    // An ID typed into a number cell loses its leading zeros (070… becomes 70…): say so instead of guessing.
    const digits = String(value);
    if (Number.isSafeInteger(value) && digits.length < 12 && digits.length !== 9) {
      fail(
        field,
        'CITIZEN_ID_LOST_ZEROS',
        `số "${digits}" có ${digits.length} chữ số — ô kiểu số đã làm mất số 0 ở đầu; hãy định dạng cột là văn bản.`,
        `"${digits}" has ${digits.length} digits — a number cell dropped the leading zeros; format the column as text.`,
        digits,
      );
      return null;
    }
  }
  const text = cellText(value);
  if (text === '') {
    if (required) fail(field, 'REQUIRED', 'không được để trống.', 'must not be empty.');
    return null;
  }
  const result = validateCitizenId(text);
  if (!result.ok) {
    fail(field, `CITIZEN_ID_${result.code}`, result.reason.vi, result.reason.en, text);
    return null;
  }
  return result.value.number;
}

/** The key of "one beneficiary, one period" within a list: citizen ID, period and benefit kind. */
export function beneficiaryPeriodKey(row: {
  citizenId: string;
  period: Period;
  benefitKind?: string | null;
}): string {
  return `${row.citizenId.replace(/\D/g, '')}|${row.period}|${searchKey(row.benefitKind ?? '')}`;
}

/** Groups of rows that pay the same beneficiary for the same period (and benefit kind) more than once. */
export function findDuplicateBeneficiaries(
  rows: readonly { rowNumber: number; citizenId: string; period: Period; benefitKind?: string | null }[],
): { readonly citizenId: string; readonly period: Period; readonly rowNumbers: readonly number[] }[] {
  const groups = new Map<string, { citizenId: string; period: Period; rowNumbers: number[] }>();
  for (const row of rows) {
    const key = beneficiaryPeriodKey(row);
    const group = groups.get(key);
    if (group) group.rowNumbers.push(row.rowNumber);
    else groups.set(key, { citizenId: row.citizenId, period: row.period, rowNumbers: [row.rowNumber] });
  }
  return [...groups.values()].filter((group) => group.rowNumbers.length > 1);
}

/** One error per duplicated row (every row of a group after the first), naming the first row. */
export function duplicateBeneficiaryProblems(
  rows: readonly { rowNumber: number; citizenId: string; period: Period; benefitKind?: string | null }[],
): PayoutRowProblem[] {
  return findDuplicateBeneficiaries(rows).flatMap((group) =>
    group.rowNumbers.slice(1).map((rowNumber) => ({
      ...problem(
        'citizenId',
        'DUPLICATE_BENEFICIARY',
        `Dòng ${rowNumber}: người hưởng có số CCCD ${group.citizenId} đã có ở dòng ${group.rowNumbers[0]} cho kỳ ${group.period}.`,
        `Row ${rowNumber}: the beneficiary with citizen ID ${group.citizenId} is already on row ${group.rowNumbers[0]} for ${group.period}.`,
      ),
      rowNumber,
      column: null,
      value: group.citizenId,
    })),
  );
}
