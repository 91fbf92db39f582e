import { sql } from 'kysely';
import type { Dialect, Executor } from '../../db/database.ts';
import { fixedQuery } from '../../db/helpers.ts';
import { AppError } from '../../errors.ts';

/**
 * The next dossier sequence of an agency for a day: one atomic upsert, so two server processes on
 * one PostgreSQL never get the same number (the row lock serialises them until commit).
 * The code format holds 9,999 receipts a day; the 10,000th is refused with a clear error.
 */
export async function nextDossierSequence(
  trx: Executor,
  dialect: Dialect,
  agencyCode: string,
  date: string,
): Promise<number> {
  const rows = await dossierSequence(trx, dialect, agencyCode, date).catch(
    (error: { code?: string; message?: string }) => {
      if (error.code === '23514' || /CHECK constraint failed/i.test(error.message ?? '')) {
        throw new AppError(503, 'DOSSIER_SEQUENCE_EXHAUSTED', {
          vi: `Đã hết số thứ tự hồ sơ trong ngày của cơ quan ${agencyCode} (tối đa 9.999): báo quản trị hệ thống`,
          en: `No dossier numbers left today for agency ${agencyCode} (9,999 at most): alert the administrator`,
        });
      }
      throw error;
    },
  );
  return Number(rows[0]!.last_sequence);
}

type SequenceRow = { last_sequence: number };

const dossierSequence = fixedQuery(
  (_executor: Executor, _dialect: Dialect, agencyCode: string, date: string) => sql<SequenceRow>`
    insert into dossier_code_counters (agency_code, date, last_sequence) values (${agencyCode}, ${date}, 1)
    on conflict (agency_code, date) do update set last_sequence = dossier_code_counters.last_sequence + 1
    returning last_sequence`,
);

const yearlyNumber = fixedQuery(
  (_executor: Executor, _dialect: Dialect, key: string, year: number) => sql<{ last_number: number }>`
    insert into register_counters (site_id, year, last_number) values (${key}, ${year}, 1)
    on conflict (site_id, year) do update set last_number = register_counters.last_number + 1
    returning last_number`,
);

/** The next number of a yearly counter of a site (register of dossiers, fee receipts). */
export async function nextYearlyNumber(
  trx: Executor,
  dialect: Dialect,
  key: string,
  year: number,
): Promise<number> {
  const rows = await yearlyNumber(trx, dialect, key, year);
  return Number(rows[0]!.last_number);
}
