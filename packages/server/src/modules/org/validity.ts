import { vnDate } from '@motcua/core';
import type { Executor } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';

/**
 * Validity in time of units, agencies, service points and grants (docs/organisation.md). Dates are
 * Vietnam calendar dates `YYYY-MM-DD`; `valid_to` is the last day in force (the 2008-era units end
 * on 2025-06-30, the 2025 ones start on 2025-07-01); null on either side means open.
 */
export function inForce(
  row: { valid_from?: string | null; valid_to?: string | null },
  date: string,
): boolean {
  return (!row.valid_from || row.valid_from <= date) && (!row.valid_to || row.valid_to >= date);
}

/** The Vietnam date of an instant, the day against which validity is read. */
export const validityDate = (now: Date) => vnDate(now);

const vnDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function notYet(field: string, what: { vi: string; en: string }, name: string, from: string) {
  const message = {
    vi: `${what.vi} "${name}" chỉ hoạt động từ ngày ${vnDay(from)}`,
    en: `${what.en} "${name}" is in force only from ${vnDay(from)}`,
  };
  return new AppError(422, 'NOT_YET_IN_FORCE', message, [{ field, message }]);
}

function ended(
  code: 'SITE_ENDED' | 'AGENCY_ENDED' | 'UNIT_ENDED',
  field: string,
  what: { vi: string; en: string },
  name: string,
  until: string,
  successors: string[],
) {
  const next = successors.length
    ? {
        vi: ` Đơn vị kế thừa: ${successors.join('; ')}.`,
        en: ` Successor: ${successors.join('; ')}.`,
      }
    : { vi: '', en: '' };
  const message = {
    vi: `${what.vi} "${name}" đã chấm dứt hoạt động từ sau ngày ${vnDay(until)}.${next.vi}`,
    en: `${what.en} "${name}" ended after ${vnDay(until)}.${next.en}`,
  };
  const error = new AppError(422, code, message, [{ field, message }]);
  return Object.assign(error, { successors });
}

/** Names of the units that succeeded a unit (admin_unit_successors), e.g. Xã Đức Liễu → Xã Nghĩa Trung. */
export async function unitSuccessorNames(db: Executor, unitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('admin_unit_successors as s')
    .innerJoin('admin_units as u', 'u.id', 's.to_id')
    .select('u.name')
    .where('s.from_id', '=', unitId)
    .orderBy('u.code')
    .execute();
  return rows.map((r) => r.name);
}

/** Refuses (422 UNIT_ENDED) a unit not in force on `date`, naming its successors. */
export async function assertUnitInForce(db: Executor, unitId: string, date: string, field: string) {
  const unit = await db
    .selectFrom('admin_units')
    .select(['id', 'name', 'valid_from', 'valid_to'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit || inForce(unit, date)) return;
  if (unit.valid_from > date) {
    throw notYet(
      field,
      { vi: 'Đơn vị hành chính', en: 'The administrative unit' },
      unit.name,
      unit.valid_from,
    );
  }
  throw ended(
    'UNIT_ENDED',
    field,
    { vi: 'Đơn vị hành chính', en: 'The administrative unit' },
    unit.name,
    unit.valid_to!,
    await unitSuccessorNames(db, unit.id),
  );
}

/** Refuses (422 AGENCY_ENDED) an agency not in force on `date`, naming its successor. */
export async function assertAgencyInForce(db: Executor, agencyId: string, date: string, field: string) {
  const agency = await db
    .selectFrom('agencies as a')
    .leftJoin('agencies as s', 's.id', 'a.successor_id')
    .select(['a.name', 'a.valid_from', 'a.valid_to', 's.name as successor_name'])
    .where('a.id', '=', agencyId)
    .executeTakeFirst();
  if (!agency || inForce(agency, date)) return;
  if (agency.valid_from && agency.valid_from > date) {
    throw notYet(field, { vi: 'Cơ quan', en: 'The agency' }, agency.name, agency.valid_from);
  }
  throw ended(
    'AGENCY_ENDED',
    field,
    { vi: 'Cơ quan', en: 'The agency' },
    agency.name,
    agency.valid_to!,
    agency.successor_name ? [agency.successor_name] : [],
  );
}

/** Refuses (422 SITE_ENDED) a service point not in force on `date`, naming its successor. */
export async function assertSiteInForce(db: Executor, siteId: string, date: string, field: string) {
  const site = await db
    .selectFrom('service_points as p')
    .leftJoin('service_points as s', 's.id', 'p.successor_id')
    .select(['p.name', 'p.valid_from', 'p.valid_to', 's.name as successor_name'])
    .where('p.id', '=', siteId)
    .executeTakeFirst();
  if (!site || inForce(site, date)) return;
  if (site.valid_from && site.valid_from > date) {
    throw notYet(field, { vi: 'Điểm tiếp nhận', en: 'The service point' }, site.name, site.valid_from);
  }
  throw ended(
    'SITE_ENDED',
    field,
    { vi: 'Điểm tiếp nhận', en: 'The service point' },
    site.name,
    site.valid_to!,
    site.successor_name ? [site.successor_name] : [],
  );
}
