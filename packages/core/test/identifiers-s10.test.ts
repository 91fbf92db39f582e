import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatS10, IdentifierError, s10CheckDigit, validateS10 } from '../src/identifiers/index.ts';

function codeOf(value: string): string {
  const result = validateS10(value);
  return result.ok ? 'OK' : result.code;
}

describe('s10CheckDigit', () => {
  it('computes the check digit of the UPU examples', () => {
    // 1·8 + 2·6 + 3·4 + 4·2 + 5·3 + 6·5 + 7·9 + 8·7 = 204; 204 mod 11 = 6; 11 − 6 = 5.
    assert.equal(s10CheckDigit('12345678'), 5);
    // 4·8 + 7·6 + 3·4 + 1·2 + 2·3 + 4·5 + 8·9 + 2·7 = 200; 200 mod 11 = 2; 11 − 2 = 9.
    assert.equal(s10CheckDigit('47312482'), 9);
  });

  it('maps 10 to 0 and 11 to 5', () => {
    // 7·8 = 56; 56 mod 11 = 1; 11 − 1 = 10 → 0.
    assert.equal(s10CheckDigit('70000000'), 0);
    // Σ = 0; 11 − 0 = 11 → 5.
    assert.equal(s10CheckDigit('00000000'), 5);
  });

  it('refuses a serial that is not 8 digits', () => {
    assert.throws(() => s10CheckDigit('1234567'), IdentifierError);
    assert.throws(() => s10CheckDigit('1234567A'), IdentifierError);
  });
});

describe('validateS10', () => {
  it('accepts RR123456785VN and the Royal Mail example RA473124829GB', () => {
    const result = validateS10('RR123456785VN');
    assert.ok(result.ok);
    assert.deepEqual(result.value, {
      value: 'RR123456785VN',
      service: 'RR',
      serviceKind: 'registered',
      serial: '12345678',
      checkDigit: 5,
      country: 'VN',
    });
    assert.equal(codeOf('RA473124829GB'), 'OK');
  });

  it('accepts lower case and spaces as printed on labels', () => {
    const result = validateS10(' rr 123 456 785 vn ');
    assert.ok(result.ok);
    assert.equal(result.value.value, 'RR123456785VN');
  });

  it('tells the service from the first letter', () => {
    const kind = (value: string) => {
      const result = validateS10(value);
      return result.ok ? result.value.serviceKind : 'invalid';
    };
    assert.equal(kind(formatS10({ service: 'EA', serial: 1, country: 'VN' })), 'ems');
    assert.equal(kind(formatS10({ service: 'CP', serial: 1, country: 'VN' })), 'parcel');
    assert.equal(kind(formatS10({ service: 'LA', serial: 1, country: 'VN' })), 'tracked_letter');
    assert.equal(kind(formatS10({ service: 'VV', serial: 1, country: 'VN' })), 'insured_letter');
    assert.equal(kind(formatS10({ service: 'UA', serial: 1, country: 'VN' })), 'other');
  });

  it('fails when the check digit of RR123456785VN is changed', () => {
    for (let digit = 0; digit <= 9; digit++) {
      if (digit === 5) continue;
      assert.equal(codeOf(`RR12345678${digit}VN`), 'INVALID_CHECK_DIGIT');
    }
  });

  it('fails for a changed serial digit of RR123456785VN except the 7 that the standard cannot catch', () => {
    // Check digit 5 stands for both Σ mod 11 = 6 and Σ mod 11 = 0 (11 → 5), so a change that moves Σ
    // from residue 6 to residue 0 keeps the same check digit. E.g. RR323456785VN: Σ = 220 ≡ 0 → 5.
    const undetectable = [
      'RR323456785VN',
      'RR113456785VN',
      'RR127456785VN',
      'RR123156785VN',
      'RR123436785VN',
      'RR123457785VN',
      'RR123456745VN',
    ];
    const valid = 'RR123456785VN';
    for (let position = 2; position <= 9; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === valid[position]) continue;
        const changed = valid.slice(0, position) + digit + valid.slice(position + 1);
        assert.equal(codeOf(changed), undetectable.includes(changed) ? 'OK' : 'INVALID_CHECK_DIGIT', changed);
      }
    }
  });

  it('explains each kind of mistake', () => {
    assert.equal(codeOf('R1123456785VN'), 'INVALID_SERVICE_INDICATOR');
    assert.equal(codeOf('RR12345A785VN'), 'INVALID_SERIAL');
    assert.equal(codeOf('RR12345678XVN'), 'INVALID_CHECK_DIGIT');
    assert.equal(codeOf('RR1234567850N'), 'INVALID_COUNTRY_CODE');
    assert.equal(codeOf('RR12345678VN'), 'INVALID_SHAPE');
    assert.equal(codeOf(''), 'EMPTY');
    const wrong = validateS10('RR123456784VN');
    assert.ok(!wrong.ok);
    assert.match(wrong.reason.vi, /phải là 5, không phải 4/);
    assert.match(wrong.reason.en, /needs 5, not 4/);
  });

  it('detects every single-digit substitution and adjacent transposition when the check digit is not 5 (property)', () => {
    const serials = fc
      .integer({ min: 0, max: 99_999_999 })
      .filter((serial) => s10CheckDigit(String(serial).padStart(8, '0')) !== 5);
    fc.assert(
      fc.property(serials, fc.integer({ min: 2, max: 10 }), (serial, position) => {
        const valid = formatS10({ service: 'EE', serial, country: 'VN' });
        assert.equal(codeOf(valid), 'OK');
        const digit = Number(valid[position]);
        const substituted = `${valid.slice(0, position)}${(digit + 1) % 10}${valid.slice(position + 1)}`;
        assert.equal(codeOf(substituted), 'INVALID_CHECK_DIGIT');
        if (position < 9 && valid[position] !== valid[position + 1]) {
          const swapped =
            valid.slice(0, position) + valid[position + 1] + valid[position] + valid.slice(position + 2);
          assert.equal(codeOf(swapped), 'INVALID_CHECK_DIGIT', swapped);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatS10', () => {
  it('pads the serial and appends the check digit', () => {
    assert.equal(formatS10({ service: 'EA', serial: 1, country: 'VN' }), 'EA000000014VN');
    assert.equal(formatS10({ service: 'rr', serial: 12_345_678, country: 'vn' }), 'RR123456785VN');
    assert.equal(formatS10({ service: 'CP', serial: 99_999_999, country: 'VN' }), 'CP999999995VN');
  });

  it('refuses bad parts', () => {
    assert.throws(() => formatS10({ service: 'E', serial: 1, country: 'VN' }), IdentifierError);
    assert.throws(() => formatS10({ service: 'EA', serial: 100_000_000, country: 'VN' }), IdentifierError);
    assert.throws(() => formatS10({ service: 'EA', serial: -1, country: 'VN' }), IdentifierError);
    assert.throws(() => formatS10({ service: 'EA', serial: 1, country: 'VNM' }), IdentifierError);
  });
});
