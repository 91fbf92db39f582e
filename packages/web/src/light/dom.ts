// A very small DOM helper for the light pages (citizen lookup, courier app): no framework, so the
// pages stay a few kilobytes on a cheap phone over a slow link.

type Child = Node | string | number | null | undefined | false | Child[];
type Props = Record<string, unknown> & { class?: string; on?: Record<string, (event: Event) => void> };

/** `h('p', { class: 'x' }, 'text', child)`: builds a real element. `on` holds event listeners. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'on') {
        for (const [name, listener] of Object.entries(value as Record<string, (e: Event) => void>))
          element.addEventListener(name, listener);
      } else if (key === 'class') {
        element.className = String(value);
      } else if (key in element && !key.includes('-') && key !== 'list' && key !== 'form') {
        (element as unknown as Record<string, unknown>)[key] = value;
      } else {
        element.setAttribute(key, value === true ? '' : String(value));
      }
    }
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the content of `parent` with `children`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** The value of a named control of a form, trimmed and in NFC. */
export function field(form: HTMLFormElement, name: string): string {
  const control = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
  return (control?.value ?? '').normalize('NFC').trim();
}

/** Shows the server's (or the page's) message for each field next to it, and the first one focused. */
export function showFieldErrors(form: HTMLFormElement, errors: { field: string; message: string }[]): void {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  let first: HTMLElement | null = null;
  for (const { field: name, message } of errors) {
    const key = name
      .replace(/^\//, '')
      .replace(/\//g, '.')
      .replace(/^(body|payload|intake)\./, '');
    const control = form.elements.namedItem(key) as HTMLElement | null;
    if (!control || !(control instanceof HTMLElement)) continue;
    const id = `${(control.id || key).replace(/\./g, '-')}-error`;
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', id);
    // A checkbox or radio sits inside its label: the message goes after the label.
    const anchor = control.closest('label') ?? control.closest('.combobox') ?? control;
    const shown = h('p', { class: 'field-error', id }, message);
    anchor.insertAdjacentElement('afterend', shown);
    // Fixed, the field is no longer in error: its message goes at the first change.
    const clear = () => {
      shown.remove();
      control.removeAttribute('aria-invalid');
      if (control.getAttribute('aria-describedby') === id) control.removeAttribute('aria-describedby');
    };
    for (const event of ['input', 'change']) control.addEventListener(event, clear, { once: true });
    first ??= control;
  }
  first?.focus();
}
