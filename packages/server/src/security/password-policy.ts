import { createRequire } from 'node:module';
import { searchKey } from '@motcua/core';
import type { Bilingual } from '../errors.ts';

/** Fewer characters than this is refused outright. */
export const MIN_PASSWORD_LENGTH = 10;
/** A password needs at least this many different characters ("aaaaaaaaaa", ten spaces: one). */
const MIN_DISTINCT_CHARACTERS = 5;
/** What must remain of a password once the user's own names are taken out of it. */
const MIN_OTHER_THAN_NAMES = 6;

/**
 * Words of this service that a password must not be built on (NIST SP 800-63B §5.1.1.2 asks for
 * "context-specific words, such as the name of the service, the username, and derivatives thereof").
 */
const SERVICE_WORDS = [
  'motcua',
  'mot cua',
  'buudien',
  'buu dien',
  'vnpost',
  'vietnampost',
  'hanhchinhcong',
  'dichvucong',
  'binhphuoc',
  'matkhau',
  'password',
  'admin',
  'quantri',
];

let common: Set<string> | null = null;

/**
 * The common-password list: the 49,233 passwords of `@zxcvbn-ts/language-common` 4.1.3 (MIT; the
 * most frequent passwords of public breach corpora, most frequent first), plus the service's own
 * words, compared by their search key (lower case, no diacritics). Loaded on first use.
 */
function commonPasswords(): Set<string> {
  if (!common) {
    // Required on first use, not imported: decompressing the list takes a few hundred milliseconds
    // that every command of the CLI would otherwise pay at start.
    const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as {
      dictionary: Record<string, string[]>;
    };
    const list = dictionary['passwords-common'] ?? [];
    if (list.length < 10_000)
      throw new Error('the common-password list of @zxcvbn-ts/language-common did not load');
    common = new Set();
    for (const entry of [...list, ...SERVICE_WORDS]) {
      common.add(entry.toLowerCase());
      const key = compact(searchKey(entry));
      if (key.length >= 3) common.add(key);
    }
  }
  return common;
}

/** Letters and digits only, of a search key: "Nguyễn Thị Ánh" → "nguyenthianh". */
const compact = (key: string) => key.replace(/[^\p{L}\p{N}]/gu, '');

/** The user a new password is for: their own names must not make up the password. */
export interface PasswordOwner {
  username?: string | null;
  fullName?: string | null;
  email?: string | null;
}

const MESSAGES = {
  short: {
    vi: `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự`,
    en: `Password must have at least ${MIN_PASSWORD_LENGTH} characters`,
  },
  repetitive: {
    vi: `Mật khẩu lặp lại ký tự (như "aaaaaaaaaa", "abcabcabca" hoặc toàn dấu cách): cần ít nhất ${MIN_DISTINCT_CHARACTERS} ký tự khác nhau, không lặp một cụm`,
    en: `Password repeats characters (like "aaaaaaaaaa", "abcabcabca" or only spaces): it needs at least ${MIN_DISTINCT_CHARACTERS} different characters, not a repeated group`,
  },
  sequence: {
    vi: 'Mật khẩu là một dãy ký tự liên tiếp (như "1234567890", "abcdefghij"), rất dễ đoán',
    en: 'Password is a run of consecutive characters (like "1234567890", "abcdefghij"), easy to guess',
  },
  common: {
    vi: 'Mật khẩu nằm trong danh sách mật khẩu phổ biến (hoặc chỉ thêm vài số, ký hiệu vào một mật khẩu như vậy), rất dễ đoán',
    en: 'Password is on the list of common passwords (or is one with a few digits or symbols added), easy to guess',
  },
  personal: {
    vi: 'Mật khẩu không được dựa trên tên đăng nhập, họ tên hoặc thư điện tử của người dùng',
    en: 'Password must not be built from the username, full name or e-mail of the user',
  },
} satisfies Record<string, Bilingual>;

/**
 * Why `password` may not be used by `owner`, or null when it may. The checks of NIST SP 800-63B
 * §5.1.1.2: at least 10 characters; not repetitive (fewer than 5 different characters, or one group
 * repeated); not a run of consecutive characters; not a common password, nor one with a few digits or
 * symbols around it; not made of the user's own username, names or e-mail (diacritics and case
 * ignored: "nguyenthianh2024" for Nguyễn Thị Ánh). No rules of composition (a digit, a capital):
 * long passphrases are welcome.
 */
export function passwordProblem(password: string, owner: PasswordOwner = {}): Bilingual | null {
  const text = password.normalize('NFC');
  const characters = [...text];
  if (characters.length < MIN_PASSWORD_LENGTH) return MESSAGES.short;
  if (
    text.trim() === '' ||
    new Set(characters).size < MIN_DISTINCT_CHARACTERS ||
    isRepeatedGroup(characters)
  ) {
    return MESSAGES.repetitive;
  }
  const key = compact(searchKey(text));
  if (isRun(key)) return MESSAGES.sequence;
  if (commonPasswords().has(text.toLowerCase()) || isCommon(key)) return MESSAGES.common;
  if (isBuiltFromNames(key, owner)) return MESSAGES.personal;
  return null;
}

/** One group of characters written again and again: "abcabcabca", "1212121212". */
function isRepeatedGroup(characters: string[]): boolean {
  for (let size = 1; size <= characters.length / 2; size++) {
    if (characters.every((c, i) => c === characters[i % size])) return true;
  }
  return false;
}

/** Every character one more (or one less) than the one before; "…890" counts as a run of digits. */
function isRun(key: string): boolean {
  if (key.length < 3) return false;
  const step = (a: string, b: string) => {
    if (a === '9' && b === '0') return 1;
    if (a === '0' && b === '9') return -1;
    return b.charCodeAt(0) - a.charCodeAt(0);
  };
  const first = step(key[0]!, key[1]!);
  if (first !== 1 && first !== -1) return false;
  for (let i = 2; i < key.length; i++) if (step(key[i - 1]!, key[i]!) !== first) return false;
  return true;
}

/**
 * On the list, or a listed word with only digits around it ("password2024", "iloveyou123",
 * "2024matkhau") where those digits are few, listed themselves, or a run or repeat.
 */
function isCommon(key: string): boolean {
  const list = commonPasswords();
  if (list.has(key)) return true;
  const match = /^(\d*)(.*?)(\d*)$/u.exec(key);
  const core = match?.[2] ?? '';
  if (core.length < 3 || !list.has(core)) return false;
  const digits = `${match?.[1] ?? ''}${match?.[3] ?? ''}`;
  return digits.length <= 4 || list.has(digits) || isRun(digits) || new Set(digits).size <= 2;
}

/** What is left of the password once every part of the owner's names is taken out is too short. */
function isBuiltFromNames(key: string, owner: PasswordOwner): boolean {
  const parts = new Set<string>();
  const add = (text: string | null | undefined) => {
    if (!text) return;
    const words = searchKey(text)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 2);
    for (const w of words) parts.add(w);
    const whole = compact(searchKey(text));
    if (whole.length >= 2) parts.add(whole);
  };
  add(owner.username);
  add(owner.fullName);
  add(owner.email?.split('@')[0]);
  if (parts.size === 0) return false;
  let rest = key;
  // Longest first, so "nguyenthianh" goes before "anh" can split it.
  for (const part of [...parts].sort((a, b) => b.length - a.length)) rest = rest.split(part).join('');
  return rest.length < key.length && rest.length < MIN_OTHER_THAN_NAMES;
}
