/**
 * Diacritic-free, lower-case search key of a Vietnamese text: "Giấy khai sinh" → "giay khai sinh".
 * Stored beside names so a LIKE on it works the same on SQLite (which folds only ASCII) and PostgreSQL.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
