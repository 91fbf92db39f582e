// Keeping the phone and the server in step: the session, the round and the pickups' catalogue entries
// fetched when online, and the offline queue (queue.ts) sent at start, when the phone comes back
// online, every 30 seconds and on demand. What changes is announced on `syncEvents`; the shell redraws.
import { ApiError, api, newTxId, setCsrf } from '../light/api.ts';
import { enqueue, flush, type QueueEntry, queued } from './queue.ts';
import {
  forgetOthersRound,
  rememberPickup,
  rememberProcedure,
  rememberShipment,
  setRound,
  setUser,
  state,
  type User,
} from './storage.ts';
import type { CollectBody, EventPayload, EventType, Pickup, Procedure, Round, Shipment } from './types.ts';

/**
 * `status`: the network or the queue changed (the status bar is drawn again); `change`: the server
 * answered an entry of the queue (the status bar and the live screens are drawn again); `round`: a fresh round arrived; `session`: the start-up check of the
 * session answered; `signedout`: the session ended while working (401).
 */
export const syncEvents = new EventTarget();
const announce = (type: 'status' | 'change' | 'round' | 'session' | 'signedout') =>
  syncEvents.dispatchEvent(new Event(type));

/** Why the last refresh of the round failed, shown on the round screen; null when it worked. */
export const roundStatus: { error: string | null } = { error: null };

/** The signed-in courier's entries of the queue (another courier's stay on the phone, unsent). */
export function mine(): QueueEntry[] {
  return queued().filter((e) => e.username === state.user?.username);
}

function signedOut(): void {
  state.sessionChecked = false;
  state.user = null;
  stopFollowing();
  announce('signedout');
}

/** Changes that arrive together (a batch of items accepted at once) read the round once. */
const ROUND_REFRESH_MS = 300;
let live: EventSource | null = null;
let liveTimer: number | null = null;

/**
 * Live updates, as in the console (docs/live-updates.md): while signed in and online, the stream
 * `GET /api/v1/events` tells the phone that an item or a dossier in the courier's reach changed (an
 * item accepted for their round, a delivery recorded by another courier), and the round is read again
 * (what is typed in the item-number field, and its message, stay). The browser reconnects by itself
 * after a break; offline nothing is heard and the queue works as before.
 */
function followChanges(): void {
  if (live || typeof EventSource === 'undefined' || !state.user) return;
  live = new EventSource('/api/v1/events');
  live.addEventListener('change', () => {
    liveTimer ??= window.setTimeout(() => {
      liveTimer = null;
      void refreshRound();
    }, ROUND_REFRESH_MS);
  });
  // After a break (offline, server restart) what changed meanwhile was not heard: read the round again.
  let opened = false;
  live.addEventListener('open', () => {
    if (opened) void refreshRound();
    opened = true;
  });
}

function stopFollowing(): void {
  live?.close();
  live = null;
  if (liveTimer !== null) window.clearTimeout(liveTimer);
  liveTimer = null;
}

const hooks = {
  onShipment: rememberShipment,
  onPickup: rememberPickup,
  onChange: () => announce('change'),
  onSignedOut: signedOut,
};

async function checkSession(): Promise<void> {
  try {
    const me = await api<{ user: User; csrfToken: string }>('/auth/me');
    setCsrf(me.csrfToken);
    setUser({ username: me.user.username, fullName: me.user.fullName });
    state.sessionChecked = true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) setUser(null);
  }
}

/** Sends the courier's queue if the phone is online and the session is valid. */
export async function sync(force = false): Promise<void> {
  if (!navigator.onLine || !state.user) return void announce('status');
  if (!state.sessionChecked) await checkSession();
  if (!state.user || !state.sessionChecked) return void announce('status');
  await flush(hooks, state.user.username, force);
  announce('status');
}

/** After the sign-in form: the session is known, and another courier's round is not shown. */
export function signedIn(answer: { user: User; csrfToken: string }): void {
  setCsrf(answer.csrfToken);
  setUser({ username: answer.user.username, fullName: answer.user.fullName });
  state.sessionChecked = true;
  forgetOthersRound(answer.user.username);
  followChanges();
}

export async function refreshRound(): Promise<void> {
  if (!navigator.onLine) return;
  try {
    const fresh = await api<Round>('/courier/round');
    setRound(fresh);
    roundStatus.error = null;
    void loadProcedures(fresh.pickups);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return signedOut();
    roundStatus.error = error instanceof Error ? error.message : String(error);
  }
  announce('round');
}

/** Fetches the catalogue entries of the pickups' procedures not yet on the phone. */
export async function loadProcedures(list: Pickup[]): Promise<void> {
  for (const id of new Set(list.map((p) => p.procedureId))) {
    if (state.procedures[id]) continue;
    try {
      rememberProcedure(id, await api<Procedure>(`/procedures/${encodeURIComponent(id)}`));
    } catch {
      // fetched again when the pickup is opened
    }
  }
}

/** Finds an item by its number on the server (and keeps it on the phone). */
export async function fetchShipment(number: string): Promise<Shipment> {
  const shipment = await api<Shipment>(`/shipments/by-number/${encodeURIComponent(number)}`);
  rememberShipment(shipment);
  return shipment;
}

/** Stores a tracking event on the phone, then tries to send it. */
export function queueEvent(shipment: Shipment, type: EventType, payload: EventPayload): void {
  enqueueAndSend({
    clientTxId: newTxId(type),
    username: state.user?.username ?? '',
    shipmentId: shipment.id,
    itemNumber: shipment.itemNumber,
    address: shipment.address,
    type,
    at: new Date().toISOString(),
    payload,
  });
}

/** Stores the collection of a pickup on the phone, then tries to send it. */
export function queueCollect(p: Pickup, body: CollectBody): void {
  enqueueAndSend({
    clientTxId: newTxId('collect'),
    username: state.user?.username ?? '',
    shipmentId: p.id,
    itemNumber: p.code,
    address: p.address,
    type: 'collect',
    at: new Date().toISOString(),
    payload: {},
    collect: body,
  });
}

function enqueueAndSend(entry: Parameters<typeof enqueue>[0]): void {
  enqueue(entry);
  announce('status');
  void sync();
}

export async function signOut(): Promise<void> {
  stopFollowing();
  try {
    await api('/auth/logout', { method: 'POST' });
  } catch {
    // offline: the cookie expires on its own
  }
}

/** At start: the listeners that send the queue, and the first check of the session and the round. */
export function startSync(): void {
  window.addEventListener('online', () => void sync(true));
  window.addEventListener('offline', () => announce('status'));
  setInterval(() => void sync(), 30_000);
  void (async () => {
    if (!state.user || !navigator.onLine) return;
    await checkSession();
    announce('session');
    if (!state.user) return;
    followChanges();
    await refreshRound();
    await sync(true);
  })();
}
