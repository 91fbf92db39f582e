import { h } from './dom.ts';
import { lang, setLang, type Text, t } from './i18n.ts';

/** The top bar with the page's name and the language switch; `onLang` re-renders the page. */
export function topbar(title: Text, home: string, onLang: () => void): HTMLElement {
  const other = lang() === 'vi' ? 'en' : 'vi';
  return h(
    'header',
    { class: 'topbar' },
    h('a', { class: 'brand', href: home }, t(title)),
    h(
      'button',
      {
        type: 'button',
        lang: other,
        'aria-label': other === 'en' ? 'English' : 'Tiếng Việt',
        on: {
          click: () => {
            setLang(other);
            onLang();
          },
        },
      },
      other === 'en' ? 'English' : 'Tiếng Việt',
    ),
  );
}
