/**
 * What the printed forms say about a dossier, read from the database. Each builder returns the
 * display-ready data of `modules/forms` (strings as printed) or throws 404/409 when the form does not
 * apply to the dossier (no apology for a dossier that was never late, and so on).
 */
import {
  ACTION_LABELS,
  amountInWords,
  type DossierAction,
  formatVnDateTime,
  formatVnd,
  vnDate,
} from '@motcua/core';
import type { Executor } from '../../db/database.ts';
import { fromJson } from '../../db/helpers.ts';
import { AppError, type Bilingual, notFound } from '../../http/errors.ts';
import { type ActionRow, type DossierRow, documentsOf, dossierActions } from '../dossiers/repository.ts';
import type {
  ApologyData,
  ControlSlipData,
  FeeReceiptData,
  FormHeader,
  Handover,
  ReceiptData,
  RefusalData,
  StopNoticeData,
  SupplementRequestData,
} from '../forms/index.ts';

/** '14:30, ngày 30/11/2026' in Vietnam time: how the forms print an instant. */
export function formTime(iso: string): string {
  const [time, date] = formatVnDateTime(new Date(iso)).split(' ');
  return `${time}, ngày ${date}`;
}

/** 'DD/MM/YYYY' in Vietnam time. */
export function formDate(iso: string): string {
  return formatVnDateTime(new Date(iso)).split(' ')[1]!;
}

const UNIT_PREFIX = /^(Tỉnh|Thành phố|Thị xã|Thị trấn|Huyện|Quận|Phường|Xã|Đặc khu)\s+/iu;

/** Place name for the dated line: the unit's name without its level ('Xã Đức Liễu' → 'Đức Liễu'). */
export function placeName(unitName: string): string {
  return unitName.replace(UNIT_PREFIX, '').trim() || unitName;
}

export const COPY_TYPES: Record<string, string> = {
  original: 'Bản chính',
  copy: 'Bản sao',
  certified_copy: 'Bản sao có chứng thực',
  original_for_comparison: 'Bản chính (để đối chiếu)',
};

const PAYMENT_METHODS: Record<string, string> = {
  cash: 'Tiền mặt',
  transfer: 'Chuyển khoản',
  bank_transfer: 'Chuyển khoản',
  card: 'Thẻ',
  qr: 'Mã QR',
  online: 'Trực tuyến',
};

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A stored phone as Vietnamese paper prints it: '+84912345678' → '0912 345 678'. */
export function displayPhone(phone: string): string {
  const national = phone.replace(/^\+84/, '0');
  const m = /^(0\d{3})(\d{3})(\d{3})$/.exec(national);
  return m ? `${m[1]} ${m[2]} ${m[3]}` : national;
}

/** '05 ngày làm việc', '08 giờ làm việc', '30 ngày (không kể ngày nghỉ lễ)'. */
export function statutoryTimeText(unit: DossierRow['processing_unit'], amount: number): string {
  if (unit === 'working_hours') return `${pad2(amount)} giờ làm việc`;
  if (unit === 'calendar_days_excl_holidays') return `${pad2(amount)} ngày (không tính ngày nghỉ lễ)`;
  return `${pad2(amount)} ngày làm việc`;
}

const notApplicable = (code: string, message: Bilingual) => new AppError(409, code, message);

/** Names and places the forms of one dossier print. */
interface Places {
  receivingSite: { name: string; agencyName: string | null; unitName: string };
  returningSiteName: string;
  agencies: Map<string, { name: string; unitName: string }>;
}

async function placesOf(db: Executor, d: DossierRow, actions: ActionRow[]): Promise<Places> {
  const site = await db
    .selectFrom('service_points as sp')
    .leftJoin('agencies as a', 'a.id', 'sp.agency_id')
    .innerJoin('admin_units as u', 'u.id', 'sp.unit_id')
    .select(['sp.name', 'a.name as agency_name', 'u.name as unit_name'])
    .where('sp.id', '=', d.receiving_site_id)
    .executeTakeFirstOrThrow();
  const returning = await db
    .selectFrom('service_points')
    .select('name')
    .where('id', '=', d.returning_site_id)
    .executeTakeFirst();
  const agencyIds = new Set<string>([d.lead_agency_id, d.current_agency_id]);
  for (const a of actions) {
    if (a.agency_id) agencyIds.add(a.agency_id);
    const to = fromJson<{ toAgencyId?: string }>(a.payload, {}).toAgencyId;
    if (to) agencyIds.add(to);
  }
  const rows = await db
    .selectFrom('agencies as a')
    .innerJoin('admin_units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.name', 'u.name as unit_name'])
    .where('a.id', 'in', [...agencyIds])
    .execute();
  return {
    receivingSite: { name: site.name, agencyName: site.agency_name, unitName: site.unit_name },
    returningSiteName: returning?.name ?? '',
    agencies: new Map(rows.map((r) => [r.id, { name: r.name, unitName: r.unit_name }])),
  };
}

/** The one-stop unit of the receiving site prints the receipt; a bare post office prints its own name. */
function siteHeader(places: Places, date: string): FormHeader {
  const { receivingSite } = places;
  return receivingSite.agencyName
    ? {
        issuingBodyParent: receivingSite.agencyName,
        issuingBody: 'Bộ phận tiếp nhận và trả kết quả',
        place: placeName(receivingSite.unitName),
        date,
      }
    : { issuingBody: receivingSite.name, place: placeName(receivingSite.unitName), date };
}

function agencyHeader(places: Places, agencyId: string, date: string): FormHeader {
  const agency = places.agencies.get(agencyId);
  if (!agency) return siteHeader(places, date);
  return { issuingBody: agency.name, place: placeName(agency.unitName), date };
}

function applicantOf(d: DossierRow) {
  return {
    name: d.applicant_name,
    ...(d.applicant_address ? { address: d.applicant_address } : {}),
    ...(d.applicant_phone ? { phone: displayPhone(d.applicant_phone) } : {}),
    ...(d.applicant_email ? { email: d.applicant_email } : {}),
    ...(d.applicant_id_number ? { idNumber: d.applicant_id_number } : {}),
  };
}

const agencyName = (places: Places, id: string | null | undefined) =>
  (id ? places.agencies.get(id)?.name : undefined) ?? '';

/** Everything a form builder needs about one dossier, read once. */
export interface DossierFacts {
  dossier: DossierRow;
  actions: ActionRow[];
  places: Places;
  lookupUrl: string;
}

export async function dossierFacts(db: Executor, d: DossierRow, publicUrl: string): Promise<DossierFacts> {
  const actions = await dossierActions(db, d.id);
  return {
    dossier: d,
    actions,
    places: await placesOf(db, d, actions),
    lookupUrl: `${publicUrl}/tra-cuu/${d.lookup_token}`,
  };
}

const lastAction = (facts: DossierFacts, type: string) => facts.actions.findLast((a) => a.type === type);

/** Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export function receiptData({ dossier: d, actions, places, lookupUrl }: DossierFacts): ReceiptData {
  const receive = actions.find((a) => a.type === 'receive');
  return {
    ...siteHeader(places, d.received_date),
    dossierCode: d.code,
    copyLabel: 'Liên 1: Giao người nộp hồ sơ',
    applicant: applicantOf(d),
    procedureName: d.procedure_name,
    documents: documentsOf(d).map((doc) => ({
      name: doc.name,
      copyType: COPY_TYPES[doc.copyType] ?? doc.copyType,
      count: doc.count,
    })),
    sets: d.sets,
    statutoryTime: statutoryTimeText(d.processing_unit, d.processing_amount),
    receivedAt: formTime(d.received_at),
    appointmentAt: formTime(d.appointment_at),
    returnMethod:
      d.return_method === 'postal'
        ? `Qua dịch vụ bưu chính công ích, tại địa chỉ: ${d.delivery_address ?? d.applicant_address ?? ''}`
        : places.returningSiteName,
    registerNumber: `Sổ năm ${d.register_year}, số thứ tự ${String(d.register_number).padStart(4, '0')}`,
    receivingOfficer: receive?.actor_name ?? '',
    lookupUrl,
  };
}

const HANDOVER_PAIRS: Record<string, string> = {
  send_to_agency: 'confirm_at_agency',
  send_to_site: 'confirm_at_site',
};

const TIMING_TEXT = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as const;

/** Mẫu 05 (2018) / 06 (2025) — Phiếu kiểm soát: one row per handover and per step at an agency. */
export function controlSlipData({ dossier: d, actions, places }: DossierFacts): ControlSlipData {
  const site = places.receivingSite.name;
  const handovers: Handover[] = [];
  const coordinating = new Set<string>();
  for (const [index, a] of actions.entries()) {
    const payload = fromJson<Record<string, unknown>>(a.payload, {});
    const label = ACTION_LABELS[a.type as DossierAction]?.vi ?? a.type;
    const confirmType = HANDOVER_PAIRS[a.type];
    if (confirmType) {
      const confirm = actions.slice(index + 1).find((c) => c.type === confirmType);
      const toAgency = a.type === 'send_to_agency';
      const batch = typeof payload.batchCode === 'string' ? payload.batchCode : undefined;
      handovers.push({
        from: toAgency ? site : agencyName(places, a.agency_id ?? d.current_agency_id),
        to: toAgency ? agencyName(places, d.lead_agency_id) : places.returningSiteName,
        at: formTime(confirm?.at ?? a.at),
        giverName: a.actor_name ?? '',
        receiverName: confirm?.actor_name ?? '',
        ...(!toAgency && d.result_timing ? { result: TIMING_TEXT[d.result_timing] } : {}),
        ...(batch ? { note: batch } : {}),
      });
      continue;
    }
    if (a.type === 'forward' && typeof payload.toAgencyId === 'string') {
      coordinating.add(agencyName(places, payload.toAgencyId));
      handovers.push({
        from: agencyName(places, a.agency_id),
        to: agencyName(places, payload.toAgencyId),
        at: formTime(a.at),
        giverName: a.actor_name ?? '',
        note: label,
      });
      continue;
    }
    if (
      a.agency_id &&
      ['record_step', 'return_from_forward', 'submit', 'approve', 'refuse', 'record_result'].includes(a.type)
    ) {
      const step = typeof payload.step === 'string' ? payload.step : label;
      handovers.push({
        from: agencyName(places, a.agency_id),
        to: agencyName(places, a.agency_id),
        at: formTime(a.at),
        giverName: a.actor_name ?? '',
        note: step,
      });
    }
  }
  return {
    ...siteHeader(places, d.received_date),
    dossierCode: d.code,
    applicant: applicantOf(d),
    procedureName: d.procedure_name,
    leadAgency: agencyName(places, d.lead_agency_id),
    coordinatingAgencies: [...coordinating].filter(Boolean),
    handovers,
  };
}

/** Mẫu 04 — apology and new appointment (2018) / request to extend (2025). */
export function apologyData({ dossier: d, actions, places }: DossierFacts): ApologyData {
  const apology = actions.findLast((a) => a.type === 'apologise');
  if (!apology) {
    throw notApplicable('FORM_NOT_APPLICABLE', {
      vi: 'Hồ sơ này chưa có phiếu xin lỗi và hẹn lại ngày trả kết quả',
      en: 'This dossier has no apology letter',
    });
  }
  const p = fromJson<{ reason?: string; previousAppointmentAt?: string; newAppointmentAt?: string }>(
    apology.payload,
    {},
  );
  const agencyId = apology.agency_id ?? d.current_agency_id;
  return {
    ...agencyHeader(places, agencyId, vnDate(new Date(apology.at))),
    dossierCode: d.code,
    agencyName: agencyName(places, agencyId),
    applicant: applicantOf(d),
    procedureName: d.procedure_name,
    receivedAt: formTime(d.received_at),
    originalAppointment: formTime(p.previousAppointmentAt ?? d.original_appointment_at),
    reason: p.reason ?? '',
    newAppointment: formTime(p.newAppointmentAt ?? d.appointment_at),
    signerName: apology.actor_name ?? '',
  };
}

/** Mẫu 03 — refusal after appraisal, with the reasons the leader gave. */
export function refusalData(facts: DossierFacts): RefusalData {
  const { dossier: d, places } = facts;
  const refuse = lastAction(facts, 'refuse');
  if (d.decision !== 'refused' || !refuse) {
    throw notApplicable('FORM_NOT_APPLICABLE', {
      vi: 'Hồ sơ này không bị từ chối giải quyết',
      en: 'This dossier was not refused',
    });
  }
  const reasons = fromJson<{ reasons?: string[] }>(refuse.payload, {}).reasons ?? [];
  return {
    ...agencyHeader(places, refuse.agency_id ?? d.current_agency_id, vnDate(new Date(refuse.at))),
    dossierCode: d.code,
    applicant: applicantOf(d),
    procedureName: d.procedure_name,
    receivedAt: formTime(d.received_at),
    reasons,
    officer: refuse.actor_name ?? '',
  };
}

/** Mẫu 02 — supplement requested by the agency after appraisal. */
export function supplementRequestData(facts: DossierFacts): SupplementRequestData {
  const { dossier: d, places } = facts;
  const request = lastAction(facts, 'request_supplement');
  if (!request) {
    throw notApplicable('FORM_NOT_APPLICABLE', {
      vi: 'Hồ sơ này không có yêu cầu bổ sung',
      en: 'No supplement was requested for this dossier',
    });
  }
  const p = fromJson<{ items?: string[]; reason?: string }>(request.payload, {});
  const agencyId = request.agency_id ?? d.current_agency_id;
  return {
    ...agencyHeader(places, agencyId, vnDate(new Date(request.at))),
    dossierCode: d.code,
    copyLabel: 'Liên 1: Giao người nộp hồ sơ',
    applicant: applicantOf(d),
    procedureName: d.procedure_name,
    receivedAt: formTime(d.received_at),
    items: p.items ?? [],
    reason: p.reason ?? '',
    guidanceContact: `${agencyName(places, agencyId)}; ${places.receivingSite.name}`,
    officer: request.actor_name ?? '',
  };
}

/** 2025 Mẫu 05 — notice of stopping, for a dossier withdrawn at the applicant's request. */
export function stopNoticeData(facts: DossierFacts): StopNoticeData {
  const { dossier: d, places } = facts;
  const withdraw = lastAction(facts, 'withdraw');
  if (d.status !== 'withdrawn' || !withdraw) {
    throw notApplicable('FORM_NOT_APPLICABLE', {
      vi: 'Hồ sơ này không dừng giải quyết',
      en: 'This dossier was not stopped',
    });
  }
  const reason = fromJson<{ reason?: string }>(withdraw.payload, {}).reason ?? '';
  return {
    ...agencyHeader(places, d.current_agency_id, vnDate(new Date(withdraw.at))),
    dossierCode: d.code,
    agencyName: agencyName(places, d.current_agency_id),
    applicant: applicantOf(d),
    procedureName: d.procedure_name,
    receivedAt: formTime(d.received_at),
    request: `Đề nghị của người nộp hồ sơ lúc ${formTime(withdraw.at)}`,
    reason,
    signerName: withdraw.actor_name ?? '',
  };
}

/** Biên lai thu phí, lệ phí — the first receipt issued for the dossier. */
export async function feeReceiptData(db: Executor, facts: DossierFacts): Promise<FeeReceiptData> {
  const { dossier: d, places } = facts;
  const fee = await db
    .selectFrom('fee_receipts as f')
    .leftJoin('users as u', 'u.id', 'f.collected_by')
    .selectAll('f')
    .select('u.full_name as collector_name')
    .where('f.dossier_id', '=', d.id)
    .orderBy('f.at')
    .executeTakeFirst();
  if (!fee) {
    throw notFound({ vi: 'biên lai thu phí, lệ phí của hồ sơ này', en: 'Fee receipt of this dossier' });
  }
  const amount = Number(fee.amount);
  return {
    ...siteHeader(places, vnDate(new Date(fee.at))),
    receiptNumber: fee.receipt_number,
    copyLabel: 'Liên 2: Giao người nộp tiền',
    payer: { name: fee.payer_name, ...(d.applicant_address ? { address: d.applicant_address } : {}) },
    dossierCode: d.code,
    procedureName: d.procedure_name,
    feeName: `Phí, lệ phí giải quyết thủ tục hành chính`,
    amount: formatVnd(amount, { symbol: 'đồng' }),
    amountInWords: amountInWords(amount),
    paymentMethod: PAYMENT_METHODS[fee.method] ?? fee.method,
    collector: fee.collector_name ?? '',
  };
}
