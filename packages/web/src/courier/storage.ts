// What the phone keeps between starts (localStorage): the signed-in courier, the last round, every item
// and pickup opened, the catalogue entries of the pickups. The offline queue has its own keys (queue.ts).
import type { Pickup, Procedure, Round, Shipment } from './types.ts';

export interface User {
  username: string;
  fullName: string;
}

const KEYS = {
  user: 'motcua.courier.user',
  round: 'motcua.courier.round',
  items: 'motcua.courier.items',
  pickups: 'motcua.courier.pickups',
  procedures: 'motcua.courier.procedures',
} as const;

function load<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}
const save = (key: string, value: unknown) => localStorage.setItem(key, JSON.stringify(value));

/** The phone's copy of the courier's work, read once at start and written through on every change. */
export const state = {
  user: load<User | null>(KEYS.user, null),
  /** Whether `/auth/me` confirmed the session since the app started (it also gives the CSRF token). */
  sessionChecked: false,
  /** The last round fetched, when, and for whom. */
  round: load<{ round: Round; at: string; username?: string } | null>(KEYS.round, null),
  /** Every shipment the phone knows (the round and items opened by number), by id, for offline use. */
  items: load<Record<string, Shipment>>(KEYS.items, {}),
  /** Every pickup the phone knows (booked ones of the round, collected ones with their dossier code). */
  pickups: load<Record<string, Pickup>>(KEYS.pickups, {}),
  /** The catalogue entries of the round's pickups (documents and fees), for collecting offline. */
  procedures: load<Record<string, Procedure>>(KEYS.procedures, {}),
};

export function setUser(user: User | null): void {
  state.user = user;
  if (user) save(KEYS.user, user);
  else localStorage.removeItem(KEYS.user);
}

/** A fresh round from the server: its items and pickups are remembered too. */
export function setRound(round: Round): void {
  state.round = { round, at: new Date().toISOString(), username: state.user?.username ?? '' };
  save(KEYS.round, state.round);
  for (const s of round.shipments) state.items[s.id] = s;
  save(KEYS.items, state.items);
  for (const p of round.pickups) state.pickups[p.id] = p;
  save(KEYS.pickups, state.pickups);
}

/** A shipment as the server now has it: kept, and updated in the round. */
export function rememberShipment(shipment: Shipment): void {
  state.items = { ...state.items, [shipment.id]: shipment };
  save(KEYS.items, state.items);
  const current = state.round;
  if (!current) return;
  state.round = {
    ...current,
    round: {
      ...current.round,
      shipments: current.round.shipments.map((s) => (s.id === shipment.id ? shipment : s)),
    },
  };
  save(KEYS.round, state.round);
}

export function rememberPickup(pickup: Pickup): void {
  state.pickups = { ...state.pickups, [pickup.id]: pickup };
  save(KEYS.pickups, state.pickups);
}

export function rememberProcedure(id: string, procedure: Procedure): void {
  state.procedures = { ...state.procedures, [id]: procedure };
  save(KEYS.procedures, state.procedures);
}

/** Sign-out: the courier's copy of the work leaves the phone (the unsent queue stays, see queue.ts). */
export function forgetAll(): void {
  for (const key of Object.values(KEYS)) localStorage.removeItem(key);
  state.user = null;
  state.sessionChecked = false;
  state.round = null;
  state.items = {};
  state.pickups = {};
  state.procedures = {};
}

/** A courier signed in: a round fetched for another courier on this phone is not shown to them. */
export function forgetOthersRound(username: string): void {
  if (!state.round || state.round.username === username) return;
  localStorage.removeItem(KEYS.round);
  state.round = null;
}
