import type { Place } from '@motcua/core';
import { Kept } from '../../cache.ts';
import type { Executor } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { assertAgencyInForce, assertPlaceUnitInForce, inForce } from '../org/validity.ts';

type UnitLink = { id: string; level: string; parent_id: string | null; name: string };
const chainCache = new Kept<UnitLink[]>({ max: 20_000, ttlMs: 10 * 60_000 });

/**
 * The unit and its ancestors, nearest first. Administrative units are reference data loaded from the
 * official lists (no API edits them), so chains are kept for ten minutes per process.
 */
export async function unitChain(db: Executor, unitId: string): Promise<UnitLink[]> {
  // `db` may be a transaction: the load is not shared (see `Kept`).
  return (await chainCache.getAlone(unitId, () => loadChain(db, unitId))) ?? [];
}

async function loadChain(db: Executor, unitId: string): Promise<UnitLink[] | undefined> {
  const chain: UnitLink[] = [];
  let id: string | null = unitId;
  while (id) {
    const unit: UnitLink | undefined = await db
      .selectFrom('admin_units')
      .select(['id', 'level', 'parent_id', 'name'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!unit) break;
    chain.push(unit);
    id = unit.parent_id;
  }
  return chain.length > 0 ? chain : undefined;
}

/** District and province of a unit, for the postal time targets. */
export async function placeOf(db: Executor, unitId: string): Promise<Place> {
  const chain = await unitChain(db, unitId);
  return {
    districtId: chain.find((u) => u.level === 'district')?.id ?? null,
    provinceId: chain.find((u) => u.level === 'province')?.id ?? unitId,
  };
}

/**
 * The competent agency for a procedure received at a site: the nearest agency of the procedure's
 * agency kind in the site's unit or above it (the commune's people's committee for a commune-level
 * procedure, the district's for a district-level one, the department in the province…), among
 * those in force on `date` (docs/organisation.md). When the nearest one has ended, the dossier is
 * refused with its successor named (422 AGENCY_ENDED), never routed to an abolished body.
 */
type AgencyCandidate = {
  id: string;
  code: string;
  name: string;
  unit_id: string;
  valid_from: string | null;
  valid_to: string | null;
};

/**
 * The agency in force at `date` nearest the site along its unit chain (`servedUnit` says which unit a
 * candidate serves): a body in force but still attached to an ended unit (left unresolved by a
 * reorganisation) is refused, and so is a unit whose only body has ended (its successor named).
 */
async function nearestInForce<A extends AgencyCandidate>(
  db: Executor,
  chain: readonly { id: string }[],
  candidates: readonly A[],
  servedUnit: (a: A) => string,
  date: string,
): Promise<{ id: string; code: string; name: string; unit_id: string } | null> {
  for (const unit of chain) {
    const here = candidates.filter((a) => servedUnit(a) === unit.id);
    const agency = here.find((a) => inForce(a, date));
    if (agency) {
      await assertPlaceUnitInForce(
        db,
        { kind: 'agency', name: agency.name, unitId: agency.unit_id },
        date,
        'procedureId',
      );
      return { id: agency.id, code: agency.code, name: agency.name, unit_id: agency.unit_id };
    }
    const ended = here.find((a) => a.valid_to && a.valid_to < date);
    if (ended) await assertAgencyInForce(db, ended.id, date, 'procedureId');
  }
  return null;
}

/**
 * A kind served by area whose offices fall back on a parent body where no area covers the commune:
 * a land dossier goes to the branch of the land registration office covering the commune, else to the
 * province's office itself (docs/organisation.md).
 */
const FALLBACK_KIND: Record<string, string> = {
  land_registration_branch: 'land_registration_office',
};

export async function competentAgency(
  db: Executor,
  agencyKind: string,
  siteUnitId: string,
  date: string,
): Promise<{ id: string; code: string; name: string; unit_id: string }> {
  const chain = await unitChain(db, siteUnitId);
  // An agency with an area (agency_areas) serves the units listed, not its own unit and below.
  const byArea = chain.length
    ? await db
        .selectFrom('agency_areas as r')
        .innerJoin('agencies as a', 'a.id', 'r.agency_id')
        .select([
          'a.id',
          'a.code',
          'a.name',
          'a.unit_id',
          'a.valid_from',
          'a.valid_to',
          'r.unit_id as area_unit_id',
        ])
        .where('a.kind', '=', agencyKind)
        .where(
          'r.unit_id',
          'in',
          chain.map((u) => u.id),
        )
        .where('a.active', '=', 1)
        .orderBy('a.code')
        .execute()
    : [];
  const byAreaFound = await nearestInForce(db, chain, byArea, (a) => a.area_unit_id, date);
  if (byAreaFound) return byAreaFound;
  const candidates = chain.length
    ? await db
        .selectFrom('agencies')
        .select(['id', 'code', 'name', 'unit_id', 'valid_from', 'valid_to'])
        .where('kind', '=', agencyKind)
        .where(
          'unit_id',
          'in',
          chain.map((u) => u.id),
        )
        .where('active', '=', 1)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('agency_areas as r')
                .select('r.agency_id')
                .whereRef('r.agency_id', '=', 'agencies.id'),
            ),
          ),
        )
        .orderBy('code')
        .execute()
    : [];
  const found = await nearestInForce(db, chain, candidates, (a) => a.unit_id, date);
  if (found) return found;
  const fallback = FALLBACK_KIND[agencyKind];
  if (fallback) return competentAgency(db, fallback, siteUnitId, date);
  throw new AppError(
    422,
    'NO_COMPETENT_AGENCY',
    {
      vi: 'Không tìm thấy cơ quan có thẩm quyền giải quyết thủ tục này cho địa bàn của điểm tiếp nhận',
      en: 'No competent agency for this procedure in the service point’s area',
    },
    [
      {
        field: 'procedureId',
        message: { vi: 'Thủ tục không thuộc địa bàn này', en: 'Procedure not handled in this area' },
      },
    ],
  );
}

/**
 * The unit standing for `unitId` on `date`: itself while in force, else the unit it was merged into
 * (admin_unit_successors), so an address entered in the 2008 era is read in today's organisation.
 */
export async function presentUnit(db: Executor, unitId: string, date: string): Promise<string> {
  let id = unitId;
  for (let hop = 0; hop < 3; hop += 1) {
    const unit = await db
      .selectFrom('admin_units')
      .select(['id', 'valid_from', 'valid_to'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!unit || inForce(unit, date)) return id;
    const next = await db
      .selectFrom('admin_unit_successors')
      .select('to_id')
      .where('from_id', '=', id)
      .orderBy('to_id')
      .executeTakeFirst();
    if (!next) return id;
    id = next.to_id;
  }
  return id;
}

/** The province of a unit in today's organisation (a 2008 province read as the one it merged into). */
export async function presentProvince(db: Executor, unitId: string, date: string): Promise<string | null> {
  const chain = await unitChain(db, unitId);
  const province = chain.find((u) => u.level === 'province');
  return province ? presentUnit(db, province.id, date) : null;
}
