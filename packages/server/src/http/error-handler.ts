import type { FastifyError, FastifyInstance } from 'fastify';
import { databaseUnavailability } from '../db/unavailable.ts';
import { AppError, type Bilingual, type FieldError } from '../errors.ts';
import { type Lang, langFromHeader } from './lang.ts';
import { fieldErrors } from './validation-messages.ts';

export interface ErrorBody {
  error: { code: string; message: string; fields: { field: string; message: string; suggested?: string }[] };
}

export function errorBody(code: string, message: Bilingual, fields: FieldError[], lang: Lang): ErrorBody {
  return {
    error: {
      code,
      message: message[lang],
      fields: fields.map((f) => ({
        field: f.field,
        message: f.message[lang],
        ...(f.suggested !== undefined ? { suggested: f.suggested } : {}),
      })),
    },
  };
}

/** Maps every error to `{ error: { code, message, fields } }`; a 500 only for what is truly ours. */
export function toAppError(err: FastifyError | AppError | Error): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (fe.validation) {
    const fields = fieldErrors(fe.validation, fe.validationContext);
    return new AppError(
      400,
      'VALIDATION_FAILED',
      {
        vi: `Dữ liệu không hợp lệ: ${fields.map((f) => f.field).join(', ')}`,
        en: `Invalid input: ${fields.map((f) => f.field).join(', ')}`,
      },
      fields,
    );
  }
  if (fe.code?.startsWith('FST_CSRF')) {
    return new AppError(403, 'CSRF_INVALID', {
      vi: 'Phiên làm việc không hợp lệ (thiếu mã chống giả mạo CSRF), hãy tải lại trang',
      en: 'Missing or invalid CSRF token, reload the page',
    });
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
    return new AppError(413, 'PAYLOAD_TOO_LARGE', {
      vi: 'Dữ liệu gửi lên quá lớn',
      en: 'Request body too large',
    });
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
    return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', {
      vi: 'Kiểu dữ liệu gửi lên không được hỗ trợ',
      en: 'Unsupported content type',
    });
  }
  const unavailable = databaseUnavailability(err);
  if (unavailable === 'busy') {
    return new AppError(503, 'DATABASE_BUSY', {
      vi: 'Cơ sở dữ liệu đang bận, vui lòng thử lại sau giây lát',
      en: 'The database is busy, please retry in a moment',
    });
  }
  if (unavailable === 'unreachable') {
    return new AppError(503, 'DATABASE_UNAVAILABLE', {
      vi: 'Tạm thời không kết nối được cơ sở dữ liệu, vui lòng thử lại sau ít giây',
      en: 'The database is unavailable for now, please retry in a few seconds',
    });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(fe.statusCode, fe.code ?? 'BAD_REQUEST', {
      vi: 'Yêu cầu không hợp lệ (dữ liệu gửi lên sai định dạng)',
      en: `Bad request: ${fe.message}`,
    });
  }
  return new AppError(500, 'INTERNAL_ERROR', {
    vi: 'Lỗi hệ thống, vui lòng thử lại hoặc báo quản trị',
    en: 'Internal error, please retry or tell the administrator',
  });
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const appError = toAppError(err);
    if (appError.status === 503) {
      // The client sends the same request again (same Idempotency-Key or client transaction id): a
      // write whose transaction did commit before the connection broke is then found, not repeated.
      reply.header('retry-after', appError.code === 'DATABASE_BUSY' ? '1' : '5');
      request.log.warn({ err: { message: err.message, code: err.code } }, 'database unavailable');
    } else if (appError.status >= 500) request.log.error({ err }, 'unhandled error');
    const lang = request.lang ?? langFromHeader(request.headers['accept-language']);
    return reply
      .status(appError.status)
      .send(errorBody(appError.code, appError.messages, appError.fields, lang));
  });
}
