import { timingSafeEqual } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import { Kept } from '../../cache.ts';
import type { Database, Dialect } from '../../db/database.ts';
import { inTransaction, newId, runCompiled, toFlag } from '../../db/helpers.ts';
import { AppError } from '../../errors.ts';
import { changedSince } from '../dossiers/changes.ts';
import { type DossierRow, findDossierByCode } from '../dossiers/repository.ts';

/** The one answer to every failed lookup: a wrong code and wrong digits must look the same. */
export const lookupNotFound = () =>
  new AppError(404, 'NOT_FOUND', {
    vi: 'Không tìm thấy hồ sơ với mã và số kiểm tra này',
    en: 'No dossier with this code and check digits',
  });

const NO_DIGITS = Buffer.from('\0\0\0\0');

/** Compares 4 digits in constant time; a missing stored value compares against a dummy and fails. */
function sameDigits(stored: string | null, given: Buffer): boolean {
  const storedBytes = stored ? Buffer.from(stored) : null;
  const expected = storedBytes && storedBytes.length === 4 ? storedBytes : NO_DIGITS;
  return timingSafeEqual(expected, given) && expected !== NO_DIGITS;
}

/** What a lookup by code found: the dossier shown, if the digits matched, and the one the code named. */
export interface CodeMatch {
  dossier: DossierRow | undefined;
  /** Tells the log that the code exists (to spot guessing at one dossier), never the caller. */
  codeMatched: DossierRow | undefined;
}

/**
 * `candidate` (the dossier with the code looked up, if any) when its applicant's phone or citizen ID
 * ends with `verifier`. Both stored values are always compared so the time taken does not say which
 * matched.
 */
export function matchVerifier(candidate: DossierRow | undefined, verifier: string): CodeMatch {
  const digits = verifier.replace(/\D/g, '');
  const given = digits.length === 4 ? Buffer.from(digits) : Buffer.from('----');
  const phoneOk = sameDigits(candidate?.phone_last4 ?? null, given);
  const idOk = sameDigits(candidate?.id_last4 ?? null, given);
  const ok = candidate !== undefined && digits.length === 4 && (phoneOk || idOk);
  return { dossier: ok ? candidate : undefined, codeMatched: candidate };
}

/** The dossier with this code whose applicant's phone or citizen ID ends with `verifier`, or `undefined`. */
export async function findByCodeAndVerifier(
  rows: PublicRows,
  code: string,
  verifier: string,
): Promise<CodeMatch> {
  return matchVerifier(await rows.byCode(code), verifier);
}

const normaliseCode = (code: string) => code.trim().toUpperCase();

/**
 * The dossier rows the public routes read, kept `ttlMs` per code or token so a burst of lookups
 * (a family refreshing the page, a QR code scanned again and again) costs no database read. A
 * dossier changed in this process is read again at once (the change is noted after its commit);
 * one changed by another server process shows within `ttlMs`. Unknown codes are never kept: each
 * guess is read from the database. `ttlMs` 0 reads every time.
 */
export class PublicRows {
  private readonly entries: Kept<{ at: number; row: DossierRow }> | null;

  constructor(
    private readonly database: Database,
    ttlMs: number,
    max = 20_000,
  ) {
    // Entries read together (a burst, a server start) expire spread over the last quarter of the time.
    this.entries = ttlMs > 0 ? new Kept({ max, ttlMs, spread: true }) : null;
  }

  byCode(code: string): Promise<DossierRow | undefined> {
    const normalised = normaliseCode(code);
    return this.cached(`c:${normalised}`, () => findDossierByCode(this.database.db, normalised));
  }

  byToken(token: string): Promise<DossierRow | undefined> {
    return this.cached(`t:${token}`, () =>
      this.database.db
        .selectFrom('dossiers')
        .selectAll()
        .where('lookup_token', '=', token)
        .executeTakeFirst(),
    );
  }

  /** The row for this code if it is kept and fresh, at once (no promise): the lookups' common case. */
  peekByCode(code: string): DossierRow | undefined {
    return this.peek(`c:${normaliseCode(code)}`);
  }

  peekByToken(token: string): DossierRow | undefined {
    return this.peek(`t:${token}`);
  }

  private peek(key: string): DossierRow | undefined {
    const hit = this.entries?.peek(key);
    return hit && !changedSince(hit.row.id, hit.at) ? hit.row : undefined;
  }

  private async cached(key: string, load: () => Promise<DossierRow | undefined>) {
    const kept = this.peek(key);
    if (kept) return kept;
    if (!this.entries) return load();
    // Many lookups of one code at once (a QR code scanned again and again) share one read; an entry
    // kept but changed since it was read is read again.
    const entry = await this.entries.get(
      key,
      async () => {
        // Taken before the read: a change committed while it runs makes the entry stale, never the reverse.
        const at = Date.now();
        const row = await load();
        return row ? { at, row } : undefined;
      },
      { refresh: this.entries.peek(key) !== undefined },
    );
    return entry?.row;
  }
}

interface LookupLogEntry {
  ip: string;
  method: 'code' | 'token';
  codeTried: string | null;
  dossierId: string | null;
  ok: boolean;
}

/** Lookups wait at most this long in memory before they are written to `lookup_log`. */
export const LOOKUP_LOG_FLUSH_MS = 1000;

const LOG_COLUMNS = ['id', 'at', 'ip', 'method', 'code_tried', 'dossier_id', 'ok'] as const;
const logSql = new Map<string, string>();

/**
 * `insert into lookup_log … values (…), (…)` for `rows` rows, written once per size: thousands of
 * log rows a second are not worth building through the query builder one by one.
 */
function insertLogSql(dialect: Dialect, rows: number): string {
  const key = `${dialect}:${rows}`;
  let text = logSql.get(key);
  if (!text) {
    let n = 0;
    const placeholder = () => (dialect === 'postgres' ? `$${++n}` : '?');
    const tuples = Array.from({ length: rows }, () => `(${LOG_COLUMNS.map(placeholder).join(', ')})`);
    text = `insert into lookup_log (${LOG_COLUMNS.join(', ')}) values ${tuples.join(', ')}`;
    logSql.set(key, text);
  }
  return text;
}

/** Largest batch written in one statement; batches are split in powers of two so few statement shapes exist. */
const LOG_BATCH = 256;

/**
 * Rows waiting that start a flush before the timer. One statement's worth: on SQLite a flush blocks
 * the event loop (about 3 ms for 256 rows here, 11 ms for 2,048), so small flushes keep the lookups'
 * tail latency down; at 4,500 lookups a second that is some 17 short transactions a second.
 */
const LOG_FLUSH_AT = LOG_BATCH;

/**
 * One row per lookup, successful or not; the verifier digits are never stored. Rows are kept in
 * memory and written in batches (every `flushMs`, or at once when `LOG_FLUSH_AT` are waiting), off the
 * request path: a lookup costs no write transaction. What is waiting is written when the server
 * closes; a crash loses at most the last `flushMs` of entries. If the database refuses a batch,
 * it is kept for the next flush (up to `maxPending` rows, then the oldest are dropped and logged).
 */
export class LookupLog {
  private pending: { at: number; entry: LookupLogEntry }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    private readonly options: {
      flushMs: number;
      maxPending?: number;
      onError?: (error: unknown, dropped: number) => void;
    },
  ) {}

  record(entry: LookupLogEntry): void {
    this.pending.push({ at: Date.now(), entry });
    // One flush at a time is started from here: rows arriving while one is written wait for the next.
    if (this.pending.length >= LOG_FLUSH_AT && !this.writing) void this.flush();
    else this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.flushMs);
    this.timer.unref();
  }

  /** Writes everything recorded so far; resolves once it is in the database. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.writing = this.write(batch).finally(() => {
      this.writing = null;
    });
    await this.writing;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  private async write(batch: { at: number; entry: LookupLogEntry }[]): Promise<void> {
    try {
      await inTransaction(this.database, async (trx) => {
        for (let i = 0; i < batch.length; ) {
          let size = LOG_BATCH;
          while (size > batch.length - i) size /= 2;
          // The statement's parameters, row after row in LOG_COLUMNS order.
          const parameters: unknown[] = [];
          for (const { at, entry } of batch.slice(i, i + size)) {
            parameters.push(
              newId(at),
              new Date(at).toISOString(),
              entry.ip,
              entry.method,
              entry.codeTried?.trim().slice(0, 60) ?? null,
              entry.dossierId,
              toFlag(entry.ok),
            );
          }
          await runCompiled(trx, CompiledQuery.raw(insertLogSql(this.database.dialect, size), parameters));
          i += size;
        }
      });
    } catch (error) {
      const max = this.options.maxPending ?? 50_000;
      const kept = [...batch, ...this.pending];
      const dropped = Math.max(0, kept.length - max);
      this.pending = kept.slice(dropped);
      this.options.onError?.(error, dropped);
      this.schedule();
    }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The citizen lookups waiting to be written to `lookup_log` (tests flush it before reading the table). */
    lookupLog: LookupLog;
  }
}
