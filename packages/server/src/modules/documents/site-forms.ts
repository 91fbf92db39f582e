/**
 * Forms that belong to a site rather than to one dossier: the counter's intake slips (Mẫu 02/03 when
 * nothing was received), the handover manifest of a batch and the yearly dossier register.
 */
import { amountInWords, formatVnd, vnDate } from '@motcua/core';
import type { Database, Executor } from '../../db/database.ts';
import { fromJson } from '../../db/helpers.ts';
import { notFound } from '../../errors.ts';
import type { Batch } from '../dossiers/handover.ts';
import type {
  FormHeader,
  HandoverManifestData,
  RefusalData,
  RegisterData,
  RegisterRow,
  SupplementRequestData,
} from '../forms/index.ts';
import { displayPhone, formTime, inForce, procedureLegalBasis, siteHeader } from './form-data.ts';
import { siteSettingsAt } from './print-settings.ts';

export interface SiteInfo {
  id: string;
  name: string;
  agencyName: string | null;
  unitName: string;
}

export async function findSite(db: Executor, id: string): Promise<SiteInfo | undefined> {
  const row = await db
    .selectFrom('service_points as sp')
    .leftJoin('agencies as a', 'a.id', 'sp.agency_id')
    .innerJoin('admin_units as u', 'u.id', 'sp.unit_id')
    .select(['sp.id', 'sp.name', 'a.name as agency_name', 'u.name as unit_name'])
    .where('sp.id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, agencyName: row.agency_name, unitName: row.unit_name };
}

/** The site's own name under the body it belongs to (see `siteHeader`). */
export function siteFormHeader(site: SiteInfo, date: string): FormHeader {
  return siteHeader(site, date);
}

export type IntakeSlipRow = Awaited<ReturnType<typeof findIntakeSlip>>;

export async function findIntakeSlip(db: Executor, id: string) {
  return db
    .selectFrom('intake_slips as s')
    .innerJoin('procedures as p', 'p.id', 's.procedure_id')
    .leftJoin('users as u', 'u.id', 's.issued_by')
    .selectAll('s')
    .select(['p.name as procedure_name', 'u.full_name as officer_name'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/**
 * Mẫu 02 or 03 given at the counter: nothing was received, so there is no dossier code (none is
 * invented) and the date is the slip's own. The contact is the clerk at the site's phone; a refusal
 * cites the procedure's legal basis.
 */
export async function intakeSlipData(
  db: Executor,
  slip: NonNullable<IntakeSlipRow>,
  site: SiteInfo,
): Promise<
  { kind: 'supplement_request'; data: SupplementRequestData } | { kind: 'refusal'; data: RefusalData }
> {
  const header = siteFormHeader(site, vnDate(new Date(slip.at)));
  const applicant = {
    name: slip.applicant_name,
    ...(slip.applicant_phone ? { phone: displayPhone(slip.applicant_phone) } : {}),
  };
  const items = fromJson<string[]>(slip.items, []);
  const officer = slip.officer_name ?? '';
  if (slip.kind === 'supplement') {
    const phone = (await siteSettingsAt(db, site.id, slip.at)).contactPhone;
    return {
      kind: 'supplement_request',
      data: {
        ...header,
        copyLabel: 'Liên 1: Giao người nộp hồ sơ',
        applicant,
        procedureName: slip.procedure_name,
        items,
        reason: slip.reason,
        guidanceContact: officer ? `Ông/Bà ${officer}, ${site.name}` : site.name,
        ...(phone ? { guidancePhone: displayPhone(phone) } : {}),
        officer,
      },
    };
  }
  const basis = inForce(await procedureLegalBasis(db, slip.procedure_id), vnDate(new Date(slip.at)));
  return {
    kind: 'refusal',
    data: {
      ...header,
      applicant,
      procedureName: slip.procedure_name,
      receivedAt: formTime(slip.at),
      ...(basis.length ? { legalBasis: basis.join('; ') } : {}),
      reasons: [slip.reason, ...items].filter((r) => r.trim() !== ''),
      officer,
    },
  };
}

/**
 * Biên bản giao nhận of a handover batch (QĐ 45/2016): each dossier with its postal item number (its
 * consignment slip, else the batch's), and the fees collected with the dossiers going to the agency.
 */
export async function manifestData(
  db: Executor,
  batch: Batch,
  site: SiteInfo,
): Promise<HandoverManifestData> {
  const toAgency = batch.direction === 'to_agency';
  const ids = batch.items.map((i) => i.dossierId);
  const itemNumbers = new Map<string, string>();
  const fees = new Map<string, number>();
  if (ids.length > 0) {
    const shipments = await db
      .selectFrom('shipments')
      .select(['dossier_id', 'item_number'])
      .where('dossier_id', 'in', ids)
      .where('batch_id', '=', batch.id)
      .execute();
    for (const s of shipments) if (s.dossier_id) itemNumbers.set(s.dossier_id, s.item_number);
    if (toAgency) {
      // Fees collected at this site go to the agency with the dossiers; none travel back with results.
      const rows = await db
        .selectFrom('fee_receipts')
        .select(['dossier_id', 'amount'])
        .where('dossier_id', 'in', ids)
        .where('site_id', '=', batch.siteId)
        .execute();
      for (const r of rows) fees.set(r.dossier_id, (fees.get(r.dossier_id) ?? 0) + Number(r.amount));
    }
  }
  const feeTotal = [...fees.values()].reduce((sum, n) => sum + n, 0);
  const siteParty = {
    unit: batch.siteName,
    representative: toAgency ? (batch.createdByName ?? '') : (batch.receivedByName ?? ''),
  };
  const agencyParty = {
    unit: batch.agencyName,
    representative: toAgency ? (batch.receivedByName ?? '') : (batch.createdByName ?? ''),
  };
  return {
    ...siteFormHeader(site, vnDate(new Date(batch.createdAt))),
    documentNumber: batch.code,
    subject: toAgency
      ? 'Hồ sơ thủ tục hành chính tiếp nhận qua dịch vụ bưu chính công ích'
      : 'Kết quả giải quyết thủ tục hành chính chuyển về điểm trả kết quả',
    handedOverAt: formTime(batch.createdAt),
    sender: toAgency ? siteParty : agencyParty,
    receiver: toAgency ? agencyParty : siteParty,
    courier: { unit: 'Bưu chính công ích (Bưu điện)', representative: batch.courierName ?? '' },
    items: batch.items.map((i) => {
      const fee = fees.get(i.dossierId) ?? 0;
      return {
        dossierCode: i.code,
        applicantName: i.applicantName,
        procedureName: i.procedureName,
        documentCount: i.documentCount,
        postalItemNumber: itemNumbers.get(i.dossierId) ?? batch.postalItemNumber ?? '',
        fee: formatVnd(fee, { symbol: '' }).trim(),
        ...(i.note ? { note: i.note } : {}),
      };
    }),
    feesTotal: formatVnd(feeTotal, { symbol: '' }).trim(),
    ...(feeTotal > 0
      ? { feesHandedOver: `${formatVnd(feeTotal, { symbol: 'đồng' })} (${amountInWords(feeTotal)})` }
      : {}),
  };
}

/** The most rows one register PDF prints; a site's year stays well below it. */
export const REGISTER_MAX_ROWS = 20_000;

/** Mẫu 06 (2018) / 07 (2025) — the register of a site for a year, in register-number order. */
export async function registerData(database: Database, site: SiteInfo, year: number): Promise<RegisterData> {
  const { db } = database;
  const dossiers = await db
    .selectFrom('dossiers as d')
    .innerJoin('agencies as a', 'a.id', 'd.lead_agency_id')
    .select([
      'd.id',
      'd.code',
      'd.procedure_name',
      'd.sets',
      'd.applicant_name',
      'd.applicant_address',
      'd.applicant_phone',
      'd.received_at',
      'd.appointment_at',
      'd.returned_at',
      'd.status',
      'd.decision',
      'd.register_number',
      'a.name as lead_agency_name',
    ])
    .where('d.receiving_site_id', '=', site.id)
    .where('d.register_year', '=', year)
    .orderBy('d.register_number')
    .limit(REGISTER_MAX_ROWS)
    .execute();
  if (dossiers.length === 0) {
    throw notFound({
      vi: `hồ sơ nào tiếp nhận tại điểm này năm ${year}`,
      en: `Dossiers received here in ${year}`,
    });
  }
  const milestones = await transferMilestones(
    db,
    dossiers.map((d) => d.id),
  );
  const rows: RegisterRow[] = dossiers.map((d) => {
    const m = milestones.get(d.id);
    return {
      dossierCode: d.code,
      procedureName: d.procedure_name,
      sets: d.sets,
      applicantName: d.applicant_name,
      addressAndPhone: [d.applicant_address, d.applicant_phone && displayPhone(d.applicant_phone)]
        .filter(Boolean)
        .join(' - '),
      leadAgency: d.lead_agency_name,
      receivedAt: formTime(d.received_at),
      appointmentAt: formTime(d.appointment_at),
      ...(m?.transferredAt ? { transferredAt: formTime(m.transferredAt) } : {}),
      ...(m?.resultReceivedAt ? { resultReceivedAt: formTime(m.resultReceivedAt) } : {}),
      ...(d.returned_at ? { returnedAt: formTime(d.returned_at) } : {}),
      ...(registerNote(d) ? { note: registerNote(d) } : {}),
    };
  });
  const first = dossiers[0]!;
  return {
    ...siteFormHeader(site, vnDate(new Date())),
    volume: `Quyển số 01 năm ${year}`,
    firstNumber: Number(first.register_number),
    rows,
  };
}

export function registerNote(d: { status: string; decision: string | null }): string | undefined {
  if (d.status === 'withdrawn') return 'Dừng giải quyết (rút hồ sơ)';
  if (d.decision === 'refused') return 'Từ chối giải quyết';
  return undefined;
}

/**
 * When each dossier went to its agency (first `send_to_agency`) and when the result came back to the
 * site (last `confirm_at_site`): one grouped query over `dossier_actions`, in chunks for the IN list.
 */
export async function transferMilestones(db: Executor, ids: string[]) {
  const out = new Map<string, { transferredAt: string | null; resultReceivedAt: string | null }>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom('dossier_actions')
      .select((eb) => ['dossier_id', 'type', eb.fn.min('at').as('first_at'), eb.fn.max('at').as('last_at')])
      .where('dossier_id', 'in', chunk)
      .where('type', 'in', ['send_to_agency', 'confirm_at_site'])
      .groupBy(['dossier_id', 'type'])
      .execute();
    for (const r of rows) {
      const entry = out.get(r.dossier_id) ?? { transferredAt: null, resultReceivedAt: null };
      if (r.type === 'send_to_agency') entry.transferredAt = String(r.first_at);
      else entry.resultReceivedAt = String(r.last_at);
      out.set(r.dossier_id, entry);
    }
  }
  return out;
}
