/**
 * Forms that belong to a site rather than to one dossier: the counter's intake slips (Mẫu 02/03 when
 * nothing was received), the handover manifest of a batch and the yearly dossier register.
 */
import { vnDate } from '@motcua/core';
import type { Database, Executor } from '../../db/database.ts';
import { fromJson } from '../../db/helpers.ts';
import { notFound } from '../../http/errors.ts';
import type { Batch } from '../dossiers/handover.ts';
import type {
  FormHeader,
  HandoverManifestData,
  RefusalData,
  RegisterData,
  RegisterRow,
  SupplementRequestData,
} from '../forms/index.ts';
import { displayPhone, formTime, placeName } from './form-data.ts';

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

export function siteFormHeader(site: SiteInfo, date: string): FormHeader {
  return site.agencyName
    ? {
        issuingBodyParent: site.agencyName,
        issuingBody: 'Bộ phận tiếp nhận và trả kết quả',
        place: placeName(site.unitName),
        date,
      }
    : { issuingBody: site.name, place: placeName(site.unitName), date };
}

/** Number printed on a counter slip, e.g. 'PBS-3F2A9C1D': slips have no dossier code. */
export function slipNumber(kind: 'supplement' | 'refusal', id: string): string {
  return `${kind === 'supplement' ? 'PBS' : 'PTC'}-${id.replace(/-/g, '').slice(-8).toUpperCase()}`;
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

/** Mẫu 02 or 03 given at the counter: nothing was received, so the date is the slip's own. */
export function intakeSlipData(
  slip: NonNullable<IntakeSlipRow>,
  site: SiteInfo,
): { kind: 'supplement_request'; data: SupplementRequestData } | { kind: 'refusal'; data: RefusalData } {
  const header = siteFormHeader(site, vnDate(new Date(slip.at)));
  const applicant = {
    name: slip.applicant_name,
    ...(slip.applicant_phone ? { phone: displayPhone(slip.applicant_phone) } : {}),
  };
  const items = fromJson<string[]>(slip.items, []);
  const officer = slip.officer_name ?? '';
  if (slip.kind === 'supplement') {
    return {
      kind: 'supplement_request',
      data: {
        ...header,
        dossierCode: slipNumber('supplement', slip.id),
        copyLabel: 'Liên 1: Giao người nộp hồ sơ',
        applicant,
        procedureName: slip.procedure_name,
        receivedAt: formTime(slip.at),
        items,
        reason: slip.reason,
        guidanceContact: site.name,
        officer,
      },
    };
  }
  return {
    kind: 'refusal',
    data: {
      ...header,
      applicant,
      procedureName: slip.procedure_name,
      receivedAt: formTime(slip.at),
      reasons: [slip.reason, ...items].filter((r) => r.trim() !== ''),
      officer,
    },
  };
}

/** Biên bản giao nhận of a handover batch (QĐ 45/2016). */
export function manifestData(batch: Batch, site: SiteInfo): HandoverManifestData {
  const toAgency = batch.direction === 'to_agency';
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
    items: batch.items.map((i) => ({
      dossierCode: i.code,
      applicantName: i.applicantName,
      procedureName: i.procedureName,
      documentCount: i.documentCount,
      postalItemNumber: batch.postalItemNumber ?? '',
      ...(i.note ? { note: i.note } : {}),
    })),
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
