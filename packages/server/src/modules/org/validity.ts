import { vnDate } from '@motcua/core';
import type { Executor } from '../../db/database.ts';
import { AppError } from '../../errors.ts';

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
  /** The place whose unit has ended (the unit is then `name`), e.g. a post office in an abolished district. */
  place?: { what: { vi: string; en: string }; name: string },
) {
  const next = successors.length
    ? {
        vi: ` Đơn vị kế thừa: ${successors.join('; ')}.`,
        en: ` Successor: ${successors.join('; ')}.`,
      }
    : place
      ? {
          vi: ' Không có đơn vị kế thừa trực tiếp: gắn lại vào một đơn vị hành chính đang hoạt động.',
          en: ' No direct successor: attach it to an administrative unit in force.',
        }
      : { vi: '', en: '' };
  const message = place
    ? {
        vi: `${place.what.vi} "${place.name}" thuộc ${what.vi.toLowerCase()} "${name}" đã chấm dứt hoạt động từ sau ngày ${vnDay(until)}.${next.vi}`,
        en: `${place.what.en} "${place.name}" belongs to ${what.en.toLowerCase()} "${name}", which ended after ${vnDay(until)}.${next.en}`,
      }
    : {
        vi: `${what.vi} "${name}" đã chấm dứt hoạt động từ sau ngày ${vnDay(until)}.${next.vi}`,
        en: `${what.en} "${name}" ended after ${vnDay(until)}.${next.en}`,
      };
  const error = new AppError(422, code, message, [{ field, message }]);
  return Object.assign(error, { successors, until });
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

type UnitValidity = { id: string; name: string; valid_from: string; valid_to: string | null };
const unitCache = new Map<string, { at: number; unit: UnitValidity | undefined }>();
const UNIT_CACHE_MS = 10 * 60_000;

/** A unit's name and validity; units are reference data (no API edits them), kept ten minutes. */
async function unitValidity(db: Executor, unitId: string): Promise<UnitValidity | undefined> {
  const hit = unitCache.get(unitId);
  if (hit && Date.now() - hit.at < UNIT_CACHE_MS) return hit.unit;
  const unit = await db
    .selectFrom('admin_units')
    .select(['id', 'name', 'valid_from', 'valid_to'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  unitCache.set(unitId, { at: Date.now(), unit });
  return unit;
}

/**
 * Whether the end of a unit binds the places attached to it on `date`: once the deployment has
 * applied a reorganisation that took effect after the unit's last day (and on or before `date`).
 * Before that, a province set up in the old organisation keeps working as set up, so upgrading never
 * stops a province that has not previewed and applied its reorganisation yet (docs/organisation.md).
 */
async function unitEndBinds(db: Executor, unit: UnitValidity, date: string): Promise<boolean> {
  if (!unit.valid_to || unit.valid_to >= date) return false;
  const applied = await db
    .selectFrom('org_reorganisations')
    .select('effective_date')
    .where('effective_date', '>', unit.valid_to)
    .where('effective_date', '<=', date)
    .executeTakeFirst();
  return !!applied;
}

const SITE = { vi: 'Điểm tiếp nhận', en: 'The service point' };
const AGENCY = { vi: 'Cơ quan', en: 'The agency' };
const UNIT = { vi: 'Đơn vị hành chính', en: 'The administrative unit' };

/**
 * Refuses (422 UNIT_ENDED, on `field`) a site or an agency attached to a unit that has ended on
 * `date` (a post office still in an abolished district, a committee of a merged commune), naming the
 * unit's successors. Binding once a reorganisation after the unit's end is applied (`unitEndBinds`).
 */
export async function assertPlaceUnitInForce(
  db: Executor,
  place: { kind: 'site' | 'agency'; name: string; unitId: string },
  date: string,
  field: string,
) {
  const unit = await unitValidity(db, place.unitId);
  if (!unit || !(await unitEndBinds(db, unit, date))) return;
  throw ended('UNIT_ENDED', field, UNIT, unit.name, unit.valid_to!, await unitSuccessorNames(db, unit.id), {
    what: place.kind === 'site' ? SITE : AGENCY,
    name: place.name,
  });
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

/**
 * Refuses (422 AGENCY_ENDED) an agency not in force on `date`, naming its successor; one in force but
 * attached to an ended unit, 422 UNIT_ENDED (`assertPlaceUnitInForce`).
 */
export async function assertAgencyInForce(db: Executor, agencyId: string, date: string, field: string) {
  const agency = await db
    .selectFrom('agencies as a')
    .leftJoin('agencies as s', 's.id', 'a.successor_id')
    .select(['a.name', 'a.unit_id', 'a.valid_from', 'a.valid_to', 's.name as successor_name'])
    .where('a.id', '=', agencyId)
    .executeTakeFirst();
  if (!agency) return;
  if (inForce(agency, date)) {
    await assertPlaceUnitInForce(
      db,
      { kind: 'agency', name: agency.name, unitId: agency.unit_id },
      date,
      field,
    );
    return;
  }
  if (agency.valid_from && agency.valid_from > date) {
    throw notYet(field, AGENCY, agency.name, agency.valid_from);
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

/**
 * Refuses (422 SITE_ENDED) a service point not in force on `date`, naming its successor; one in force
 * but attached to an ended unit, 422 UNIT_ENDED (`assertPlaceUnitInForce`).
 */
export async function assertSiteInForce(db: Executor, siteId: string, date: string, field: string) {
  const site = await db
    .selectFrom('service_points as p')
    .leftJoin('service_points as s', 's.id', 'p.successor_id')
    .select(['p.name', 'p.unit_id', 'p.valid_from', 'p.valid_to', 's.name as successor_name'])
    .where('p.id', '=', siteId)
    .executeTakeFirst();
  if (!site) return;
  if (inForce(site, date)) {
    await assertPlaceUnitInForce(db, { kind: 'site', name: site.name, unitId: site.unit_id }, date, field);
    return;
  }
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

/**
 * Finishing what began before a place ended (docs/organisation.md): a leg of a dossier, batch or
 * pickup that began on or before the last day of the site (or of its unit) is let through; one that
 * began after it is refused like any new work there (SITE_ENDED / UNIT_ENDED, successor named).
 */
export async function assertSiteInForceFor(
  db: Executor,
  siteId: string,
  date: string,
  field: string,
  began: string | null,
) {
  try {
    await assertSiteInForce(db, siteId, date, field);
  } catch (error) {
    const until = (error as { until?: string }).until;
    if (began && until && began <= until) return;
    throw error;
  }
}
