import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  duplicateBeneficiaryProblems,
  findDuplicateBeneficiaries,
  headerKey,
  mapPayoutHeaders,
  type PayoutListRow,
  parsePayoutPeriod,
  parsePayoutRow,
  parseVietnameseDate,
} from '../src/payments/index.ts';

const HEADERS = [
  'STT',
  'Họ và tên',
  'Số CCCD',
  'Số tiền (đồng)',
  'Kỳ',
  'Điểm chi trả',
  'Người được ủy quyền',
  'Số CCCD người được ủy quyền',
  'Hạn ủy quyền',
];
const mapping = mapPayoutHeaders(HEADERS);

function parse(cells: unknown[], rowNumber = 2, expectedPeriod?: string) {
  return parsePayoutRow(cells, mapping, { rowNumber, ...(expectedPeriod ? { expectedPeriod } : {}) });
}

function errorsOf(cells: unknown[], expectedPeriod?: string) {
  const result = parse(cells, 2, expectedPeriod);
  assert.equal(result.ok, false);
  return result.ok ? [] : result.errors.map((error) => `${error.field}:${error.code}`);
}

const GOOD = [
  '1',
  'Nguyễn Thị Ánh',
  '075155001234',
  '4.850.000',
  '08/2026',
  'Bưu điện - Văn hóa xã Nghĩa Trung',
  'Đặng Văn Đức',
  '070089004321',
  '31/12/2026',
];

describe('payout list headers', () => {
  it('recognises the headers with and without diacritics, old spellings and marks', () => {
    const plain = mapPayoutHeaders([
      'Ho va ten',
      'So CCCD',
      'So tien',
      'Ky',
      'Diem chi tra',
      'Nguoi duoc uy quyen',
      'Han uy quyen',
    ]);
    assert.deepEqual(plain.columns, [
      'beneficiaryName',
      'citizenId',
      'amount',
      'period',
      'payoutPoint',
      'proxyName',
      'proxyExpiresOn',
    ]);
    assert.deepEqual(plain.problems, []);
    const marked = mapPayoutHeaders([
      'HỌ VÀ TÊN (*)',
      'Số CMND/CCCD',
      'Số tiền được lĩnh',
      'Kỳ chi trả',
      'Điểm chi',
      'Hạn uỷ quyền',
    ]);
    assert.deepEqual(marked.columns, [
      'beneficiaryName',
      'citizenId',
      'amount',
      'period',
      'payoutPoint',
      'proxyExpiresOn',
    ]);
    assert.equal(headerKey('  Số tiền (đồng) '), 'so tien');
  });

  it('names the missing required columns, the duplicated ones and the unknown ones', () => {
    const result = mapPayoutHeaders(['Họ tên', 'CCCD', 'Số CCCD', 'Số tiền', 'Kỳ', 'Ghi chú']);
    assert.deepEqual(
      result.problems.map((problem) => `${problem.field}:${problem.code}`),
      ['citizenId:COLUMN_DUPLICATED', 'payoutPoint:COLUMN_MISSING'],
    );
    assert.match(result.problems[1]!.vi, /Điểm chi trả/);
    assert.deepEqual(result.unknown, [{ column: 5, header: 'Ghi chú' }]);
  });
});

describe('one row of a payout list', () => {
  it('reads a good row and normalises it', () => {
    const result = parse(GOOD, 2, '2026-08');
    assert.equal(result.ok, true);
    const row = (result as { row: PayoutListRow }).row;
    assert.equal(row.beneficiaryName, 'Nguyễn Thị Ánh');
    assert.equal(row.beneficiaryNameKey, 'nguyen thi anh');
    assert.equal(row.citizenId, '075155001234');
    assert.equal(row.amount, 4_850_000);
    assert.equal(row.period, '2026-08');
    assert.deepEqual(row.proxy, {
      name: 'Đặng Văn Đức',
      citizenId: '070089004321',
      authorisedOn: null,
      expiresOn: '2026-12-31',
    });
  });

  it('takes a number cell for the amount and decomposed Vietnamese text', () => {
    const cells = [...GOOD];
    cells[1] = 'Nguyễn Thị Ánh'.normalize('NFD');
    cells[3] = 4_850_000 as unknown as string;
    cells[6] = '';
    cells[7] = '';
    cells[8] = '';
    const result = parse(cells);
    assert.equal(result.ok, true);
    const row = (result as { row: PayoutListRow }).row;
    assert.equal(row.beneficiaryName, 'Nguyễn Thị Ánh'.normalize('NFC'));
    assert.equal(row.amount, 4_850_000);
    assert.equal(row.proxy, null);
  });

  it('reports every bad field of a row, naming the column', () => {
    const cells = [...GOOD];
    cells[1] = '';
    cells[2] = 75155001234 as unknown as string;
    cells[3] = '4.850.000,50';
    cells[4] = '2026/08';
    cells[8] = '31/02/2026';
    assert.deepEqual(errorsOf(cells), [
      'beneficiaryName:REQUIRED',
      'citizenId:CITIZEN_ID_LOST_ZEROS',
      'amount:AMOUNT_NOT_INTEGER',
      'period:INVALID_PERIOD',
      'proxyExpiresOn:INVALID_DATE',
    ]);
    const result = parse(cells);
    assert.equal(result.ok, false);
    if (!result.ok) {
      const citizen = result.errors[1]!;
      assert.equal(citizen.column, 'Số CCCD');
      assert.match(citizen.vi, /^Dòng 2, cột "Số CCCD"/);
      assert.match(citizen.en, /leading zeros/);
    }
  });

  it('refuses a fractional or negative amount, a bad citizen ID and a row of another period', () => {
    const fraction = [...GOOD];
    fraction[3] = 1250.5 as unknown as string;
    assert.deepEqual(errorsOf(fraction), ['amount:AMOUNT_NOT_INTEGER']);
    const negative = [...GOOD];
    negative[3] = '-50.000';
    assert.deepEqual(errorsOf(negative), ['amount:AMOUNT_NOT_POSITIVE']);
    const badId = [...GOOD];
    badId[2] = '999155001234';
    assert.deepEqual(errorsOf(badId), ['citizenId:CITIZEN_ID_UNKNOWN_PROVINCE']);
    assert.deepEqual(errorsOf(GOOD, '2026-07'), ['period:PERIOD_MISMATCH']);
  });

  it('refuses authorisation details without a proxy name', () => {
    const cells = [...GOOD];
    cells[6] = '';
    assert.deepEqual(errorsOf(cells), ['proxyName:PROXY_NAME_REQUIRED']);
  });

  it('reads the period and date forms found on lists', () => {
    assert.equal(parsePayoutPeriod('7/2026'), '2026-07');
    assert.equal(parsePayoutPeriod('07-2026'), '2026-07');
    assert.equal(parsePayoutPeriod('2026-07'), '2026-07');
    assert.equal(parsePayoutPeriod('13/2026'), null);
    assert.equal(parseVietnameseDate('1/7/2026'), '2026-07-01');
    assert.equal(parseVietnameseDate('2026-07-01'), '2026-07-01');
    assert.equal(parseVietnameseDate('29/02/2026'), null);
  });
});

describe('duplicate beneficiaries', () => {
  const rows = [
    { rowNumber: 2, citizenId: '075155001234', period: '2026-08', benefitKind: 'Lương hưu' },
    { rowNumber: 3, citizenId: '070089004321', period: '2026-08', benefitKind: 'Lương hưu' },
    { rowNumber: 5, citizenId: '075155001234', period: '2026-08', benefitKind: 'Luong huu' },
    { rowNumber: 6, citizenId: '075155001234', period: '2026-08', benefitKind: 'Trợ cấp tuất' },
    { rowNumber: 7, citizenId: '075155001234', period: '2026-09', benefitKind: 'Lương hưu' },
  ];

  it('finds the same beneficiary twice in one period and benefit kind, and nothing else', () => {
    assert.deepEqual(findDuplicateBeneficiaries(rows), [
      { citizenId: '075155001234', period: '2026-08', rowNumbers: [2, 5] },
    ]);
  });

  it('reports the later row and points at the first', () => {
    const [problem] = duplicateBeneficiaryProblems(rows);
    assert.equal(problem!.rowNumber, 5);
    assert.equal(problem!.code, 'DUPLICATE_BENEFICIARY');
    assert.match(problem!.vi, /dòng 2/);
  });
});
