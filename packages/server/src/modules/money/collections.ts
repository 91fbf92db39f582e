/**
 * Collections at the counter: voluntary social insurance (`voluntaryContribution`), household health
 * insurance (`householdHealthInsurance`) and road-traffic fines (`fineTerm`, `fineLateSurcharge`), the
 * amounts computed by the core at the rates of the day, posted `cash_collection` into the drawer with
 * the collection row and its audit entry in one transaction, once per client transaction id; a fine's
 * decision once (`fines_decision_uq`).
 */
import {
  DEFAULT_MONEY_RATES,
  fineLateSurcharge,
  fineTerm,
  householdHealthInsurance,
  type IsoDate,
  type VoluntaryMode,
  type VoluntarySupportGroup,
  validateCitizenId,
  voluntaryContribution,
} from '@motcua/core';
import { recordAudit } from '../../audit/audit.ts';
import type { Database, Executor } from '../../db/database.ts';
import { fromJson, inTransaction, isUniqueViolation, newId, toJson } from '../../db/helpers.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import { type Actor, authorize, roleFor } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import { officeAccounts, postingDate, postOperation, withRules } from './ledger.ts';
import { accountFor, drawerById, scopeOf } from './service.ts';

export type CollectionInput = {
  clientTxId: string;
  drawerId: string;
  payer: { name: string; citizenId?: string | null };
} & (
  | {
      kind: 'voluntary_si';
      participantCode: string;
      declaredIncome: number;
      mode: VoluntaryMode;
      months?: number;
      supportGroups?: VoluntarySupportGroup[];
      supportMonthsUsed?: number;
      monthlyFundReturn?: string;
    }
  | {
      kind: 'household_hi';
      householdCode: string;
      memberCount: number;
      months: number;
      stateSupported?: boolean;
    }
  | {
      kind: 'traffic_fine';
      issuer: string;
      decisionNo: string;
      decisionDate: IsoDate;
      receivedOn?: IsoDate | null;
      termDays?: number;
      fineAmount: number;
    }
);

const PROGRAMME_OF = {
  voluntary_si: 'voluntary_si',
  household_hi: 'household_hi',
  traffic_fine: 'traffic_fines',
} as const;

/** The amount and the core's breakdown of a collection on a day. */
function compute(
  input: CollectionInput,
  on: IsoDate,
): { amount: number; reference: string; breakdown: unknown } {
  const rates = DEFAULT_MONEY_RATES;
  switch (input.kind) {
    case 'voluntary_si': {
      const result = withRules(() =>
        voluntaryContribution({
          rates,
          on,
          declaredIncome: input.declaredIncome,
          mode: input.mode,
          ...(input.months === undefined ? {} : { months: input.months }),
          ...(input.supportGroups ? { supportGroups: input.supportGroups } : {}),
          ...(input.supportMonthsUsed === undefined ? {} : { supportMonthsUsed: input.supportMonthsUsed }),
          ...(input.monthlyFundReturn === undefined ? {} : { monthlyFundReturn: input.monthlyFundReturn }),
        }),
      );
      return { amount: result.payable, reference: input.participantCode, breakdown: result };
    }
    case 'household_hi': {
      const result = withRules(() =>
        householdHealthInsurance({
          rates,
          on,
          memberCount: input.memberCount,
          months: input.months,
          ...(input.stateSupported === undefined ? {} : { stateSupported: input.stateSupported }),
        }),
      );
      return { amount: result.total, reference: input.householdCode, breakdown: result };
    }
    case 'traffic_fine': {
      const term = withRules(() =>
        fineTerm({
          rates,
          decisionDate: input.decisionDate,
          receivedOn: input.receivedOn ?? null,
          ...(input.termDays === undefined ? {} : { termDays: input.termDays }),
        }),
      );
      const late = withRules(() =>
        fineLateSurcharge({ rates, unpaidAmount: input.fineAmount, lastDay: term.lastDay, paidOn: on }),
      );
      return {
        amount: late.total,
        reference: `${input.issuer.trim()} ${input.decisionNo.trim()}`,
        breakdown: { term, late },
      };
    }
  }
}

function collectionView(row: DB['collections'], replayed = false) {
  return {
    id: row.id,
    officeId: row.office_id,
    drawerId: row.drawer_id,
    kind: row.kind,
    payerName: row.payer_name,
    payerCitizenId: row.payer_citizen_id,
    reference: row.reference,
    amount: Number(row.amount),
    breakdown: fromJson<unknown>(row.breakdown, null),
    postingId: row.posting_id,
    receiptNo: row.receipt_no,
    clientTxId: row.client_tx_id,
    collectedAt: row.collected_at,
    replayed,
  };
}

async function byClientTx(executor: Executor, officeId: string, clientTxId: string) {
  return executor
    .selectFrom('collections')
    .selectAll()
    .where('office_id', '=', officeId)
    .where('client_tx_id', '=', clientTxId)
    .executeTakeFirst();
}

/** Collects at a drawer (thu hộ tại quầy). */
export async function collect(database: Database, actor: Actor, input: CollectionInput, now = new Date()) {
  const drawer = await drawerById(database.db, input.drawerId);
  authorize(actor, Permission.MoneyOperate, scopeOf(drawer.office_id));
  const known = await byClientTx(database.db, drawer.office_id, input.clientTxId);
  if (known) return collectionView(known, true);
  let payerCitizenId: string | null = null;
  if (input.payer.citizenId) {
    const checked = validateCitizenId(input.payer.citizenId);
    if (!checked.ok) throw invalidField('payer.citizenId', checked.reason);
    payerCitizenId = checked.value.number;
  }
  const on = postingDate(now);
  const { amount, reference, breakdown } = compute(input, on);
  const programme = await database.db
    .selectFrom('programmes')
    .selectAll()
    .where('office_id', '=', drawer.office_id)
    .where('kind', '=', PROGRAMME_OF[input.kind])
    .executeTakeFirst();
  if (!programme) throw notFound({ vi: 'chương trình thu', en: 'Collection programme' });
  try {
    const id = await inTransaction(database, async (trx) => {
      const accounts = await officeAccounts(trx, drawer.office_id);
      const posting = await postOperation(trx, database.dialect, {
        officeId: drawer.office_id,
        operation: {
          kind: 'cash_collection',
          drawer: accountFor(accounts, 'cash', drawer.id),
          programme: accountFor(accounts, 'programme', programme.id),
          amount,
        },
        clientTxId: input.clientTxId,
        actor,
        now,
        accounts,
        memo: `Thu ${reference}: ${input.payer.name.normalize('NFC').trim()}`,
      });
      const row: DB['collections'] = {
        id: newId(now.getTime()),
        office_id: drawer.office_id,
        programme_id: programme.id,
        drawer_id: drawer.id,
        kind: input.kind,
        payer_name: input.payer.name.normalize('NFC').trim(),
        payer_citizen_id: payerCitizenId,
        reference: reference.normalize('NFC'),
        amount,
        breakdown: toJson(breakdown),
        method: 'cash',
        posting_id: posting.id,
        receipt_no: `TH-${on.replaceAll('-', '')}-${posting.id.slice(-10).toUpperCase()}`,
        client_tx_id: input.clientTxId,
        collected_at: now.toISOString(),
        collected_by: actor.userId,
      };
      await trx.insertInto('collections').values(row).execute();
      if (input.kind === 'traffic_fine') {
        const { term, late } = breakdown as {
          term: { lastDay: string };
          late: { lateDays: number; surcharge: number };
        };
        await trx
          .insertInto('fines')
          .values({
            id: newId(now.getTime()),
            issuer: input.issuer.normalize('NFC').trim(),
            decision_no: input.decisionNo.normalize('NFC').trim(),
            decision_date: input.decisionDate,
            received_on: input.receivedOn ?? null,
            violator: row.payer_name,
            amount: input.fineAmount,
            last_day: term.lastDay,
            late_days: late.lateDays,
            surcharge: late.surcharge,
            collection_id: row.id,
          })
          .execute();
      }
      await recordAudit(trx, database.dialect, {
        actor,
        role: roleFor(actor, Permission.MoneyOperate, scopeOf(drawer.office_id), 'clerk'),
        siteId: drawer.office_id,
        action: `money.collection.${input.kind}`,
        entityType: 'collection',
        entityId: row.id,
        after: { ...row, breakdown },
      });
      return row.id;
    });
    const row = await database.db
      .selectFrom('collections')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return collectionView(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      const same = await byClientTx(database.db, drawer.office_id, input.clientTxId);
      if (same) return collectionView(same, true);
      if (input.kind === 'traffic_fine') {
        throw new AppError(
          409,
          'FINE_ALREADY_PAID',
          {
            vi: 'Quyết định xử phạt này đã được nộp tiền',
            en: 'This sanction decision has already been paid',
          },
          [{ field: 'decisionNo', message: { vi: 'Đã nộp', en: 'Already paid' } }],
        );
      }
    }
    throw error;
  }
}

export async function readCollection(database: Database, actor: Actor, id: string) {
  const row = await database.db.selectFrom('collections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound({ vi: 'khoản thu', en: 'Collection' });
  authorize(actor, Permission.MoneyRead, scopeOf(row.office_id));
  return collectionView(row);
}
