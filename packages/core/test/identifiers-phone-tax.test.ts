import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  formatPhoneNational,
  IdentifierError,
  maskPhone,
  normalizePhone,
  taxCodeCheckDigit,
  validatePhone,
  validateTaxCode,
} from '../src/identifiers/index.ts';

function phoneFailure(value: string) {
  const result = validatePhone(value);
  if (result.ok) assert.fail(`${value} should be invalid`);
  return result.reason;
}

describe('phone numbers', () => {
  it('normalises the usual ways of writing a mobile number to +84', () => {
    for (const input of [
      '0912 345 678',
      '0912345678',
      '84912345678',
      '+84 912-345-678',
      '+84912345678',
      '(+84) 912.345.678',
      '0084 912 345 678',
    ]) {
      assert.equal(normalizePhone(input), '+84912345678', input);
    }
  });

  it('accepts each current mobile prefix family', () => {
    for (const national of [
      '0321234567',
      '0399999999',
      '0521234567',
      '0591234567',
      '0701234567',
      '0791234567',
      '0812345678',
      '0889999999',
      '0901234567',
      '0991234567',
    ]) {
      const result = validatePhone(national);
      assert.ok(result.ok, national);
      assert.equal(result.value.kind, 'mobile');
      assert.equal(result.value.national, national);
    }
  });

  it('accepts landlines such as the Bình Phước and Đồng Nai area codes and Hà Nội', () => {
    const binhPhuoc = validatePhone('0271 3879 123');
    assert.ok(binhPhuoc.ok);
    assert.deepEqual(binhPhuoc.value, { e164: '+842713879123', national: '02713879123', kind: 'landline' });
    assert.equal(normalizePhone('0251 3822 333'), '+842513822333');
    assert.equal(normalizePhone('+84 24 3825 1234'), '+842438251234');
  });

  it('explains why a number is refused', () => {
    assert.match(phoneFailure('0162 345 6789').vi, /01x cũ/);
    assert.match(phoneFailure('912345678').en, /lacks the leading 0/);
    assert.match(phoneFailure('+1 555 123 4567').en, /\+84/);
    assert.match(phoneFailure('091234567').en, /10 digits; "091234567" has 9/);
    assert.match(phoneFailure('0271387912').en, /landline number has 11 digits/);
    assert.match(phoneFailure('0951234567').en, /prefix "095"/);
    assert.match(phoneFailure('0412345678').en, /prefix "041"/);
    assert.match(phoneFailure('0912abc678').vi, /chỉ được gồm chữ số/);
    assert.equal(validatePhone('00912345678').ok, false);
    assert.throws(
      () => normalizePhone(''),
      (error: unknown) => error instanceof IdentifierError && error.code === 'EMPTY',
    );
  });

  it('masks the middle digits', () => {
    assert.equal(maskPhone('+84912345678'), '0912***678');
    assert.equal(maskPhone('0271 3879 123'), '0271****123');
    assert.equal(maskPhone('12345'), '**345');
  });

  it('shows numbers in national form with groups, never +84', () => {
    assert.equal(formatPhoneNational('+84388123456'), '0388 123 456');
    assert.equal(formatPhoneNational('0912.345.678'), '0912 345 678');
    assert.equal(formatPhoneNational('+842713879123'), '0271 387 9123');
    assert.equal(formatPhoneNational('+842438251234'), '024 3825 1234');
    assert.equal(formatPhoneNational('12345'), '12345', 'what is not a number is shown as written');
    assert.equal(formatPhoneNational(null), '');
  });

  it('round-trips national and international forms (property)', () => {
    const prefix = fc.constantFrom('32', '38', '56', '70', '77', '81', '86', '90', '96', '99');
    fc.assert(
      fc.property(prefix, fc.integer({ min: 0, max: 9_999_999 }), (head, tail) => {
        const national = `0${head}${String(tail).padStart(7, '0')}`;
        const e164 = normalizePhone(national);
        assert.equal(e164, `+84${national.slice(1)}`);
        assert.equal(normalizePhone(e164), e164);
        assert.equal(normalizePhone(e164.slice(1)), e164);
        assert.equal(maskPhone(e164), `${national.slice(0, 4)}***${national.slice(-3)}`);
      }),
    );
  });
});

describe('enterprise tax codes', () => {
  it('accepts real tax codes: Viettel, Vietcombank, Vietnam Post', () => {
    for (const code of ['0100109106', '0100112437', '0102595740']) {
      const result = validateTaxCode(code);
      assert.ok(result.ok, code);
      assert.equal(result.value.base, code);
    }
  });

  it('computes the check digit by the published weights', () => {
    // Viettel 010010910: 0·31 + 1·29 + 0·23 + 0·19 + 1·17 + 0·13 + 9·7 + 1·5 + 0·3 = 114; 114 mod 11 = 4; 10 − 4 = 6.
    assert.equal(taxCodeCheckDigit('010010910'), 6);
    // Vietnam Post 010259574: Σ = 351; 351 mod 11 = 10; 10 − 10 = 0.
    assert.equal(taxCodeCheckDigit('010259574'), 0);
    // Σ = 0, so 10 − 0 = 10 does not fit in one digit: no such code is issued.
    assert.equal(taxCodeCheckDigit('000000000'), undefined);
  });

  it('accepts a branch suffix with or without the hyphen', () => {
    const hyphen = validateTaxCode('0102595740-001');
    assert.ok(hyphen.ok);
    assert.deepEqual(hyphen.value, { value: '0102595740-001', base: '0102595740', branch: '001' });
    const bare = validateTaxCode('0102595740 012');
    assert.ok(bare.ok);
    assert.equal(bare.value.value, '0102595740-012');
  });

  it('explains each mistake', () => {
    const reason = (value: string) => {
      const result = validateTaxCode(value);
      if (result.ok) assert.fail(`${value} should be invalid`);
      return { code: result.code, ...result.reason };
    };
    const typo = reason('0100109107');
    assert.equal(typo.code, 'INVALID_CHECK_DIGIT');
    assert.match(typo.vi, /phải là 6, không phải 7/);
    assert.equal(reason('0000000000').code, 'INVALID_CHECK_DIGIT');
    assert.match(reason('0102595740-000').en, /001–999/);
    assert.match(reason('079090123456').vi, /số định danh cá nhân/);
    assert.equal(reason('01001091').code, 'INVALID_TAX_CODE');
    assert.equal(reason('').code, 'EMPTY');
  });

  it('catches every single-digit typo (property)', () => {
    const valid = fc
      .integer({ min: 0, max: 999_999_999 })
      .map((n) => String(n).padStart(9, '0'))
      .filter((first9) => taxCodeCheckDigit(first9) !== undefined)
      .map((first9) => `${first9}${taxCodeCheckDigit(first9)}`);
    fc.assert(
      fc.property(
        valid,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (code, position, delta) => {
          assert.ok(validateTaxCode(code).ok, code);
          const typo =
            code.slice(0, position) + ((Number(code[position]) + delta) % 10) + code.slice(position + 1);
          assert.equal(validateTaxCode(typo).ok, false, typo);
        },
      ),
    );
  });
});
