import { amountInWords, validateCitizenId, vnDate } from '@motcua/core';
import type { Database } from '../../db/database.ts';
import { inTransaction, newId, toJson } from '../../db/helpers.ts';
import { AppError, invalidField } from '../../errors.ts';
import { type Actor, authorize, can } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import { assertSiteInForceFor } from '../org/validity.ts';
import { lockDossier, runAction } from './actions.ts';
import { nextYearlyNumber } from './counters.ts';
import { findDossier } from './repository.ts';

export interface ReturnInput {
  dossierId: string;
  clientTxId: string;
  /** Counter: the person collecting; postal: the delivery record (until postal logistics does it). */
  method: 'counter' | 'postal';
  collector?: { name: string; idNumber: string; isProxy: boolean; authorisation?: string | null } | null;
  delivery?: { recipientName: string; postalItemNumber?: string | null; note?: string | null } | null;
  outstandingFee?: { amount: number; method: 'cash' | 'transfer' | 'card' } | null;
  originalsReturned?: boolean;
}

/**
 * Trả kết quả: at the counter the clerk checks the collector's ID against the applicant's (a proxy
 * needs an authorisation and their own ID), collects any outstanding fee with a receipt, and records
 * the handover; by post, the clerk records the delivery.
 */
export async function returnResult(database: Database, actor: Actor, input: ReturnInput, now = new Date()) {
  await inTransaction(database, async (trx) => {
    const dossier = await lockDossier(trx, database.dialect, input.dossierId);
    authorize(actor, Permission.DossierReturn, { servicePointIds: [dossier.returning_site_id] });
    const replay = await trx
      .selectFrom('dossier_actions')
      .select('id')
      .where('client_tx_id', '=', input.clientTxId)
      .executeTakeFirst();
    if (replay) return;
    // Returning the result of a dossier received before the site (or its unit) ended finishes it;
    // one received after the end cannot be returned there.
    await assertSiteInForceFor(
      trx,
      dossier.returning_site_id,
      vnDate(now),
      'dossierId',
      dossier.received_date,
    );
    let payload: Record<string, unknown>;
    if (input.method === 'counter') {
      const c = input.collector;
      if (!c)
        throw invalidField('collector', {
          vi: 'Cần thông tin người nhận kết quả',
          en: 'Collector details needed',
        });
      const id = validateCitizenId(c.idNumber);
      if (!id.ok) throw invalidField('collector.idNumber', id.reason);
      const digits = c.idNumber.replace(/\D/g, '');
      if (!c.isProxy && dossier.applicant_id_number && digits !== dossier.applicant_id_number) {
        throw invalidField('collector.idNumber', {
          vi: 'Số giấy tờ không khớp với người nộp hồ sơ: nếu nhận thay, đánh dấu "nhận thay" và ghi giấy ủy quyền',
          en: 'ID does not match the applicant: for a proxy, tick proxy and give the authorisation',
        });
      }
      if (c.isProxy && !c.authorisation?.trim()) {
        throw invalidField('collector.authorisation', {
          vi: 'Người nhận thay phải có giấy ủy quyền',
          en: 'A proxy needs an authorisation',
        });
      }
      payload = {
        method: 'counter',
        collectorName: c.name.normalize('NFC'),
        collectorIdLast4: digits.slice(-4),
        isProxy: c.isProxy,
        authorisation: c.authorisation ?? null,
        originalsReturned: input.originalsReturned ?? false,
      };
    } else {
      const d = input.delivery;
      if (!d?.recipientName.trim()) {
        throw invalidField('delivery.recipientName', {
          vi: 'Cần tên người nhận',
          en: 'Recipient name needed',
        });
      }
      if (dossier.return_method !== 'postal') {
        throw invalidField('method', {
          vi: 'Người dân đã chọn nhận kết quả tại quầy',
          en: 'The applicant chose to collect at the counter',
        });
      }
      payload = {
        method: 'postal',
        recipientName: d.recipientName.normalize('NFC'),
        postalItemNumber: d.postalItemNumber ?? null,
        note: d.note ?? null,
      };
    }
    if (input.outstandingFee && input.outstandingFee.amount > 0) {
      const year = Number(vnDate(now).slice(0, 4));
      const number = await nextYearlyNumber(trx, database.dialect, `fee:${dossier.returning_site_id}`, year);
      await trx
        .insertInto('fee_receipts')
        .values({
          id: newId(),
          dossier_id: dossier.id,
          receipt_number: `${year}/${String(number).padStart(6, '0')}`,
          site_id: dossier.returning_site_id,
          amount: input.outstandingFee.amount,
          payer_name: dossier.applicant_name,
          items: toJson({
            procedure: dossier.procedure_name,
            words: amountInWords(input.outstandingFee.amount),
          }),
          method: input.outstandingFee.method,
          collected_by: actor.userId,
          at: now.toISOString(),
        })
        .execute();
      payload.feeCollected = input.outstandingFee.amount;
    }
    await runAction(
      trx,
      database.dialect,
      actor,
      dossier,
      {
        type: 'return_result',
        clientTxId: input.clientTxId,
        role: 'clerk',
        siteId: dossier.returning_site_id,
        payload,
      },
      now,
      () => ({ fee_total: dossier.fee_total + (input.outstandingFee?.amount ?? 0) }),
    );
  });
  return (await findDossier(database.db, input.dossierId))!;
}

/** Rút hồ sơ / dừng giải quyết at the applicant's request, before a decision (2025 form 05). */
export async function withdrawDossier(
  database: Database,
  actor: Actor,
  input: { dossierId: string; clientTxId: string; reason: string },
  now = new Date(),
) {
  if (!input.reason.trim()) throw invalidField('reason', { vi: 'Cần ghi lý do', en: 'A reason is required' });
  // Only the receiving side or the processing agency withdraws: other roles before any lookup.
  if (!can(actor, Permission.DossierIntake) && !can(actor, Permission.DossierProcess)) {
    throw new AppError(403, 'FORBIDDEN', {
      vi: 'Bạn không có quyền thực hiện thao tác này',
      en: 'You are not allowed to do this',
    });
  }
  await inTransaction(database, async (trx) => {
    const dossier = await lockDossier(trx, database.dialect, input.dossierId);
    const atSite = [dossier.receiving_site_id, dossier.returning_site_id];
    authorize(actor, Permission.DossierRead, {
      servicePointIds: atSite,
      agencyIds: [dossier.current_agency_id],
    });
    const mayWithdraw =
      can(actor, Permission.DossierIntake, { servicePointIds: atSite }) ||
      can(actor, Permission.DossierProcess, { agencyIds: [dossier.current_agency_id] });
    if (!mayWithdraw) {
      throw new AppError(403, 'FORBIDDEN', {
        vi: 'Bạn không có quyền thực hiện thao tác này',
        en: 'You are not allowed to do this',
      });
    }
    await runAction(
      trx,
      database.dialect,
      actor,
      dossier,
      {
        type: 'withdraw',
        clientTxId: input.clientTxId,
        role: 'clerk',
        payload: { reason: input.reason.normalize('NFC') },
      },
      now,
    );
  });
  return (await findDossier(database.db, input.dossierId))!;
}
