import { ApiError, api, newTxId } from '../light/api.ts';
import { field, h, replace, showFieldErrors } from '../light/dom.ts';
import { formatDateTime } from '../light/format.ts';
import { t } from '../light/i18n.ts';

/**
 * Communes the pickup form offers. The server has no public list of administrative units (nor of
 * procedures) yet, so this is the pilot's short list; see docs/courier-app.md.
 */
const COMMUNES = [
  { id: '2008:25417', name: 'Xã Đức Liễu (Bù Đăng)' },
  { id: '2008:25390', name: 'Xã Đồng Tiến (Đồng Phú)' },
  { id: '2008:25333', name: 'Xã Thanh Lương (Bình Long)' },
];

const WINDOWS = [
  ['07:30', '09:30'],
  ['09:30', '11:30'],
  ['13:30', '15:30'],
  ['15:30', '17:00'],
] as const;

/** Tomorrow in Vietnam, `YYYY-MM-DD`. */
function tomorrow(): string {
  return new Date(Date.now() + 7 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
}

/** /dat-lich: the citizen asks the post office to come and take a dossier at home. */
export function pickupPage(main: HTMLElement): void {
  const message = h('div', { role: 'alert' });
  const submit = h('button', { type: 'submit' }, t({ vi: 'Đặt lịch', en: 'Book' }));
  const input = (id: string, label: string, attrs: Record<string, unknown> = {}, hint?: string) => [
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    h('input', {
      id,
      name: id,
      required: true,
      ...(hint ? { 'aria-describedby': `${id}-hint` } : {}),
      ...attrs,
    }),
  ];
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    input('applicantName', t({ vi: 'Họ và tên', en: 'Full name' }), { autocomplete: 'name', maxlength: 200 }),
    input('phone', t({ vi: 'Số điện thoại', en: 'Phone' }), {
      type: 'tel',
      inputmode: 'tel',
      autocomplete: 'tel',
    }),
    input('address', t({ vi: 'Địa chỉ nhận hồ sơ (số nhà, thôn/ấp)', en: 'Pickup address' }), {
      autocomplete: 'street-address',
      maxlength: 500,
    }),
    h('label', { for: 'unitId' }, t({ vi: 'Xã, phường', en: 'Commune' })),
    h(
      'select',
      { id: 'unitId', name: 'unitId' },
      COMMUNES.map((c) => h('option', { value: c.id }, c.name)),
    ),
    input(
      'procedureId',
      t({ vi: 'Mã thủ tục', en: 'Procedure code' }),
      { autocomplete: 'off', spellcheck: false },
      t({
        vi: 'Mã trên Cổng dịch vụ công, do bưu điện hoặc bộ phận một cửa cung cấp',
        en: 'The code given by the post office or the one-stop unit',
      }),
    ),
    input('day', t({ vi: 'Ngày', en: 'Day' }), { type: 'date', min: tomorrow(), value: tomorrow() }),
    h('label', { for: 'window' }, t({ vi: 'Khung giờ', en: 'Time window' })),
    h(
      'select',
      { id: 'window', name: 'window' },
      WINDOWS.map(([from, to]) => h('option', { value: `${from}-${to}` }, `${from} – ${to}`)),
    ),
    h(
      'label',
      { for: 'note' },
      t({ vi: 'Ghi chú cho bưu tá (không bắt buộc)', en: 'Note for the courier (optional)' }),
    ),
    h('textarea', { id: 'note', name: 'note', maxlength: 1000 }),
    h('div', { class: 'actions' }, submit),
    message,
  );
  const txId = newTxId('pickup');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(message);
    const values = Object.fromEntries(
      ['applicantName', 'phone', 'address', 'unitId', 'procedureId', 'day', 'window', 'note'].map((k) => [
        k,
        field(form, k),
      ]),
    ) as Record<string, string>;
    const missing = ['applicantName', 'phone', 'address', 'procedureId', 'day']
      .filter((k) => !values[k])
      .map((k) => ({ field: k, message: t({ vi: 'Cần nhập mục này', en: 'Required' }) }));
    showFieldErrors(form, missing);
    if (missing.length) return;
    const [from, to] = (values.window ?? '07:30-09:30').split('-');
    const body = {
      clientTxId: txId,
      procedureId: values.procedureId,
      applicantName: values.applicantName,
      phone: values.phone,
      address: values.address,
      unitId: values.unitId,
      windowStart: new Date(`${values.day}T${from}:00+07:00`).toISOString(),
      windowEnd: new Date(`${values.day}T${to}:00+07:00`).toISOString(),
      note: values.note || null,
    };
    submit.disabled = true;
    try {
      const booked = await api<{ code: string; windowStart: string; windowEnd: string; siteName: string }>(
        '/public/pickups',
        { method: 'POST', body, idempotencyKey: txId },
      );
      replace(
        main,
        h('h1', null, t({ vi: 'Đã đặt lịch thu gom', en: 'Pickup booked' })),
        h(
          'div',
          { class: 'alert ok', role: 'status' },
          h(
            'p',
            null,
            t({ vi: 'Mã đặt lịch: ', en: 'Booking code: ' }),
            h('strong', { class: 'mono' }, booked.code),
          ),
          h('p', null, `${formatDateTime(booked.windowStart)} – ${formatDateTime(booked.windowEnd)}`),
          h('p', null, t({ vi: 'Bưu cục: ', en: 'Post office: ' }), booked.siteName),
        ),
      );
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'ERROR', String(error));
      showFieldErrors(form, e.fields);
      replace(message, h('p', { class: 'alert error' }, e.message));
      submit.disabled = false;
    }
  });
  replace(
    main,
    h('h1', null, t({ vi: 'Đặt lịch thu gom hồ sơ tại nhà', en: 'Book a home pickup' })),
    h(
      'p',
      null,
      t({
        vi: 'Bưu tá đến nhà nhận hồ sơ, kiểm tra giấy tờ và niêm phong trước mặt bạn.',
        en: 'A courier comes to your home, checks the documents and seals them in front of you.',
      }),
    ),
    form,
  );
}
