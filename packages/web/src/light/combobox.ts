// A type-ahead picker backed by the server (ARIA 1.2 combobox with a list box): type a few words, the
// list follows; arrow keys move, Enter or a tap chooses, Escape closes. The chosen option's value is
// kept apart from the typed text; typing again clears the choice.
import { h, replace } from './dom.ts';

export interface ComboOption {
  value: string;
  label: string;
  /** A second, smaller line (the district of a commune, the code of a procedure). */
  detail?: string;
}

export interface Combobox {
  /** The label, the input and the list (append to a form). */
  element: HTMLElement;
  input: HTMLInputElement;
  /** The chosen option, or null while nothing is chosen. */
  value(): ComboOption | null;
}

export function combobox(options: {
  id: string;
  label: string;
  hint?: string;
  /** Fewer characters than this show no list. */
  minChars?: number;
  search(query: string): Promise<ComboOption[]>;
  noneText: string;
  onChoose?(option: ComboOption | null): void;
}): Combobox {
  const listId = `${options.id}-list`;
  const hintId = `${options.id}-hint`;
  const input = h('input', {
    id: options.id,
    name: options.id,
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: false,
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    ...(options.hint ? { 'aria-describedby': hintId } : {}),
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'combo-list', 'aria-label': options.label });
  list.hidden = true;
  const status = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite' });
  let shown: ComboOption[] = [];
  let active = -1;
  let chosen: ComboOption | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index: number) => {
    active = index;
    for (const [i, li] of Array.from(list.children).entries())
      li.setAttribute('aria-selected', String(i === index));
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', `${listId}-${index}`);
      (list.children[index] as HTMLElement | undefined)?.scrollIntoView?.({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const choose = (option: ComboOption) => {
    chosen = option;
    input.value = option.label;
    replace(status, option.detail ?? '');
    close();
    options.onChoose?.(option);
  };
  const draw = () => {
    replace(
      list,
      shown.map((o, i) =>
        h(
          'li',
          {
            id: `${listId}-${i}`,
            role: 'option',
            'aria-selected': 'false',
            on: {
              // mousedown, not click: the input keeps the focus.
              mousedown: (e: Event) => {
                e.preventDefault();
                choose(o);
              },
            },
          },
          h('span', null, o.label),
          o.detail ? h('span', { class: 'detail' }, o.detail) : null,
        ),
      ),
    );
    list.hidden = shown.length === 0;
    input.setAttribute('aria-expanded', String(shown.length > 0));
    highlight(-1);
  };
  const lookup = async () => {
    const query = input.value.normalize('NFC').trim();
    const ticket = ++asked;
    if (query.length < (options.minChars ?? 1)) {
      shown = [];
      draw();
      replace(status);
      return;
    }
    try {
      const found = await options.search(query);
      if (ticket !== asked) return;
      shown = found.slice(0, 20);
      draw();
      replace(status, shown.length ? '' : options.noneText);
    } catch (error) {
      if (ticket !== asked) return;
      shown = [];
      draw();
      replace(status, error instanceof Error ? error.message : String(error));
    }
  };
  input.addEventListener('input', () => {
    if (chosen) {
      chosen = null;
      options.onChoose?.(null);
    }
    clearTimeout(timer);
    timer = setTimeout(() => void lookup(), 200);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (list.hidden) {
        if (shown.length) draw();
        else void lookup();
        return;
      }
      highlight(Math.min(shown.length - 1, active + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      highlight(Math.max(0, active - 1));
    } else if (event.key === 'Enter') {
      if (!list.hidden && shown.length) {
        event.preventDefault();
        const option = shown[Math.max(active, 0)];
        if (option) choose(option);
      }
    } else if (event.key === 'Escape') {
      if (!list.hidden) {
        event.preventDefault();
        close();
      }
    }
  });
  input.addEventListener('blur', () => close());
  const element = h(
    'div',
    { class: 'combobox' },
    h('label', { for: options.id }, options.label),
    options.hint ? h('p', { class: 'hint', id: hintId }, options.hint) : null,
    h('div', { class: 'combo-wrap' }, input, list),
    status,
  );
  return { element, input, value: () => chosen };
}
