import {
  amountInWords,
  citizenAppointment,
  DEFAULT_CUTOFF,
  formatDossierCode,
  handoverDueAt,
  postalLegDays,
  searchKey,
  validateCitizenId,
  validatePhone,
  validateTaxCode,
  vnDate,
} from '@motcua/core';
import { recordAudit } from '../../audit/audit.ts';
import type { Database, Dialect, Executor } from '../../db/database.ts';
import {
  fixedQuery,
  fromFlag,
  fromJson,
  insertRow,
  inTransaction,
  isUniqueViolation,
  newId,
  randomToken,
  toJson,
} from '../../db/helpers.ts';
import { referenceCache } from '../../db/reference-cache.ts';
import { AppError, type FieldError, invalidField, notFound } from '../../errors.ts';
import type { Actor } from '../../policy/policy.ts';
import { authorize } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import { workCalendarFor } from '../calendar/service.ts';
import type { ProcedureDocument } from '../catalog/schema.ts';
import { findServicePoint, type ServicePoint } from '../org/repository.ts';
import { assertPlaceUnitInForce, assertSiteInForce, inForce } from '../org/validity.ts';
import { type CreatedDossier, createWithFirstAction, finishFirstAction } from './actions.ts';
import { nextDossierSequence, nextYearlyNumber } from './counters.ts';
import { competentAgency, placeOf, presentProvince, presentUnit, unitChain } from './places.ts';
import { type DossierRow, findDossier, type ReceivedDocument } from './repository.ts';
import type { FeeReceiptView, ViewParts } from './views.ts';

/** What intake reads of reference data, kept briefly (see `db/reference-cache.ts`). */
const siteCache = referenceCache<ServicePoint>();
const procedureCache = referenceCache<ProcedureVersions>();
const agencyCache = referenceCache<Awaited<ReturnType<typeof competentAgency>>>();
const agencyCodeCache = referenceCache<string>();

type VersionRow = Awaited<ReturnType<typeof procedureVersions>>[number];

/** One version of a procedure with its competence and JSON columns parsed once. */
type ParsedVersion = Omit<VersionRow, 'level' | 'agency_kind'> & {
  level: string;
  agency_kind: string;
  listed: ProcedureDocument[];
  channelList: string[];
  feeDue: number;
  provinceWide: boolean;
};

interface ProcedureVersions {
  active: number;
  current: number;
  versions: ParsedVersion[];
}

async function parsedProcedure(
  database: Database,
  procedureId: string,
): Promise<ProcedureVersions | undefined> {
  const rows = await procedureVersions(database, procedureId);
  if (rows.length === 0) return undefined;
  return {
    active: rows[0]!.active,
    current: rows[0]!.current_version,
    versions: rows.map((row) => ({
      ...row,
      level: row.level ?? row.procedure_level,
      agency_kind: row.agency_kind ?? row.procedure_agency_kind,
      listed: fromJson<ProcedureDocument[]>(row.documents, []),
      channelList: fromJson<string[]>(row.channels, []),
      feeDue: fromJson<{ amount: number }[]>(row.fees, []).reduce((sum, f) => sum + f.amount, 0),
      provinceWide: fromFlag(row.province_wide_receipt),
    })),
  };
}

/**
 * The version of a procedure in force on a Vietnam date: the one whose validity covers the date,
 * the latest start first (docs/organisation.md). A date before every version's start falls back on
 * the procedure's current version, as before versions carried dates.
 */
export function versionInForce<V extends { version: number; valid_from: string; valid_to: string | null }>(
  versions: V[],
  current: number,
  date: string,
): V | undefined {
  const candidates = versions
    .filter((v) => v.valid_from <= date && (!v.valid_to || v.valid_to >= date))
    .sort((a, b) =>
      a.valid_from === b.valid_from ? b.version - a.version : a.valid_from < b.valid_from ? 1 : -1,
    );
  return candidates[0] ?? versions.find((v) => v.version === current);
}

/** Every version of a procedure: documents, fees, channels, processing time, competence, dates. */
function procedureVersions(database: Database, procedureId: string) {
  return database.db
    .selectFrom('procedures as p')
    .innerJoin('procedure_versions as v', 'v.procedure_id', 'p.id')
    .select([
      'p.id',
      'p.code',
      'v.name',
      'p.field_name',
      'p.agency_kind as procedure_agency_kind',
      'p.level as procedure_level',
      'p.active',
      'p.current_version',
      'v.version',
      'v.valid_from',
      'v.valid_to',
      'v.level',
      'v.agency_kind',
      'v.province_wide_receipt',
      'v.documents',
      'v.fees',
      'v.channels',
      'v.postal_excluded',
      'v.processing_kind',
      'v.processing_amount',
      'v.processing_note',
      'v.processing_cutoff',
    ])
    .where('p.id', '=', procedureId)
    .orderBy('v.version')
    .execute();
}

const actionUnder = fixedQuery((executor: Executor, _dialect: Dialect, clientTxId: string) =>
  executor.selectFrom('dossier_actions').select('dossier_id').where('client_tx_id', '=', clientTxId),
);

/** The dossier an intake with this client transaction id already made (a retry), if any. */
async function receivedUnder(database: Database, clientTxId: string): Promise<DossierRow | undefined> {
  const [action] = await actionUnder(database.db, database.dialect, clientTxId);
  return action ? findDossier(database.db, action.dossier_id) : undefined;
}

export interface IntakeInput {
  clientTxId: string;
  siteId: string;
  procedureId: string;
  applicant: {
    kind: 'person' | 'organisation';
    name: string;
    idNumber?: string | null;
    birthDate?: string | null;
    sex?: 'male' | 'female' | null;
    phone?: string | null;
    email?: string | null;
    address?: string | null;
    unitId?: string | null;
    taxCode?: string | null;
  };
  /** Ticked documents: index in the procedure's list, with what was actually handed in. */
  documents: { index: number; copyType?: ReceivedDocument['copyType']; count?: number }[];
  sets?: number;
  returnMethod: 'counter' | 'postal';
  deliveryAddress?: string | null;
  deliveryUnitId?: string | null;
  returningSiteId?: string | null;
  fee?: { amount: number; method: 'cash' | 'transfer' | 'card' } | null;
  channel?: 'counter' | 'postal_pickup';
}

/** Validates the applicant with the domain library; every problem named by field. */
function checkApplicant(input: IntakeInput['applicant']): { phone: string | null; fields: FieldError[] } {
  const fields: FieldError[] = [];
  let phone: string | null = null;
  if (!input.name.trim()) {
    fields.push({
      field: 'applicant.name',
      message: { vi: 'Cần họ tên người nộp', en: 'Applicant name is required' },
    });
  }
  if (input.kind === 'person') {
    if (input.idNumber) {
      const id = validateCitizenId(input.idNumber, {
        ...(input.birthDate ? { birthDate: input.birthDate } : {}),
        ...(input.sex ? { sex: input.sex } : {}),
      });
      if (!id.ok) fields.push({ field: 'applicant.idNumber', message: id.reason });
    }
  } else if (input.taxCode) {
    const tax = validateTaxCode(input.taxCode);
    if (!tax.ok) fields.push({ field: 'applicant.taxCode', message: tax.reason });
  } else {
    fields.push({
      field: 'applicant.taxCode',
      message: { vi: 'Tổ chức cần mã số thuế', en: 'An organisation needs its tax code' },
    });
  }
  if (input.phone) {
    const p = validatePhone(input.phone);
    if (p.ok) phone = p.value.e164;
    else fields.push({ field: 'applicant.phone', message: p.reason });
  }
  if (!input.phone && !input.idNumber) {
    fields.push({
      field: 'applicant.phone',
      message: {
        vi: 'Cần số điện thoại hoặc số định danh để người dân tra cứu hồ sơ',
        en: 'A phone number or ID number is needed for the applicant to look the dossier up',
      },
    });
  }
  return { phone, fields };
}

/**
 * Tiếp nhận hồ sơ at a counter: checks the documents against the procedure's list (a missing
 * mandatory item means a supplement slip, not a receipt), gives the dossier its code, register
 * number, lookup token and appointment, takes the fee with a receipt, all in one transaction.
 */
export async function receiveDossier(
  database: Database,
  actor: Actor,
  input: IntakeInput,
  now = new Date(),
  options: IntakeOptions = {},
): Promise<{ dossier: DossierRow; preloaded?: ViewParts }> {
  // A courier receives at the applicant's home for their post office (thu gom hồ sơ tại nhà).
  const permission = input.channel === 'postal_pickup' ? Permission.DeliveryWork : Permission.DossierIntake;
  authorize(actor, permission, { servicePointIds: [input.siteId] });
  try {
    return await receiveNew(database, actor, input, now, options);
  } catch (error) {
    // A retry of an intake already received answers with its dossier, whatever this attempt ran
    // into: the unique client transaction id of the `receive` action (a retry, or the same request
    // twice at once, the loser waiting for the winner's commit), or a check that no longer passes
    // (a procedure withdrawn since). Looked up only then: a first intake reads nothing before it writes.
    if (error instanceof AppError || isUniqueViolation(error)) {
      const existing = await receivedUnder(database, input.clientTxId);
      if (existing) return { dossier: existing };
    }
    throw error;
  }
}

/** What a caller adds to an intake. */
export interface IntakeOptions {
  /**
   * More writes in the intake's own transaction, after the dossier, its receipt and its audit entry
   * (a pickup's shipment and state): if they throw, nothing of the intake is committed.
   */
  within?: (trx: Executor, dossier: DossierRow) => Promise<void>;
}

async function receiveNew(
  database: Database,
  actor: Actor,
  input: IntakeInput,
  now: Date,
  options: IntakeOptions,
): Promise<{ dossier: DossierRow; preloaded?: ViewParts }> {
  const site = await siteCache.get(database, input.siteId, () => findServicePoint(database.db, input.siteId));
  if (!site?.active)
    throw invalidField('siteId', { vi: 'Không có điểm tiếp nhận này', en: 'No such service point' });
  if (!site.receivesDossiers) {
    throw invalidField('siteId', {
      vi: 'Điểm này không tiếp nhận hồ sơ',
      en: 'This service point does not receive dossiers',
    });
  }
  const today = vnDate(now);
  if (!inForce({ valid_from: site.validFrom, valid_to: site.validTo }, today)) {
    await assertSiteInForce(database.db, site.id, today, 'siteId');
  }
  await assertPlaceUnitInForce(
    database.db,
    { kind: 'site', name: site.name, unitId: site.unitId },
    today,
    'siteId',
  );
  const versions = await procedureCache.get(database, input.procedureId, () =>
    parsedProcedure(database, input.procedureId),
  );
  if (!versions || !fromFlag(versions.active)) {
    throw invalidField('procedureId', { vi: 'Không có thủ tục này', en: 'No such procedure' });
  }
  // Competence, documents and time are those of the version in force at the instant of receipt.
  const procedure = versionInForce(versions.versions, versions.current, today)!;

  const { phone, fields } = checkApplicant(input.applicant);
  const { listed, channelList: channels, feeDue } = procedure;
  const ticked = new Map<number, IntakeInput['documents'][number]>();
  for (const [i, d] of input.documents.entries()) {
    if (!Number.isInteger(d.index) || d.index < 0 || d.index >= listed.length) {
      fields.push({
        field: `documents.${i}.index`,
        message: {
          vi: 'Không có giấy tờ này trong thành phần hồ sơ',
          en: 'Not in the procedure’s document list',
        },
      });
    } else ticked.set(d.index, d);
  }
  const missing = listed.map((d, i) => ({ d, i })).filter(({ d, i }) => d.required && !ticked.has(i));
  for (const { d, i } of missing) {
    fields.push({
      field: `documents.${i}`,
      message: {
        vi: `Thiếu giấy tờ bắt buộc: ${d.name}. Hồ sơ chưa đủ: lập Phiếu yêu cầu bổ sung (Mẫu 02)`,
        en: `Missing mandatory document: ${d.name}. Incomplete: issue a supplement request (form 02)`,
      },
    });
  }
  const channel = input.channel ?? 'counter';
  const postalExcluded = fromFlag(procedure.postal_excluded);
  if (channel === 'postal_pickup' && (postalExcluded || !channels.includes('postal'))) {
    fields.push({
      field: 'channel',
      message: {
        vi: 'Thủ tục này không nhận hồ sơ qua bưu chính',
        en: 'This procedure is not accepted by post',
      },
    });
  }
  if (input.returnMethod === 'postal') {
    if (postalExcluded) {
      fields.push({
        field: 'returnMethod',
        message: {
          vi: 'Thủ tục này không trả kết quả qua bưu chính',
          en: 'This procedure’s result cannot go by post',
        },
      });
    }
    if (!input.deliveryAddress?.trim()) {
      fields.push({
        field: 'deliveryAddress',
        message: { vi: 'Cần địa chỉ nhận kết quả qua bưu chính', en: 'A delivery address is needed' },
      });
    }
  }
  if (input.fee && input.fee.amount > feeDue) {
    fields.push({
      field: 'fee.amount',
      message: {
        vi: `Số tiền thu vượt mức phí, lệ phí của thủ tục (${feeDue.toLocaleString('vi-VN')} đồng)`,
        en: `Amount exceeds the procedure's fees (${feeDue} VND)`,
      },
    });
  }
  if (fields.length > 0) {
    throw new AppError(
      400,
      missing.length > 0 ? 'DOSSIER_INCOMPLETE' : 'VALIDATION_FAILED',
      missing.length > 0
        ? { vi: 'Hồ sơ chưa đầy đủ thành phần bắt buộc', en: 'The dossier lacks mandatory documents' }
        : {
            vi: `Dữ liệu không hợp lệ: ${fields.map((f) => f.field).join(', ')}`,
            en: `Invalid input: ${fields.map((f) => f.field).join(', ')}`,
          },
      fields,
    );
  }

  const returningSite = input.returningSiteId
    ? await siteCache.get(database, input.returningSiteId, () =>
        findServicePoint(database.db, input.returningSiteId!),
      )
    : site;
  if (!returningSite?.returnsResults) {
    throw invalidField('returningSiteId', {
      vi: 'Điểm này không trả kết quả',
      en: 'This site does not return results',
    });
  }
  if (!inForce({ valid_from: returningSite.validFrom, valid_to: returningSite.validTo }, today)) {
    await assertSiteInForce(database.db, returningSite.id, today, 'returningSiteId');
  }
  await assertPlaceUnitInForce(
    database.db,
    { kind: 'site', name: returningSite.name, unitId: returningSite.unitId },
    today,
    'returningSiteId',
  );
  if (input.deliveryUnitId && (await unitChain(database.db, input.deliveryUnitId)).length === 0) {
    throw invalidField('deliveryUnitId', { vi: 'Không có đơn vị hành chính này', en: 'No such unit' });
  }
  if (input.applicant.unitId && (await unitChain(database.db, input.applicant.unitId)).length === 0) {
    throw invalidField('applicant.unitId', { vi: 'Không có đơn vị hành chính này', en: 'No such unit' });
  }

  // Tiếp nhận không phụ thuộc địa giới hành chính: where the version in force allows it, a dossier
  // received anywhere in the province goes to the agency competent for the applicant's commune.
  let routeUnitId = site.unitId;
  if (procedure.provinceWide && input.applicant.unitId && input.applicant.unitId !== site.unitId) {
    const [siteProvince, applicantProvince] = await Promise.all([
      presentProvince(database.db, site.unitId, today),
      presentProvince(database.db, input.applicant.unitId, today),
    ]);
    if (siteProvince && siteProvince === applicantProvince) {
      routeUnitId = await presentUnit(database.db, input.applicant.unitId, today);
    }
  }
  const agency = (await agencyCache.get(database, `${procedure.agency_kind}|${routeUnitId}|${today}`, () =>
    competentAgency(database.db, procedure.agency_kind, routeUnitId, today),
  ))!;
  const atAgency = site.agencyId === agency.id;
  const receivingAgencyCode =
    (site.agencyId
      ? await agencyCodeCache.get(
          database,
          site.agencyId,
          async () =>
            (
              await database.db
                .selectFrom('agencies')
                .select('code')
                .where('id', '=', site.agencyId!)
                .executeTakeFirst()
            )?.code,
        )
      : undefined) ?? agency.code;
  const sitePlace = await placeOf(database.db, site.unitId);
  const agencyPlace = await placeOf(database.db, agency.unit_id);
  const outboundLegDays = atAgency ? 0 : postalLegDays(sitePlace, agencyPlace);
  const returnLegDays =
    input.returnMethod === 'postal'
      ? postalLegDays(
          agencyPlace,
          await placeOf(database.db, input.deliveryUnitId ?? input.applicant.unitId ?? site.unitId),
        )
      : returningSite.agencyId === agency.id
        ? 0
        : postalLegDays(agencyPlace, await placeOf(database.db, returningSite.unitId));
  const calendar = await workCalendarFor(database, { sessions: site.openingHours });
  // A within-the-day procedure: its own cut-off, else the receiving site's, else 15:00 (calendar.md §3).
  const cutoff =
    procedure.processing_kind === 'within_day'
      ? (procedure.processing_cutoff ?? site.withinDayCutoff ?? DEFAULT_CUTOFF)
      : null;
  const processing = { unit: procedure.processing_kind, amount: procedure.processing_amount, cutoff };
  const appointment = citizenAppointment(calendar, {
    receivedAt: now,
    processing,
    outboundLegDays,
    returnLegDays,
  });
  const documents: ReceivedDocument[] = [...ticked.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, d]) => ({
      name: listed[index]!.name,
      copyType: d.copyType ?? listed[index]!.copyType,
      count: d.count ?? listed[index]!.count,
    }));
  const receivedDate = vnDate(now);
  const year = Number(receivedDate.slice(0, 4));
  const applicant = input.applicant;
  const idDigits = applicant.idNumber?.replace(/\D/g, '') ?? null;

  const id = newId();
  const lookupToken = randomToken(18);
  const feeAmount = input.fee && input.fee.amount > 0 ? input.fee.amount : 0;
  const feeItems =
    feeAmount > 0 ? toJson({ procedure: procedure.name, words: amountInWords(feeAmount) }) : null;
  const receive = {
    type: 'receive' as const,
    clientTxId: input.clientTxId,
    role: channel === 'postal_pickup' ? 'courier' : 'clerk',
    siteId: site.id,
    agencyId: agency.id,
    payload: {
      atAgency,
      returnSiteId: returningSite.id,
      returnAtAgency: returningSite.agencyId === agency.id,
      channel,
      documents: documents.length,
      fee: input.fee?.amount ?? 0,
    },
  };
  // Everything is computed: the transaction only writes. The counters' rows (and, last, the audit
  // chain's head) are locked until the commit on PostgreSQL, so this part is kept short.
  let feeReceipt: FeeReceiptView | null = null;
  const created: CreatedDossier = await inTransaction(database, async (trx) => {
    const sequence = await nextDossierSequence(trx, database.dialect, receivingAgencyCode, receivedDate);
    const code = formatDossierCode({ agencyCode: receivingAgencyCode, date: receivedDate, sequence });
    const registerNumber = await nextYearlyNumber(trx, database.dialect, site.id, year);
    const row = {
      id,
      code,
      lookup_token: lookupToken,
      lookup_failures: 0,
      lookup_failed_at: null,
      lookup_locked_until: null,
      procedure_id: procedure.id,
      procedure_version: procedure.version,
      procedure_code: procedure.code,
      procedure_name: procedure.name,
      field_name: procedure.field_name,
      receiving_site_id: site.id,
      returning_site_id: returningSite.id,
      lead_agency_id: agency.id,
      current_agency_id: agency.id,
      assigned_officer_id: null,
      received_by: actor.userId,
      status: 'received' as const,
      in_transit: 0,
      location_kind: 'site' as const,
      location_id: site.id,
      decision: null,
      channel,
      applicant_kind: applicant.kind,
      applicant_name: applicant.name.normalize('NFC').trim(),
      applicant_name_key: searchKey(applicant.name),
      applicant_id_number: idDigits,
      applicant_birth_date: applicant.birthDate ?? null,
      applicant_phone: phone,
      applicant_email: applicant.email ?? null,
      applicant_address: applicant.address?.normalize('NFC').trim() ?? null,
      applicant_unit_id: applicant.unitId ?? null,
      applicant_tax_code: applicant.taxCode ?? null,
      phone_last4: phone ? phone.slice(-4) : null,
      id_last4: idDigits ? idDigits.slice(-4) : null,
      return_method: input.returnMethod,
      delivery_address: input.deliveryAddress?.normalize('NFC').trim() ?? null,
      delivery_unit_id: input.deliveryUnitId ?? null,
      documents: toJson(documents),
      sets: input.sets ?? 1,
      fee_total: input.fee?.amount ?? 0,
      processing_unit: procedure.processing_kind,
      processing_amount: procedure.processing_amount,
      processing_cutoff: cutoff,
      outbound_leg_days: outboundLegDays,
      return_leg_days: returnLegDays,
      received_at: now.toISOString(),
      received_date: receivedDate,
      handover_due_at: atAgency ? null : handoverDueAt(calendar, now).toISOString(),
      appointment_at: appointment.toISOString(),
      original_appointment_at: appointment.toISOString(),
      clock_started_at: null,
      agency_due_at: null,
      result_ready_at: null,
      returned_at: null,
      result_timing: null,
      supplement_count: 0,
      apology_count: 0,
      register_year: year,
      register_number: registerNumber,
      action_count: 0,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    const made = await createWithFirstAction(trx, database.dialect, actor, row, receive, now, (state) =>
      atAgency ? { clock_started_at: state.clockStartedAt, agency_due_at: appointment.toISOString() } : {},
    );
    if (feeAmount > 0) {
      const number = await nextYearlyNumber(trx, database.dialect, `fee:${site.id}`, year);
      const receipt = {
        id: newId(),
        dossier_id: id,
        receipt_number: `${year}/${String(number).padStart(6, '0')}`,
        site_id: site.id,
        amount: feeAmount,
        payer_name: row.applicant_name,
        items: feeItems!,
        method: input.fee!.method,
        collected_by: actor.userId,
        at: now.toISOString(),
      };
      await insertRow(trx, database.dialect, 'fee_receipts', receipt);
      feeReceipt = {
        number: receipt.receipt_number,
        amount: receipt.amount,
        method: receipt.method,
        at: receipt.at,
      };
    }
    await finishFirstAction(trx, database.dialect, actor, made, receive);
    if (options.within) await options.within(trx, made.dossier);
    return made;
  });
  return {
    dossier: created.dossier,
    preloaded: {
      names: {
        receivingSite: { id: site.id, name: site.name, code: site.code },
        returningSite: { id: returningSite.id, name: returningSite.name, code: returningSite.code },
        leadAgency: { id: agency.id, name: agency.name, code: agency.code },
        currentAgency: { id: agency.id, name: agency.name, code: agency.code },
        assignedOfficer: null,
      },
      state: created.state,
      fees: feeReceipt ? [feeReceipt] : [],
      timeline: [
        {
          seq: 1,
          type: 'receive',
          at: created.record.at,
          actorName: actor.fullName,
          actorRole: receive.role,
          siteName: site.name,
          agencyName: agency.name,
          payload: receive.payload,
        },
      ],
    },
  };
}

/**
 * Phiếu yêu cầu bổ sung (Mẫu 02) or Phiếu từ chối tiếp nhận (Mẫu 03) at the counter: nothing is
 * received, but the slip is kept so the guidance given "once, completely" can be shown later.
 */
export async function issueIntakeSlip(
  database: Database,
  actor: Actor,
  input: {
    clientTxId: string;
    kind: 'supplement' | 'refusal';
    siteId: string;
    procedureId: string;
    applicantName: string;
    applicantPhone?: string | null;
    items: string[];
    reason: string;
  },
  now = new Date(),
) {
  authorize(actor, Permission.DossierIntake, { servicePointIds: [input.siteId] });
  const known = await database.db
    .selectFrom('intake_slips')
    .selectAll()
    .where('client_tx_id', '=', input.clientTxId)
    .executeTakeFirst();
  if (known) return known;
  const procedure = await database.db
    .selectFrom('procedures')
    .select('id')
    .where('id', '=', input.procedureId)
    .executeTakeFirst();
  if (!procedure) throw notFound({ vi: 'thủ tục', en: 'Procedure' });
  if (input.kind === 'supplement' && input.items.length === 0) {
    throw invalidField('items', { vi: 'Liệt kê giấy tờ cần bổ sung', en: 'List the items to supplement' });
  }
  const row = {
    id: newId(),
    kind: input.kind,
    site_id: input.siteId,
    procedure_id: input.procedureId,
    applicant_name: input.applicantName.normalize('NFC').trim(),
    applicant_phone: input.applicantPhone ?? null,
    items: toJson(input.items.map((i) => i.normalize('NFC'))),
    reason: input.reason.normalize('NFC'),
    issued_by: actor.userId,
    at: now.toISOString(),
    client_tx_id: input.clientTxId,
  };
  await inTransaction(database, async (trx) => {
    await trx.insertInto('intake_slips').values(row).execute();
    await recordAudit(trx, database.dialect, {
      actor,
      role: 'clerk',
      siteId: input.siteId,
      action: `intake_slip.${input.kind}`,
      entityType: 'intake_slip',
      entityId: row.id,
      after: row,
    });
  });
  return row;
}
