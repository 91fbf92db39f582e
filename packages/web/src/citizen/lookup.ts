import { ApiError, api } from '../light/api.ts';
import { field, h, replace, showFieldErrors } from '../light/dom.ts';
import { t } from '../light/i18n.ts';
import type { PublicView } from './types.ts';
import { rememberView } from './view.ts';

/** /tra-cuu: the dossier code from the receipt and the last 4 digits of the phone or citizen ID. */
export function lookupPage(main: HTMLElement, navigate: (path: string) => void): void {
  const message = h('div', { role: 'alert', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit' }, t({ vi: 'Tra cứu', en: 'Look up' }));
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'lookup-title' },
    h('label', { for: 'code' }, t({ vi: 'Mã hồ sơ', en: 'Dossier code' })),
    h(
      'p',
      { class: 'hint', id: 'code-hint' },
      t({
        vi: 'In trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, ví dụ 000.00.29.H10-261130-0001',
        en: 'Printed on the receipt, e.g. 000.00.29.H10-261130-0001',
      }),
    ),
    h('input', {
      id: 'code',
      name: 'code',
      autocomplete: 'off',
      autocapitalize: 'characters',
      spellcheck: false,
      required: true,
      'aria-describedby': 'code-hint',
    }),
    h(
      'label',
      { for: 'verifier' },
      t({ vi: '4 số cuối điện thoại hoặc CCCD', en: 'Last 4 digits of phone or citizen ID' }),
    ),
    h('input', {
      id: 'verifier',
      name: 'verifier',
      inputmode: 'numeric',
      autocomplete: 'off',
      maxlength: 4,
      pattern: '[0-9]{4}',
      required: true,
    }),
    h('div', { class: 'actions' }, submit),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(message);
    const code = field(form, 'code');
    const verifier = field(form, 'verifier').replace(/\D/g, '');
    const errors = [];
    if (!code)
      errors.push({ field: 'code', message: t({ vi: 'Nhập mã hồ sơ', en: 'Enter the dossier code' }) });
    if (!/^\d{4}$/.test(verifier))
      errors.push({
        field: 'verifier',
        message: t({ vi: 'Nhập đúng 4 chữ số', en: 'Enter exactly 4 digits' }),
      });
    showFieldErrors(form, errors);
    if (errors.length) return;
    submit.disabled = true;
    try {
      // The digits go in a header, never in the URL (access logs, history).
      const view = await api<PublicView>(`/public/lookup/${encodeURIComponent(code)}`, {
        headers: { 'x-verifier': verifier },
      });
      rememberView(view);
      navigate(`/tra-cuu/${encodeURIComponent(view.lookupToken)}`);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'ERROR', String(error));
      const extra =
        e.status === 429
          ? t({ vi: ' Vui lòng đợi một phút rồi thử lại.', en: ' Please wait a minute and try again.' })
          : e.status === 404
            ? t({
                vi: ' Kiểm tra lại mã hồ sơ và 4 chữ số.',
                en: ' Check the code and the 4 digits.',
              })
            : '';
      const text = /[.!?]$/.test(e.message) ? e.message : `${e.message}.`;
      replace(message, h('p', { class: 'alert error' }, text + extra));
      submit.disabled = false;
    }
  });
  replace(
    main,
    h('h1', { id: 'lookup-title' }, t({ vi: 'Tra cứu hồ sơ', en: 'Look up your dossier' })),
    h(
      'p',
      null,
      t({
        vi: 'Xem hồ sơ đang ở đâu, còn bao lâu và khi nào có kết quả. Có thể quét mã QR trên giấy hẹn.',
        en: 'See where your dossier is, the time left and when the result is ready. You can also scan the QR code on the receipt.',
      }),
    ),
    form,
    h(
      'p',
      null,
      h(
        'a',
        { href: '/dat-lich' },
        t({ vi: 'Đặt lịch bưu điện đến nhận hồ sơ tại nhà', en: 'Book a home pickup by the post office' }),
      ),
    ),
  );
}
