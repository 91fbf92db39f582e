/** A reason shown to people: Vietnamese first, English for logs and foreign staff. */
export interface Reason {
  readonly vi: string;
  readonly en: string;
}

/** Result of a validator: the parsed value, or a machine code and a human reason. */
export type Validation<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: IdentifierErrorCode; readonly reason: Reason };

/** Machine-readable reasons an identifier is refused; stable, used by the CLI and the API. */
export const IdentifierErrorCode = {
  Empty: 'EMPTY',
  InvalidShape: 'INVALID_SHAPE',
  InvalidAgencyCode: 'INVALID_AGENCY_CODE',
  InvalidDate: 'INVALID_DATE',
  InvalidSequence: 'INVALID_SEQUENCE',
  SequenceExhausted: 'SEQUENCE_EXHAUSTED',
  InvalidServiceIndicator: 'INVALID_SERVICE_INDICATOR',
  InvalidSerial: 'INVALID_SERIAL',
  InvalidCheckDigit: 'INVALID_CHECK_DIGIT',
  InvalidCountryCode: 'INVALID_COUNTRY_CODE',
  UnknownProvince: 'UNKNOWN_PROVINCE',
  InvalidCenturySex: 'INVALID_CENTURY_SEX',
  Inconsistent: 'INCONSISTENT',
  InvalidPhone: 'INVALID_PHONE',
  InvalidTaxCode: 'INVALID_TAX_CODE',
  Unrecognised: 'UNRECOGNISED',
} as const;
export type IdentifierErrorCode = (typeof IdentifierErrorCode)[keyof typeof IdentifierErrorCode];

/** Thrown by `format*`/`parse*` functions; `message` is Vietnamese, `messageEn` English. */
export class IdentifierError extends Error {
  readonly code: IdentifierErrorCode;
  readonly messageEn: string;

  constructor(code: IdentifierErrorCode, reason: Reason) {
    super(reason.vi);
    this.name = 'IdentifierError';
    this.code = code;
    this.messageEn = reason.en;
  }
}

/** Builds a failed validation. */
export function fail<T>(code: IdentifierErrorCode, vi: string, en: string): Validation<T> {
  return { ok: false, code, reason: { vi, en } };
}

/** Returns the value of a validation or throws its reason as an `IdentifierError`. */
export function unwrap<T>(result: Validation<T>): T {
  if (result.ok) return result.value;
  throw new IdentifierError(result.code, result.reason);
}

/** Upper-cases and trims an identifier typed by a person; NFC so pasted text compares equal. */
export function normaliseInput(value: string): string {
  return value.normalize('NFC').trim().toUpperCase();
}
