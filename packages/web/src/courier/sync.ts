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
  announce('signedout');
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
    await refreshRound();
    await sync(true);
  })();
}
