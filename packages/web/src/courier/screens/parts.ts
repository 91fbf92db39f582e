// Pieces several screens show: what to do with an item, the phone to call, the "waiting to send" badge,
// the links back, and recording an action with its confirmation.
import { formatPhoneNational } from '@motcua/core/identifiers/phone';
import { h } from '../../light/dom.ts';
import { formatDate } from '../../light/format.ts';
import { type Text, t } from '../../light/i18n.ts';
import { link } from '../nav.ts';
import { setFlash, TYPE_LABELS } from '../status.ts';
import { mine, queueEvent } from '../sync.ts';
import type { EventPayload, EventType, Shipment } from '../types.ts';

export const PENDING: Text = { vi: 'chờ gửi', en: 'waiting to send' };

export function whatToDo(s: Shipment): string {
  if (s.status === 'delivered') return t({ vi: 'Đã phát', en: 'Delivered' });
  const what =
    s.kind === 'result_delivery'
      ? t({ vi: 'Phát kết quả thủ tục hành chính', en: 'Deliver an administrative result' })
      : s.kind === 'papers_return'
        ? t({ vi: 'Phát trả giấy tờ tạm giữ', en: 'Return seized papers' })
        : t({ vi: 'Phát bưu gửi', en: 'Deliver the item' });
  if (s.attempts > 0) {
    const next = s.nextAttemptOn ? formatDate(s.nextAttemptOn) : '';
    return `${what} — ${t({ vi: `phát lại lần ${s.attempts + 1}`, en: `attempt ${s.attempts + 1}` })}${next ? t({ vi: `, từ ngày ${next}`, en: `, from ${next}` }) : ''}`;
  }
  return what;
}

export function telLink(phone: string | null): HTMLElement | null {
  if (!phone) return null;
  return h(
    'a',
    { href: `tel:${phone.replace(/[^\d+]/g, '')}`, class: 'tel' },
    `☎ ${formatPhoneNational(phone)}`,
  );
}

/** The actions of this item or pickup still on the phone, e.g. "Phát thành công — chờ gửi". */
export function pendingBadge(targetId: string): HTMLElement | null {
  const pending = mine().filter((e) => e.shipmentId === targetId);
  if (!pending.length) return null;
  return h(
    'span',
    { class: 'badge pending' },
    pending.map((e) => t(TYPE_LABELS[e.type])).join(', '),
    ` — ${t(PENDING)}`,
  );
}

export function backToRound(): HTMLElement {
  return h('p', null, link('/buu-ta', {}, `← ${t({ vi: 'Chuyến phát', en: 'Round' })}`));
}

export function backToItem(s: Shipment): HTMLElement {
  return h('p', null, link(`/buu-ta/buu-gui/${s.id}`, {}, `← ${s.itemNumber}`));
}

/** Stores an action on the phone (sent when online) and says so on the next screen. */
export function record(shipment: Shipment, type: EventType, payload: EventPayload): void {
  setFlash(
    'ok',
    t({
      vi: `Đã lưu trên máy: ${TYPE_LABELS[type].vi} ${shipment.itemNumber}. Ứng dụng tự gửi khi có mạng.`,
      en: `Saved on the phone: ${TYPE_LABELS[type].en} ${shipment.itemNumber}. Sent automatically when online.`,
    }),
  );
  queueEvent(shipment, type, payload);
}
