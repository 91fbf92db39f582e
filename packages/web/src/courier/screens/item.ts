// /buu-ta/buu-gui/<id>: one item — address, recipient, what to do, status, tracking — and its actions:
// out for delivery, delivered, not delivered (while it is open and no delivery waits to be sent).
import { h, replace } from '../../light/dom.ts';
import { formatDateTime } from '../../light/format.ts';
import { t } from '../../light/i18n.ts';
import { go, render } from '../nav.ts';
import { flashBox } from '../status.ts';
import { mine } from '../sync.ts';
import type { Shipment } from '../types.ts';
import { backToRound, pendingBadge, record, telLink, whatToDo } from './parts.ts';

const CLOSED = new Set(['delivered', 'returned', 'held']);

function actions(s: Shipment): HTMLElement | null {
  const pending = mine().filter((e) => e.shipmentId === s.id);
  if (CLOSED.has(s.status) || pending.some((e) => e.type === 'delivered')) return null;
  const goingOut = s.status === 'out_for_delivery' || pending.some((e) => e.type === 'out_for_delivery');
  return h(
    'div',
    { class: 'actions stack' },
    goingOut
      ? null
      : h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            on: {
              click: () => {
                record(s, 'out_for_delivery', {});
                render();
              },
            },
          },
          t({ vi: 'Đi phát', en: 'Out for delivery' }),
        ),
    h(
      'button',
      { type: 'button', on: { click: () => go(`/buu-ta/buu-gui/${s.id}/phat`) } },
      t({ vi: 'Phát thành công', en: 'Delivered' }),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'danger',
        on: { click: () => go(`/buu-ta/buu-gui/${s.id}/khong-thanh-cong`) },
      },
      t({ vi: 'Phát không thành công', en: 'Not delivered' }),
    ),
  );
}

export function itemScreen(main: HTMLElement, s: Shipment): void {
  replace(
    main,
    flashBox(),
    backToRound(),
    h('h1', { class: 'mono' }, s.itemNumber),
    h(
      'section',
      { class: 'card' },
      h('p', { class: 'address' }, s.address),
      h('p', null, s.recipientName, ' ', telLink(s.recipientPhone)),
      h('p', { class: 'todo' }, whatToDo(s)),
      h('p', null, h('span', { class: 'status' }, s.statusLabel), ' ', pendingBadge(s.id)),
      s.dossierCode
        ? h('p', { class: 'muted' }, `${t({ vi: 'Hồ sơ', en: 'Dossier' })} ${s.dossierCode}`)
        : null,
      h('p', { class: 'muted' }, `${t({ vi: 'Hạn phát', en: 'Target' })}: ${formatDateTime(s.targetAt)}`),
    ),
    actions(s),
    h(
      'section',
      { class: 'card' },
      h('h2', null, t({ vi: 'Hành trình', en: 'Tracking' })),
      h(
        'ol',
        { class: 'timeline' },
        s.events.map((e) =>
          h(
            'li',
            null,
            h('span', null, e.label),
            e.reason ? h('span', { class: 'muted' }, ` — ${e.reason}`) : null,
            e.recipientName ? h('span', { class: 'muted' }, ` — ${e.recipientName}`) : null,
            h('time', { class: 'when', dateTime: e.at }, formatDateTime(e.at)),
          ),
        ),
      ),
    ),
  );
}
