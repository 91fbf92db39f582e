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
  resultTiming,
  vnDate,
} from '@motcua/core';
import type { Executor } from '../../db/database.ts';
import { fromJson } from '../../db/helpers.ts';
import { AppError, type Bilingual, notFound } from '../../errors.ts';
import { type ActionRow, type DossierRow, documentsOf, dossierActions } from '../dossiers/repository.ts';
import type {
  ApologyData,
  ControlSlipData,
  FeeReceiptData,
  FormHeader,
  Handover,
  ReceiptData,
  RefusalNoticeData,
  StopNoticeData,
  SupplementRequestData,
} from '../forms/index.ts';
import { agencySettingsAt, siteSettingsAt } from './print-settings.ts';

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
  const mobile = /^(0\d{3})(\d{3})(\d{3})$/.exec(national);
  if (mobile) return `${mobile[1]} ${mobile[2]} ${mobile[3]}`;
  const landline = /^(0\d{3})(\d{4})(\d{3})$/.exec(national);
  return landline ? `${landline[1]} ${landline[2]} ${landline[3]}` : national;
}

/** '05 ngày làm việc', '08 giờ làm việc', 'Trong ngày làm việc', '30 ngày (không kể ngày nghỉ lễ)'. */
export function statutoryTimeText(unit: DossierRow['processing_unit'], amount: number): string {
  if (unit === 'working_hours') return `${pad2(amount)} giờ làm việc`;
  if (unit === 'within_day') return 'Trong ngày làm việc';
  if (unit === 'calendar_days_excl_holidays') return `${pad2(amount)} ngày (không tính ngày nghỉ lễ)`;
  return `${pad2(amount)} ngày làm việc`;
}

const notApplicable = (code: string, message: Bilingual) => new AppError(409, code, message);

/** 'ngày 18 tháng 11 năm 2019' (Vietnam time), zero-padded as on the dated line. */
export function longDate(iso: string): string {
  const [year, month, day] = vnDate(new Date(iso)).split('-').map(Number) as [number, number, number];
  return `ngày ${pad2(day)} tháng ${month <= 2 ? pad2(month) : String(month)} năm ${year}`;
}

/** Nghị định số 118/2025/NĐ-CP replaced 61/2018 on this date (its entry into force). */
export const ND118_2025_FROM = '2025-07-01';

/** The one-stop decree in force on `date` (ISO), as a "Căn cứ" line. */
export function oneStopDecree(date: string): string {
  return date < ND118_2025_FROM
    ? 'Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một cửa, ' +
        'một cửa liên thông trong giải quyết thủ tục hành chính'
    : 'Nghị định số 118/2025/NĐ-CP của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một cửa, ' +
        'một cửa liên thông';
}

interface AgencyInfo {
  name: string;
  kind: string;
  unitName: string;
}

/** Names and places the forms of one dossier print. */
interface Places {
  receivingSite: { id: string; name: string; agencyName: string | null; unitName: string };
  returningSiteName: string;
  agencies: Map<string, AgencyInfo>;
}

async function placesOf(db: Executor, d: DossierRow, actions: ActionRow[]): Promise<Places> {
  const site = await db
    .selectFrom('service_points as sp')
    .leftJoin('agencies as a', 'a.id', 'sp.agency_id')
    .innerJoin('admin_units as u', 'u.id', 'sp.unit_id')
    .select(['sp.id', 'sp.name', 'a.name as agency_name', 'u.name as unit_name'])
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
    .select(['a.id', 'a.name', 'a.kind', 'u.name as unit_name'])
    .where('a.id', 'in', [...agencyIds])
    .execute();
  return {
    receivingSite: { id: site.id, name: site.name, agencyName: site.agency_name, unitName: site.unit_name },
    returningSiteName: returning?.name ?? '',
    agencies: new Map(rows.map((r) => [r.id, { name: r.name, kind: r.kind, unitName: r.unit_name }])),
  };
}

/**
 * A site prints under its own name, with the body it belongs to above ("ỦY BAN NHÂN DÂN XÃ ĐỨC LIỄU"
 * over "BỘ PHẬN MỘT CỬA XÃ ĐỨC LIỄU TẠI BƯU ĐIỆN - VĂN HÓA XÃ ĐỨC LIỄU"); a post office without an
 * agency prints its own name alone.
 */
export function siteHeader(
  site: { name: string; agencyName: string | null; unitName: string },
  date: string,
): FormHeader {
  return {
    ...(site.agencyName ? { issuingBodyParent: site.agencyName } : {}),
    issuingBody: site.name,
    place: placeName(site.unitName),
    date,
  };
}

const PEOPLES_COMMITTEE = /_pc$/;

/** The title of an agency's head when the administrator set none: Chủ tịch of a people's committee, Giám đốc of a department or office. */
export function defaultHeadTitle(kind: string): string {
  if (PEOPLES_COMMITTEE.test(kind)) return 'Chủ tịch';
  if (/^department_|land_registration|centre/.test(kind)) return 'Giám đốc';
  return 'Thủ trưởng cơ quan';
}

/** The people's committee of the agency's unit governs a specialised agency; a committee has none above it on paper. */
export function defaultHeaderParent(agency: AgencyInfo): string | undefined {
  if (PEOPLES_COMMITTEE.test(agency.kind)) return undefined;
  const unit = agency.unitName.charAt(0).toLowerCase() + agency.unitName.slice(1);
  return `Ủy ban nhân dân ${unit}`;
}

interface AgencyPaper {
  header: FormHeader;
  name: string;
  headTitle: string;
  contactPhone: string | null;
}

/** An agency's letterhead and head's title on the paper's instant `at`. */
async function agencyPaper(db: Executor, places: Places, agencyId: string, at: string): Promise<AgencyPaper> {
  const agency = places.agencies.get(agencyId);
  const date = vnDate(new Date(at));
  if (!agency) {
    return {
      header: siteHeader(places.receivingSite, date),
      name: '',
      headTitle: 'Thủ trưởng cơ quan',
      contactPhone: null,
    };
  }
  const settings = await agencySettingsAt(db, agencyId, at);
  const parent = settings.headerParent ?? defaultHeaderParent(agency);
  return {
    header: {
      ...(parent ? { issuingBodyParent: parent } : {}),
      issuingBody: agency.name,
      place: placeName(agency.unitName),
      date,
    },
    name: agency.name,
    headTitle: settings.headTitle ?? defaultHeadTitle(agency.kind),
    contactPhone: settings.contactPhone,
  };
}

/**
 * Who signs for the head of `agencyId`: the leader who did `acting` when a leader did it, else the
 * last leader of that agency in the dossier's history; blank (signed by hand) when none acted.
 */
function leaderName(facts: DossierFacts, agencyId: string, acting?: ActionRow): string {
  if (acting?.actor_role === 'leader' && acting.actor_name) return acting.actor_name;
  const leader = facts.actions.findLast((a) => a.actor_role === 'leader' && a.agency_id === agencyId);
  return leader?.actor_name ?? '';
}

const IN_FORCE = /\s*\((?:[^()]*?,\s*)?(từ|đến) (\d{1,2})\/(\d{1,2})\/(\d{4})\)\s*$/u;

/**
 * The texts of a legal basis in force on `date` (ISO): the catalogue notes a text's dates as
 * "(từ 04/01/2021)" or "(mẫu, đến 15/7/2020)"; a text not yet or no longer in force is left out, and
 * the note is not printed.
 */
export function inForce(lines: string[], date: string): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const m = IN_FORCE.exec(line);
    if (!m) {
      out.push(line);
      continue;
    }
    const bound = `${m[4]}-${m[3]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
    if (m[1] === 'từ' ? date >= bound : date <= bound) out.push(line.slice(0, m.index).trim());
  }
  return out;
}

/** The procedure version's legal basis (catalogue), e.g. ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP']. */
export async function procedureLegalBasis(
  db: Executor,
  procedureId: string,
  version?: number,
): Promise<string[]> {
  let query = db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .select('v.legal_basis')
    .where('v.procedure_id', '=', procedureId);
  query =
    version === undefined
      ? query.whereRef('v.version', '=', 'p.current_version')
      : query.where('v.version', '=', version);
  const row = await query.executeTakeFirst();
  return fromJson<string[]>(row?.legal_basis, []).filter((line) => line.trim() !== '');
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
    ...siteHeader(places.receivingSite, d.received_date),
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
    registerNumber: `Quyển số 01 năm ${d.register_year}, số thứ tự ${String(d.register_number).padStart(4, '0')}`,
    receivingOfficer: receive?.actor_name ?? '',
    lookupUrl,
  };
}

const HANDOVER_PAIRS: Record<string, string> = {
  send_to_agency: 'confirm_at_agency',
  send_to_site: 'confirm_at_site',
};

const TIMING_TEXT = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as const;
const timing = (done: string | null | undefined, due: string | null | undefined) =>
  done && due ? TIMING_TEXT[resultTiming(new Date(done), new Date(due))] : undefined;

/**
 * Mẫu 05 (2018) / 06 (2025) — Phiếu kiểm soát: every handover of the dossier, one-stop unit → agency,
 * steps inside the agency, agency → returning site, returning site → applicant, each with its time,
 * giver and receiver, and whether that holder kept its deadline (the 15:00 handover, the agency's
 * due time, the appointment).
 */
export function controlSlipData({ dossier: d, actions, places }: DossierFacts): ControlSlipData {
  const site = places.receivingSite.name;
  const handovers: Handover[] = [];
  const coordinating = new Set<string>();
  const sentToAgency = actions.some((a) => a.type === 'send_to_agency');
  for (const [index, a] of actions.entries()) {
    const payload = fromJson<Record<string, unknown>>(a.payload, {});
    const label = ACTION_LABELS[a.type as DossierAction]?.vi ?? a.type;
    if (a.type === 'receive' && !sentToAgency && d.clock_started_at) {
      // Received at the agency's own one-stop unit: the dossier is at the agency from the counter.
      handovers.push({
        from: site,
        to: agencyName(places, d.lead_agency_id),
        at: formTime(a.at),
        giverName: a.actor_name ?? '',
        note: label,
      });
      continue;
    }
    const confirmType = HANDOVER_PAIRS[a.type];
    if (confirmType) {
      const confirm = actions.slice(index + 1).find((c) => c.type === confirmType);
      const toAgency = a.type === 'send_to_agency';
      const batch = typeof payload.batchCode === 'string' ? payload.batchCode : undefined;
      const result = toAgency
        ? timing(confirm?.at ?? a.at, d.handover_due_at)
        : timing(d.result_ready_at ?? a.at, d.agency_due_at ?? d.appointment_at);
      handovers.push({
        from: toAgency ? site : agencyName(places, a.agency_id ?? d.current_agency_id),
        to: toAgency ? agencyName(places, d.lead_agency_id) : places.returningSiteName,
        at: formTime(confirm?.at ?? a.at),
        giverName: a.actor_name ?? '',
        receiverName: confirm?.actor_name ?? '',
        ...(result ? { result } : {}),
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
    if (a.type === 'return_result') {
      handovers.push({
        from: places.returningSiteName,
        to: `Ông/Bà ${d.applicant_name}`,
        at: formTime(a.at),
        giverName: a.actor_name ?? '',
        receiverName: d.applicant_name,
        ...(timing(a.at, d.appointment_at) ? { result: timing(a.at, d.appointment_at) } : {}),
        note: 'Trả kết quả',
      });
      continue;
    }
    if (a.type === 'withdraw') {
      handovers.push({
        from: agencyName(places, a.agency_id ?? d.current_agency_id) || site,
        to: `Ông/Bà ${d.applicant_name}`,
        at: formTime(a.at),
        giverName: a.actor_name ?? '',
        receiverName: d.applicant_name,
        note: label,
      });
      continue;
    }
    if (
      a.agency_id &&
      [
        'assign',
        'record_step',
        'request_supplement',
        'receive_supplement',
        'return_from_forward',
        'submit',
        'approve',
        'refuse',
        'record_result',
        'apologise',
      ].includes(a.type)
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
    ...siteHeader(places.receivingSite, d.received_date),
    dossierCode: d.code,
    applicant: applicantOf(d),
    procedureName: d.procedure_name,
    leadAgency: agencyName(places, d.lead_agency_id),
    coordinatingAgencies: [...coordinating].filter(Boolean),
    handovers,
    blankRows: 1,
  };
}

/** Mẫu 04 — apology and new appointment (2018) / request to extend (2025), signed by the agency's head. */
export async function apologyData(db: Executor, facts: DossierFacts): Promise<ApologyData> {
  const { dossier: d, places } = facts;
  const apology = lastAction(facts, 'apologise');
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
  const paper = await agencyPaper(db, places, agencyId, apology.at);
  return {
    ...paper.header,
    documentNumber: '',
    dossierCode: d.code,
    agencyName: paper.name,
    applicant: applicantOf(d),
    procedureName: d.procedure_name,
    receivedOn: longDate(d.received_at),
    originalAppointment: formTime(p.previousAppointmentAt ?? d.original_appointment_at),
    reason: p.reason ?? '',
    newAppointment: formTime(p.newAppointmentAt ?? d.appointment_at),
    signerTitle: paper.headTitle,
    signerName: leaderName(facts, agencyId, apology),
  };
}

/**
 * The agency's refusal after appraisal: its own notice, signed by its head, citing the one-stop
 * decree in force on the dossier's date and the procedure's legal basis.
 */
export async function refusalNoticeData(db: Executor, facts: DossierFacts): Promise<RefusalNoticeData> {
  const { dossier: d, places } = facts;
  const refuse = lastAction(facts, 'refuse');
  if (d.decision !== 'refused' || !refuse) {
    throw notApplicable('FORM_NOT_APPLICABLE', {
      vi: 'Hồ sơ này không bị từ chối giải quyết',
      en: 'This dossier was not refused',
    });
  }
  const reasons = fromJson<{ reasons?: string[] }>(refuse.payload, {}).reasons ?? [];
  const agencyId = refuse.agency_id ?? d.current_agency_id;
  const paper = await agencyPaper(db, places, agencyId, refuse.at);
  const basis = await procedureLegalBasis(db, d.procedure_id, d.procedure_version);
  return {
    ...paper.header,
    documentNumber: '',
    dossierCode: d.code,
    agencyName: paper.name,
    applicant: applicantOf(d),
    procedureName: d.procedure_name,
    receivedOn: longDate(d.received_at),
    legalBasis: [oneStopDecree(d.received_date), ...inForce(basis, vnDate(new Date(refuse.at)))],
    reasons,
    signerTitle: paper.headTitle,
    signerName: leaderName(facts, agencyId, refuse),
  };
}

/** Mẫu 02 — supplement requested by the agency after appraisal, through the one-stop unit. */
export async function supplementRequestData(
  db: Executor,
  facts: DossierFacts,
): Promise<SupplementRequestData> {
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
  const paper = await agencyPaper(db, places, agencyId, request.at);
  const sitePhone = (await siteSettingsAt(db, places.receivingSite.id, request.at)).contactPhone;
  const phone = paper.contactPhone ?? sitePhone;
  const officer = request.actor_name ?? '';
  return {
    ...paper.header,
    dossierCode: d.code,
    copyLabel: 'Liên 1: Giao người nộp hồ sơ',
    applicant: applicantOf(d),
    procedureName: d.procedure_name,
    items: p.items ?? [],
    reason: p.reason ?? '',
    guidanceContact: officer ? `Ông/Bà ${officer}, ${paper.name}` : paper.name,
    ...(phone ? { guidancePhone: displayPhone(phone) } : {}),
    officer,
  };
}

/** 2025 Mẫu 05 — notice of stopping, for a dossier withdrawn at the applicant's request. */
export async function stopNoticeData(db: Executor, facts: DossierFacts): Promise<StopNoticeData> {
  const { dossier: d, places } = facts;
  const withdraw = lastAction(facts, 'withdraw');
  if (d.status !== 'withdrawn' || !withdraw) {
    throw notApplicable('FORM_NOT_APPLICABLE', {
      vi: 'Hồ sơ này không dừng giải quyết',
      en: 'This dossier was not stopped',
    });
  }
  const reason = fromJson<{ reason?: string }>(withdraw.payload, {}).reason ?? '';
  const paper = await agencyPaper(db, places, d.current_agency_id, withdraw.at);
  return {
    ...paper.header,
    documentNumber: '',
    dossierCode: d.code,
    agencyName: paper.name,
    applicant: applicantOf(d),
    procedureName: d.procedure_name,
    receivedOn: longDate(d.received_at),
    request: `đề nghị dừng giải quyết hồ sơ của Ông/Bà ${longDate(withdraw.at)} tại ${places.receivingSite.name}`,
    reason,
    signerTitle: paper.headTitle,
    // The clerk who took the request at the counter never signs for the head of the agency.
    signerName: leaderName(facts, d.current_agency_id),
  };
}

/** Biên lai thu phí, lệ phí — the first receipt issued for the dossier, with the site's receipt book. */
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
  const book = await siteSettingsAt(db, fee.site_id, fee.at);
  const site = await db
    .selectFrom('service_points as sp')
    .leftJoin('agencies as a', 'a.id', 'sp.agency_id')
    .innerJoin('admin_units as u', 'u.id', 'sp.unit_id')
    .select(['sp.name', 'a.name as agency_name', 'u.name as unit_name'])
    .where('sp.id', '=', fee.site_id)
    .executeTakeFirst();
  const amount = Number(fee.amount);
  // The fee's name is the catalogue's (procedure version), as the receipt book's "Tên loại phí, lệ phí".
  const version = await db
    .selectFrom('procedure_versions')
    .select('fees')
    .where('procedure_id', '=', d.procedure_id)
    .where('version', '=', d.procedure_version)
    .executeTakeFirst();
  const listed = fromJson<unknown>(version?.fees, []);
  const feeName = (Array.isArray(listed) ? listed : [])
    .filter((f): f is { name: string; amount: number } => typeof f?.name === 'string' && Number(f.amount) > 0)
    .map((f) => f.name)
    .join('; ');
  return {
    ...siteHeader(
      site
        ? { name: site.name, agencyName: site.agency_name, unitName: site.unit_name }
        : places.receivingSite,
      vnDate(new Date(fee.at)),
    ),
    ...(book.receiptFormSymbol ? { formSymbol: book.receiptFormSymbol } : {}),
    ...(book.receiptSeries ? { series: book.receiptSeries } : {}),
    receiptNumber: fee.receipt_number,
    ...(book.feeCollectorName ? { collectorOrganisation: book.feeCollectorName } : {}),
    ...(book.feeCollectorTaxCode ? { collectorTaxCode: book.feeCollectorTaxCode } : {}),
    copyLabel: 'Liên 2: Giao người nộp tiền',
    payer: { name: fee.payer_name, ...(d.applicant_address ? { address: d.applicant_address } : {}) },
    dossierCode: d.code,
    procedureName: d.procedure_name,
    feeName: feeName || 'Phí, lệ phí giải quyết thủ tục hành chính',
    amount: formatVnd(amount, { symbol: 'đồng' }),
    amountInWords: amountInWords(amount),
    paymentMethod: PAYMENT_METHODS[fee.method] ?? fee.method,
    collector: fee.collector_name ?? '',
  };
}
