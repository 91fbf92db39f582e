import { sql } from 'kysely';
import type { Dialect, Executor } from '../db/database.ts';
import { afterCommit, rootOf } from '../db/helpers.ts';

/**
 * Live updates: "this dossier (or shipment) changed". Only the entity and its id travel; whoever
 * receives it reads the entity again through the API, under its own permissions.
 */
export interface ChangeEvent {
  entity: 'dossier' | 'shipment';
  id: string;
}

export const CHANGE_ENTITIES: ReadonlySet<string> = new Set(['dossier', 'shipment']);

type Listener = (event: ChangeEvent) => void;

/** The changes of one database seen by this process, fanned out to its listeners (the event streams). */
export class ChangeHub {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  publish(event: ChangeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener (a stream already gone) must not keep the others from hearing.
      }
    }
  }
}

const hubs = new WeakMap<object, ChangeHub>();

/** The hub of a database, by its root handle (`database.db`) or any transaction of `inTransaction`. */
export function hubFor(executor: object): ChangeHub {
  const root = rootOf(executor);
  let hub = hubs.get(root);
  if (!hub) {
    hub = new ChangeHub();
    hubs.set(root, hub);
  }
  return hub;
}

/** The PostgreSQL channel of a schema: each schema (each test file, each deployment) has its own. */
export const CHANNEL_PREFIX = 'motcua_changes_';

/**
 * Announces a change from inside the transaction that makes it, so that it is heard only if and once
 * it commits. PostgreSQL: `pg_notify` on the schema's channel, which PostgreSQL delivers at commit to
 * every process listening (events/pg-listener.ts), this one included. SQLite (one process): the hub
 * of this process after the commit.
 */
export async function announceChange(trx: Executor, dialect: Dialect, event: ChangeEvent): Promise<void> {
  if (dialect === 'postgres') {
    await sql`select pg_notify(${CHANNEL_PREFIX} || current_schema(), ${JSON.stringify(event)})`.execute(trx);
    return;
  }
  afterCommit(trx, () => hubFor(trx).publish(event));
}
