/** Unicode normalisation and accent-insensitive search keys for Vietnamese text. */

/** NFC form: one code point per accented letter, as stored and compared everywhere in motcua. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * An accent-insensitive, case-insensitive key for search: `'  Nguyễn  Thị ÁNH '` → `'nguyen thi anh'`.
 * Tones and letter marks are removed (NFD, then U+0300–U+036F dropped), đ/Đ becomes d, whitespace is
 * collapsed and trimmed.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
}
