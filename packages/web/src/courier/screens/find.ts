// The item-number field of the round: typed, typed by a scanner that acts as a keyboard, or read with
// the camera (scan.ts). An S10 number is checked on the phone with `validateS10` of @motcua/core (the
// server's own check) before anything is asked of the server; other numbers go to the server.
import { IdentifierErrorCode } from '@motcua/core/identifiers/errors';
import { s10CheckDigit, validateS10 } from '@motcua/core/identifiers/s10';
import { ApiError } from '../../light/api.ts';
import { field, h, replace, showFieldErrors } from '../../light/dom.ts';
import { type Text, t } from '../../light/i18n.ts';
import { allowRedraws, go, keepInput, onLeave } from '../nav.ts';
import { cameraAvailable, itemNumberIn, ScanEnded, startScan } from '../scan.ts';
import { state } from '../storage.ts';
import { fetchShipment } from '../sync.ts';

const S10_SHAPE = /^[A-Z]{2}\d{9}[A-Z]{2}$/;

const SCAN_ENDED = {
  denied: {
    vi: 'Ứng dụng chưa được phép dùng camera. Cho phép trong cài đặt của trình duyệt, hoặc gõ số hiệu.',
    en: 'The app may not use the camera. Allow it in the browser’s settings, or type the number.',
  },
  'no-camera': {
    vi: 'Không tìm thấy camera trên máy này. Gõ số hiệu bưu gửi.',
    en: 'No camera found on this phone. Type the item number.',
  },
  failed: {
    vi: 'Không mở được camera. Gõ số hiệu bưu gửi.',
    en: 'The camera could not be opened. Type the item number.',
  },
};

/** Why a scanned S10 number is refused: the label was misprinted or misread, not mistyped. */
function scanRefusal(number: string, check: { code: string; reason: Text }): string {
  if (check.code !== IdentifierErrorCode.InvalidCheckDigit) return `${number}: ${t(check.reason)}`;
  const expected = s10CheckDigit(number.slice(2, 10));
  return t({
    vi: `Mã vừa quét ${number} có chữ số kiểm tra sai (với sê-ri ${number.slice(2, 10)} phải là ${expected}, không phải ${number[10]}): nhãn in sai hoặc camera đọc nhầm. Quét lại, hoặc gõ số in trên nhãn.`,
    en: `The scanned number ${number} has a wrong check digit (serial ${number.slice(2, 10)} needs ${expected}, not ${number[10]}): the label is misprinted or was misread. Scan again, or type the number printed on the label.`,
  });
}

/** What is typed in the field, kept when the round is drawn again (the sync updates it). */
let typed = '';
/** The refusal shown under the field, kept with it when the round is drawn again. */
let shownError: string | null = null;

export function findForm(): HTMLElement {
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
  const scanner = h('div', { class: 'scanner', hidden: true });
  const form = h(
    'form',
    { class: 'find', novalidate: true },
    h(
      'label',
      { for: 'itemNumber' },
      t({ vi: 'Số hiệu bưu gửi (quét hoặc gõ)', en: 'Item number (scan or type)' }),
    ),
    h('div', { class: 'inline' }, input, submit),
    cameraAvailable()
      ? h(
          'button',
          { type: 'button', class: 'secondary scan', on: { click: () => openCamera() } },
          t({ vi: 'Quét mã bằng camera', en: 'Scan with the camera' }),
        )
      : null,
    scanner,
  );
  const error = (message: string) => {
    shownError = message;
    showFieldErrors(form, [{ field: 'itemNumber', message }]);
  };
  if (shownError) showFieldErrors(form, [{ field: 'itemNumber', message: shownError }]);
  /** What was read last: its refusal names it as read, not typed. */
  let scanned: string | null = null;

  input.addEventListener('input', () => {
    scanned = null;
    typed = input.value;
    shownError = null;
  });

  let closeCamera = () => {};
  function openCamera(): void {
    // Drawing the round again would drop the picture: the sync waits until the camera is closed.
    keepInput();
    closeCamera();
    shownError = null;
    showFieldErrors(form, []);
    input.value = typed = '';
    scanned = null;
    const video = h('video', {
      muted: true,
      playsInline: true,
      autoplay: true,
      'aria-label': t({ vi: 'Hình ảnh từ camera', en: 'Camera picture' }),
    });
    const scan = startScan(video);
    const onHidden = () => {
      if (document.hidden) closeCamera();
    };
    closeCamera = () => {
      scan.stop();
      scanner.hidden = true;
      replace(scanner);
      document.removeEventListener('visibilitychange', onHidden);
      closeCamera = () => {};
      allowRedraws();
    };
    document.addEventListener('visibilitychange', onHidden);
    onLeave(() => closeCamera());
    replace(
      scanner,
      video,
      h(
        'p',
        { class: 'hint', role: 'status' },
        t({
          vi: 'Đưa mã vạch hoặc mã QR trên nhãn vào giữa khung hình, giữ yên.',
          en: 'Hold the label’s barcode or QR code in the middle of the picture, still.',
        }),
      ),
      h(
        'button',
        { type: 'button', class: 'secondary small', on: { click: () => closeCamera() } },
        t({ vi: 'Tắt camera', en: 'Close the camera' }),
      ),
    );
    scanner.hidden = false;
    scan.result.then(
      (text) => {
        closeCamera();
        const number = itemNumberIn(text);
        if (!number) {
          error(
            t({
              vi: `Mã vừa quét không phải số hiệu bưu gửi (“${text.slice(0, 60)}”). Quét mã vạch trên nhãn bưu gửi, hoặc gõ số hiệu.`,
              en: `What was scanned is not an item number (“${text.slice(0, 60)}”). Scan the item label’s barcode, or type the number.`,
            }),
          );
          return;
        }
        input.value = number;
        scanned = number;
        form.requestSubmit();
      },
      (reason: unknown) => {
        closeCamera();
        if (reason instanceof ScanEnded && reason.reason !== 'stopped') error(t(SCAN_ENDED[reason.reason]));
      },
    );
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const number = field(form, 'itemNumber').toUpperCase().replace(/\s+/g, '');
    if (!number) return error(t({ vi: 'Nhập số hiệu bưu gửi', en: 'Enter the item number' }));
    if (S10_SHAPE.test(number)) {
      const check = validateS10(number);
      if (!check.ok) return error(scanned === number ? scanRefusal(number, check) : t(check.reason));
    }
    shownError = null;
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
