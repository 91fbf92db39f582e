/** A message in both languages the product speaks. */
export interface Bilingual {
  vi: string;
  en: string;
}

export interface FieldError {
  field: string;
  message: Bilingual;
  /** A value that would be accepted instead (e.g. the next instant of working time), for the client to offer. */
  suggested?: string;
}

/**
 * The one error type services throw. Mapped to HTTP in one place (`http/error-handler.ts`) as
 * `{ error: { code, message, fields } }` in the language of `Accept-Language`.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: Bilingual;
  readonly fields: FieldError[];

  constructor(status: number, code: string, message: Bilingual, fields: FieldError[] = []) {
    super(message.en);
    this.status = status;
    this.code = code;
    this.messages = message;
    this.fields = fields;
  }
}

export const badRequest = (code: string, message: Bilingual, fields: FieldError[] = []) =>
  new AppError(400, code, message, fields);

export const invalidField = (field: string, message: Bilingual) =>
  new AppError(
    400,
    'VALIDATION_FAILED',
    { vi: `Dữ liệu không hợp lệ: ${field}`, en: `Invalid input: ${field}` },
    [{ field, message }],
  );

/**
 * An instant given by a person (an appointment) that is not working time: 400 naming the field, with
 * the next possible instant in the message and as `suggested` (ISO) for the client to offer.
 */
export const offWorkingTime = (field: string, problem: Bilingual & { nextPossible: Date }) =>
  new AppError(
    400,
    'OUTSIDE_WORKING_TIME',
    { vi: `Dữ liệu không hợp lệ: ${field}`, en: `Invalid input: ${field}` },
    [{ field, message: { vi: problem.vi, en: problem.en }, suggested: problem.nextPossible.toISOString() }],
  );

export const notFound = (what: Bilingual) =>
  new AppError(404, 'NOT_FOUND', { vi: `Không tìm thấy ${what.vi}`, en: `${what.en} not found` });

export const forbidden = () =>
  new AppError(403, 'FORBIDDEN', {
    vi: 'Bạn không có quyền thực hiện thao tác này',
    en: 'You are not allowed to do this',
  });

export const unauthenticated = () =>
  new AppError(401, 'UNAUTHENTICATED', { vi: 'Bạn cần đăng nhập', en: 'You need to sign in' });

export const conflict = (code: string, message: Bilingual) => new AppError(409, code, message);

export const rateLimited = () =>
  new AppError(429, 'RATE_LIMITED', {
    vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau ít phút',
    en: 'Too many requests, please try again in a few minutes',
  });
