import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compareNames, compareVietnamese, initials, nfc, searchKey, splitName } from '../src/text/index.ts';

const NFD = (text: string) => text.normalize('NFD');

describe('nfc and searchKey', () => {
  it('composes decomposed input so it equals what was stored', () => {
    assert.notEqual(NFD('Nguyễn'), 'Nguyễn');
    assert.equal(nfc(NFD('Nguyễn')), 'Nguyễn');
    assert.equal(nfc(NFD('Nguyễn')).length, 6);
  });

  it('strips tones and letter marks, maps đ to d, lower-cases and collapses spaces', () => {
    assert.equal(searchKey('  Nguyễn   Thị ÁNH '), 'nguyen thi anh');
    assert.equal(searchKey('Đặng Văn Đức'), 'dang van duc');
    assert.equal(searchKey(NFD('Trần Thị Ngọc Hân')), 'tran thi ngoc han');
    assert.equal(searchKey('Bù Đốp\tBình Phước'), 'bu dop binh phuoc');
    assert.equal(searchKey('Thừa Thiên Huế'), searchKey('THUA THIEN HUE'));
  });

  it('makes NFC and NFD spellings of a name meet (property)', () => {
    const syllables = fc.constantFrom(
      'Nguyễn',
      'Thị',
      'Ánh',
      'Đặng',
      'Văn',
      'Đức',
      'Ngọc',
      'Hân',
      'Lê',
      'Tám',
      'Ưng',
    );
    fc.assert(
      fc.property(fc.array(syllables, { minLength: 1, maxLength: 5 }), (words) => {
        const name = words.join(' ');
        assert.equal(searchKey(NFD(name)), searchKey(name));
        assert.match(searchKey(name), /^[a-z ]+$/);
      }),
    );
  });
});

describe('compareVietnamese', () => {
  const sorted = (items: string[]) => [...items].sort(compareVietnamese);

  it('puts ă and â after a, đ after d, ê after e, ô and ơ after o, ư after u', () => {
    assert.deepEqual(sorted(['ân', 'an', 'ăn']), ['an', 'ăn', 'ân']);
    assert.deepEqual(sorted(['đa', 'dù', 'da']), ['da', 'dù', 'đa']);
    assert.deepEqual(sorted(['ơn', 'ốc', 'ong']), ['ong', 'ốc', 'ơn']);
    assert.deepEqual(sorted(['ưa', 'uống', 'vui']), ['uống', 'ưa', 'vui']);
    assert.deepEqual(sorted(['Ê-đê', 'em', 'Gia Lai']), ['em', 'Ê-đê', 'Gia Lai']);
  });

  it('orders tones: ngang, huyền, sắc, hỏi, ngã, nặng', () => {
    assert.deepEqual(sorted(['mạ', 'mã', 'mả', 'má', 'mà', 'ma']), ['ma', 'mà', 'má', 'mả', 'mã', 'mạ']);
  });

  it('compares syllable by syllable, letters before tone', () => {
    assert.ok(compareVietnamese('má', 'mác') < 0);
    assert.ok(compareVietnamese('mạ', 'mác') < 0);
    assert.ok(compareVietnamese('ma túy', 'mà cả') < 0);
    assert.ok(compareVietnamese('Bình Long', 'Bình Phước') < 0);
    assert.ok(compareVietnamese('Bù Đăng', 'Bù Đốp') < 0);
    assert.ok(compareVietnamese('Bù Đốp', 'Bù Gia Mập') < 0);
  });

  it('sorts the districts of Bình Phước as a Vietnamese reader expects', () => {
    const districts = [
      'Phước Long',
      'Đồng Xoài',
      'Bình Long',
      'Bù Gia Mập',
      'Lộc Ninh',
      'Bù Đốp',
      'Hớn Quản',
      'Đồng Phú',
      'Bù Đăng',
      'Chơn Thành',
      'Phú Riềng',
    ];
    assert.deepEqual(sorted(districts), [
      'Bình Long',
      'Bù Đăng',
      'Bù Đốp',
      'Bù Gia Mập',
      'Chơn Thành',
      'Đồng Phú',
      'Đồng Xoài',
      'Hớn Quản',
      'Lộc Ninh',
      'Phú Riềng',
      'Phước Long',
    ]);
  });

  it('treats NFC and NFD alike, and is a consistent total order (property)', () => {
    const word = fc.constantFrom(
      'a',
      'à',
      'ă',
      'ẳ',
      'â',
      'ấ',
      'd',
      'đ',
      'e',
      'ê',
      'o',
      'ô',
      'ơ',
      'ợ',
      'u',
      'ư',
      'ừ',
      'A',
      'Đ',
      'y',
      'ỹ',
      'ma',
      'mà',
      '1',
    );
    const text = fc.array(word, { minLength: 0, maxLength: 4 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        assert.equal(compareVietnamese(NFD(a), b), compareVietnamese(a, b));
        assert.equal(Math.sign(compareVietnamese(a, b)), 0 - Math.sign(compareVietnamese(b, a)) || 0);
        assert.equal(compareVietnamese(a, b) === 0, a === b);
        if (compareVietnamese(a, b) <= 0 && compareVietnamese(b, c) <= 0)
          assert.ok(compareVietnamese(a, c) <= 0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('names', () => {
  it('splits family, middle and given names', () => {
    assert.deepEqual(splitName('Nguyễn Thị Ánh'), { family: 'Nguyễn', middle: 'Thị', given: 'Ánh' });
    assert.deepEqual(splitName('Trần Thị Ngọc Hân'), { family: 'Trần', middle: 'Thị Ngọc', given: 'Hân' });
    assert.deepEqual(splitName('  Lê   Văn Tám '), { family: 'Lê', middle: 'Văn', given: 'Tám' });
    assert.deepEqual(splitName('Lê Tám'), { family: 'Lê', middle: '', given: 'Tám' });
    assert.deepEqual(splitName('Tám'), { family: '', middle: '', given: 'Tám' });
    assert.deepEqual(splitName('   '), { family: '', middle: '', given: '' });
  });

  it('keeps the known compound family names whole, unless told otherwise', () => {
    assert.deepEqual(splitName('Tôn Nữ Thị Hà'), { family: 'Tôn Nữ', middle: 'Thị', given: 'Hà' });
    assert.deepEqual(splitName('Tôn Thất Thuyết'), { family: 'Tôn Thất', middle: '', given: 'Thuyết' });
    assert.deepEqual(splitName('Công Tằng Tôn Nữ Thị Bá'), {
      family: 'Công Tằng Tôn Nữ',
      middle: 'Thị',
      given: 'Bá',
    });
    assert.deepEqual(splitName('Tôn Thất', {}), { family: 'Tôn', middle: '', given: 'Thất' });
    assert.deepEqual(splitName('Tôn Nữ Thị Hà', { compoundFamilyNames: [] }), {
      family: 'Tôn',
      middle: 'Nữ Thị',
      given: 'Hà',
    });
  });

  it('returns NFC parts for decomposed input', () => {
    const parts = splitName(NFD('Đặng Văn Đức'));
    assert.equal(parts.given, 'Đức');
    assert.equal(parts.family, 'Đặng');
  });

  it('sorts people by given name, then by family and middle name', () => {
    const people = [
      'Trần Thị Ngọc Hân',
      'Lê Văn Tám',
      'Nguyễn Thị Ánh',
      'Đặng Văn Đức',
      'Nguyễn Văn An',
      'Lê Thị Ánh',
      'Bùi Ngọc Ân',
    ];
    assert.deepEqual([...people].sort(compareNames), [
      'Nguyễn Văn An',
      'Lê Thị Ánh',
      'Nguyễn Thị Ánh',
      'Bùi Ngọc Ân',
      'Đặng Văn Đức',
      'Trần Thị Ngọc Hân',
      'Lê Văn Tám',
    ]);
  });

  it('gives initials with dots, keeping Đ, Â, Ư but not tones', () => {
    assert.equal(initials('Đặng Văn Đức'), 'Đ.V.Đ.');
    assert.equal(initials('Nguyễn Thị Ánh'), 'N.T.A.');
    assert.equal(initials('Trần Thị Ngọc Hân'), 'T.T.N.H.');
    assert.equal(initials('lê văn tám'), 'L.V.T.');
    assert.equal(initials('Ưng Ẩn'), 'Ư.Â.');
    assert.equal(initials(NFD('Đặng Văn Đức')), 'Đ.V.Đ.');
    assert.equal(initials(''), '');
  });

  it('reveals no more than one letter per word (property)', () => {
    const name = fc.array(fc.constantFrom('Nguyễn', 'Thị', 'Ánh', 'Đặng', 'Văn', 'Đức', 'Hân', 'Ưng'), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(name, (words) => {
        const result = initials(words.join(' '));
        assert.equal(result, result.normalize('NFC'));
        assert.equal([...result].length, words.length * 2);
      }),
    );
  });
});

describe('source files', () => {
  it('store every Vietnamese string in NFC', () => {
    const root = new URL('../src/', import.meta.url).pathname;
    for (const folder of ['identifiers', 'money', 'text']) {
      for (const file of readdirSync(join(root, folder))) {
        const content = readFileSync(join(root, folder, file), 'utf8');
        assert.equal(content, content.normalize('NFC'), `${folder}/${file}`);
      }
    }
    const self = readFileSync(new URL(import.meta.url).pathname, 'utf8');
    assert.equal(self, self.normalize('NFC'));
  });
});
