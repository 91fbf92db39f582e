import { ApiError, api, newTxId } from '../light/api.ts';
import { type ComboOption, combobox } from '../light/combobox.ts';
import { field, h, replace, showFieldErrors } from '../light/dom.ts';
import { formatDate, formatMoney, formatWindow } from '../light/format.ts';
import { t } from '../light/i18n.ts';

/** The two half-day windows a courier comes in (Vietnam time). */
const WINDOWS = [
  { value: 'morning', from: '07:30', to: '11:30', label: { vi: 'Buổi sáng', en: 'Morning' } },
  { value: 'afternoon', from: '13:30', to: '17:00', label: { vi: 'Buổi chiều', en: 'Afternoon' } },
] as const;

/** Tomorrow in Vietnam, `YYYY-MM-DD`. */
function tomorrow(): string {
  return new Date(Date.now() + 7 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
}

interface PublicProcedure {
  id: string;
  code: string;
  name: string;
  level: string;
}
interface PublicCommune {
  id: string;
  name: string;
  parentName: string | null;
  era: string;
}

const REQUIRED = { vi: 'Cần nhập mục này', en: 'Required' };

interface Booked {
  code: string;
  windowStart: string;
  windowEnd: string;
  siteName: string;
  procedureName: string;
  documents: { name: string; count: number; required: boolean; condition: string | null }[];
  fees: { name: string; amount: number }[];
  totalFee: number;
}

/** The text of the label of the form's control for an API field (`phone` → "Số điện thoại"). */
function labelOf(form: HTMLFormElement, apiField: string): string {
  const name = /^(windowStart|windowEnd)$/.test(apiField) ? 'day' : apiField;
  const control = form.elements.namedItem(name);
  if (!(control instanceof HTMLElement)) return '';
  const label = control.id ? form.querySelector(`label[for="${control.id}"]`) : null;
  return (label?.textContent ?? '').trim();
}

/** Which papers (how many copies, which only in some cases) and how much fee, for the booked procedure. */
function prepared(booked: Booked): HTMLElement {
  return h(
    'div',
    { 'data-testid': 'prepare' },
    h('p', null, h('strong', null, booked.procedureName)),
    h(
      'ul',
      null,
      booked.documents.map((d) =>
        h(
          'li',
          null,
          `${d.name} (${d.count} ${t({ vi: 'bản', en: d.count === 1 ? 'copy' : 'copies' })})`,
          d.required
            ? ''
            : ` — ${t({ vi: 'nếu có', en: 'if applicable' })}${d.condition ? `: ${d.condition}` : ''}`,
        ),
      ),
    ),
    h(
      'p',
      null,
      booked.totalFee === 0
        ? t({ vi: 'Lệ phí: miễn phí', en: 'Fee: none' })
        : `${t({ vi: 'Lệ phí: ', en: 'Fee: ' })}${formatMoney(booked.totalFee)}${
            booked.fees.length > 1
              ? ` (${booked.fees.map((f) => `${f.name}: ${formatMoney(f.amount)}`).join('; ')})`
              : ''
          }`,
    ),
  );
}

/** /dat-lich: the citizen asks the post office to come and take a dossier at home. */
export function pickupPage(main: HTMLElement): void {
  const message = h('div', { role: 'alert' });
  const submit = h('button', { type: 'submit' }, t({ vi: 'Đặt lịch', en: 'Book' }));
  const input = (id: string, label: string, attrs: Record<string, unknown> = {}) => [
    h('label', { for: id }, label),
    h('input', { id, name: id, required: true, ...attrs }),
  ];
  const procedure = combobox({
    id: 'procedureId',
    label: t({ vi: 'Thủ tục cần làm', en: 'Procedure' }),
    hint: t({
      vi: 'Gõ vài chữ trong tên thủ tục, có dấu hoặc không (ví dụ: ho kinh doanh), rồi chọn trong danh sách',
      en: 'Type a few words of the procedure’s name (e.g. ho kinh doanh), then pick it from the list',
    }),
    noneText: t({
      vi: 'Không có thủ tục nhận qua bưu chính khớp với từ đã gõ',
      en: 'No procedure accepted by post matches',
    }),
    search: async (q) =>
      (await api<{ items: PublicProcedure[] }>(`/public/procedures?q=${encodeURIComponent(q)}`)).items.map(
        (p): ComboOption => ({ value: p.id, label: p.name, detail: p.code }),
      ),
  });
  const commune = combobox({
    id: 'unitId',
    label: t({ vi: 'Xã, phường', en: 'Commune or ward' }),
    hint: t({ vi: 'Gõ ít nhất 2 chữ, ví dụ: duc lieu', en: 'Type at least 2 letters, e.g. duc lieu' }),
    minChars: 2,
    noneText: t({ vi: 'Không tìm thấy xã, phường này', en: 'No such commune or ward' }),
    search: async (q) =>
      (await api<{ items: PublicCommune[] }>(`/public/communes?q=${encodeURIComponent(q)}`)).items.map(
        (c): ComboOption => ({
          value: c.id,
          label: c.parentName ? `${c.name} — ${c.parentName}` : c.name,
        }),
      ),
  });
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    procedure.element,
    input('applicantName', t({ vi: 'Họ và tên', en: 'Full name' }), { autocomplete: 'name', maxlength: 200 }),
    input('phone', t({ vi: 'Số điện thoại', en: 'Phone' }), {
      type: 'tel',
      inputmode: 'tel',
      autocomplete: 'tel',
      maxlength: 30,
    }),
    input('address', t({ vi: 'Địa chỉ nhận hồ sơ (số nhà, thôn/ấp)', en: 'Pickup address' }), {
      autocomplete: 'street-address',
      maxlength: 500,
    }),
    commune.element,
    input('day', t({ vi: 'Ngày bưu tá đến', en: 'Day of the visit' }), {
      type: 'date',
      min: tomorrow(),
      value: tomorrow(),
    }),
    h(
      'fieldset',
      null,
      h('legend', null, t({ vi: 'Khung giờ', en: 'Time window' })),
      h(
        'div',
        { class: 'choices column' },
        WINDOWS.map((w, i) =>
          h(
            'label',
            null,
            h('input', { type: 'radio', name: 'window', value: w.value, checked: i === 0 }),
            `${t(w.label)} ${w.from} – ${w.to}`,
          ),
        ),
      ),
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
      ['applicantName', 'phone', 'address', 'day', 'note'].map((k) => [k, field(form, k)]),
    ) as Record<string, string>;
    const chosenWindow =
      WINDOWS.find(
        (w) => w.value === form.querySelector<HTMLInputElement>('input[name="window"]:checked')?.value,
      ) ?? WINDOWS[0];
    const errors: { field: string; message: string }[] = [];
    if (!procedure.value())
      errors.push({
        field: 'procedureId',
        message: t({ vi: 'Chọn thủ tục trong danh sách', en: 'Pick a procedure from the list' }),
      });
    for (const k of ['applicantName', 'phone', 'address'])
      if (!values[k]) errors.push({ field: k, message: t(REQUIRED) });
    if (!commune.value())
      errors.push({
        field: 'unitId',
        message: t({ vi: 'Chọn xã, phường trong danh sách', en: 'Pick a commune from the list' }),
      });
    if (!values.day) errors.push({ field: 'day', message: t(REQUIRED) });
    else if (values.day < tomorrow())
      errors.push({
        field: 'day',
        message: t({
          vi: `Chọn từ ngày ${formatDate(tomorrow())}`,
          en: `Pick a day from ${formatDate(tomorrow())}`,
        }),
      });
    showFieldErrors(form, errors);
    if (errors.length) return;
    const body = {
      clientTxId: txId,
      procedureId: procedure.value()?.value,
      applicantName: values.applicantName,
      phone: values.phone,
      address: values.address,
      unitId: commune.value()?.value,
      windowStart: `${values.day}T${chosenWindow.from}:00+07:00`,
      windowEnd: `${values.day}T${chosenWindow.to}:00+07:00`,
      note: values.note || null,
    };
    submit.disabled = true;
    try {
      const booked = await api<Booked>('/public/pickups', { method: 'POST', body, idempotencyKey: txId });
      replace(
        main,
        h('h1', null, t({ vi: 'Đã đặt lịch thu gom', en: 'Pickup booked' })),
        h(
          'div',
          { class: 'alert ok', role: 'status', 'data-testid': 'booked' },
          h(
            'p',
            null,
            t({ vi: 'Mã đặt lịch: ', en: 'Booking code: ' }),
            h('strong', { class: 'mono' }, booked.code),
          ),
          h('p', null, formatWindow(booked.windowStart, booked.windowEnd)),
          h('p', null, t({ vi: 'Bưu cục: ', en: 'Post office: ' }), booked.siteName),
        ),
        h(
          'p',
          null,
          t({
            vi: 'Bưu tá sẽ gọi điện trước khi đến. Chuẩn bị sẵn:',
            en: 'The courier calls before coming. Have ready:',
          }),
        ),
        prepared(booked),
      );
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'ERROR', String(error));
      showFieldErrors(
        form,
        e.fields.map((f) => ({
          ...f,
          // The window's fields are shown on the day (the only control that sets them).
          field: /^(windowStart|windowEnd)$/.test(f.field) ? 'day' : f.field,
        })),
      );
      // The fields are marked one by one; the summary names them as the form labels them, never by
      // their API names ("phone").
      const labels = [...new Set(e.fields.map((f) => labelOf(form, f.field)).filter(Boolean))];
      replace(
        message,
        h(
          'p',
          { class: 'alert error' },
          labels.length
            ? `${t({ vi: 'Kiểm tra lại: ', en: 'Please check: ' })}${labels.join(', ')}`
            : e.message,
        ),
      );
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
