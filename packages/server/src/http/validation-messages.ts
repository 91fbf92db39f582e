import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import type { Bilingual, FieldError } from '../errors.ts';

/** Dotted field path of an AJV error, with the missing property for `required`. */
export function fieldOf(error: FastifySchemaValidationError, context?: string): string {
  const base = (error.instancePath ?? '')
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
  const params = error.params as Record<string, unknown>;
  let field = base;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    field = base ? `${base}.${params.missingProperty}` : params.missingProperty;
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    field = base ? `${base}.${params.additionalProperty}` : params.additionalProperty;
  }
  if (!field) field = context === 'body' ? 'body' : (context ?? 'body');
  return field;
}

/** A readable message in both languages for one AJV keyword. */
export function messageOf(error: FastifySchemaValidationError): Bilingual {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { vi: 'Trường này là bắt buộc', en: 'This field is required' };
    case 'type':
      return {
        vi: `Sai kiểu dữ liệu (cần ${typeVi(String(p.type))})`,
        en: `Wrong type (expected ${p.type})`,
      };
    case 'minLength':
      return Number(p.limit) === 1
        ? { vi: 'Không được để trống', en: 'Must not be empty' }
        : { vi: `Cần ít nhất ${p.limit} ký tự`, en: `Must have at least ${p.limit} characters` };
    case 'maxLength':
      return { vi: `Không quá ${p.limit} ký tự`, en: `Must have at most ${p.limit} characters` };
    case 'minimum':
      return { vi: `Phải lớn hơn hoặc bằng ${p.limit}`, en: `Must be at least ${p.limit}` };
    case 'maximum':
      return { vi: `Phải nhỏ hơn hoặc bằng ${p.limit}`, en: `Must be at most ${p.limit}` };
    case 'minItems':
      return { vi: `Cần ít nhất ${p.limit} mục`, en: `Must have at least ${p.limit} items` };
    case 'maxItems':
      return { vi: `Không quá ${p.limit} mục`, en: `Must have at most ${p.limit} items` };
    case 'enum':
    case 'const':
    case 'anyOf':
      return {
        vi: 'Giá trị không nằm trong danh sách cho phép',
        en: 'Value is not one of the allowed values',
      };
    case 'format':
      return { vi: `Sai định dạng (${formatVi(String(p.format))})`, en: `Wrong format (${p.format})` };
    case 'pattern':
      return { vi: 'Sai định dạng', en: 'Wrong format' };
    case 'additionalProperties':
      return { vi: 'Trường không được hỗ trợ', en: 'Unknown field' };
    default:
      return { vi: 'Giá trị không hợp lệ', en: error.message ?? 'Invalid value' };
  }
}

function typeVi(type: string): string {
  const names: Record<string, string> = {
    string: 'chuỗi ký tự',
    integer: 'số nguyên',
    number: 'số',
    boolean: 'đúng/sai',
    object: 'đối tượng',
    array: 'danh sách',
    null: 'rỗng',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' hoặc ');
}

function formatVi(format: string): string {
  const names: Record<string, string> = {
    email: 'địa chỉ thư điện tử',
    date: 'ngày YYYY-MM-DD',
    'date-time': 'thời điểm ISO-8601',
    uuid: 'mã định danh',
    uri: 'địa chỉ URL',
  };
  return names[format] ?? format;
}

export function fieldErrors(errors: FastifySchemaValidationError[], context?: string): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = fieldOf(e, context);
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: messageOf(e) });
  }
  return out;
}
