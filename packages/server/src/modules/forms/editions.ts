import type { FormEdition, FormKind } from './types.ts';

/** TT 03/2025/TT-VPCP applies from this date; TT 01/2018/TT-VPCP before it. */
export const TT03_2025_FROM = '2025-09-15';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const FormErrorCode = {
  NotInEdition: 'FORM_NOT_IN_EDITION',
  InvalidDate: 'FORM_INVALID_DATE',
  UnknownKind: 'FORM_UNKNOWN_KIND',
} as const;
export type FormErrorCode = (typeof FormErrorCode)[keyof typeof FormErrorCode];

/** A form cannot be produced from the data or in the edition asked for. */
export class FormError extends Error {
  override readonly name = 'FormError';
  constructor(
    readonly code: FormErrorCode,
    /** Vietnamese message for the user; `message` is English for the log. */
    readonly messageVi: string,
    message: string,
  ) {
    super(message);
  }
}

/** The set of official forms in force on `date` (ISO `YYYY-MM-DD`). */
export function editionFor(date: string): FormEdition {
  if (!ISO_DATE.test(date)) {
    throw new FormError(
      FormErrorCode.InvalidDate,
      `Ngày không hợp lệ: "${date}" (cần dạng YYYY-MM-DD)`,
      `Invalid date "${date}", expected YYYY-MM-DD`,
    );
  }
  // ISO dates compare correctly as text.
  return date < TT03_2025_FROM ? 'tt01_2018' : 'tt03_2025';
}

export interface FormSpec {
  /** Official number in the edition's appendix ('01'…'07'); absent for motcua's own forms. */
  number?: string;
  title: string;
  /** Legal text the layout follows, printed in the footer and the PDF subject. */
  source: string;
  pageSize: 'A5' | 'A4';
  orientation: 'portrait' | 'landscape';
}

const TT01 = 'Thông tư số 01/2018/TT-VPCP';
const TT03 = 'Thông tư số 03/2025/TT-VPCP';

const refusalNotice = (source: string): FormSpec => ({
  title: 'Thông báo về việc không giải quyết hồ sơ',
  source,
  pageSize: 'A4',
  orientation: 'portrait',
});

const own = {
  handover_manifest: {
    title: 'Biên bản giao nhận hồ sơ',
    source: 'Quyết định số 45/2016/QĐ-TTg, Thông tư số 17/2017/TT-BTTTT',
    pageSize: 'A4',
    orientation: 'portrait',
  },
  consignment_slip: {
    title: 'Phiếu gửi hồ sơ',
    source: 'Quyết định số 45/2016/QĐ-TTg (Điều 6), Thông tư số 17/2017/TT-BTTTT',
    pageSize: 'A5',
    orientation: 'portrait',
  },
  fee_receipt: {
    title: 'Biên lai thu phí, lệ phí',
    source: 'Nghị định số 11/2020/NĐ-CP, Nghị định số 123/2020/NĐ-CP',
    pageSize: 'A5',
    orientation: 'portrait',
  },
} as const satisfies Record<string, FormSpec>;

/** Which official form each kind is in each edition; `undefined` where the edition has none. */
export const FORM_SPECS: Record<FormEdition, Record<FormKind, FormSpec | undefined>> = {
  tt01_2018: {
    receipt: a5('01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', TT01),
    supplement_request: a5('02', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', TT01),
    refusal: a5('03', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', TT01),
    refusal_notice: refusalNotice('Nghị định số 61/2018/NĐ-CP, Điều 16'),
    apology: a5('04', 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', TT01),
    stop_notice: undefined,
    control_slip: a5('05', 'Phiếu kiểm soát quá trình giải quyết hồ sơ', TT01),
    register: register('06', TT01),
    ...own,
  },
  tt03_2025: {
    receipt: a5('01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', TT03),
    supplement_request: a5('02', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', TT03),
    refusal: a5('03', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', TT03),
    refusal_notice: refusalNotice('Nghị định số 118/2025/NĐ-CP'),
    apology: a5('04', 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết', TT03),
    stop_notice: a5('05', 'Thông báo dừng giải quyết hồ sơ', TT03),
    control_slip: a5('06', 'Phiếu kiểm soát quá trình giải quyết hồ sơ', TT03),
    register: register('07', TT03),
    ...own,
  },
};

function a5(number: string, title: string, source: string): FormSpec {
  return { number, title, source, pageSize: 'A5', orientation: 'portrait' };
}

function register(number: string, source: string): FormSpec {
  return { number, title: 'Sổ theo dõi hồ sơ', source, pageSize: 'A4', orientation: 'landscape' };
}

/** The spec of `form` in `edition`; throws `FormError` when that edition has no such form. */
export function getFormSpec(form: FormKind, edition: FormEdition): FormSpec {
  const byKind = FORM_SPECS[edition];
  if (!byKind || !Object.hasOwn(byKind, form)) {
    throw new FormError(
      FormErrorCode.UnknownKind,
      `Không có biểu mẫu "${form}"`,
      `Unknown form "${form}" or edition "${edition}"`,
    );
  }
  const spec = byKind[form];
  if (!spec) {
    throw new FormError(
      FormErrorCode.NotInEdition,
      `Biểu mẫu "${form}" không có trong bộ mẫu ${edition === 'tt01_2018' ? TT01 : TT03}`,
      `Form "${form}" does not exist in edition ${edition}`,
    );
  }
  return spec;
}
