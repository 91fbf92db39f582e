// The item-number field of the round: typed, or typed by a scanner that acts as a keyboard. An S10
// number is checked on the phone with `validateS10` of @motcua/core (the server's own check) before
// anything is asked of the server; other numbers go to the server.
import { validateS10 } from '@motcua/core/identifiers/s10';
import { ApiError } from '../../light/api.ts';
import { field, h, showFieldErrors } from '../../light/dom.ts';
import { t } from '../../light/i18n.ts';
import { go } from '../nav.ts';
import { state } from '../storage.ts';
import { fetchShipment } from '../sync.ts';

const S10_SHAPE = /^[A-Z]{2}\d{9}[A-Z]{2}$/;

/** What is typed in the field, kept when the round is drawn again (the sync updates it). */
let typed = '';

export function findForm(): HTMLElement {
  const hadFocus = document.activeElement?.id === 'itemNumber';
  const submit = h('button', { type: 'submit' }, t({ vi: 'Mở', en: 'Open' }));
  const input = h('input', {
    id: 'itemNumber',
    name: 'itemNumber',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: false,
    placeholder: 'EA123456785VN',
    value: typed,
  });
  if (hadFocus) queueMicrotask(() => input.focus());
  const form = h(
    'form',
    { class: 'find', novalidate: true },
    h(
      'label',
      { for: 'itemNumber' },
      t({ vi: 'Số hiệu bưu gửi (quét hoặc gõ)', en: 'Item number (scan or type)' }),
    ),
    h('div', { class: 'inline' }, input, submit),
  );
  const error = (message: string) => showFieldErrors(form, [{ field: 'itemNumber', message }]);

  input.addEventListener('input', () => {
    typed = input.value;
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const number = field(form, 'itemNumber').toUpperCase().replace(/\s+/g, '');
    if (!number) return error(t({ vi: 'Nhập số hiệu bưu gửi', en: 'Enter the item number' }));
    if (S10_SHAPE.test(number)) {
      const check = validateS10(number);
      if (!check.ok) return error(t(check.reason));
    }
    showFieldErrors(form, []);
    const known = Object.values(state.items).find((s) => s.itemNumber === number);
    if (known && !navigator.onLine) {
      typed = '';
      return go(`/buu-ta/buu-gui/${known.id}`);
    }
    submit.disabled = true;
    try {
      const shipment = await fetchShipment(number);
      typed = '';
      go(`/buu-ta/buu-gui/${shipment.id}`);
    } catch (e) {
      submit.disabled = false;
      if (known) {
        typed = '';
        return go(`/buu-ta/buu-gui/${known.id}`);
      }
      if (e instanceof ApiError)
        error(e.fields.find((f) => f.field.endsWith('itemNumber'))?.message ?? e.message);
      else error(String(e));
    }
  });
  return form;
}
