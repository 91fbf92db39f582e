import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addVnd,
  allocate,
  assertVnd,
  formatVnd,
  isVnd,
  MoneyError,
  multiplyVnd,
  parseVnd,
  subtractVnd,
  sumVnd,
} from '../src/money/index.ts';

function moneyError(code: string) {
  return (error: unknown) => error instanceof MoneyError && error.code === code && error.messageEn.length > 0;
}

describe('formatVnd', () => {
  it('groups thousands with dots and puts ₫ after a normal space', () => {
    assert.equal(formatVnd(1_250_000), '1.250.000 ₫');
    assert.equal(formatVnd(0), '0 ₫');
    assert.equal(formatVnd(999), '999 ₫');
    assert.equal(formatVnd(1000), '1.000 ₫');
    assert.equal(formatVnd(-50_000), '-50.000 ₫');
  });

  it('prints bigint amounts beyond the safe range', () => {
    assert.equal(formatVnd(10n ** 18n), '1.000.000.000.000.000.000 ₫');
  });

  it('takes another symbol, none, or a non-breaking space', () => {
    assert.equal(formatVnd(1_250_000, { symbol: '' }), '1.250.000');
    assert.equal(formatVnd(1_250_000, { symbol: 'đồng' }), '1.250.000 đồng');
    assert.equal(formatVnd(1_250_000, { space: '\u00a0' }), '1.250.000\u00a0₫');
  });

  it('refuses a fractional amount', () => {
    assert.throws(() => formatVnd(12.5), moneyError('NOT_AN_INTEGER'));
  });
});

describe('parseVnd', () => {
  it('reads the ways people type amounts', () => {
    assert.equal(parseVnd('1.250.000'), 1_250_000);
    assert.equal(parseVnd('1.250.000 ₫'), 1_250_000);
    assert.equal(parseVnd('1250000đ'), 1_250_000);
    assert.equal(parseVnd(' 1 250 000 VND '), 1_250_000);
    assert.equal(parseVnd('50.000 đồng'), 50_000);
    assert.equal(parseVnd('-50.000'), -50_000);
    assert.equal(parseVnd('0'), 0);
  });

  it('refuses decimals, misplaced dots and empty input', () => {
    assert.throws(() => parseVnd('1.250,50'), moneyError('UNPARSEABLE'));
    assert.throws(() => parseVnd('1,250,000'), moneyError('UNPARSEABLE'));
    assert.throws(() => parseVnd('1.25.000'), moneyError('UNPARSEABLE'));
    assert.throws(() => parseVnd('12.50'), moneyError('UNPARSEABLE'));
    assert.throws(() => parseVnd('₫'), moneyError('UNPARSEABLE'));
    assert.throws(() => parseVnd('một triệu'), moneyError('UNPARSEABLE'));
  });

  it('refuses amounts beyond the safe integer range', () => {
    assert.throws(() => parseVnd('9.007.199.254.740.992'), moneyError('UNSAFE_INTEGER'));
    assert.equal(parseVnd('9.007.199.254.740.991'), Number.MAX_SAFE_INTEGER);
  });

  it('gives back what formatVnd printed (property)', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (amount) => {
        assert.equal(parseVnd(formatVnd(amount)), amount);
        assert.equal(parseVnd(formatVnd(amount, { symbol: '' })), amount);
      }),
    );
  });
});

describe('integer đồng arithmetic', () => {
  it('accepts safe integers only', () => {
    assert.equal(isVnd(1_000), true);
    assert.equal(isVnd(1.5), false);
    assert.equal(isVnd(Number.NaN), false);
    assert.equal(isVnd(Number.MAX_SAFE_INTEGER + 1), false);
    assert.equal(isVnd('1000'), false);
    assert.equal(assertVnd(-3), -3);
    assert.throws(() => assertVnd(Number.NaN), moneyError('NOT_AN_INTEGER'));
    assert.throws(() => assertVnd(2 ** 60), moneyError('UNSAFE_INTEGER'));
  });

  it('sums a receipt exactly and refuses a total that would lose precision', () => {
    assert.equal(sumVnd([]), 0);
    assert.equal(sumVnd([150_000, 35_000, 1_000_000]), 1_185_000);
    assert.equal(addVnd(Number.MAX_SAFE_INTEGER - 1, 1), Number.MAX_SAFE_INTEGER);
    assert.throws(() => addVnd(Number.MAX_SAFE_INTEGER, 1), moneyError('UNSAFE_INTEGER'));
    assert.throws(() => sumVnd([1, 0.5]), moneyError('NOT_AN_INTEGER'));
    assert.equal(subtractVnd(50_000, 75_000), -25_000);
    assert.equal(multiplyVnd(35_000, 3), 105_000);
    assert.throws(() => multiplyVnd(35_000, 1.5), moneyError('NOT_AN_INTEGER'));
  });
});

describe('allocate', () => {
  it('splits 100 đồng in three without losing one, the extra going to the first line', () => {
    assert.deepEqual(allocate(100, [1, 1, 1]), [34, 33, 33]);
    assert.deepEqual(allocate(-100, [1, 1, 1]), [-34, -33, -33]);
  });

  it('gives the left-over đồng to the largest remainders', () => {
    // Exact shares 14.2857…, 28.5714…, 57.1428…: remainders .29, .57, .14.
    assert.deepEqual(allocate(100, [1, 2, 4]), [14, 29, 57]);
  });

  it('reads fractional weights as the decimals typed', () => {
    assert.deepEqual(allocate(10, [0.1, 0.2, 0.7]), [1, 2, 7]);
    assert.deepEqual(allocate(1_000_000, [0.3, 0.3, 0.4]), [300_000, 300_000, 400_000]);
  });

  it('gives zero-weight lines nothing and handles a zero total', () => {
    assert.deepEqual(allocate(1_000, [0, 1, 0]), [0, 1_000, 0]);
    assert.deepEqual(allocate(0, [1, 2]), [0, 0]);
  });

  it('refuses no weights, negative weights and weights adding up to zero', () => {
    assert.throws(() => allocate(100, []), moneyError('INVALID_WEIGHTS'));
    assert.throws(() => allocate(100, [1, -1]), moneyError('INVALID_WEIGHTS'));
    assert.throws(() => allocate(100, [0, 0]), moneyError('INVALID_WEIGHTS'));
    assert.throws(() => allocate(100, [Number.NaN]), moneyError('INVALID_WEIGHTS'));
    assert.throws(() => allocate(100.5, [1]), moneyError('NOT_AN_INTEGER'));
  });

  it('sums to the total with every part within 1 đồng of its exact share (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 })
          .filter((weights) => weights.some((weight) => weight > 0)),
        (total, weights) => {
          const parts = allocate(total, weights);
          assert.equal(parts.length, weights.length);
          assert.equal(sumVnd(parts), total);
          const weightSum = BigInt(weights.reduce((sum, weight) => sum + weight, 0));
          parts.forEach((part, index) => {
            assert.ok(Number.isSafeInteger(part));
            // |part − total·w/W| < 1  ⇔  |part·W − total·w| < W
            const gap = BigInt(part) * weightSum - BigInt(total) * BigInt(weights[index]!);
            assert.ok((gap < 0n ? -gap : gap) < weightSum, `part ${index} = ${part}`);
          });
          assert.deepEqual(allocate(total, weights), parts);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
