/**
 * Errors that say the database cannot answer now (PostgreSQL restarting or unreachable, a SQLite file
 * locked by another writer past the busy timeout), as opposed to errors in what a request asked for.
 * They become 503 with Retry-After (`http/error-handler.ts`): the client retries the same request, with
 * the same Idempotency-Key or client transaction id, once the database is back.
 */
export type Unavailability = 'unreachable' | 'busy';

/** PostgreSQL SQLSTATEs of a lost or refused connection (class 08, operator intervention 57P0x, too many connections). */
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '57P05', '53300', '53400']);
/** What the operating system or node-postgres says when the connection is gone. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const PG_CLIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'connection timeout',
];

/** Whether `error` means the database is unavailable for now, and how (null: any other error). */
export function databaseUnavailability(error: unknown): Unavailability | null {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return null;
  const code = typeof e.code === 'string' ? e.code : '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (PG_UNAVAILABLE.has(code) || /^08...$/.test(code) || SOCKET_CODES.has(code)) return 'unreachable';
  const message = typeof e.message === 'string' ? e.message : '';
  if (PG_CLIENT_MESSAGES.some((m) => message.includes(m))) return 'unreachable';
  // AggregateError (a host name with several addresses, all refused).
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((x) => databaseUnavailability(x))) {
    return 'unreachable';
  }
  return null;
}
