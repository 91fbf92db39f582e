// /buu-ta/thu-gom/<id>: a home pickup — the documents checked against the procedure's list, the
// applicant, how the result comes back, the fee, the seal, the signature — collected as a dossier.
import { formatPhoneNational } from '@motcua/core/identifiers/phone';
import { field, h, replace, showFieldErrors } from '../../light/dom.ts';
import { formatMoney, formatWindow } from '../../light/format.ts';
import { type Text, t } from '../../light/i18n.ts';
import { signaturePad } from '../capture.ts';
import { keepInput, redraw, render } from '../nav.ts';
import { dismissOutcome, outcomes } from '../queue.ts';
import { state } from '../storage.ts';
import { loadProcedures, mine, queueCollect } from '../sync.ts';
import type { CollectBody, Pickup } from '../types.ts';
import { backToRound, telLink } from './parts.ts';

/** What the courier entered on a pickup form, kept when the server refuses it (ticks, names…). */
const drafts: Record<string, CollectBody> = {};

const COPY_TYPES: Record<string, Text> = {
  original: { vi: 'bản chính', en: 'original' },
  copy: { vi: 'bản sao', en: 'copy' },
  certified_copy: { vi: 'bản sao chứng thực', en: 'certified copy' },
  original_for_comparison: { vi: 'bản chính để đối chiếu', en: 'original to compare' },
};

/** Checks the documents against the procedure's list and receives the dossier. */
export function pickupScreen(main: HTMLElement, p: Pickup): void {
  const pending = mine().some((e) => e.shipmentId === p.id && e.type === 'collect');
  const refusal = outcomes().find((o) => o.targetId === p.id && o.type === 'collect');
  const procedure = state.procedures[p.procedureId];
  const header = [
    backToRound(),
    h('h1', null, t({ vi: 'Thu gom hồ sơ', en: 'Home pickup' }), ' ', h('span', { class: 'mono' }, p.code)),
    h(
      'section',
      { class: 'card' },
      h('p', { class: 'todo' }, formatWindow(p.windowStart, p.windowEnd)),
      h('p', { class: 'address' }, p.address),
      h('p', null, p.applicantName, ' ', telLink(p.phone)),
      h('p', null, p.procedureName),
      p.note ? h('p', { class: 'muted' }, `${t({ vi: 'Ghi chú', en: 'Note' })}: ${p.note}`) : null,
    ),
  ];
  if (p.status === 'collected' || p.dossierCode) {
    replace(
      main,
      ...header,
      h(
        'div',
        { class: 'alert ok', role: 'status' },
        h('p', null, t({ vi: 'Đã nhận hồ sơ.', en: 'Dossier received.' })),
        h(
          'p',
          null,
          t({ vi: 'Mã hồ sơ: ', en: 'Dossier code: ' }),
          h('strong', { class: 'mono', 'data-testid': 'dossier-code' }, p.dossierCode ?? ''),
        ),
        h(
          'p',
          { class: 'hint' },
          t({
            vi: 'Ghi mã hồ sơ lên phiếu gửi và báo cho người nộp.',
            en: 'Write the code on the consignment slip and tell the applicant.',
          }),
        ),
      ),
    );
    return;
  }
  if (pending) {
    replace(
      main,
      ...header,
      h(
        'p',
        { class: 'alert warn', role: 'status' },
        t({
          vi: 'Đã lưu trên máy: nhận hồ sơ — chờ gửi. Mã hồ sơ hiện ra khi máy chủ nhận.',
          en: 'Saved on the phone: dossier collected — waiting to send. The dossier code shows once the server has it.',
        }),
      ),
    );
    return;
  }
  if (!procedure) {
    replace(
      main,
      ...header,
      h(
        'p',
        { role: 'status' },
        navigator.onLine
          ? t({ vi: 'Đang tải thành phần hồ sơ…', en: 'Loading the document list…' })
          : t({
              vi: 'Chưa có thành phần hồ sơ trên máy: mở lại khi có mạng.',
              en: 'The document list is not on the phone: open this again when online.',
            }),
      ),
    );
    if (navigator.onLine)
      void loadProcedures([p]).then(() => {
        if (state.procedures[p.procedureId]) redraw('pickup');
      });
    return;
  }
  // What is ticked and typed here would be lost if the sync drew the screen again.
  keepInput();
  const draft = drafts[p.id];
  const documents = procedure.current.documents;
  const fees = procedure.current.fees;
  const feeTotal = fees.reduce((sum, f) => sum + f.amount, 0);
  const pad = signaturePad(
    t({ vi: 'Ô ký tên của người nộp hồ sơ', en: 'Applicant’s signature' }),
    t({ vi: 'Ký lại', en: 'Clear' }),
  );
  const input = (id: string, name: string, label: string, attrs: Record<string, unknown> = {}) => [
    h('label', { for: id }, label),
    h('input', { id, name, autocomplete: 'off', ...attrs }),
  ];
  const deliveryBox = h(
    'div',
    null,
    input('delivery-address', 'deliveryAddress', t({ vi: 'Địa chỉ nhận kết quả', en: 'Delivery address' }), {
      value: draft?.intake.deliveryAddress ?? p.address,
      maxlength: 500,
    }),
  );
  const returnMethod = draft?.intake.returnMethod ?? 'postal';
  deliveryBox.hidden = returnMethod !== 'postal';
  const message = h('div', { role: 'alert' });
  const ticked = new Set(draft?.intake.documents.map((d) => d.index) ?? []);
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h(
      'fieldset',
      null,
      h(
        'legend',
        null,
        t({ vi: 'Giấy tờ nhận (đánh dấu từng giấy tờ)', en: 'Documents received (tick each)' }),
      ),
      h(
        'ul',
        { class: 'checklist' },
        documents.map((d, i) =>
          h(
            'li',
            null,
            h(
              'label',
              null,
              h('input', {
                type: 'checkbox',
                id: `doc-${i}`,
                name: `documents.${i}`,
                value: String(i),
                checked: ticked.has(i),
              }),
              h(
                'span',
                null,
                d.name,
                h(
                  'span',
                  { class: 'muted' },
                  ` (${t(COPY_TYPES[d.copyType] ?? { vi: d.copyType, en: d.copyType })}, ${d.count} ${t({ vi: 'bản', en: d.count > 1 ? 'copies' : 'copy' })})`,
                ),
                d.required
                  ? h('span', { class: 'required-mark' }, ` — ${t({ vi: 'bắt buộc', en: 'mandatory' })}`)
                  : null,
                d.condition ? h('span', { class: 'hint', style: 'display:block' }, d.condition) : null,
              ),
            ),
          ),
        ),
      ),
    ),
    h('h2', null, t({ vi: 'Người nộp hồ sơ', en: 'Applicant' })),
    input('applicant-name', 'applicant.name', t({ vi: 'Họ và tên', en: 'Full name' }), {
      value: draft?.intake.applicant.name ?? p.applicantName,
      maxlength: 200,
    }),
    input(
      'applicant-id',
      'applicant.idNumber',
      t({ vi: 'Số CCCD (không bắt buộc)', en: 'Citizen ID number (optional)' }),
      { value: draft?.intake.applicant.idNumber ?? '', inputmode: 'numeric', maxlength: 12 },
    ),
    input('applicant-phone', 'applicant.phone', t({ vi: 'Số điện thoại', en: 'Phone' }), {
      value: draft?.intake.applicant.phone ?? formatPhoneNational(p.phone),
      type: 'tel',
      inputmode: 'tel',
      maxlength: 30,
    }),
    h(
      'fieldset',
      null,
      h('legend', null, t({ vi: 'Nhận kết quả', en: 'Result returned' })),
      h(
        'div',
        { class: 'choices column' },
        (
          [
            ['postal', { vi: 'Chuyển phát đến địa chỉ', en: 'By post to an address' }],
            ['counter', { vi: 'Tại bộ phận một cửa', en: 'At the counter' }],
          ] as const
        ).map(([value, label]) =>
          h(
            'label',
            null,
            h('input', {
              type: 'radio',
              name: 'returnMethod',
              value,
              checked: value === returnMethod,
              on: { change: () => (deliveryBox.hidden = value !== 'postal') },
            }),
            t(label),
          ),
        ),
      ),
      deliveryBox,
    ),
    h('h2', null, t({ vi: 'Phí, lệ phí', en: 'Fees' })),
    feeTotal > 0
      ? [
          h(
            'ul',
            null,
            fees.map((f) => h('li', null, `${f.name}: `, h('strong', null, formatMoney(f.amount)))),
          ),
          h(
            'div',
            { class: 'choices' },
            h(
              'label',
              null,
              h('input', {
                type: 'checkbox',
                name: 'feePaid',
                checked: draft ? draft.intake.fee !== null : true,
              }),
              t({
                vi: `Đã thu tiền mặt ${formatMoney(feeTotal)}`,
                en: `Collected ${formatMoney(feeTotal)} in cash`,
              }),
            ),
          ),
        ]
      : h('p', { class: 'muted' }, t({ vi: 'Thủ tục không thu phí', en: 'No fee' })),
    h('h2', null, t({ vi: 'Niêm phong', en: 'Sealing' })),
    input('seal-number', 'sealNumber', t({ vi: 'Số niêm phong', en: 'Seal number' }), {
      value: draft?.sealNumber ?? '',
      maxlength: 40,
      autocapitalize: 'characters',
      spellcheck: false,
    }),
    input('weight', 'weightGrams', t({ vi: 'Khối lượng (gam)', en: 'Weight (grams)' }), {
      value: draft ? String(draft.weightGrams) : '',
      type: 'number',
      inputmode: 'numeric',
      min: 1,
      max: 30000,
      step: 1,
    }),
    h('label', { for: 'signature' }, t({ vi: 'Chữ ký người nộp hồ sơ', en: 'Applicant’s signature' })),
    pad.element,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit' }, t({ vi: 'Nhận hồ sơ', en: 'Collect the dossier' })),
    ),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    replace(message);
    const checked = documents
      .map((_, i) => i)
      .filter((i) => (form.elements.namedItem(`documents.${i}`) as HTMLInputElement).checked);
    const errors: { field: string; message: string }[] = [];
    const missing = documents
      .map((d, i) => ({ d, i }))
      .filter(({ d, i }) => d.required && !checked.includes(i));
    for (const { d, i } of missing)
      errors.push({
        field: `documents.${i}`,
        message: t({ vi: `Thiếu giấy tờ bắt buộc: ${d.name}`, en: `Missing mandatory document: ${d.name}` }),
      });
    const name = field(form, 'applicant.name');
    const phone = field(form, 'applicant.phone');
    const method = form.querySelector<HTMLInputElement>('input[name="returnMethod"]:checked')?.value;
    const deliveryAddress = field(form, 'deliveryAddress');
    const sealNumber = field(form, 'sealNumber');
    const weight = Number(field(form, 'weightGrams'));
    if (!name)
      errors.push({ field: 'applicant.name', message: t({ vi: 'Cần họ tên', en: 'Name required' }) });
    if (!phone)
      errors.push({
        field: 'applicant.phone',
        message: t({ vi: 'Cần số điện thoại', en: 'Phone required' }),
      });
    if (method === 'postal' && !deliveryAddress)
      errors.push({
        field: 'deliveryAddress',
        message: t({ vi: 'Cần địa chỉ nhận kết quả', en: 'Delivery address required' }),
      });
    if (!sealNumber)
      errors.push({
        field: 'sealNumber',
        message: t({ vi: 'Cần số niêm phong', en: 'Seal number required' }),
      });
    if (!Number.isInteger(weight) || weight < 1 || weight > 30_000)
      errors.push({
        field: 'weightGrams',
        message: t({ vi: 'Khối lượng từ 1 đến 30.000 gam', en: 'Weight from 1 to 30,000 g' }),
      });
    const signature = pad.toDataUrl();
    showFieldErrors(form, errors);
    if (errors.length || !signature) {
      replace(
        message,
        h(
          'p',
          { class: 'alert error' },
          missing.length
            ? t({
                vi: 'Hồ sơ chưa đủ giấy tờ bắt buộc: chưa nhận được. Hướng dẫn người nộp bổ sung.',
                en: 'Mandatory documents are missing: the dossier cannot be collected. Tell the applicant what to add.',
              })
            : errors.length
              ? t({ vi: 'Kiểm tra các mục báo đỏ', en: 'Check the fields marked in red' })
              : t({ vi: 'Người nộp hồ sơ cần ký vào ô ký tên', en: 'The applicant must sign' }),
        ),
      );
      return;
    }
    const idNumber = field(form, 'applicant.idNumber');
    const feePaid = (form.elements.namedItem('feePaid') as HTMLInputElement | null)?.checked ?? false;
    const body: CollectBody = {
      intake: {
        applicant: {
          kind: 'person',
          name,
          idNumber: idNumber || null,
          phone,
          address: p.address,
          unitId: p.unitId,
        },
        documents: checked.map((index) => ({ index })),
        returnMethod: method === 'counter' ? 'counter' : 'postal',
        deliveryAddress: method === 'counter' ? null : deliveryAddress,
        deliveryUnitId: method === 'counter' ? null : deliveryAddress === p.address ? p.unitId : null,
        fee: feeTotal > 0 && feePaid ? { amount: feeTotal, method: 'cash' } : null,
      },
      sealNumber,
      weightGrams: weight,
      senderSignature: signature,
    };
    drafts[p.id] = body;
    if (refusal) dismissOutcome(refusal.clientTxId);
    queueCollect(p, body);
    render();
  });
  replace(
    main,
    ...header,
    refusal && !refusal.ok
      ? h(
          'div',
          { class: 'alert error', 'data-testid': 'collect-refused' },
          h('p', null, t({ vi: 'Máy chủ không nhận: ', en: 'Refused by the server: ' }), refusal.message),
          h(
            'p',
            { class: 'hint' },
            t({ vi: 'Sửa rồi ký và gửi lại.', en: 'Correct, sign again and send again.' }),
          ),
        )
      : null,
    form,
  );
  if (refusal && !refusal.ok && refusal.fields?.length) showFieldErrors(form, refusal.fields);
}
