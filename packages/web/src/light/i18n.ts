// Language of the light pages: Vietnamese first, English as the second language. Shares the console's
// stored choice (`localStorage['motcua.lang']`).
export type Lang = 'vi' | 'en';
export type Text = { vi: string; en: string };

const KEY = 'motcua.lang';
let current: Lang = 'vi';
try {
  current = localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
} catch {
  // private mode: stay in Vietnamese
}
document.documentElement.lang = current;

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // not remembered
  }
}

/** The text in the current language. */
export function t(text: Text): string {
  return text[current];
}
