// /buu-ta/buu-gui/<id>/phat: recording a delivery at the door — who received it, their name and the last
// 4 digits of their ID card, a signature drawn with the finger, an optional photo, the position.
import { field, h, replace, showFieldErrors } from '../../light/dom.ts';
import { type Text, t } from '../../light/i18n.ts';
import { currentPosition, downscalePhoto, type Position, signaturePad } from '../capture.ts';
import { go } from '../nav.ts';
import type { Shipment } from '../types.ts';
import { backToItem, record } from './parts.ts';

const RELATIONSHIPS: { value: string; label: Text }[] = [
  { value: '', label: { vi: 'Chính người nhận', en: 'The addressee' } },
  { value: 'Vợ/chồng', label: { vi: 'Vợ/chồng', en: 'Spouse' } },
  { value: 'Con', label: { vi: 'Con', en: 'Child' } },
  { value: 'Bố/mẹ', label: { vi: 'Bố/mẹ', en: 'Parent' } },
  { value: 'Người thân khác', label: { vi: 'Người thân khác', en: 'Other relative' } },
  { value: 'Người được ủy quyền', label: { vi: 'Người được ủy quyền', en: 'Authorised person' } },
];

export function deliverScreen(main: HTMLElement, s: Shipment): void {
  let position: Position | null = null;
  let photo: string | null = null;
  const gpsLine = h(
    'p',
    { class: 'hint', role: 'status' },
    t({ vi: 'Đang lấy vị trí…', en: 'Getting the position…' }),
  );
  void currentPosition().then((p) => {
    position = p;
    replace(
      gpsLine,
      p
        ? t({
            vi: `Đã lấy vị trí (sai số ${p.accuracy ?? '?'} m)`,
            en: `Position taken (±${p.accuracy ?? '?'} m)`,
          })
        : t({
            vi: 'Không lấy được vị trí — vẫn ghi nhận được',
            en: 'No position — the delivery can still be recorded',
          }),
    );
  });
  const pad = signaturePad(
    t({ vi: 'Ô ký tên của người nhận', en: 'Recipient’s signature' }),
    t({ vi: 'Ký lại', en: 'Clear' }),
  );
  const photoLine = h('p', { class: 'hint' });
  const photoInput = h('input', {
    id: 'photo',
    name: 'photo',
    type: 'file',
    accept: 'image/*',
    capture: 'environment',
  });
  photoInput.addEventListener('change', async () => {
    const file = photoInput.files?.[0];
    photo = null;
    if (!file) return replace(photoLine);
    replace(photoLine, t({ vi: 'Đang thu nhỏ ảnh…', en: 'Shrinking the photo…' }));
    try {
      photo = await downscalePhoto(file);
      replace(
        photoLine,
        t({
          vi: `Ảnh đã sẵn sàng (${Math.round((photo.length * 0.75) / 1024)} KB)`,
          en: `Photo ready (${Math.round((photo.length * 0.75) / 1024)} KB)`,
        }),
      );
    } catch {
      replace(photoLine, t({ vi: 'Không đọc được ảnh này', en: 'Cannot read this picture' }));
    }
  });
  const relationship = h(
    'select',
    { id: 'relationship', name: 'relationship' },
    RELATIONSHIPS.map((r) => h('option', { value: r.value }, t(r.label))),
  );
  const message = h('div', { role: 'alert' });
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('label', { for: 'relationship' }, t({ vi: 'Người nhận là', en: 'Received by' })),
    relationship,
    h('label', { for: 'recipientName' }, t({ vi: 'Họ tên người nhận', en: 'Recipient’s name' })),
    h('input', {
      id: 'recipientName',
      name: 'recipientName',
      value: s.recipientName,
      autocomplete: 'off',
      maxlength: 200,
    }),
    h(
      'label',
      { for: 'idLast4' },
      t({ vi: '4 số cuối CCCD của người nhận', en: 'Last 4 digits of the recipient’s ID' }),
    ),
    h('input', {
      id: 'idLast4',
      name: 'idLast4',
      inputmode: 'numeric',
      maxlength: 4,
      autocomplete: 'off',
      pattern: '[0-9]{4}',
    }),
    h('label', { for: 'signature' }, t({ vi: 'Chữ ký người nhận', en: 'Recipient’s signature' })),
    pad.element,
    h('label', { for: 'photo' }, t({ vi: 'Ảnh chụp (không bắt buộc)', en: 'Photo (optional)' })),
    photoInput,
    photoLine,
    gpsLine,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit' }, t({ vi: 'Xác nhận đã phát', en: 'Confirm delivery' })),
    ),
    message,
  );
  relationship.addEventListener('change', () => {
    const name = form.elements.namedItem('recipientName') as HTMLInputElement;
    if (relationship.value && name.value === s.recipientName) name.value = '';
    if (!relationship.value && !name.value) name.value = s.recipientName;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    replace(message);
    const recipientName = field(form, 'recipientName');
    const idLast4 = field(form, 'idLast4');
    const signature = pad.toDataUrl();
    const errors = [];
    if (!recipientName)
      errors.push({ field: 'recipientName', message: t({ vi: 'Cần tên người nhận', en: 'Name required' }) });
    if (!/^\d{4}$/.test(idLast4))
      errors.push({
        field: 'idLast4',
        message: t({ vi: 'Nhập đúng 4 chữ số cuối CCCD', en: 'Enter the last 4 digits' }),
      });
    showFieldErrors(form, errors);
    if (!signature)
      replace(
        message,
        h(
          'p',
          { class: 'alert error' },
          t({ vi: 'Người nhận cần ký vào ô ký tên', en: 'The recipient must sign' }),
        ),
      );
    if (errors.length || !signature) return;
    record(s, 'delivered', {
      recipientName,
      idLast4,
      relationship: relationship.value || null,
      signature,
      photo,
      gps: position,
    });
    go('/buu-ta');
  });
  replace(
    main,
    backToItem(s),
    h('h1', null, t({ vi: 'Ghi nhận phát thành công', en: 'Record the delivery' })),
    h('p', { class: 'address' }, s.address),
    form,
  );
}
