import { ApiError, api, newTxId } from '../light/api.ts';
import { field, h, replace, showFieldErrors } from '../light/dom.ts';
import { formatDateTime } from '../light/format.ts';
import { lang, type Text, t } from '../light/i18n.ts';
import type { PublicDelivery, PublicView } from './types.ts';

let remembered: PublicView | null = null;
/** A confirmation shown once above the view after a change (delivery, rating). */
let notice: string | null = null;

/** The view the code lookup just returned: the page behind its token shows it without a second call. */
export function rememberView(view: PublicView): void {
  remembered = view;
}

/** /tra-cuu/<token>: the public view of one dossier, with the delivery change and the rating. */
export async function dossierPage(main: HTMLElement, token: string): Promise<void> {
  let view = remembered?.lookupToken === token ? remembered : null;
  remembered = null;
  if (!view) {
    replace(main, h('p', { role: 'status' }, t({ vi: 'Đang tải…', en: 'Loading…' })));
    try {
      view = await api<PublicView>(`/public/dossiers/${encodeURIComponent(token)}`);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'ERROR', String(error));
      replace(
        main,
        h('h1', null, t({ vi: 'Tra cứu hồ sơ', en: 'Dossier lookup' })),
        h('p', { class: 'alert error', role: 'alert' }, e.message),
        h(
          'p',
          null,
          h('a', { href: '/tra-cuu' }, t({ vi: 'Tra cứu bằng mã hồ sơ', en: 'Look up by dossier code' })),
        ),
      );
      return;
    }
  }
  const reload = async () => {
    remembered = await api<PublicView>(`/public/dossiers/${encodeURIComponent(token)}`);
    await dossierPage(main, token);
  };
  renderView(main, view, token, reload);
}

/** What to bring for the supplement, by when and where (or that the papers are on their way). */
function supplementCard(s: NonNullable<PublicView['supplement']>): HTMLElement {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'supplement-title', 'data-testid': 'supplement' },
    h(
      'h2',
      { id: 'supplement-title' },
      s.handedIn
        ? t({ vi: 'Giấy tờ bổ sung đã nộp', en: 'Supplement handed in' })
        : t({ vi: 'Giấy tờ cần bổ sung', en: 'Papers to bring' }),
    ),
    h('p', null, t(s.text)),
    h(
      'ul',
      { class: 'supplement-items' },
      s.items.map((item) => h('li', null, item)),
    ),
    s.reason ? h('p', { class: 'muted' }, t({ vi: 'Lý do: ', en: 'Reason: ' }), s.reason) : null,
    h(
      'dl',
      { class: 'facts' },
      s.dueDate
        ? [
            h('dt', null, t({ vi: 'Nộp trước hết ngày', en: 'Bring by' })),
            h('dd', null, h('strong', null, s.dueDate.split('-').reverse().join('/'))),
          ]
        : null,
      h('dt', null, t({ vi: 'Nơi nộp', en: 'Where' })),
      h('dd', null, s.place.name, h('br', null), h('span', { class: 'muted' }, s.place.address)),
      s.handedIn
        ? [
            h('dt', null, t({ vi: 'Đã nộp lúc', en: 'Handed in' })),
            h('dd', null, formatDateTime(s.handedIn.at)),
          ]
        : null,
    ),
  );
}

function renderView(main: HTMLElement, view: PublicView, token: string, reload: () => Promise<void>): void {
  const vi = lang() === 'vi';
  const clock = view.clock.text
    ? h('p', { class: view.clock.overdue ? 'overdue' : undefined }, t(view.clock.text))
    : null;
  const facts = h(
    'dl',
    { class: 'facts' },
    h('dt', null, t({ vi: 'Mã hồ sơ', en: 'Dossier code' })),
    h('dd', { class: 'mono' }, view.code),
    h('dt', null, t({ vi: 'Người nộp', en: 'Applicant' })),
    h('dd', null, view.applicantInitials),
    h('dt', null, t({ vi: 'Hồ sơ đang ở', en: 'Where it is now' })),
    h('dd', null, t(view.location.label) || view.location.name || '—'),
    h('dt', null, t({ vi: 'Ngày nhận', en: 'Received' })),
    h('dd', null, formatDateTime(view.receivedAt)),
    h('dt', null, t({ vi: 'Hẹn trả kết quả', en: 'Result due' })),
    h('dd', null, formatDateTime(view.appointmentAt)),
    view.originalAppointmentAt
      ? [
          h('dt', null, t({ vi: 'Hẹn ban đầu', en: 'Original appointment' })),
          h('dd', null, h('s', null, formatDateTime(view.originalAppointmentAt))),
        ]
      : null,
  );
  const apology = view.apology
    ? h(
        'div',
        { class: 'alert warn' },
        h('strong', null, t({ vi: 'Xin lỗi vì trễ hẹn', en: 'Apology for the delay' })),
        h('p', null, view.apology.reason),
        view.apology.newAppointmentAt
          ? h(
              'p',
              null,
              t({ vi: 'Hẹn trả kết quả mới: ', en: 'New appointment: ' }),
              h('strong', null, formatDateTime(view.apology.newAppointmentAt)),
            )
          : null,
      )
    : null;
  const supplement = view.supplement ? supplementCard(view.supplement) : null;
  // Why the date changed after a supplement: the time limit restarts when the papers are complete.
  const supplementClock = view.supplementClock
    ? h('p', { class: 'alert', 'data-testid': 'supplement-clock' }, t(view.supplementClock.text))
    : null;
  const result = view.result
    ? h('p', { class: `alert ${view.result.decision === 'refused' ? 'warn' : 'ok'}` }, t(view.result.text))
    : null;

  const shownNotice = notice;
  notice = null;
  replace(
    main,
    shownNotice ? h('p', { class: 'alert ok', role: 'status' }, shownNotice) : null,
    h('h1', null, view.procedureName),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'status-title' },
      h('h2', { id: 'status-title' }, t({ vi: 'Tình trạng', en: 'Status' })),
      h('p', null, h('span', { class: 'status', 'data-testid': 'status' }, t(view.statusLabel))),
      clock,
      apology,
      supplementClock,
      result,
      facts,
    ),
    supplement,
    view.delivery ? deliveryCard(view.delivery) : null,
    deliveryChangeAllowed(view) ? deliveryChangeForm(view, token, reload) : null,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'timeline-title' },
      h('h2', { id: 'timeline-title' }, t({ vi: 'Quá trình xử lý', en: 'History' })),
      h(
        'ol',
        { class: 'timeline' },
        view.timeline.map((entry) =>
          h(
            'li',
            null,
            h('span', null, vi ? entry.label : entry.labelEn),
            entry.place ? h('span', { class: 'muted' }, ` — ${entry.place}`) : null,
            h('time', { class: 'when', dateTime: entry.at }, formatDateTime(entry.at)),
          ),
        ),
      ),
    ),
    view.canRate ? ratingForm(view, token, reload) : null,
    view.rated
      ? h(
          'p',
          { class: 'alert ok' },
          t({ vi: 'Bạn đã đánh giá hồ sơ này. Cảm ơn bạn!', en: 'You rated this dossier. Thank you!' }),
        )
      : null,
    h(
      'p',
      null,
      h('a', { href: '/tra-cuu' }, t({ vi: 'Tra cứu hồ sơ khác', en: 'Look up another dossier' })),
    ),
  );
}

function deliveryCard(delivery: PublicDelivery): HTMLElement {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'delivery-title', 'data-testid': 'delivery' },
    h('h2', { id: 'delivery-title' }, t({ vi: 'Chuyển phát kết quả', en: 'Postal delivery' })),
    h(
      'p',
      null,
      t({ vi: 'Số hiệu bưu gửi: ', en: 'Item number: ' }),
      h('strong', { class: 'mono' }, delivery.itemNumber),
    ),
    h('p', null, h('span', { class: 'status' }, t(delivery.statusLabel))),
    h(
      'ol',
      { class: 'timeline' },
      delivery.events.map((event) =>
        h(
          'li',
          null,
          h('span', null, t(event.label)),
          event.reason ? h('span', { class: 'muted' }, ` — ${event.reason}`) : null,
          h('time', { class: 'when', dateTime: event.at }, formatDateTime(event.at)),
        ),
      ),
    ),
  );
}

/** Before dispatch only: no result returned yet, and the delivery (if any) not yet on its way. */
function deliveryChangeAllowed(view: PublicView): boolean {
  if (view.status === 'returned' || view.status === 'withdrawn' || view.result?.returned) return false;
  if (view.result && view.result.returnMethod !== 'postal') return false;
  if (view.delivery) return view.delivery.canChange;
  return view.result?.returnMethod === 'postal';
}

function deliveryChangeForm(view: PublicView, token: string, reload: () => Promise<void>): HTMLElement {
  const message = h('div', { role: 'alert' });
  const form = h(
    'form',
    { novalidate: true },
    h('label', { for: 'new-address' }, t({ vi: 'Địa chỉ nhận mới', en: 'New delivery address' })),
    h('input', { id: 'new-address', name: 'address', autocomplete: 'street-address', maxlength: 500 }),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', value: 'address' }, t({ vi: 'Đổi địa chỉ', en: 'Change address' })),
      h(
        'button',
        { type: 'submit', class: 'secondary', value: 'counter' },
        t({ vi: 'Tôi sẽ nhận tại quầy', en: 'I will collect at the counter' }),
      ),
    ),
    message,
  );
  const txId = newTxId('addr');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(message);
    const atCounter = (event.submitter as HTMLButtonElement | null)?.value === 'counter';
    const address = field(form, 'address');
    if (!atCounter && !address) {
      showFieldErrors(form, [
        { field: 'address', message: t({ vi: 'Nhập địa chỉ mới', en: 'Enter the new address' }) },
      ]);
      return;
    }
    showFieldErrors(form, []);
    const body = atCounter
      ? { clientTxId: `${txId}-c`, collectAtCounter: true }
      : { clientTxId: txId, address };
    try {
      await api(`/public/dossiers/${encodeURIComponent(token)}/delivery`, {
        method: 'POST',
        body,
        idempotencyKey: body.clientTxId,
      });
      notice = atCounter
        ? t({
            vi: 'Đã ghi nhận: bạn sẽ nhận kết quả tại quầy.',
            en: 'Noted: you will collect the result at the counter.',
          })
        : t({ vi: 'Đã đổi địa chỉ nhận kết quả.', en: 'The delivery address was changed.' });
      await reload();
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'ERROR', String(error));
      showFieldErrors(form, e.fields);
      replace(message, h('p', { class: 'alert error' }, e.message));
    }
  });
  return h(
    'details',
    { class: 'card' },
    h(
      'summary',
      null,
      t({
        vi: 'Đổi địa chỉ nhận hoặc nhận tại quầy',
        en: 'Change the delivery address or collect at the counter',
      }),
    ),
    h(
      'p',
      { class: 'hint' },
      t({
        vi: `Chỉ đổi được trước khi bưu điện chuyển kết quả đi. Mã hồ sơ ${view.code}.`,
        en: `Possible only before the post office sends the result out. Dossier ${view.code}.`,
      }),
    ),
    form,
  );
}

const CHOICES: { score: 0 | 1 | 2; label: Text }[] = [
  { score: 2, label: { vi: 'Tốt', en: 'Good' } },
  { score: 1, label: { vi: 'Bình thường', en: 'Acceptable' } },
  { score: 0, label: { vi: 'Chưa tốt', en: 'Poor' } },
];

function ratingForm(view: PublicView, token: string, reload: () => Promise<void>): HTMLElement {
  const message = h('div', { role: 'alert' });
  const submit = h('button', { type: 'submit' }, t({ vi: 'Gửi đánh giá', en: 'Send rating' }));
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'rating-title' },
    h('h2', { id: 'rating-title' }, t({ vi: 'Đánh giá chất lượng phục vụ', en: 'Rate the service' })),
    h(
      'p',
      { class: 'hint' },
      t({
        vi: 'Chọn một mức cho mỗi tiêu chí. Đánh giá chỉ gửi được một lần.',
        en: 'Pick one level per criterion. You can rate only once.',
      }),
    ),
    view.ratingCriteria.map((c) =>
      h(
        'fieldset',
        null,
        h('legend', null, t(c.label)),
        h(
          'div',
          { class: 'choices' },
          CHOICES.map((choice) =>
            h(
              'label',
              null,
              h('input', { type: 'radio', name: c.criterion, value: String(choice.score) }),
              t(choice.label),
            ),
          ),
        ),
      ),
    ),
    h('label', { for: 'comment' }, t({ vi: 'Góp ý thêm (không bắt buộc)', en: 'Comment (optional)' })),
    h('textarea', { id: 'comment', name: 'comment', maxlength: 1000 }),
    h('div', { class: 'actions' }, submit),
    message,
  );
  const key = newTxId('rating');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(message);
    const scores: Record<string, number> = {};
    for (const c of view.ratingCriteria) {
      const checked = form.querySelector<HTMLInputElement>(`input[name="${c.criterion}"]:checked`);
      if (checked) scores[c.criterion] = Number(checked.value);
    }
    if (Object.keys(scores).length === 0) {
      replace(
        message,
        h(
          'p',
          { class: 'alert error' },
          t({ vi: 'Hãy chọn ít nhất một tiêu chí', en: 'Rate at least one criterion' }),
        ),
      );
      return;
    }
    submit.disabled = true;
    try {
      await api(`/public/dossiers/${encodeURIComponent(token)}/rating`, {
        method: 'POST',
        body: { scores, comment: field(form, 'comment') || undefined },
        idempotencyKey: key,
      });
      await reload();
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'ERROR', String(error));
      replace(message, h('p', { class: 'alert error' }, e.message));
      submit.disabled = false;
    }
  });
  return form;
}
