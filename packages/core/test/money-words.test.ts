import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { amountInWords, MoneyError, numberInWords } from '../src/money/index.ts';

// Each row checked by hand against the receipt convention documented in src/money/words.ts.
const GOLDEN: ReadonlyArray<readonly [number | bigint, string]> = [
  [0, 'Không đồng'],
  [1, 'Một đồng'],
  [5, 'Năm đồng'],
  [10, 'Mười đồng'],
  [11, 'Mười một đồng'],
  [14, 'Mười bốn đồng'],
  [15, 'Mười lăm đồng'],
  [19, 'Mười chín đồng'],
  [20, 'Hai mươi đồng'],
  [21, 'Hai mươi mốt đồng'],
  [24, 'Hai mươi tư đồng'],
  [25, 'Hai mươi lăm đồng'],
  [31, 'Ba mươi mốt đồng'],
  [44, 'Bốn mươi tư đồng'],
  [55, 'Năm mươi lăm đồng'],
  [71, 'Bảy mươi mốt đồng'],
  [99, 'Chín mươi chín đồng'],
  [100, 'Một trăm đồng'],
  [101, 'Một trăm linh một đồng'],
  [104, 'Một trăm linh bốn đồng'],
  [105, 'Một trăm linh năm đồng'],
  [110, 'Một trăm mười đồng'],
  [111, 'Một trăm mười một đồng'],
  [115, 'Một trăm mười lăm đồng'],
  [121, 'Một trăm hai mươi mốt đồng'],
  [205, 'Hai trăm linh năm đồng'],
  [999, 'Chín trăm chín mươi chín đồng'],
  [1000, 'Một nghìn đồng'],
  [1001, 'Một nghìn không trăm linh một đồng'],
  [1005, 'Một nghìn không trăm linh năm đồng'],
  [1010, 'Một nghìn không trăm mười đồng'],
  [1015, 'Một nghìn không trăm mười lăm đồng'],
  [1021, 'Một nghìn không trăm hai mươi mốt đồng'],
  [1100, 'Một nghìn một trăm đồng'],
  [1975, 'Một nghìn chín trăm bảy mươi lăm đồng'],
  [2000, 'Hai nghìn đồng'],
  [2024, 'Hai nghìn không trăm hai mươi tư đồng'],
  [2500, 'Hai nghìn năm trăm đồng'],
  [10_000, 'Mười nghìn đồng'],
  [11_000, 'Mười một nghìn đồng'],
  [12_345, 'Mười hai nghìn ba trăm bốn mươi lăm đồng'],
  [15_000, 'Mười lăm nghìn đồng'],
  [21_000, 'Hai mươi mốt nghìn đồng'],
  [24_000, 'Hai mươi tư nghìn đồng'],
  [30_000, 'Ba mươi nghìn đồng'],
  [50_000, 'Năm mươi nghìn đồng'],
  [100_000, 'Một trăm nghìn đồng'],
  [105_000, 'Một trăm linh năm nghìn đồng'],
  [250_000, 'Hai trăm năm mươi nghìn đồng'],
  [1_000_000, 'Một triệu đồng'],
  [1_000_005, 'Một triệu không trăm linh năm đồng'],
  [1_000_050, 'Một triệu không trăm năm mươi đồng'],
  [1_005_000, 'Một triệu không trăm linh năm nghìn đồng'],
  [1_050_000, 'Một triệu không trăm năm mươi nghìn đồng'],
  [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
  [1_500_000, 'Một triệu năm trăm nghìn đồng'],
  [10_000_000, 'Mười triệu đồng'],
  [15_500_000, 'Mười lăm triệu năm trăm nghìn đồng'],
  [21_000_000, 'Hai mươi mốt triệu đồng'],
  [101_000_000, 'Một trăm linh một triệu đồng'],
  [1_000_000_000, 'Một tỷ đồng'],
  [1_000_000_001, 'Một tỷ không trăm linh một đồng'],
  [1_000_001_000, 'Một tỷ không trăm linh một nghìn đồng'],
  [1_001_000_000, 'Một tỷ không trăm linh một triệu đồng'],
  [1_234_567_890, 'Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi đồng'],
  [10_000_000_000, 'Mười tỷ đồng'],
  [25_000_000_000, 'Hai mươi lăm tỷ đồng'],
  [100_000_000_000, 'Một trăm tỷ đồng'],
  [1_000_000_000_000, 'Một nghìn tỷ đồng'],
  [1_000_000_000_005, 'Một nghìn tỷ không trăm linh năm đồng'],
  [1_000_001_000_000, 'Một nghìn tỷ không trăm linh một triệu đồng'],
  [1_005_000_000_000, 'Một nghìn không trăm linh năm tỷ đồng'],
  [1_000_000_000_000_000, 'Một triệu tỷ đồng'],
  [
    999_999_999_999_999,
    'Chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng',
  ],
  [10n ** 18n, 'Một tỷ tỷ đồng'],
  [-1, 'Âm một đồng'],
  [-1_005_000, 'Âm một triệu không trăm linh năm nghìn đồng'],
];

/** An independent reader of the words, used as an oracle: words → number. */
function readWords(words: string): bigint {
  const tokens = words.toLowerCase().split(' ');
  let sign = 1n;
  if (tokens[0] === 'âm') {
    sign = -1n;
    tokens.shift();
  }
  const digitValue: Record<string, bigint> = {
    không: 0n,
    một: 1n,
    mốt: 1n,
    hai: 2n,
    ba: 3n,
    bốn: 4n,
    tư: 4n,
    năm: 5n,
    lăm: 5n,
    sáu: 6n,
    bảy: 7n,
    tám: 8n,
    chín: 9n,
  };
  let total = 0n;
  let section = 0n;
  let current = 0n;
  let lastDigit = 0n;
  for (const token of tokens) {
    if (token === 'đồng' || token === 'linh' || token === 'lẻ') continue;
    const digit = digitValue[token];
    if (digit !== undefined) {
      current += digit;
      lastDigit = digit;
    } else if (token === 'mười') current += 10n;
    else if (token === 'mươi') current += lastDigit * 9n;
    else if (token === 'trăm') current += lastDigit * 99n;
    else if (token === 'nghìn' || token === 'ngàn') {
      section += current * 1000n;
      current = 0n;
    } else if (token === 'triệu') {
      section += current * 1_000_000n;
      current = 0n;
    } else if (token === 'tỷ') {
      total = (total + section + current) * 1_000_000_000n;
      section = 0n;
      current = 0n;
    } else throw new Error(`unknown word ${token}`);
  }
  return sign * (total + section + current);
}

describe('amountInWords', () => {
  for (const [amount, words] of GOLDEN) {
    it(`reads ${amount} as "${words}"`, () => {
      assert.equal(amountInWords(amount), words);
    });
  }

  it('has a golden table of at least 60 numbers whose words the independent reader gives back', () => {
    assert.ok(GOLDEN.length >= 60);
    for (const [amount, words] of GOLDEN) assert.equal(readWords(words), BigInt(amount), words);
  });

  it('offers lẻ, ngàn, bốn and tỉ as options', () => {
    assert.equal(amountInWords(104, { zeroTens: 'lẻ' }), 'Một trăm lẻ bốn đồng');
    assert.equal(amountInWords(1_005_000, { zeroTens: 'lẻ' }), 'Một triệu không trăm lẻ năm nghìn đồng');
    assert.equal(amountInWords(24_000, { four: 'bốn', thousand: 'ngàn' }), 'Hai mươi bốn ngàn đồng');
    assert.equal(amountInWords(14, { four: 'tư' }), 'Mười bốn đồng');
    assert.equal(amountInWords(3_000_000_000, { billion: 'tỉ' }), 'Ba tỉ đồng');
  });

  it('can leave out the unit and the capital letter', () => {
    assert.equal(amountInWords(21, { unit: '', capitalize: false }), 'hai mươi mốt');
    assert.equal(amountInWords(21, { unit: 'đồng chẵn' }), 'Hai mươi mốt đồng chẵn');
    assert.equal(numberInWords(1_250_000), 'một triệu hai trăm năm mươi nghìn');
  });

  it('refuses non-integers, NaN and unsafe numbers with a MoneyError', () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) {
      assert.throws(
        () => amountInWords(bad),
        (error: unknown) => error instanceof MoneyError && error.messageEn.length > 0,
      );
    }
  });

  const amounts = fc.oneof(
    fc.integer({ min: 0, max: 10_000 }),
    fc.integer({ min: 0, max: 1_000_000_000 }),
    fc.bigInt({ min: 0n, max: 10n ** 15n }).map(Number),
  );

  it('reads back to the same number for every amount up to 10^15 (property)', () => {
    fc.assert(
      fc.property(amounts, fc.boolean(), (amount, negative) => {
        const value = negative ? -amount : amount;
        assert.equal(readWords(amountInWords(value)), BigInt(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives non-empty NFC words, capitalised, ending in đồng, different for n and n + 1 (property)', () => {
    fc.assert(
      fc.property(amounts, (amount) => {
        const words = amountInWords(amount);
        assert.ok(words.length > 0);
        assert.equal(words, words.normalize('NFC'));
        assert.equal(words[0], words[0]!.toUpperCase());
        assert.ok(words.endsWith(' đồng'));
        assert.notEqual(words, amountInWords(amount + 1));
      }),
      { numRuns: 2000 },
    );
  });

  it('never says "một mươi", "mười mốt", "linh mốt" or "linh lăm", and "linh" only after "trăm" (property)', () => {
    fc.assert(
      fc.property(amounts, (amount) => {
        const words = numberInWords(amount);
        for (const wrong of [
          'một mươi',
          'mười mốt',
          'mười tư',
          'linh mốt',
          'linh lăm',
          'linh tư',
          'không mươi',
        ]) {
          assert.ok(!words.includes(wrong), `${amount}: ${words}`);
        }
        assert.ok(!/(^| )lăm/.test(words.replace(/(mười|mươi) lăm/g, '')), `${amount}: ${words}`);
        assert.ok(!words.replace(/trăm linh/g, '').includes('linh'), `${amount}: ${words}`);
      }),
      { numRuns: 2000 },
    );
  });
});
