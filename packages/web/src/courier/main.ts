// The courier's phone app (/buu-ta): today's round, open an item by tapping or by its S10 number, go
// out for delivery, record a delivery (name, ID digits, signature, photo, position) or a failed
// attempt. Every action is queued on the phone and sent when online (queue.ts). Plain TypeScript.
import { validateS10 } from '@motcua/core/identifiers/s10';
import '../light/light.css';
import './courier.css';
import { ApiError, api, newTxId, setCsrf } from '../light/api.ts';
import { field, h, replace, showFieldErrors } from '../light/dom.ts';
import { formatDate, formatDateTime, formatMoney, formatWindow } from '../light/format.ts';
import { lang, type Text, t } from '../light/i18n.ts';
import { topbar } from '../light/shell.ts';
import { currentPosition, downscalePhoto, type Position, signaturePad } from './capture.ts';
import { dismissOutcome, enqueue, flush, outcomes, type QueueEntry, queued } from './queue.ts';
import type {
  ActionType,
  CollectBody,
  EventPayload,
  EventType,
  Pickup,
  Procedure,
  Round,
  Shipment,
} from './types.ts';

interface User {
  username: string;
  fullName: string;
}

const USER_KEY = 'motcua.courier.user';
const ROUND_KEY = 'motcua.courier.round';
const ITEMS_KEY = 'motcua.courier.items';
const PICKUPS_KEY = 'motcua.courier.pickups';
const PROCEDURES_KEY = 'motcua.courier.procedures';

const app = document.getElementById('app');
if (!app) throw new Error('courier.html has no #app');
const root: HTMLElement = app;

const load = <T>(key: string, fallback: T): T => {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
};
const save = (key: string, value: unknown) => localStorage.setItem(key, JSON.stringify(value));

let user: User | null = load<User | null>(USER_KEY, null);
let sessionChecked = false;
let round: { round: Round; at: string } | null = load(ROUND_KEY, null);
/** Every shipment the phone knows (the round and items opened by number), by id, for offline use. */
let items: Record<string, Shipment> = load(ITEMS_KEY, {});
/** Every pickup the phone knows (booked ones of the round, collected ones with their dossier code). */
let pickupsById: Record<string, Pickup> = load(PICKUPS_KEY, {});
/** The catalogue entries of the round's pickups (documents and fees), for collecting offline. */
let procedures: Record<string, Procedure> = load(PROCEDURES_KEY, {});
/** What the courier entered on a pickup form, kept when the server refuses it (ticks, names…). */
const drafts: Record<string, CollectBody> = {};
let flash: { kind: 'ok' | 'error' | 'warn'; text: string } | null = null;
const status = h('div', { class: 'syncbar', role: 'status', 'aria-live': 'polite' });

const L = {
  app: { vi: 'Bưu tá', en: 'Courier' },
  pending: { vi: 'chờ gửi', en: 'waiting to send' },
} satisfies Record<string, Text>;

const TYPE_LABELS: Record<ActionType, Text> = {
  collect: { vi: 'Nhận hồ sơ', en: 'Dossier collected' },
  out_for_delivery: { vi: 'Đi phát', en: 'Out for delivery' },
  delivered: { vi: 'Phát thành công', en: 'Delivered' },
  failed_attempt: { vi: 'Phát không thành công', en: 'Failed attempt' },
};

function remember(shipment: Shipment): void {
  items = { ...items, [shipment.id]: shipment };
  if (round) {
    round = {
      ...round,
      round: {
        ...round.round,
        shipments: round.round.shipments.map((s) => (s.id === shipment.id ? shipment : s)),
      },
    };
    save(ROUND_KEY, round);
  }
  save(ITEMS_KEY, items);
}

// ---- sync -------------------------------------------------------------------------------------

const hooks = {
  onShipment: (shipment: Shipment) => remember(shipment),
  onPickup: (pickup: Pickup) => {
    pickupsById = { ...pickupsById, [pickup.id]: pickup };
    save(PICKUPS_KEY, pickupsById);
  },
  onChange: () => {
    drawStatus();
    if (screen === 'round' || screen === 'item' || screen === 'pickup') render();
  },
  onSignedOut: () => {
    sessionChecked = false;
    flash = {
      kind: 'warn',
      text: t({
        vi: 'Phiên đăng nhập đã hết. Đăng nhập lại để gửi các thao tác còn chờ (vẫn lưu trên máy).',
        en: 'Your session ended. Sign in again to send the waiting actions (kept on the phone).',
      }),
    };
    user = null;
    render();
  },
};

async function checkSession(): Promise<void> {
  try {
    const me = await api<{ user: User; csrfToken: string }>('/auth/me');
    setCsrf(me.csrfToken);
    user = { username: me.user.username, fullName: me.user.fullName };
    save(USER_KEY, user);
    sessionChecked = true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      user = null;
      localStorage.removeItem(USER_KEY);
    }
  }
}

async function sync(force = false): Promise<void> {
  if (!navigator.onLine || !user) return drawStatus();
  if (!sessionChecked) await checkSession();
  if (!user || !sessionChecked) return drawStatus();
  await flush(hooks, user.username, force);
  drawStatus();
}

window.addEventListener('online', () => void sync(true));
window.addEventListener('offline', () => drawStatus());
setInterval(() => void sync(), 30_000);

function mine(): QueueEntry[] {
  return queued().filter((e) => e.username === user?.username);
}

function drawStatus(): void {
  const pending = mine();
  const online = navigator.onLine;
  replace(
    status,
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
          h(
            'button',
            {
              type: 'button',
              class: 'secondary small',
              on: {
                click: () => {
                  dismissOutcome(o.clientTxId);
                  drawStatus();
                },
              },
            },
            t({ vi: 'Đã hiểu', en: 'Dismiss' }),
          ),
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
          h(
            'button',
            {
              type: 'button',
              class: 'secondary small',
              on: {
                click: () => {
                  dismissOutcome(o.clientTxId);
                  drawStatus();
                },
              },
            },
            t({ vi: 'Ẩn', en: 'Hide' }),
          ),
        ),
      ),
  );
}

/** Stores an action on the phone, then tries to send it. */
function record(shipment: Shipment, type: EventType, payload: EventPayload): void {
  enqueue({
    clientTxId: newTxId(type),
    username: user?.username ?? '',
    shipmentId: shipment.id,
    itemNumber: shipment.itemNumber,
    address: shipment.address,
    type,
    at: new Date().toISOString(),
    payload,
  });
  flash = {
    kind: 'ok',
    text: t({
      vi: `Đã lưu trên máy: ${TYPE_LABELS[type].vi} ${shipment.itemNumber}. Ứng dụng tự gửi khi có mạng.`,
      en: `Saved on the phone: ${TYPE_LABELS[type].en} ${shipment.itemNumber}. Sent automatically when online.`,
    }),
  };
  drawStatus();
  void sync();
}

// ---- screens ----------------------------------------------------------------------------------

let screen: 'login' | 'round' | 'item' | 'form' | 'pickup' = 'round';

function go(path: string): void {
  history.pushState(null, '', path);
  render();
}

function render(): void {
  const main = h('main', { id: 'main' });
  document.title = `${t(L.app)} — motcua`;
  replace(root, topbar(L.app, '/buu-ta', render), status, main);
  drawStatus();
  if (!user) {
    screen = 'login';
    loginScreen(main);
    return;
  }
  const path = location.pathname.replace(/\/+$/, '');
  const pickupMatch = /^\/buu-ta\/thu-gom\/([^/]+)$/.exec(path);
  if (pickupMatch?.[1]) {
    const pickup = pickupsById[pickupMatch[1]];
    if (!pickup) {
      go('/buu-ta');
    } else {
      screen = 'pickup';
      pickupScreen(main, pickup);
    }
    return;
  }
  const match = /^\/buu-ta\/buu-gui\/([^/]+)(?:\/(phat|khong-thanh-cong))?$/.exec(path);
  if (match?.[1]) {
    const shipment = items[match[1]];
    if (!shipment) {
      go('/buu-ta');
    } else if (match[2] === 'phat') {
      screen = 'form';
      deliverScreen(main, shipment);
    } else if (match[2] === 'khong-thanh-cong') {
      screen = 'form';
      failedScreen(main, shipment);
    } else {
      screen = 'item';
      itemScreen(main, shipment);
    }
    return;
  }
  screen = 'round';
  roundScreen(main);
}

function flashBox(): HTMLElement | null {
  if (!flash) return null;
  const box = h('p', { class: `alert ${flash.kind}`, role: 'status' }, flash.text);
  flash = null;
  return box;
}

function loginScreen(main: HTMLElement): void {
  const message = h('div', { role: 'alert' });
  const submit = h('button', { type: 'submit' }, t({ vi: 'Đăng nhập', en: 'Sign in' }));
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('label', { for: 'username' }, t({ vi: 'Tên đăng nhập', en: 'Username' })),
    h('input', {
      id: 'username',
      name: 'username',
      autocomplete: 'username',
      autocapitalize: 'none',
      spellcheck: false,
    }),
    h('label', { for: 'password' }, t({ vi: 'Mật khẩu', en: 'Password' })),
    h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password' }),
    h('div', { class: 'actions' }, submit),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(message);
    const username = field(form, 'username');
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    if (!username || !password) {
      replace(
        message,
        h(
          'p',
          { class: 'alert error' },
          t({ vi: 'Nhập tên đăng nhập và mật khẩu', en: 'Enter your username and password' }),
        ),
      );
      return;
    }
    submit.disabled = true;
    try {
      const answer = await api<{ user: User; csrfToken: string }>('/auth/login', {
        method: 'POST',
        body: { username, password },
      });
      setCsrf(answer.csrfToken);
      user = { username: answer.user.username, fullName: answer.user.fullName };
      sessionChecked = true;
      save(USER_KEY, user);
      if (round && load<User | null>(USER_KEY, null)?.username !== user.username) round = null;
      go('/buu-ta');
      void refreshRound();
      void sync();
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'ERROR', String(error));
      replace(message, h('p', { class: 'alert error' }, e.message));
      submit.disabled = false;
    }
  });
  replace(main, flashBox(), h('h1', null, t({ vi: 'Đăng nhập bưu tá', en: 'Courier sign-in' })), form);
}

let roundError: string | null = null;
async function refreshRound(): Promise<void> {
  if (!navigator.onLine) return;
  try {
    const fresh = await api<Round>('/courier/round');
    round = { round: fresh, at: new Date().toISOString() };
    save(ROUND_KEY, round);
    for (const s of fresh.shipments) items[s.id] = s;
    save(ITEMS_KEY, items);
    for (const p of fresh.pickups) pickupsById[p.id] = p;
    save(PICKUPS_KEY, pickupsById);
    roundError = null;
    void loadProcedures(fresh.pickups);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return hooks.onSignedOut();
    roundError = error instanceof Error ? error.message : String(error);
  }
  if (screen === 'round') render();
}

function whatToDo(s: Shipment): string {
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

function telLink(phone: string | null): HTMLElement | null {
  if (!phone) return null;
  return h('a', { href: `tel:${phone.replace(/[^\d+]/g, '')}`, class: 'tel' }, `☎ ${phone}`);
}

function pendingBadge(shipmentId: string): HTMLElement | null {
  const pending = mine().filter((e) => e.shipmentId === shipmentId);
  if (!pending.length) return null;
  return h(
    'span',
    { class: 'badge pending' },
    pending.map((e) => t(TYPE_LABELS[e.type])).join(', '),
    ` — ${t(L.pending)}`,
  );
}

function roundScreen(main: HTMLElement): void {
  const shipments = round?.round.shipments ?? [];
  const pickups = round?.round.pickups ?? [];
  replace(
    main,
    flashBox(),
    h(
      'div',
      { class: 'row' },
      h('h1', null, t({ vi: 'Chuyến phát hôm nay', en: 'Today’s round' })),
      h('span', { class: 'muted' }, user?.fullName ?? ''),
    ),
    findForm(),
    roundError ? h('p', { class: 'alert error' }, roundError) : null,
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
      shipments.map((s) =>
        h(
          'li',
          { class: `card item ${s.status}`, 'data-item': s.itemNumber },
          h(
            'a',
            {
              href: `/buu-ta/buu-gui/${s.id}`,
              class: 'address',
              on: {
                click: (e: Event) => {
                  e.preventDefault();
                  go(`/buu-ta/buu-gui/${s.id}`);
                },
              },
            },
            s.address,
          ),
          h('p', null, s.recipientName, ' ', telLink(s.recipientPhone)),
          h('p', { class: 'todo' }, whatToDo(s)),
          h(
            'p',
            null,
            h('span', { class: 'mono' }, s.itemNumber),
            h('span', { class: 'muted' }, ` · ${s.statusLabel}`),
          ),
          pendingBadge(s.id),
        ),
      ),
    ),
    pickups.length
      ? [
          h('h2', null, t({ vi: 'Thu gom hồ sơ tại nhà', en: 'Home pickups' })),
          h(
            'ul',
            { class: 'round', 'aria-label': t({ vi: 'Lịch thu gom', en: 'Pickups' }) },
            pickups.map((booked) => {
              const p = pickupsById[booked.id] ?? booked;
              return h(
                'li',
                { class: `card item ${p.status}`, 'data-pickup': p.code },
                h(
                  'p',
                  { class: 'todo' },
                  h('time', { dateTime: p.windowStart }, formatWindow(p.windowStart, p.windowEnd)),
                ),
                h(
                  'a',
                  {
                    href: `/buu-ta/thu-gom/${p.id}`,
                    class: 'address',
                    on: {
                      click: (e: Event) => {
                        e.preventDefault();
                        go(`/buu-ta/thu-gom/${p.id}`);
                      },
                    },
                  },
                  p.address,
                ),
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
            }),
          ),
        ]
      : null,
    h(
      'p',
      null,
      h(
        'button',
        { type: 'button', class: 'secondary', on: { click: () => void signOut() } },
        t({ vi: 'Đăng xuất', en: 'Sign out' }),
      ),
    ),
  );
}

async function signOut(): Promise<void> {
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
  try {
    await api('/auth/logout', { method: 'POST' });
  } catch {
    // offline: the cookie expires on its own
  }
  user = null;
  sessionChecked = false;
  localStorage.removeItem(USER_KEY);
  localStorage.removeItem(ROUND_KEY);
  localStorage.removeItem(ITEMS_KEY);
  localStorage.removeItem(PICKUPS_KEY);
  localStorage.removeItem(PROCEDURES_KEY);
  items = {};
  pickupsById = {};
  procedures = {};
  round = null;
  go('/buu-ta');
}

const S10_SHAPE = /^[A-Z]{2}\d{9}[A-Z]{2}$/;

function findForm(): HTMLElement {
  const submit = h('button', { type: 'submit' }, t({ vi: 'Mở', en: 'Open' }));
  const form = h(
    'form',
    { class: 'find', novalidate: true },
    h(
      'label',
      { for: 'itemNumber' },
      t({ vi: 'Số hiệu bưu gửi (quét hoặc gõ)', en: 'Item number (scan or type)' }),
    ),
    h(
      'div',
      { class: 'inline' },
      h('input', {
        id: 'itemNumber',
        name: 'itemNumber',
        autocomplete: 'off',
        autocapitalize: 'characters',
        spellcheck: false,
        placeholder: 'EA123456785VN',
      }),
      submit,
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const number = field(form, 'itemNumber').toUpperCase().replace(/\s+/g, '');
    const error = (message: string) => showFieldErrors(form, [{ field: 'itemNumber', message }]);
    if (!number) return error(t({ vi: 'Nhập số hiệu bưu gửi', en: 'Enter the item number' }));
    if (S10_SHAPE.test(number)) {
      const check = validateS10(number);
      if (!check.ok) return error(t(check.reason));
    }
    showFieldErrors(form, []);
    const known = Object.values(items).find((s) => s.itemNumber === number);
    if (known && !navigator.onLine) return go(`/buu-ta/buu-gui/${known.id}`);
    submit.disabled = true;
    try {
      const shipment = await api<Shipment>(`/shipments/by-number/${encodeURIComponent(number)}`);
      remember(shipment);
      go(`/buu-ta/buu-gui/${shipment.id}`);
    } catch (e) {
      submit.disabled = false;
      if (known) return go(`/buu-ta/buu-gui/${known.id}`);
      if (e instanceof ApiError)
        error(e.fields.find((f) => f.field.endsWith('itemNumber'))?.message ?? e.message);
      else error(String(e));
    }
  });
  return form;
}

const CLOSED = new Set(['delivered', 'returned', 'held']);

function itemScreen(main: HTMLElement, s: Shipment): void {
  const pending = mine().filter((e) => e.shipmentId === s.id);
  const open = !CLOSED.has(s.status) && !pending.some((e) => e.type === 'delivered');
  const goingOut = s.status === 'out_for_delivery' || pending.some((e) => e.type === 'out_for_delivery');
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
    open
      ? h(
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
        )
      : null,
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

const RELATIONSHIPS: { value: string; label: Text }[] = [
  { value: '', label: { vi: 'Chính người nhận', en: 'The addressee' } },
  { value: 'Vợ/chồng', label: { vi: 'Vợ/chồng', en: 'Spouse' } },
  { value: 'Con', label: { vi: 'Con', en: 'Child' } },
  { value: 'Bố/mẹ', label: { vi: 'Bố/mẹ', en: 'Parent' } },
  { value: 'Người thân khác', label: { vi: 'Người thân khác', en: 'Other relative' } },
  { value: 'Người được ủy quyền', label: { vi: 'Người được ủy quyền', en: 'Authorised person' } },
];

function deliverScreen(main: HTMLElement, s: Shipment): void {
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
    h(
      'p',
      null,
      h(
        'a',
        {
          href: `/buu-ta/buu-gui/${s.id}`,
          on: {
            click: (e: Event) => {
              e.preventDefault();
              go(`/buu-ta/buu-gui/${s.id}`);
            },
          },
        },
        `← ${s.itemNumber}`,
      ),
    ),
    h('h1', null, t({ vi: 'Ghi nhận phát thành công', en: 'Record the delivery' })),
    h('p', { class: 'address' }, s.address),
    form,
  );
}

const REASONS: Text[] = [
  { vi: 'Vắng nhà', en: 'Nobody home' },
  { vi: 'Sai địa chỉ', en: 'Wrong address' },
  { vi: 'Từ chối nhận', en: 'Refused' },
  { vi: 'Khác', en: 'Other' },
];

function failedScreen(main: HTMLElement, s: Shipment): void {
  const message = h('div', { role: 'alert' });
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h(
      'fieldset',
      null,
      h('legend', null, t({ vi: 'Lý do', en: 'Reason' })),
      h(
        'div',
        { class: 'choices column' },
        REASONS.map((r, i) =>
          h(
            'label',
            null,
            h('input', { type: 'radio', name: 'reason', value: r.vi, checked: i === 0 }),
            t(r),
          ),
        ),
      ),
    ),
    h('label', { for: 'other' }, t({ vi: 'Ghi rõ (nếu chọn Khác)', en: 'Details (for Other)' })),
    h('input', { id: 'other', name: 'other', maxlength: 400, autocomplete: 'off' }),
    h(
      'p',
      { class: 'hint' },
      t({
        vi: 'Lần phát lại cách ít nhất 2 ngày làm việc; máy chủ báo ngày phát lại khi nhận được.',
        en: 'The next attempt is at least 2 working days later; the server gives the date when it receives this.',
      }),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'submit', class: 'danger' },
        t({ vi: 'Ghi nhận phát không thành công', en: 'Record the failed attempt' }),
      ),
    ),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const choice = form.querySelector<HTMLInputElement>('input[name="reason"]:checked')?.value ?? '';
    const other = field(form, 'other');
    if (choice === 'Khác' && !other) {
      showFieldErrors(form, [{ field: 'other', message: t({ vi: 'Ghi rõ lý do', en: 'Give the reason' }) }]);
      return;
    }
    const reason = choice === 'Khác' ? other : other ? `${choice}: ${other}` : choice;
    record(s, 'failed_attempt', { reason });
    go('/buu-ta');
  });
  replace(
    main,
    h(
      'p',
      null,
      h(
        'a',
        {
          href: `/buu-ta/buu-gui/${s.id}`,
          on: {
            click: (e: Event) => {
              e.preventDefault();
              go(`/buu-ta/buu-gui/${s.id}`);
            },
          },
        },
        `← ${s.itemNumber}`,
      ),
    ),
    h('h1', null, t({ vi: 'Phát không thành công', en: 'Failed delivery attempt' })),
    h('p', { class: 'address' }, s.address),
    form,
  );
}

// ---- home pickups ------------------------------------------------------------------------------

/** Fetches the catalogue entries of the pickups' procedures not yet on the phone. */
async function loadProcedures(list: Pickup[]): Promise<void> {
  for (const id of new Set(list.map((p) => p.procedureId))) {
    if (procedures[id]) continue;
    try {
      procedures = { ...procedures, [id]: await api<Procedure>(`/procedures/${encodeURIComponent(id)}`) };
      save(PROCEDURES_KEY, procedures);
    } catch {
      // fetched again when the pickup is opened
    }
  }
}

const COPY_TYPES: Record<string, Text> = {
  original: { vi: 'bản chính', en: 'original' },
  copy: { vi: 'bản sao', en: 'copy' },
  certified_copy: { vi: 'bản sao chứng thực', en: 'certified copy' },
  original_for_comparison: { vi: 'bản chính để đối chiếu', en: 'original to compare' },
};

function backToRound(): HTMLElement {
  return h(
    'p',
    null,
    h(
      'a',
      {
        href: '/buu-ta',
        on: {
          click: (e: Event) => {
            e.preventDefault();
            go('/buu-ta');
          },
        },
      },
      `← ${t({ vi: 'Chuyến phát', en: 'Round' })}`,
    ),
  );
}

/** Records the collection of a pickup in the queue, then tries to send it. */
function recordCollect(p: Pickup, body: CollectBody): void {
  enqueue({
    clientTxId: newTxId('collect'),
    username: user?.username ?? '',
    shipmentId: p.id,
    itemNumber: p.code,
    address: p.address,
    type: 'collect',
    at: new Date().toISOString(),
    payload: {},
    collect: body,
  });
  drawStatus();
  void sync();
}

/** /buu-ta/thu-gom/<id>: check the documents against the procedure's list and receive the dossier. */
function pickupScreen(main: HTMLElement, p: Pickup): void {
  const pending = mine().some((e) => e.shipmentId === p.id && e.type === 'collect');
  const refusal = outcomes().find((o) => o.targetId === p.id && o.type === 'collect');
  const procedure = procedures[p.procedureId];
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
        if (procedures[p.procedureId] && screen === 'pickup') render();
      });
    return;
  }
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
      value: draft?.intake.applicant.phone ?? p.phone,
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
    recordCollect(p, body);
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

window.addEventListener('popstate', render);
document.documentElement.lang = lang();
render();
void (async () => {
  if (user && navigator.onLine) {
    await checkSession();
    render();
    if (user) {
      await refreshRound();
      await sync(true);
    }
  }
})();
