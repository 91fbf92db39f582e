// /buu-ta/buu-gui/<id>/khong-thanh-cong: a failed delivery attempt and its reason.
import { field, h, replace, showFieldErrors } from '../../light/dom.ts';
import { type Text, t } from '../../light/i18n.ts';
import { go } from '../nav.ts';
import type { Shipment } from '../types.ts';
import { backToItem, record } from './parts.ts';

const REASONS: Text[] = [
  { vi: 'Vắng nhà', en: 'Nobody home' },
  { vi: 'Sai địa chỉ', en: 'Wrong address' },
  { vi: 'Từ chối nhận', en: 'Refused' },
  { vi: 'Khác', en: 'Other' },
];

export function failedScreen(main: HTMLElement, s: Shipment): void {
  const message = h('div', { role: 'alert' });
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h(
      'fieldset',
      null,
      h('legend', null, t({ vi: 'Lý do', en: 'Reason' })),
      h(
        'div',
        { class: 'choices column' },
        REASONS.map((r, i) =>
          h(
            'label',
            null,
            h('input', { type: 'radio', name: 'reason', value: r.vi, checked: i === 0 }),
            t(r),
          ),
        ),
      ),
    ),
    h('label', { for: 'other' }, t({ vi: 'Ghi rõ (nếu chọn Khác)', en: 'Details (for Other)' })),
    h('input', { id: 'other', name: 'other', maxlength: 400, autocomplete: 'off' }),
    h(
      'p',
      { class: 'hint' },
      t({
        vi: 'Lần phát lại cách ít nhất 2 ngày làm việc; máy chủ báo ngày phát lại khi nhận được.',
        en: 'The next attempt is at least 2 working days later; the server gives the date when it receives this.',
      }),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'submit', class: 'danger' },
        t({ vi: 'Ghi nhận phát không thành công', en: 'Record the failed attempt' }),
      ),
    ),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const choice = form.querySelector<HTMLInputElement>('input[name="reason"]:checked')?.value ?? '';
    const other = field(form, 'other');
    if (choice === 'Khác' && !other) {
      showFieldErrors(form, [{ field: 'other', message: t({ vi: 'Ghi rõ lý do', en: 'Give the reason' }) }]);
      return;
    }
    const reason = choice === 'Khác' ? other : other ? `${choice}: ${other}` : choice;
    record(s, 'failed_attempt', { reason });
    go('/buu-ta');
  });
  replace(
    main,
    backToItem(s),
    h('h1', null, t({ vi: 'Phát không thành công', en: 'Failed delivery attempt' })),
    h('p', { class: 'address' }, s.address),
    form,
  );
}
