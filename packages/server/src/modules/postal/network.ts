import { formatS10, type Place, postalLegDays, validateS10, vnDate, type Zone, zoneOf } from '@motcua/core';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { AppError, invalidField } from '../../http/errors.ts';
import { placeOf, presentUnit, unitChain } from '../dossiers/places.ts';

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

/** The post office that delivers to an address: one with couriers in the address's district, else the origin. */
export async function deliveryOffice(trx: Executor, unitId: string | null, originSiteId: string) {
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

export async function zoneBetween(
  trx: Executor,
  fromUnitId: string,
  toUnitId: string | null,
): Promise<{ zone: Zone; days: number }> {
  // Two addresses entered in different eras (a 2008 commune, a 2025 one) are compared in today's
  // organisation, so the same area prices the same whichever list it was picked from.
  let [a, b] = [fromUnitId, toUnitId ?? fromUnitId];
  const eras = await trx.selectFrom('admin_units').select(['id', 'era']).where('id', 'in', [a, b]).execute();
  if (new Set(eras.map((u) => u.era)).size > 1) {
    const today = vnDate(new Date());
    [a, b] = await Promise.all([presentUnit(trx, a, today), presentUnit(trx, b, today)]);
  }
  const from: Place = await placeOf(trx, a);
  const to: Place = await placeOf(trx, b);
  return { zone: zoneOf(from, to), days: postalLegDays(from, to) };
}
