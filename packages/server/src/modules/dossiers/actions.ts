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
import {
  afterCommit,
  forUpdate,
  fromJson,
  insertRow,
  isUniqueViolation,
  newId,
  toFlag,
  toJson,
} from '../../db/helpers.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, conflict, notFound } from '../../errors.ts';
import { enqueue, OutboxTopic } from '../../outbox/outbox.ts';
import type { Actor } from '../../policy/policy.ts';
import { noteDossierChanged } from './changes.ts';
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

function actionRecord(input: ActionInput, now: Date): ActionRecord {
  return {
    type: input.type,
    at: now.toISOString(),
    agencyId: input.agencyId ?? null,
    siteId: input.siteId ?? null,
    payload: input.payload ?? {},
  };
}

/** The derived state as the columns of the dossier row (the projection the lists and the book read). */
function projection(
  next: DossierState,
  dossier: Pick<DossierRow, 'current_agency_id'>,
  record: ActionRecord,
  actionCount: number,
  extra: (state: DossierState) => Updateable<DB['dossiers']>,
): Updateable<DB['dossiers']> {
  return {
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
    action_count: actionCount,
    updated_at: record.at,
    ...extra(next),
  };
}

async function insertAction(
  trx: Executor,
  dialect: Dialect,
  actor: ActionAuthor,
  dossierId: string,
  seq: number,
  input: ActionInput,
  record: ActionRecord,
): Promise<void> {
  try {
    await insertRow(trx, dialect, 'dossier_actions', {
      id: newId(),
      dossier_id: dossierId,
      seq,
      type: input.type,
      at: record.at,
      actor_user_id: actor.userId,
      actor_name: actor.fullName,
      actor_role: input.role,
      site_id: record.siteId ?? null,
      agency_id: record.agencyId ?? null,
      payload: toJson(record.payload),
      client_tx_id: input.clientTxId,
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('CONCURRENT_CHANGE', {
        vi: 'Hồ sơ vừa được người khác cập nhật, vui lòng thử lại',
        en: 'The dossier was changed by someone else, please retry',
      });
    }
    throw error;
  }
}

/**
 * The outbox message for the applicant and, last, the audit entry: the audit chain's head row is
 * locked from here to the commit (PostgreSQL), so nothing else runs after it.
 */
async function notifyAndAudit(
  trx: Executor,
  dialect: Dialect,
  actor: ActionAuthor,
  dossierId: string,
  input: ActionInput,
  record: ActionRecord,
  before: unknown,
  changes: Updateable<DB['dossiers']>,
): Promise<void> {
  if (CITIZEN_VISIBLE.has(input.type)) {
    await enqueue(trx, dialect, OutboxTopic.NotifyCitizen, {
      dossierId,
      event: input.type,
      label: ACTION_LABELS[input.type].vi,
    });
  }
  await recordAudit(trx, dialect, {
    actor: actor.userId === null ? null : { ...actor, userId: actor.userId },
    role: input.role,
    siteId: input.siteId ?? null,
    action: `dossier.${input.type}`,
    entityType: 'dossier',
    entityId: dossierId,
    at: record.at,
    before,
    after: { ...changes, payload: record.payload },
  });
  afterCommit(trx, () => noteDossierChanged(dossierId));
}

/**
 * Appends one action to a dossier inside the caller's transaction: replays a known client
 * transaction id, refuses what the lifecycle forbids, stores the action, projects the derived state
 * onto the dossier row (with `extra` columns), writes the outbox message and the audit entry.
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
  const record = actionRecord(input, now);
  const problem = state
    ? actionProblem(state, record)
    : { vi: 'Hồ sơ chưa được tiếp nhận', en: 'The dossier was not received' };
  if (problem) throw new AppError(409, 'ACTION_NOT_ALLOWED', problem);
  const next = applyAction(state!, record);
  await insertAction(trx, dialect, actor, dossier.id, stored.length + 1, input, record);
  const changes = projection(next, dossier, record, stored.length + 1, extra);
  await trx.updateTable('dossiers').set(changes).where('id', '=', dossier.id).execute();
  await notifyAndAudit(
    trx,
    dialect,
    actor,
    dossier.id,
    input,
    record,
    { status: dossier.status, appointment_at: dossier.appointment_at },
    changes,
  );
  return { replayed: false, state: next, dossier: { ...dossier, ...(changes as Partial<DossierRow>) } };
}

/** A dossier just inserted by `createWithFirstAction`, with what its audit entry needs. */
export interface CreatedDossier {
  state: DossierState;
  dossier: DossierRow;
  record: ActionRecord;
  changes: Updateable<DB['dossiers']>;
}

/**
 * Creates a dossier with its first action (`receive`) in the caller's transaction: the row is
 * inserted already carrying the derived state, so nothing is read back or updated. The caller has
 * checked the client transaction id (a concurrent duplicate fails on its unique index), may add rows
 * that refer to the dossier, then calls `finishFirstAction`.
 */
export async function createWithFirstAction(
  trx: Executor,
  dialect: Dialect,
  actor: ActionAuthor,
  row: DossierRow,
  input: ActionInput & { type: 'receive' },
  now: Date,
  extra: (state: DossierState) => Updateable<DB['dossiers']> = () => ({}),
): Promise<CreatedDossier> {
  const record = actionRecord(input, now);
  const state = deriveState([record]);
  const changes = projection(state, row, record, 1, extra);
  const dossier = { ...row, ...(changes as Partial<DossierRow>) };
  await insertRow(trx, dialect, 'dossiers', dossier);
  await insertAction(trx, dialect, actor, dossier.id, 1, input, record);
  return { state, dossier, record, changes };
}

/** The outbox message and the audit entry of a dossier made by `createWithFirstAction`: its last writes. */
export async function finishFirstAction(
  trx: Executor,
  dialect: Dialect,
  actor: ActionAuthor,
  created: CreatedDossier,
  input: ActionInput,
): Promise<void> {
  await notifyAndAudit(trx, dialect, actor, created.dossier.id, input, created.record, null, created.changes);
}
