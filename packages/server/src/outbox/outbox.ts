import type { Dialect, Executor } from '../db/database.ts';
import { insertRow, newId, nowIso, toJson } from '../db/helpers.ts';

/** Topics of side effects, dispatched after commit by the outbox worker. */
export const OutboxTopic = {
  /** Tell the applicant about a step of their dossier (e-mail; SMS adapters plug in here). */
  NotifyCitizen: 'notify.citizen',
} as const;
export type OutboxTopic = (typeof OutboxTopic)[keyof typeof OutboxTopic];

/**
 * Writes a side effect in the caller's transaction: it exists exactly when the change does, and the
 * worker delivers it after commit, with retries.
 */
export async function enqueue(
  trx: Executor,
  dialect: Dialect,
  topic: OutboxTopic,
  payload: unknown,
  availableAt?: string,
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await insertRow(trx, dialect, 'outbox', {
    id,
    topic,
    payload: toJson(payload),
    created_at: now,
    available_at: availableAt ?? now,
    attempts: 0,
    last_error: null,
    locked_until: null,
    done_at: null,
    dead_at: null,
  });
  return id;
}
