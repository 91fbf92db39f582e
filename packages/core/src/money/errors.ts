/** Machine-readable reasons a money operation is refused. */
export const MoneyErrorCode = {
  NotAnInteger: 'NOT_AN_INTEGER',
  Unsafe: 'UNSAFE_INTEGER',
  Unparseable: 'UNPARSEABLE',
  InvalidWeights: 'INVALID_WEIGHTS',
} as const;
export type MoneyErrorCode = (typeof MoneyErrorCode)[keyof typeof MoneyErrorCode];

/** A money rule broken; `message` is Vietnamese, `messageEn` English. */
export class MoneyError extends Error {
  readonly code: MoneyErrorCode;
  readonly messageEn: string;

  constructor(code: MoneyErrorCode, vi: string, en: string) {
    super(vi);
    this.name = 'MoneyError';
    this.code = code;
    this.messageEn = en;
  }
}
