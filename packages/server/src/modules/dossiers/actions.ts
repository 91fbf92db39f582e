import {
  ACTION_LABELS,
  type ActionRecord,
  actionProblem,
  applyAction,
  type DossierAction,
  type DossierState,
  deriveState,
} from '@motcua/core';
import type { Updateable } from 'kysely';
import { recordAudit } from '../../audit/audit.ts';
import type { Dialect, Executor } from '../../db/database.ts';
import { forUpdate, fromJson, isUniqueViolation, newId, toFlag, toJson } from '../../db/helpers.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, conflict, notFound } from '../../http/errors.ts';
import { enqueue, OutboxTopic } from '../../outbox/outbox.ts';
import type { Actor } from '../../policy/policy.ts';
import type { ActionRow, DossierRow } from './repository.ts';

/** Actions the applicant hears about (e-mail now; SMS through the same outbox topic). */
const CITIZEN_VISIBLE = new Set<DossierAction>([
  'receive',
  'request_supplement',
  'apologise',
  'refuse',
  'confirm_at_site',
  'return_result',
  'withdraw',
]);

export const DOSSIER = { vi: 'hồ sơ', en: 'Dossier' };

/** Who appends an action: a signed-in user, or the applicant (no account, `userId` null). */
export type ActionAuthor = Omit<Actor, 'userId'> & { userId: string | null };

export function toRecord(a: ActionRow): ActionRecord {
  return {
    type: a.type as DossierAction,
    at: a.at,
    agencyId: a.agency_id,
    siteId: a.site_id,
    payload: fromJson<Record<string, unknown>>(a.payload, {}),
  };
}

export interface ActionInput {
  type: DossierAction;
  clientTxId: string;
  role: string;
  siteId?: string | null;
  agencyId?: string | null;
  payload?: Record<string, unknown>;
}

export interface ActionOutcome {
  replayed: boolean;
  state: DossierState;
  dossier: DossierRow;
}

/** The dossier row locked for this transaction (PostgreSQL), or 404. */
export async function lockDossier(trx: Executor, dialect: Dialect, id: string): Promise<DossierRow> {
  const row = await forUpdate(
    dialect,
    trx.selectFrom('dossiers').selectAll().where('id', '=', id),
  ).executeTakeFirst();
  if (!row) throw notFound(DOSSIER);
  return row;
}

/**
 * Appends one action to a dossier inside the caller's transaction: replays a known client
 * transaction id, refuses what the lifecycle forbids, stores the action, projects the derived state
 * onto the dossier row (with `extra` columns), writes the audit entry and the outbox message.
 */
export async function runAction(
  trx: Executor,
  dialect: Dialect,
  actor: ActionAuthor,
  dossier: DossierRow,
  input: ActionInput,
  now: Date,
  extra: (state: DossierState) => Updateable<DB['dossiers']> = () => ({}),
): Promise<ActionOutcome> {
  const known = await trx
    .selectFrom('dossier_actions')
    .select(['dossier_id', 'type'])
    .where('client_tx_id', '=', input.clientTxId)
    .executeTakeFirst();
  const stored = await trx
    .selectFrom('dossier_actions')
    .selectAll()
    .where('dossier_id', '=', dossier.id)
    .orderBy('seq')
    .execute();
  if (known) {
    if (known.dossier_id !== dossier.id || known.type !== input.type) {
      throw conflict('CLIENT_TX_REUSED', {
        vi: 'Mã giao dịch (clientTxId) đã được dùng cho thao tác khác',
        en: 'This client transaction id was used for another action',
      });
    }
    return { replayed: true, state: deriveState(stored.map(toRecord)), dossier };
  }
  const state = stored.length > 0 ? deriveState(stored.map(toRecord)) : null;
  const record: ActionRecord = {
    type: input.type,
    at: now.toISOString(),
    agencyId: input.agencyId ?? null,
    siteId: input.siteId ?? null,
    payload: input.payload ?? {},
  };
  const problem = state
    ? actionProblem(state, record)
    : record.type === 'receive'
      ? null
      : { vi: 'Hồ sơ chưa được tiếp nhận', en: 'The dossier was not received' };
  if (problem) throw new AppError(409, 'ACTION_NOT_ALLOWED', problem);
  const next = state ? applyAction(state, record) : deriveState([record]);
  try {
    await trx
      .insertInto('dossier_actions')
      .values({
        id: newId(),
        dossier_id: dossier.id,
        seq: stored.length + 1,
        type: input.type,
        at: record.at,
        actor_user_id: actor.userId,
        actor_name: actor.fullName,
        actor_role: input.role,
        site_id: record.siteId ?? null,
        agency_id: record.agencyId ?? null,
        payload: toJson(record.payload),
        client_tx_id: input.clientTxId,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('CONCURRENT_CHANGE', {
        vi: 'Hồ sơ vừa được người khác cập nhật, vui lòng thử lại',
        en: 'The dossier was changed by someone else, please retry',
      });
    }
    throw error;
  }
  const changes: Updateable<DB['dossiers']> = {
    status: next.status,
    in_transit: toFlag(next.inTransit),
    location_kind: next.location?.kind ?? null,
    location_id: next.location?.id ?? null,
    decision: next.decision,
    assigned_officer_id: next.assignedOfficerId,
    current_agency_id: next.currentAgencyId ?? dossier.current_agency_id,
    supplement_count: next.supplementRequests,
    apology_count: next.apologies,
    clock_started_at: next.clockStartedAt,
    result_ready_at: next.resultReadyAt,
    returned_at: next.returnedAt,
    action_count: stored.length + 1,
    updated_at: record.at,
    ...extra(next),
  };
  await trx.updateTable('dossiers').set(changes).where('id', '=', dossier.id).execute();
  await recordAudit(trx, dialect, {
    actor: actor.userId === null ? null : { ...actor, userId: actor.userId },
    role: input.role,
    siteId: input.siteId ?? null,
    action: `dossier.${input.type}`,
    entityType: 'dossier',
    entityId: dossier.id,
    at: record.at,
    before: { status: dossier.status, appointment_at: dossier.appointment_at },
    after: { ...changes, payload: record.payload },
  });
  if (CITIZEN_VISIBLE.has(input.type)) {
    await enqueue(trx, OutboxTopic.NotifyCitizen, {
      dossierId: dossier.id,
      event: input.type,
      label: ACTION_LABELS[input.type].vi,
    });
  }
  return { replayed: false, state: next, dossier: { ...dossier, ...(changes as Partial<DossierRow>) } };
}
