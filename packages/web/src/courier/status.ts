// The bar under the top bar: online or not, how many actions wait to be sent, and the server's answers
// (sent, or refused with its reason); and the one-time message a screen shows after an action.
import { h, replace } from '../light/dom.ts';
import { formatDate } from '../light/format.ts';
import { type Text, t } from '../light/i18n.ts';
import { dismissOutcome, outcomes } from './queue.ts';
import { mine, sync } from './sync.ts';
import type { ActionType } from './types.ts';

export const TYPE_LABELS: Record<ActionType, Text> = {
  collect: { vi: 'Nhận hồ sơ', en: 'Dossier collected' },
  out_for_delivery: { vi: 'Đi phát', en: 'Out for delivery' },
  delivered: { vi: 'Phát thành công', en: 'Delivered' },
  failed_attempt: { vi: 'Phát không thành công', en: 'Failed attempt' },
};

export const statusBar = h('div', { class: 'syncbar', role: 'status', 'aria-live': 'polite' });

let flash: { kind: 'ok' | 'error' | 'warn'; text: string } | null = null;

/** A message for the next screen drawn (shown once). */
export function setFlash(kind: 'ok' | 'error' | 'warn', text: string): void {
  flash = { kind, text };
}

/** The message set by `setFlash`, once. */
export function flashBox(): HTMLElement | null {
  if (!flash) return null;
  const box = h('p', { class: `alert ${flash.kind}`, role: 'status' }, flash.text);
  flash = null;
  return box;
}

function dismissButton(clientTxId: string, label: Text): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary small',
      on: {
        click: () => {
          dismissOutcome(clientTxId);
          drawStatus();
        },
      },
    },
    t(label),
  );
}

export function drawStatus(): void {
  const pending = mine();
  const online = navigator.onLine;
  replace(
    statusBar,
    h(
      'p',
      { class: online ? 'online' : 'offline' },
      online
        ? t({ vi: 'Đang trực tuyến', en: 'Online' })
        : t({ vi: 'Mất mạng — vẫn ghi được, sẽ gửi sau', en: 'Offline — actions are kept and sent later' }),
    ),
    pending.length
      ? h(
          'p',
          { class: 'pending', 'data-testid': 'pending-count' },
          t({ vi: `${pending.length} thao tác chờ gửi`, en: `${pending.length} action(s) waiting to send` }),
          ' ',
          online
            ? h(
                'button',
                { type: 'button', class: 'small', on: { click: () => void sync(true) } },
                t({ vi: 'Gửi ngay', en: 'Send now' }),
              )
            : null,
        )
      : null,
    outcomes()
      .filter((o) => !o.ok)
      .map((o) =>
        h(
          'div',
          { class: 'alert error', role: 'alert', 'data-testid': 'conflict' },
          h(
            'p',
            null,
            h('strong', null, t({ vi: 'Máy chủ không nhận: ', en: 'Refused by the server: ' })),
            `${t(TYPE_LABELS[o.type])} ${o.itemNumber} — ${o.message}`,
          ),
          dismissButton(o.clientTxId, { vi: 'Đã hiểu', en: 'Dismiss' }),
        ),
      ),
    outcomes()
      .filter((o) => o.ok)
      .slice(0, 3)
      .map((o) =>
        h(
          'div',
          { class: 'alert ok', 'data-testid': 'sent' },
          h(
            'p',
            null,
            t({ vi: 'Đã gửi: ', en: 'Sent: ' }),
            `${t(TYPE_LABELS[o.type])} ${o.itemNumber}`,
            o.type === 'failed_attempt' && o.message
              ? t({
                  vi: ` — phát lại từ ngày ${formatDate(o.message)}`,
                  en: ` — next attempt from ${formatDate(o.message)}`,
                })
              : '',
            o.type === 'collect' && o.message
              ? t({ vi: ` — mã hồ sơ ${o.message}`, en: ` — dossier ${o.message}` })
              : '',
          ),
          dismissButton(o.clientTxId, { vi: 'Ẩn', en: 'Hide' }),
        ),
      ),
  );
}
