import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  formatDossierCode,
  IdentifierError,
  parseDossierCode,
  validateAgencyCode,
  validateDossierCode,
} from '../src/identifiers/index.ts';

function identifierError(code: string) {
  return (error: unknown) =>
    error instanceof IdentifierError &&
    error.code === code &&
    error.message.length > 0 &&
    error.messageEn.length > 0;
}

function reasonOf(value: string) {
  const result = validateDossierCode(value);
  assert.equal(result.ok, false, `${value} should be invalid`);
  return result.ok ? { code: '', vi: '', en: '' } : { code: result.code, ...result.reason };
}

describe('formatDossierCode', () => {
  it('builds agency-date-sequence with a 4-digit sequence', () => {
    assert.equal(
      formatDossierCode({ agencyCode: '000.00.21.H70', date: '2025-06-30', sequence: 1 }),
      '000.00.21.H70-250630-0001',
    );
    assert.equal(
      formatDossierCode({ agencyCode: '000.00.00.H70', date: '2019-01-02', sequence: 9999 }),
      '000.00.00.H70-190102-9999',
    );
  });

  it('upper-cases a lower-case agency code', () => {
    assert.equal(
      formatDossierCode({ agencyCode: '000.20.21.h70', date: '2026-02-17', sequence: 42 }),
      '000.20.21.H70-260217-0042',
    );
  });

  it('refuses the 10,000th dossier of a day and a sequence below 1 with SEQUENCE_EXHAUSTED', () => {
    const input = { agencyCode: '000.00.21.H70', date: '2025-06-30' };
    assert.throws(
      () => formatDossierCode({ ...input, sequence: 10_000 }),
      identifierError('SEQUENCE_EXHAUSTED'),
    );
    assert.throws(() => formatDossierCode({ ...input, sequence: 0 }), identifierError('SEQUENCE_EXHAUSTED'));
    assert.throws(() => formatDossierCode({ ...input, sequence: -1 }), identifierError('SEQUENCE_EXHAUSTED'));
    assert.throws(() => formatDossierCode({ ...input, sequence: 1.5 }), identifierError('INVALID_SEQUENCE'));
  });

  it('says in Vietnamese and English why the sequence is exhausted', () => {
    try {
      formatDossierCode({ agencyCode: '000.00.21.H70', date: '2025-06-30', sequence: 10_000 });
      assert.fail('should throw');
    } catch (error) {
      assert.ok(error instanceof IdentifierError);
      assert.match(error.message, /0001–9999/);
      assert.match(error.messageEn, /cannot issue more codes on 2025-06-30/);
    }
  });

  it('refuses an impossible date or a bad agency code', () => {
    const agencyCode = '000.00.21.H70';
    assert.throws(
      () => formatDossierCode({ agencyCode, date: '2025-02-29', sequence: 1 }),
      identifierError('INVALID_DATE'),
    );
    assert.throws(
      () => formatDossierCode({ agencyCode, date: '30/06/2025', sequence: 1 }),
      identifierError('INVALID_DATE'),
    );
    assert.throws(
      () => formatDossierCode({ agencyCode, date: '2100-01-01', sequence: 1 }),
      identifierError('INVALID_DATE'),
    );
    assert.throws(
      () => formatDossierCode({ agencyCode: 'H70', date: '2025-06-30', sequence: 1 }),
      identifierError('INVALID_AGENCY_CODE'),
    );
  });

  it('accepts 29 February of a leap year', () => {
    assert.equal(
      formatDossierCode({ agencyCode: '000.00.21.H70', date: '2024-02-29', sequence: 7 }),
      '000.00.21.H70-240229-0007',
    );
  });
});

describe('parseDossierCode and validateDossierCode', () => {
  it('parses the parts of a code', () => {
    const parsed = parseDossierCode('000.20.21.H70-250630-0123');
    assert.equal(parsed.agencyCode, '000.20.21.H70');
    assert.equal(parsed.date, '2025-06-30');
    assert.equal(parsed.sequence, 123);
    assert.deepEqual(parsed.agency, {
      code: '000.20.21.H70',
      level1: 'H70',
      level2: '21',
      level3: '20',
      level4: '000',
      depth: 3,
    });
  });

  it('normalises lower case and surrounding spaces', () => {
    assert.equal(parseDossierCode('  000.00.21.h70-250630-0001 ').code, '000.00.21.H70-250630-0001');
  });

  it('explains a missing part', () => {
    const reason = reasonOf('000.00.21.H70-250630');
    assert.equal(reason.code, 'INVALID_SHAPE');
    assert.match(reason.vi, /3 phần/);
    assert.match(reason.en, /found 2/);
  });

  it('explains a level-1 code that is not a letter and two digits', () => {
    const reason = reasonOf('000.00.21.70-250630-0001');
    assert.equal(reason.code, 'INVALID_AGENCY_CODE');
    assert.match(reason.vi, /Mã cấp 1 "70" phải gồm một chữ cái và 2 chữ số/);
    assert.match(reason.en, /level-1 code "70" must be a letter followed by 2 digits/);
    assert.equal(reasonOf('000.00.21.HH0-250630-0001').code, 'INVALID_AGENCY_CODE');
  });

  it('explains wrong lengths of the lower levels', () => {
    assert.match(reasonOf('000.00.2.H70-250630-0001').en, /level-2 code "2" must be exactly 2 digits/);
    assert.match(reasonOf('000.0A.21.H70-250630-0001').en, /level-3 code "0A"/);
    assert.match(reasonOf('00.00.21.H70-250630-0001').en, /level-4 code "00" must be exactly 3 digits/);
    assert.match(reasonOf('00.21.H70-250630-0001').en, /4 dot-separated parts/);
  });

  it('explains an impossible date', () => {
    const reason = reasonOf('000.00.21.H70-250230-0001');
    assert.equal(reason.code, 'INVALID_DATE');
    assert.match(reason.vi, /ngày 30, tháng 2, năm 2025/);
    assert.equal(reasonOf('000.00.21.H70-251301-0001').code, 'INVALID_DATE');
    assert.equal(reasonOf('000.00.21.H70-2506-0001').code, 'INVALID_DATE');
    assert.equal(reasonOf('000.00.21.H70-230229-0001').code, 'INVALID_DATE');
  });

  it('explains sequence 0000 and a wrong sequence length', () => {
    const reason = reasonOf('000.00.21.H70-250630-0000');
    assert.equal(reason.code, 'INVALID_SEQUENCE');
    assert.match(reason.vi, /bắt đầu từ 0001/);
    assert.match(reasonOf('000.00.21.H70-250630-12345').en, /exactly 4 digits/);
  });

  it('refuses a lower level used under an unused one', () => {
    assert.match(
      reasonOf('000.21.00.H70-250630-0001').en,
      /level-3 code "21" cannot exist under a level-2 code of 00/,
    );
    assert.match(
      reasonOf('001.00.21.H70-250630-0001').en,
      /level-4 code "001" cannot exist under a level-3 code of 00/,
    );
  });

  it('throws the reason from parseDossierCode', () => {
    assert.throws(() => parseDossierCode('000.00.21.H70-250630-0000'), identifierError('INVALID_SEQUENCE'));
    assert.throws(() => parseDossierCode(''), identifierError('EMPTY'));
  });

  it('round-trips every valid agency, date and sequence (property)', () => {
    const agency = fc
      .tuple(
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 99 }),
      )
      .map(
        ([v, z, y]) =>
          `${String(v).padStart(3, '0')}.${String(z).padStart(2, '0')}.${String(y).padStart(2, '0')}.H70`,
      );
    const date = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(agency, date, fc.integer({ min: 1, max: 9999 }), (agencyCode, day, sequence) => {
        const code = formatDossierCode({ agencyCode, date: day, sequence });
        assert.equal(code.length, 25);
        const parsed = parseDossierCode(code.toLowerCase());
        assert.deepEqual([parsed.agencyCode, parsed.date, parsed.sequence], [agencyCode, day, sequence]);
      }),
    );
  });
});

describe('validateAgencyCode', () => {
  it('accepts codes of each depth', () => {
    const depth = (code: string) => {
      const result = validateAgencyCode(code);
      return result.ok ? result.value.depth : 0;
    };
    assert.equal(depth('000.00.00.H70'), 1);
    assert.equal(depth('000.00.21.H70'), 2);
    assert.equal(depth('000.20.21.H70'), 3);
    assert.equal(depth('101.20.21.h70'), 4);
    assert.equal(depth('000.00.00.G22'), 1);
  });

  it('refuses an empty code and a code with a dossier date attached', () => {
    const empty = validateAgencyCode('  ');
    assert.equal(empty.ok ? '' : empty.code, 'EMPTY');
    const withDate = validateAgencyCode('000.00.21.H70-250630');
    assert.equal(withDate.ok, false);
  });
});
