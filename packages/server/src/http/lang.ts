import type { Bilingual } from '../errors.ts';

export type Lang = 'vi' | 'en';

/** Vietnamese unless the client prefers English (`Accept-Language: en…` ranked above `vi`). */
export function langFromHeader(header: string | undefined): Lang {
  if (!header) return 'vi';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'vi';
}

export function pick(message: Bilingual, lang: Lang): string {
  return message[lang];
}
