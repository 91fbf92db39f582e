// The offline queue: every action of the courier is stored on the phone first (localStorage) with its
// client transaction id and the moment it happened, then sent when the phone is online. The server
// counts a replayed id once, so sending an entry twice (a reply lost on a bad link) is safe.
import { ApiError, api, type FieldError } from '../light/api.ts';
import type { ActionType, CollectBody, EventPayload, Pickup, Shipment } from './types.ts';

export interface QueueEntry {
  clientTxId: string;
  /** The courier who recorded it: only their session sends it. */
  username: string;
  /** The shipment of a tracking event, or the pickup collected. */
  shipmentId: string;
  /** The S10 number, or the pickup's booking code. */
  itemNumber: string;
  address: string;
  type: ActionType;
  /** When it happened on the phone (ISO). */
  at: string;
  payload: EventPayload;
  /** For `collect`: the body sent to `POST /pickups/:id/collect`. */
  collect?: CollectBody;
  tries: number;
  /** Epoch ms before which the entry is not retried (backoff after a network failure). */
  nextTryAt: number;
  lastError: string | null;
}

/** What the server said about an entry it will never accept (409 conflict, 400 refusal, 403). */
export interface Outcome {
  clientTxId: string;
  itemNumber: string;
  type: ActionType;
  /** The shipment or pickup concerned. */
  targetId?: string;
  ok: boolean;
  code: string;
  message: string;
  /** The server's field errors of a refusal (`documents.2`, `applicant.phone`…). */
  fields?: FieldError[];
  at: string;
}

const QUEUE_KEY = 'motcua.courier.queue';
const OUTCOMES_KEY = 'motcua.courier.outcomes';

function read<T>(key: string): T[] {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T[]) : [];
  } catch {
    return [];
  }
}
function write(key: string, value: unknown[]): void {
  localStorage.setItem(key, JSON.stringify(value));
}

export const queued = (): QueueEntry[] => read<QueueEntry>(QUEUE_KEY);
export const outcomes = (): Outcome[] => read<Outcome>(OUTCOMES_KEY);

export function enqueue(entry: Omit<QueueEntry, 'tries' | 'nextTryAt' | 'lastError'>): void {
  write(QUEUE_KEY, [...queued(), { ...entry, tries: 0, nextTryAt: 0, lastError: null }]);
}

function remove(clientTxId: string): void {
  write(
    QUEUE_KEY,
    queued().filter((e) => e.clientTxId !== clientTxId),
  );
}

function update(clientTxId: string, change: Partial<QueueEntry>): void {
  write(
    QUEUE_KEY,
    queued().map((e) => (e.clientTxId === clientTxId ? { ...e, ...change } : e)),
  );
}

function addOutcome(outcome: Outcome): void {
  write(OUTCOMES_KEY, [outcome, ...outcomes()].slice(0, 20));
}

export function dismissOutcome(clientTxId: string): void {
  write(
    OUTCOMES_KEY,
    outcomes().filter((o) => o.clientTxId !== clientTxId),
  );
}

/** 2 s, 4 s, 8 s … up to a minute. */
const backoff = (tries: number) => Math.min(60_000, 2_000 * 2 ** Math.max(0, tries - 1));

let running: Promise<void> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

export interface SyncHooks {
  /** A shipment as the server now has it (to refresh the round). */
  onShipment(shipment: Shipment): void;
  /** A pickup collected: the server received the dossier (its code is in `dossierCode`). */
  onPickup(pickup: Pickup): void;
  /** The queue or the outcomes changed (to redraw the status). */
  onChange(): void;
  /** The session ended: the courier must sign in again (the queue is kept). */
  onSignedOut(): void;
}

/**
 * Sends the queue in order. A network failure or a server error keeps the entry and retries it later
 * with backoff; a refusal (409 conflict, 400, 403, 404) drops it and keeps the server's message.
 */
export function flush(hooks: SyncHooks, username: string, force = false): Promise<void> {
  if (running) return running;
  // The reset runs in a later microtask, after `running` is assigned (an empty queue finishes at once).
  running = (async () => {
    await Promise.resolve();
    try {
      for (const entry of queued().filter((e) => e.username === username)) {
        if (!navigator.onLine) break;
        if (!force && entry.nextTryAt > Date.now()) continue;
        try {
          if (entry.type === 'collect' && entry.collect) {
            const answer = await api<{ pickup: Pickup; dossierId: string }>(
              `/pickups/${entry.shipmentId}/collect`,
              {
                method: 'POST',
                body: { clientTxId: entry.clientTxId, ...entry.collect },
                idempotencyKey: entry.clientTxId,
              },
            );
            let pickup = answer.pickup;
            if (!pickup.dossierCode) pickup = await api<Pickup>(`/pickups/${entry.shipmentId}`);
            remove(entry.clientTxId);
            addOutcome({
              clientTxId: entry.clientTxId,
              itemNumber: entry.itemNumber,
              type: entry.type,
              targetId: entry.shipmentId,
              ok: true,
              code: 'OK',
              message: pickup.dossierCode ?? '',
              at: new Date().toISOString(),
            });
            hooks.onPickup(pickup);
            continue;
          }
          const shipment = await api<Shipment>(`/shipments/${entry.shipmentId}/events`, {
            method: 'POST',
            body: { clientTxId: entry.clientTxId, type: entry.type, at: entry.at, payload: entry.payload },
          });
          remove(entry.clientTxId);
          if (entry.type !== 'out_for_delivery') {
            addOutcome({
              clientTxId: entry.clientTxId,
              itemNumber: entry.itemNumber,
              type: entry.type,
              ok: true,
              code: 'OK',
              message:
                shipment.nextAttemptOn && entry.type === 'failed_attempt' ? shipment.nextAttemptOn : '',
              at: new Date().toISOString(),
            });
          }
          hooks.onShipment(shipment);
        } catch (error) {
          const e = error instanceof ApiError ? error : new ApiError(0, 'ERROR', String(error));
          if (e.status === 401) {
            hooks.onSignedOut();
            break;
          }
          if (e.status === 0 || e.status >= 500 || e.status === 429) {
            update(entry.clientTxId, {
              tries: entry.tries + 1,
              nextTryAt: Date.now() + backoff(entry.tries + 1),
              lastError: e.message,
            });
            if (e.status === 0) break;
            continue;
          }
          remove(entry.clientTxId);
          addOutcome({
            clientTxId: entry.clientTxId,
            itemNumber: entry.itemNumber,
            type: entry.type,
            targetId: entry.shipmentId,
            ok: false,
            code: e.code,
            message: [e.message, ...e.fields.map((f) => f.message)].join(' — '),
            fields: e.fields,
            at: new Date().toISOString(),
          });
        } finally {
          hooks.onChange();
        }
      }
    } finally {
      schedule(hooks, username);
    }
  })().finally(() => {
    running = null;
  });
  return running;
}

/** Sets a timer for the earliest retry. */
function schedule(hooks: SyncHooks, username: string): void {
  clearTimeout(timer);
  const pending = queued().filter((e) => e.username === username);
  if (pending.length === 0) return;
  const next = Math.min(...pending.map((e) => e.nextTryAt));
  timer = setTimeout(() => void flush(hooks, username), Math.max(1_000, next - Date.now()));
}
