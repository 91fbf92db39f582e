/**
 * Display-ready data for the printed forms. Every string is printed as given: the caller formats
 * dates ('14:30, ngày 30/11/2026'), money ('50.000 đồng') and amounts in words. The only value the
 * forms interpret is `date` (ISO `YYYY-MM-DD`), which gives the dated line ("Đồng Xoài, ngày 30 tháng
 * 11 năm 2026") and, unless told otherwise, the edition of the official forms.
 */

/** Set of official forms: TT 01/2018/TT-VPCP (to 14/9/2025) or TT 03/2025/TT-VPCP (from 15/9/2025). */
export type FormEdition = 'tt01_2018' | 'tt03_2025';

export const FormKind = {
  /** Giấy tiếp nhận hồ sơ và hẹn trả kết quả */
  Receipt: 'receipt',
  /** Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ */
  SupplementRequest: 'supplement_request',
  /** Phiếu từ chối tiếp nhận giải quyết hồ sơ (at the counter) */
  Refusal: 'refusal',
  /** Thông báo không giải quyết hồ sơ: the agency's refusal after appraisal */
  RefusalNotice: 'refusal_notice',
  /** Phiếu xin lỗi và hẹn lại ngày trả kết quả (2018) / Văn bản xin lỗi và đề nghị gia hạn (2025) */
  Apology: 'apology',
  /** Thông báo dừng giải quyết hồ sơ (2025 only) */
  StopNotice: 'stop_notice',
  /** Phiếu kiểm soát quá trình giải quyết hồ sơ */
  ControlSlip: 'control_slip',
  /** Sổ theo dõi hồ sơ */
  Register: 'register',
  /** Biên bản giao nhận hồ sơ (post office ↔ agency) */
  HandoverManifest: 'handover_manifest',
  /** Biên lai thu phí, lệ phí */
  FeeReceipt: 'fee_receipt',
  /** Phiếu gửi hồ sơ (postal consignment slip, QĐ 45/2016 Art. 6) */
  ConsignmentSlip: 'consignment_slip',
} as const;
export type FormKind = (typeof FormKind)[keyof typeof FormKind];

/** Fields every form shares: who issues it, where and when. */
export interface FormHeader {
  /** Governing body printed above the issuing body, e.g. 'UBND HUYỆN BÙ ĐĂNG'. */
  issuingBodyParent?: string;
  /** The unit issuing the paper, e.g. 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ'. Printed upper-case, bold. */
  issuingBody: string;
  /** Document number after "Số:", e.g. '15/PXL-BPMC'; '' prints a blank to fill; omitted when absent. */
  documentNumber?: string;
  /** Place name of the dated line, e.g. 'Đồng Xoài'. */
  place: string;
  /** Issue date, ISO `YYYY-MM-DD`. */
  date: string;
}

export interface Person {
  name: string;
  address?: string;
  phone?: string;
  email?: string;
  /** Số định danh cá nhân / CCCD (printed by the 2025 forms when given). */
  idNumber?: string;
}

export interface ReceivedDocument {
  name: string;
  /** 'Bản chính', 'Bản sao', 'Bản sao có chứng thực', 'Bản chụp'… */
  copyType: string;
  count: number;
}

/** Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export interface ReceiptData extends FormHeader {
  dossierCode: string;
  /** e.g. 'Liên 1: Giao người nộp hồ sơ'. */
  copyLabel?: string;
  applicant: Person;
  procedureName: string;
  documents: ReceivedDocument[];
  sets: number;
  /** e.g. '05 ngày làm việc'. */
  statutoryTime: string;
  /** e.g. '09:15, ngày 30/11/2026'. */
  receivedAt: string;
  appointmentAt: string;
  /** e.g. 'Qua dịch vụ bưu chính công ích, tại địa chỉ …'. */
  returnMethod: string;
  /** "Vào Sổ theo dõi hồ sơ": e.g. 'Quyển số 01, số thứ tự 125'. */
  registerNumber?: string;
  receivingOfficer: string;
  /** Encoded in the QR code (public lookup page with an unguessable token). */
  lookupUrl: string;
}

/** Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export interface SupplementRequestData extends FormHeader {
  /** Absent for a request given at the counter, where no dossier exists yet. */
  dossierCode?: string;
  copyLabel?: string;
  applicant: Person;
  procedureName: string;
  /** What to supplement or complete, one line each. */
  items: string[];
  reason: string;
  /** Who to contact for guidance, e.g. 'Ông/Bà Hoàng Thị Mai, Ủy ban nhân dân huyện Bù Đăng'. */
  guidanceContact: string;
  /** Their phone, e.g. '0271 3870 123'; a dotted blank when unknown. */
  guidancePhone?: string;
  officer: string;
}

/** Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface RefusalData extends FormHeader {
  dossierCode?: string;
  copyLabel?: string;
  applicant: Person;
  procedureName: string;
  receivedAt?: string;
  /** The rules the refusal rests on, e.g. 'Luật Hộ tịch 2014'; a dotted blank when none is known. */
  legalBasis?: string;
  reasons: string[];
  officer: string;
}

/**
 * Notice of an agency that, after appraisal, does not settle a dossier and returns it with its
 * reasons (NĐ 61/2018 Art. 16; NĐ 118/2025): the agency's own letter, signed by its head.
 */
export interface RefusalNoticeData extends FormHeader, HeadSignature {
  dossierCode: string;
  /** Agency name inside sentences, e.g. 'Ủy ban nhân dân huyện Bù Đăng'. */
  agencyName: string;
  applicant: Person;
  procedureName: string;
  /** 'ngày 18 tháng 11 năm 2019'. */
  receivedOn: string;
  /** Each printed as its own "Căn cứ …;" line. */
  legalBasis: string[];
  reasons: string[];
}

/** Signature of the head of the agency (or the deputy signing "KT."). */
export interface HeadSignature {
  /** e.g. 'CHỦ TỊCH', 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC'; defaults to 'THỦ TRƯỞNG CƠ QUAN'. */
  signerTitle?: string;
  signerName: string;
}

/** Mẫu 04 — apology (2018: new appointment; 2025: request to extend). */
export interface ApologyData extends FormHeader, HeadSignature {
  dossierCode: string;
  /** Agency name inside sentences, e.g. 'Ủy ban nhân dân huyện Bù Đăng'. */
  agencyName: string;
  applicant: Person;
  procedureName: string;
  /** 'ngày 18 tháng 11 năm 2019'. */
  receivedOn: string;
  originalAppointment: string;
  reason: string;
  newAppointment: string;
}

/** 2025 Mẫu 05 — Thông báo dừng giải quyết hồ sơ. */
export interface StopNoticeData extends FormHeader, HeadSignature {
  dossierCode: string;
  agencyName: string;
  applicant: Person;
  procedureName: string;
  /** 'ngày 18 tháng 11 năm 2019'. */
  receivedOn: string;
  /** When and how the applicant asked to stop, e.g. 'Đơn đề nghị ngày 28/11/2026'. */
  request: string;
  reason: string;
  /** What is handed back to the applicant (originals, fees…); omitted when absent. */
  returnedItems?: string[];
}

export interface Handover {
  /** Agency or unit handing over. */
  from: string;
  /** Agency or unit receiving. */
  to: string;
  /** e.g. '14:00, ngày 30/11/2026'; blank to fill by hand. */
  at?: string;
  giverName?: string;
  receiverName?: string;
  /** 'Trước hạn' / 'Đúng hạn' / 'Quá hạn'. */
  result?: string;
  note?: string;
}

/** Mẫu 05 (2018) / Mẫu 06 (2025) — Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export interface ControlSlipData extends FormHeader {
  dossierCode: string;
  /** Number of the receipt it accompanies, when known. */
  receiptNumber?: string;
  applicant: Person;
  procedureName: string;
  leadAgency: string;
  coordinatingAgencies: string[];
  handovers: Handover[];
  /** Blank rows added below the handovers for hand entries; default 3. */
  blankRows?: number;
}

export interface RegisterRow {
  dossierCode: string;
  procedureName: string;
  sets: number;
  applicantName: string;
  /** Address and phone in one cell. */
  addressAndPhone: string;
  leadAgency: string;
  receivedAt: string;
  appointmentAt: string;
  transferredAt?: string;
  resultReceivedAt?: string;
  returnedAt?: string;
  note?: string;
}

/** Mẫu 06 (2018) / Mẫu 07 (2025) — Sổ theo dõi hồ sơ; A4 landscape. */
export interface RegisterData extends FormHeader {
  /** e.g. 'Quyển số 01 năm 2026'. */
  volume?: string;
  /** Number printed in the first column of the first row; default 1. */
  firstNumber?: number;
  rows: RegisterRow[];
}

export interface ManifestParty {
  unit: string;
  representative: string;
  position?: string;
  phone?: string;
}

export interface ManifestItem {
  dossierCode: string;
  applicantName: string;
  procedureName: string;
  documentCount: number;
  /** UPU S10 item number of the consignment slip, e.g. 'RR123456785VN'; a dash when handed by hand. */
  postalItemNumber: string;
  /** Fees collected with this dossier and handed over, e.g. '100.000'. */
  fee?: string;
  note?: string;
}

/** Biên bản giao nhận hồ sơ between the post office and the agency (QĐ 45/2016); A4. */
export interface HandoverManifestData extends FormHeader {
  /** e.g. 'Hồ sơ thủ tục hành chính tiếp nhận qua dịch vụ bưu chính công ích'. */
  subject?: string;
  /** e.g. '14:30, ngày 30/11/2026'. */
  handedOverAt: string;
  sender: ManifestParty;
  receiver: ManifestParty;
  courier: ManifestParty;
  items: ManifestItem[];
  /** Fees paid over with the dossiers, e.g. '1.250.000 đồng (Một triệu hai trăm năm mươi nghìn đồng)'. */
  feesHandedOver?: string;
  /** The fee column's total, e.g. '1.250.000'. */
  feesTotal?: string;
  note?: string;
}

/** Biên lai thu phí, lệ phí; A5. */
export interface FeeReceiptData extends FormHeader {
  /** Ký hiệu mẫu biên lai, e.g. '01BLP0-001'; a dotted blank when the site has no receipt book set. */
  formSymbol?: string;
  /** Ký hiệu biên lai, e.g. 'BP-26E'. */
  series?: string;
  receiptNumber: string;
  /** Tổ chức thu phí, lệ phí and its tax code (NĐ 123/2020 Art. 32). */
  collectorOrganisation?: string;
  collectorTaxCode?: string;
  /** e.g. 'Liên 2: Giao người nộp tiền'. */
  copyLabel?: string;
  payer: Person;
  dossierCode?: string;
  procedureName: string;
  /** e.g. 'Lệ phí cấp giấy chứng nhận quyền sử dụng đất'. */
  feeName: string;
  /** e.g. '1.250.000 đồng'. */
  amount: string;
  amountInWords: string;
  paymentMethod?: string;
  collector: string;
}

/** Phiếu gửi hồ sơ; A5. Signatures may be images drawn on screen (PNG data URLs). */
export interface ConsignmentSlipData extends FormHeader {
  itemNumber: string;
  sender: Person;
  recipient: Person;
  procedureName: string;
  dossierCode?: string;
  documents: { name: string; copyType: string; count: number }[];
  /** e.g. 'Chuyển phát hồ sơ và trả kết quả'. */
  service: string;
  /** e.g. '20.000 đồng'. */
  price: string;
  /** e.g. 'Người dân trả tiền mặt'. */
  payment: string;
  sealNumber?: string;
  weight?: string;
  senderSignature?: string;
  postalStaff: string;
}

export interface FormData {
  receipt: ReceiptData;
  supplement_request: SupplementRequestData;
  refusal: RefusalData;
  refusal_notice: RefusalNoticeData;
  apology: ApologyData;
  stop_notice: StopNoticeData;
  control_slip: ControlSlipData;
  register: RegisterData;
  handover_manifest: HandoverManifestData;
  fee_receipt: FeeReceiptData;
  consignment_slip: ConsignmentSlipData;
}

export interface RenderOptions {
  /** Overrides the edition chosen from `data.date`. */
  edition?: FormEdition;
}
