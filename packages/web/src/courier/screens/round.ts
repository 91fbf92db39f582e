// /buu-ta: today's round — the items to deliver and the home pickups, each with its address (tap to
// open), who to call and what to do; the item-number field (typed or scanned) above them.
import { h, replace } from '../../light/dom.ts';
import { formatDateTime, formatWindow } from '../../light/format.ts';
import { t } from '../../light/i18n.ts';
import { go, link } from '../nav.ts';
import { flashBox } from '../status.ts';
import { forgetAll, state } from '../storage.ts';
import { mine, refreshRound, roundStatus, signOut } from '../sync.ts';
import type { Pickup, Shipment } from '../types.ts';
import { findForm } from './find.ts';
import { pendingBadge, telLink, whatToDo } from './parts.ts';

function shipmentCard(s: Shipment): HTMLElement {
  return h(
    'li',
    { class: `card item ${s.status}`, 'data-item': s.itemNumber },
    link(`/buu-ta/buu-gui/${s.id}`, { class: 'address' }, s.address),
    h('p', null, s.recipientName, ' ', telLink(s.recipientPhone)),
    h('p', { class: 'todo' }, whatToDo(s)),
    h(
      'p',
      null,
      h('span', { class: 'mono' }, s.itemNumber),
      h('span', { class: 'muted' }, ` · ${s.statusLabel}`),
    ),
    pendingBadge(s.id),
  );
}

function pickupCard(p: Pickup): HTMLElement {
  return h(
    'li',
    { class: `card item ${p.status}`, 'data-pickup': p.code },
    h(
      'p',
      { class: 'todo' },
      h('time', { dateTime: p.windowStart }, formatWindow(p.windowStart, p.windowEnd)),
    ),
    link(`/buu-ta/thu-gom/${p.id}`, { class: 'address' }, p.address),
    h('p', null, p.applicantName, ' ', telLink(p.phone)),
    h('p', null, `${t({ vi: 'Nhận hồ sơ', en: 'Collect' })}: ${p.procedureName}`),
    h(
      'p',
      { class: 'muted' },
      h('span', { class: 'mono' }, p.code),
      p.dossierCode ? ` · ${t({ vi: 'Đã nhận', en: 'Collected' })} ${p.dossierCode}` : '',
    ),
    pendingBadge(p.id),
  );
}

async function confirmSignOut(): Promise<void> {
  const pending = mine().length;
  if (
    pending &&
    !window.confirm(
      t({
        vi: `Còn ${pending} thao tác chưa gửi. Chúng vẫn được giữ trên máy và gửi sau khi bạn đăng nhập lại. Đăng xuất?`,
        en: `${pending} action(s) not sent yet. They stay on the phone and are sent after you sign in again. Sign out?`,
      }),
    )
  )
    return;
  await signOut();
  forgetAll();
  go('/buu-ta');
}

export function roundScreen(main: HTMLElement): void {
  const round = state.round;
  const shipments = round?.round.shipments ?? [];
  const pickups = round?.round.pickups ?? [];
  replace(
    main,
    flashBox(),
    h(
      'div',
      { class: 'row' },
      h('h1', null, t({ vi: 'Chuyến phát hôm nay', en: 'Today’s round' })),
      h('span', { class: 'muted' }, state.user?.fullName ?? ''),
    ),
    findForm(),
    roundStatus.error ? h('p', { class: 'alert error' }, roundStatus.error) : null,
    round
      ? h(
          'p',
          { class: 'hint' },
          t({
            vi: `Cập nhật lúc ${formatDateTime(round.at)} · ${shipments.length} bưu gửi`,
            en: `Updated ${formatDateTime(round.at)} · ${shipments.length} items`,
          }),
          ' ',
          h(
            'button',
            { type: 'button', class: 'secondary small', on: { click: () => void refreshRound() } },
            t({ vi: 'Làm mới', en: 'Refresh' }),
          ),
        )
      : h('p', null, t({ vi: 'Đang tải chuyến phát…', en: 'Loading the round…' })),
    h(
      'ul',
      { class: 'round', 'aria-label': t({ vi: 'Bưu gửi cần phát', en: 'Items to deliver' }) },
      shipments.map(shipmentCard),
    ),
    pickups.length
      ? [
          h('h2', null, t({ vi: 'Thu gom hồ sơ tại nhà', en: 'Home pickups' })),
          h(
            'ul',
            { class: 'round', 'aria-label': t({ vi: 'Lịch thu gom', en: 'Pickups' }) },
            pickups.map((booked) => pickupCard(state.pickups[booked.id] ?? booked)),
          ),
        ]
      : null,
    h(
      'p',
      null,
      h(
        'button',
        { type: 'button', class: 'secondary', on: { click: () => void confirmSignOut() } },
        t({ vi: 'Đăng xuất', en: 'Sign out' }),
      ),
    ),
  );
}
