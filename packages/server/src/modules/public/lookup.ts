import { timingSafeEqual } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { newId, nowIso, toFlag } from '../../db/helpers.ts';
import { AppError } from '../../http/errors.ts';
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

/**
 * The dossier with this code whose applicant's phone or citizen ID ends with `verifier`, or
 * `undefined`. Both stored values are always compared so the time taken does not say which matched.
 * `codeMatched` tells the log that the code exists (to spot guessing at one dossier), never the caller.
 */
export async function findByCodeAndVerifier(
  database: Database,
  code: string,
  verifier: string,
): Promise<{ dossier: DossierRow | undefined; codeMatched: DossierRow | undefined }> {
  const digits = verifier.replace(/\D/g, '');
  const given = digits.length === 4 ? Buffer.from(digits) : Buffer.from('----');
  const candidate = await findDossierByCode(database.db, code);
  const phoneOk = sameDigits(candidate?.phone_last4 ?? null, given);
  const idOk = sameDigits(candidate?.id_last4 ?? null, given);
  const ok = candidate !== undefined && digits.length === 4 && (phoneOk || idOk);
  return { dossier: ok ? candidate : undefined, codeMatched: candidate };
}

export async function findByToken(database: Database, token: string): Promise<DossierRow | undefined> {
  return database.db.selectFrom('dossiers').selectAll().where('lookup_token', '=', token).executeTakeFirst();
}

/** One row per lookup, successful or not. The verifier digits are never stored. */
export async function logLookup(
  database: Database,
  entry: {
    ip: string;
    method: 'code' | 'token';
    codeTried: string | null;
    dossierId: string | null;
    ok: boolean;
  },
): Promise<void> {
  await database.db
    .insertInto('lookup_log')
    .values({
      id: newId(),
      at: nowIso(),
      ip: entry.ip,
      method: entry.method,
      code_tried: entry.codeTried?.trim().slice(0, 60) ?? null,
      dossier_id: entry.dossierId,
      ok: toFlag(entry.ok),
    })
    .execute();
}
