import type { FastifyInstance } from 'fastify';
import { AppError, type FieldError } from '../errors.ts';

const NUL = '\u0000';
const MESSAGE = {
  vi: 'Không được chứa ký tự NUL (\\u0000)',
  en: 'Must not contain the NUL character (\\u0000)',
};

/** Dotted paths of every string (and object key) holding a NUL character, at most `limit` of them. */
function nulPaths(value: unknown, path: string, out: string[], limit = 20): void {
  if (out.length >= limit) return;
  if (typeof value === 'string') {
    if (value.includes(NUL)) out.push(path);
    return;
  }
  // A raw upload (a payout list's bytes) is checked by its reader, not byte by byte here.
  if (ArrayBuffer.isView(value)) return;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) nulPaths(item, path ? `${path}.${i}` : String(i), out, limit);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes(NUL)) out.push(at.replaceAll(NUL, '\\u0000'));
      else nulPaths(item, at, out, limit);
    }
  }
}

/**
 * Refuses, before validation, any request with a NUL character in a string of its body, query, path
 * or headers: PostgreSQL cannot store it in text (the query fails, which was a 500), SQLite would
 * store it and cut it in some readers. One check for every route, signed in or not.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found: string[] = [];
    nulPaths(request.params, '', found);
    nulPaths(request.query, '', found);
    nulPaths(request.body, '', found);
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' ? value.includes(NUL) : value?.some((v) => v.includes(NUL)))
        found.push(name);
    }
    if (found.length === 0) return;
    const fields: FieldError[] = found.map((field) => ({ field: field || 'body', message: MESSAGE }));
    throw new AppError(
      400,
      'VALIDATION_FAILED',
      {
        vi: `Dữ liệu không hợp lệ: ${fields.map((f) => f.field).join(', ')}`,
        en: `Invalid input: ${fields.map((f) => f.field).join(', ')}`,
      },
      fields,
    );
  });
}
