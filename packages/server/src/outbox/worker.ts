import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { forUpdateSkipLocked, fromJson } from '../db/helpers.ts';

/** One outbox row as a handler sees it. */
export interface OutboxMessage {
  id: string;
  topic: string;
  payload: unknown;
  /** Attempts made before this one. */
  attempts: number;
  createdAt: string;
}

/** The little a handler needs from the process; `log` defaults to silence. */
export interface OutboxHandlerContext {
  database: Database;
  config: Config;
  log: OutboxLog;
}

export interface OutboxLog {
  debug(object: object, message: string): void;
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

/** Delivers one message; throwing means "try again later". */
export type OutboxHandler = (message: OutboxMessage, context: OutboxHandlerContext) => Promise<void>;

export interface OutboxWorkerOptions {
  database: Database;
  config: Config;
  /** Poll period; 0 starts no timer (tests and one-off runs call `runOnce()` themselves). */
  intervalMs: number;
  /** Handlers by topic; a message whose topic has none fails and is dead-lettered in the end. */
  handlers: Record<string, OutboxHandler>;
  /** Rows claimed per round (default 20). */
  batchSize?: number;
  /** How long a claim lasts before another worker may take the row over (default 5 minutes). */
  claimMillis?: number;
  /** Attempts before a message is dead-lettered (default 8). */
  maxAttempts?: number;
  /** Delay after the first failure, doubled after each further one (default 30 s, at most 6 h). */
  baseBackoffMillis?: number;
  log?: OutboxLog;
  /** The clock (tests move it forward instead of sleeping). */
  now?: () => Date;
}

export interface OutboxWorker {
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
  /** One round: claims the due messages and handles them; returns how many it handled. */
  runOnce(): Promise<number>;
}

export const OUTBOX_MAX_ATTEMPTS = 8;
const MAX_BACKOFF_MILLIS = 6 * 3600_000;

const silent: OutboxLog = { debug() {}, info() {}, warn() {} };

/** Delay before the next attempt once `attempts` attempts have failed: base · 2^(attempts−1), capped. */
export function backoffMillis(attempts: number, baseMillis = 30_000): number {
  return Math.min(baseMillis * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MILLIS);
}

/**
 * Delivers the outbox: each round claims due rows in a short transaction (`FOR UPDATE SKIP LOCKED` on
 * PostgreSQL, so workers in several processes never take the same row), then runs each handler outside
 * any transaction and records success, or the failure with an exponential backoff, dead-lettering after
 * `maxAttempts`. Delivery is at least once: a handler that succeeds but whose process dies before the
 * row is marked done runs again after the claim expires.
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { database, config, handlers } = options;
  const batchSize = options.batchSize ?? 20;
  const claimMillis = options.claimMillis ?? 5 * 60_000;
  const maxAttempts = options.maxAttempts ?? OUTBOX_MAX_ATTEMPTS;
  const baseBackoff = options.baseBackoffMillis ?? 30_000;
  const log = options.log ?? silent;
  const now = options.now ?? (() => new Date());
  const context: OutboxHandlerContext = { database, config, log };

  async function claim(): Promise<{ row: OutboxMessage; claimedUntil: string }[]> {
    const at = now();
    const nowText = at.toISOString();
    const claimedUntil = new Date(at.getTime() + claimMillis).toISOString();
    return database.db.transaction().execute(async (trx) => {
      const due = await forUpdateSkipLocked(
        database.dialect,
        trx
          .selectFrom('outbox')
          .select('id')
          .where('done_at', 'is', null)
          .where('dead_at', 'is', null)
          .where('available_at', '<=', nowText)
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowText)]))
          .orderBy('available_at')
          .orderBy('id')
          .limit(batchSize),
      ).execute();
      if (due.length === 0) return [];
      // The claim repeats the conditions: on SQLite (no row locks) a row another process took in the
      // meantime is simply not updated, so not returned.
      const rows = await trx
        .updateTable('outbox')
        .set({ locked_until: claimedUntil })
        .where(
          'id',
          'in',
          due.map((r) => r.id),
        )
        .where('done_at', 'is', null)
        .where('dead_at', 'is', null)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowText)]))
        .returning(['id', 'topic', 'payload', 'attempts', 'created_at', 'available_at'])
        .execute();
      rows.sort((a, b) => a.available_at.localeCompare(b.available_at) || a.id.localeCompare(b.id));
      return rows.map((r) => ({
        row: {
          id: r.id,
          topic: r.topic,
          payload: fromJson<unknown>(r.payload, null),
          attempts: Number(r.attempts),
          createdAt: r.created_at,
        },
        claimedUntil,
      }));
    });
  }

  async function deliver(message: OutboxMessage, claimedUntil: string): Promise<void> {
    const handler = handlers[message.topic];
    try {
      if (!handler) throw new Error(`no handler for topic ${message.topic}`);
      await handler(message, context);
      await database.db
        .updateTable('outbox')
        .set({ done_at: now().toISOString(), locked_until: null, attempts: message.attempts + 1 })
        .where('id', '=', message.id)
        .where('locked_until', '=', claimedUntil)
        .execute();
    } catch (error) {
      const attempts = message.attempts + 1;
      const failedAt = now();
      const dead = attempts >= maxAttempts;
      const reason = error instanceof Error ? error.message : String(error);
      await database.db
        .updateTable('outbox')
        .set({
          attempts,
          last_error: reason.slice(0, 2000),
          locked_until: null,
          available_at: new Date(failedAt.getTime() + backoffMillis(attempts, baseBackoff)).toISOString(),
          dead_at: dead ? failedAt.toISOString() : null,
        })
        .where('id', '=', message.id)
        .where('locked_until', '=', claimedUntil)
        .execute();
      log.warn(
        { outboxId: message.id, topic: message.topic, attempts, dead, err: reason },
        dead ? 'outbox message dead-lettered' : 'outbox message failed, will retry',
      );
    }
  }

  async function runOnce(): Promise<number> {
    const claimed = await claim();
    for (const { row, claimedUntil } of claimed) await deliver(row, claimedUntil);
    return claimed.length;
  }

  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<unknown> = Promise.resolve();

  const schedule = () => {
    if (stopped || options.intervalMs <= 0) return;
    timer = setTimeout(() => {
      inFlight = runOnce()
        .catch((error: unknown) => log.warn({ err: String(error) }, 'outbox round failed'))
        .finally(schedule);
    }, options.intervalMs);
    timer.unref();
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
