/** Recognises which identifier a person typed; backs `motcua id check <value>`. */
import { type CitizenId, type Cmnd9, validateCitizenId } from './citizen-id.ts';
import { type DossierCode, validateDossierCode } from './dossier-code.ts';
import { IdentifierErrorCode, normaliseInput, type Reason } from './errors.ts';
import { type S10Item, validateS10 } from './s10.ts';

export type IdentifierDescription =
  | { readonly ok: true; readonly kind: 'dossier_code'; readonly details: DossierCode }
  | { readonly ok: true; readonly kind: 's10'; readonly details: S10Item }
  | { readonly ok: true; readonly kind: 'citizen_id'; readonly details: CitizenId }
  | { readonly ok: true; readonly kind: 'cmnd9'; readonly details: Cmnd9 }
  | { readonly ok: false; readonly code: IdentifierErrorCode; readonly reason: Reason };

/**
 * Tells a dossier code, an S10 item number, a 12-digit citizen ID or a 9-digit CMND apart by shape,
 * then validates it; a value that looks like one kind but is wrong gets that kind's reason.
 */
export function describeIdentifier(value: string): IdentifierDescription {
  const input = normaliseInput(value);
  if (input === '')
    return {
      ok: false,
      code: IdentifierErrorCode.Empty,
      reason: { vi: 'Chưa nhập mã.', en: 'Nothing was entered.' },
    };
  if (input.includes('-') || /^[0-9A-Z]{3}\.\d/.test(input)) {
    const result = validateDossierCode(input);
    return result.ok ? { ok: true, kind: 'dossier_code', details: result.value } : result;
  }
  const compact = input.replace(/[\s.]/g, '');
  if (/^[A-Z]{2}\d/.test(compact) && /[A-Z]$/.test(compact)) {
    const result = validateS10(compact);
    return result.ok ? { ok: true, kind: 's10', details: result.value } : result;
  }
  if (/^\d+$/.test(compact)) {
    const result = validateCitizenId(compact);
    if (!result.ok) return result;
    return result.value.kind === 'cmnd9'
      ? { ok: true, kind: 'cmnd9', details: result.value }
      : { ok: true, kind: 'citizen_id', details: result.value };
  }
  return {
    ok: false,
    code: IdentifierErrorCode.Unrecognised,
    reason: {
      vi: `Không nhận ra "${value.trim()}": không phải mã hồ sơ (000.00.00.H00-YYMMDD-XXXX), số hiệu bưu gửi (RR123456785VN), số căn cước 12 chữ số hay CMND 9 chữ số.`,
      en: `"${value.trim()}" is not recognised: not a dossier code (000.00.00.H00-YYMMDD-XXXX), an S10 item number (RR123456785VN), a 12-digit citizen ID or a 9-digit CMND.`,
    },
  };
}
