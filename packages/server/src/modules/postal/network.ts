import { formatS10, type Place, postalLegDays, validateS10, vnDate, type Zone, zoneOf } from '@motcua/core';
import { type ExpressionBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, invalidField } from '../../errors.ts';
import { placeOf, presentProvince, presentUnit, unitChain } from '../dossiers/places.ts';

/** A service point in force on a Vietnam date (valid_from / valid_to, null = open). */
export const inForceOn =
  (alias: 'sp', date: string) => (eb: ExpressionBuilder<DB & { sp: DB['service_points'] }, 'sp'>) =>
    eb.and([
      eb.or([eb(`${alias}.valid_from`, 'is', null), eb(`${alias}.valid_from`, '<=', date)]),
      eb.or([eb(`${alias}.valid_to`, 'is', null), eb(`${alias}.valid_to`, '>=', date)]),
    ]);

/**
 * The next S10 item number of a post office from its configured series (service indicator and serial
 * range): one atomic UPDATE … RETURNING, so two processes never hand out the same number.
 */
export async function allocateItemNumber(trx: Executor, siteId: string): Promise<string> {
  const result = await sql<{ service_indicator: string; last_serial: number }>`
    update s10_series set last_serial = last_serial + 1
    where site_id = ${siteId} and last_serial < range_end
    returning service_indicator, last_serial`.execute(trx);
  const row = result.rows[0];
  if (!row) {
    throw new AppError(409, 'S10_SERIES_EXHAUSTED', {
      vi: 'Bưu cục chưa được cấp dải số hiệu bưu gửi hoặc đã dùng hết: báo quản trị',
      en: 'The office has no S10 series configured or it is used up: tell the administrator',
    });
  }
  return formatS10({ service: row.service_indicator, serial: Number(row.last_serial), country: 'VN' });
}

/**
 * A carrier-issued number typed or scanned: S10-shaped numbers must pass the check digit; other
 * carriers' numbers (letters, digits, dashes; 6–30) are accepted as given.
 */
export function checkItemNumber(value: string, field: string): string {
  const compact = value.trim().toUpperCase().replace(/\s+/g, '');
  if (/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(compact)) {
    const result = validateS10(compact);
    if (!result.ok) throw invalidField(field, result.reason);
    return result.value.value;
  }
  if (!/^[A-Z0-9-]{6,30}$/.test(compact)) {
    throw invalidField(field, {
      vi: 'Số hiệu bưu gửi không hợp lệ (ví dụ EA123456785VN)',
      en: 'Invalid item number (e.g. EA123456785VN)',
    });
  }
  return compact;
}

/**
 * The post office that delivers to an address: one in force on `date` with couriers in the address's
 * district, else the origin. A new leg is never routed to an office that has ended (docs/organisation.md).
 */
export async function deliveryOffice(
  trx: Executor,
  unitId: string | null,
  originSiteId: string,
  date = vnDate(new Date()),
) {
  if (unitId) {
    const chain = await unitChain(trx, unitId);
    const district = chain.find((u) => u.level === 'district') ?? chain[0];
    if (district) {
      const units = await trx
        .selectFrom('admin_units')
        .select('id')
        .where('parent_id', '=', district.id)
        .execute();
      const inDistrict = [district.id, ...units.map((u) => u.id)];
      const offices = await trx
        .selectFrom('service_points as sp')
        .innerJoin('user_roles as r', 'r.service_point_id', 'sp.id')
        .select(['sp.id'])
        .where('r.role', '=', 'courier')
        .where('sp.unit_id', 'in', inDistrict)
        .where('sp.host_type', '=', 'post_office')
        .where(inForceOn('sp', date))
        .groupBy('sp.id')
        .orderBy('sp.id')
        .execute();
      if (offices[0]) return offices[0].id;
    }
  }
  return originSiteId;
}

/** The courier of an office with the fewest open items (simple, fair routing by area). */
export async function pickCourier(trx: Executor, officeId: string): Promise<string | null> {
  const couriers = await trx
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('u.id')
    .where('r.role', '=', 'courier')
    .where('r.service_point_id', '=', officeId)
    .where('u.active', '=', 1)
    .orderBy('u.username')
    .execute();
  let best: { id: string; load: number } | null = null;
  for (const c of couriers) {
    const { n } = (await trx
      .selectFrom('shipments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('courier_id', '=', c.id)
      .where('status', 'not in', ['delivered', 'returned', 'held'])
      .executeTakeFirstOrThrow()) as { n: number };
    if (!best || Number(n) < best.load) best = { id: c.id, load: Number(n) };
  }
  return best?.id ?? null;
}

/**
 * The postal zone and leg days between the origin office's unit and an address's unit. Both are read
 * in the organisation of the **origin's** era, so two addresses of the same area price alike from a
 * given office whichever list they were picked from (docs/organisation.md):
 * - an office still in a 2008-era unit reads a 2025 address as the 2008 district (or province) all its
 *   predecessors lay in (Xã Nghĩa Trung → huyện Bù Đăng);
 * - an office in a 2025 unit reads a 2008 address as the unit it became (Xã Đức Liễu → Xã Nghĩa
 *   Trung), and a 2008 district, which has no successor of its own, as the province it went into.
 */
export async function zoneBetween(
  trx: Executor,
  fromUnitId: string,
  toUnitId: string | null,
  date = vnDate(new Date()),
): Promise<{ zone: Zone; days: number }> {
  const a = fromUnitId;
  const b = toUnitId ?? fromUnitId;
  const eras = await trx.selectFrom('admin_units').select(['id', 'era']).where('id', 'in', [a, b]).execute();
  const eraOf = (id: string) => eras.find((u) => u.era && u.id === id)?.era;
  const from: Place = await placeOf(trx, a);
  let to: Place | null = null;
  if (eraOf(a) && eraOf(b) && eraOf(a) !== eraOf(b)) {
    to = eraOf(a)! < eraOf(b)! ? await pastPlace(trx, b) : await presentPlace(trx, b, date);
  }
  to ??= await placeOf(trx, b);
  return { zone: zoneOf(from, to), days: postalLegDays(from, to) };
}

/** A 2025 unit read in the 2008 organisation: the district (else the province) all its predecessors lay in. */
async function pastPlace(trx: Executor, unitId: string): Promise<Place | null> {
  const before = await trx
    .selectFrom('admin_unit_successors')
    .select('from_id')
    .where('to_id', '=', unitId)
    .execute();
  if (before.length === 0) return null;
  const places = await Promise.all(before.map((u) => placeOf(trx, u.from_id)));
  const districts = new Set(places.map((p) => p.districtId));
  const provinces = new Set(places.map((p) => p.provinceId));
  if (provinces.size !== 1) return null;
  return {
    districtId: districts.size === 1 ? places[0]!.districtId : null,
    provinceId: places[0]!.provinceId,
  };
}

/** A 2008 unit read in today's organisation: the unit it became, else (a district) its province's successor. */
async function presentPlace(trx: Executor, unitId: string, date: string): Promise<Place | null> {
  const present = await presentUnit(trx, unitId, date);
  if (present !== unitId) return placeOf(trx, present);
  const unit = await trx
    .selectFrom('admin_units')
    .select('valid_to')
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit?.valid_to || unit.valid_to >= date) return null;
  const province = await presentProvince(trx, unitId, date);
  return province ? { districtId: null, provinceId: province } : null;
}
