/**
 * Vietnamese personal names: family name (họ) first, then middle name(s) (tên đệm), then the given
 * name (tên), e.g. Nguyễn Thị Ánh.
 */
import { compareVietnamese } from './collate.ts';
import { nfc } from './normalize.ts';

export interface PersonName {
  /** Họ; empty for a one-word name. */
  readonly family: string;
  /** Tên đệm, possibly several words or empty. */
  readonly middle: string;
  /** Tên. */
  readonly given: string;
}

/**
 * Two-or-more-word family names recognised by default: the royal lineages (Tôn Thất, Tôn Nữ,
 * Công Tằng Tôn Nữ) and Âu Dương. Others (e.g. Nguyễn Phúc) are ambiguous with an ordinary
 * family name plus a middle name, so they are not guessed; pass your own list when you know better.
 */
export const COMPOUND_FAMILY_NAMES: readonly string[] = [
  'Công Tằng Tôn Nữ',
  'Tôn Thất',
  'Tôn Nữ',
  'Âu Dương',
];

function words(name: string): string[] {
  return nfc(name).trim().split(/\s+/).filter(Boolean);
}

/**
 * Splits a full name: the first word is the family name, the last the given name, the rest the
 * middle name. A name starting with a known compound family name keeps it whole, as long as a given
 * name remains (`'Tôn Nữ Thị Hà'` → family `'Tôn Nữ'`). A one-word name is a given name only.
 */
export function splitName(
  fullName: string,
  options: { compoundFamilyNames?: readonly string[] } = {},
): PersonName {
  const parts = words(fullName);
  if (parts.length === 0) return { family: '', middle: '', given: '' };
  if (parts.length === 1) return { family: '', middle: '', given: parts[0]! };
  const compounds = options.compoundFamilyNames ?? COMPOUND_FAMILY_NAMES;
  let familyLength = 1;
  for (const compound of compounds) {
    const compoundWords = words(compound);
    const matches = compoundWords.every((word, i) => parts[i]?.toLowerCase() === word.toLowerCase());
    if (matches && parts.length > compoundWords.length && compoundWords.length > familyLength) {
      familyLength = compoundWords.length;
    }
  }
  return {
    family: parts.slice(0, familyLength).join(' '),
    middle: parts.slice(familyLength, -1).join(' '),
    given: parts[parts.length - 1]!,
  };
}

/**
 * Orders full names as Vietnamese lists do (class lists, registers): by given name, then by the rest
 * of the name as written (family then middle), in Vietnamese alphabetical order.
 */
export function compareNames(a: string, b: string): number {
  const left = words(a);
  const right = words(b);
  const byGiven = compareVietnamese(left.at(-1) ?? '', right.at(-1) ?? '');
  if (byGiven !== 0) return byGiven;
  const byRest = compareVietnamese(left.slice(0, -1).join(' '), right.slice(0, -1).join(' '));
  if (byRest !== 0) return byRest;
  return compareVietnamese(a, b);
}

/**
 * Initials of every word, upper case, each followed by a dot: `'Đặng Văn Đức'` → `'Đ.V.Đ.'`. Tone
 * marks are dropped (Ánh → A) but letter marks kept, since Đ, Â, Ư are letters of their own. Used
 * where no more than initials may be shown (public dossier lookup).
 */
export function initials(fullName: string): string {
  return words(fullName)
    .map((word) => {
      const first = [...word][0]!.toUpperCase().normalize('NFD');
      const letter = [...first].filter((char) => !/[\u0300\u0301\u0303\u0309\u0323]/.test(char)).join('');
      return `${letter.normalize('NFC')}.`;
    })
    .join('');
}
