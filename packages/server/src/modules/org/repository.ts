import { searchKey } from '@motcua/core';
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { containsKey, fromFlag, fromJson } from '../../db/helpers.ts';
import type { DB } from '../../db/schema.ts';

export type UnitRow = Selectable<DB['admin_units']>;

export function toUnit(r: UnitRow) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level,
    parentId: r.parent_id,
    era: r.era,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

export interface Page {
  page: number;
  pageSize: number;
}

export async function listUnits(
  db: Executor,
  filter: { q?: string; level?: UnitRow['level']; parentId?: string; era?: string; at?: string },
  { page, pageSize }: Page,
) {
  let query = db.selectFrom('admin_units');
  if (filter.q) query = query.where(containsKey('name_key', searchKey(filter.q)));
  if (filter.level) query = query.where('level', '=', filter.level);
  if (filter.parentId) query = query.where('parent_id', '=', filter.parentId);
  if (filter.era) query = query.where('era', '=', filter.era);
  if (filter.at) {
    const at = filter.at;
    query = query
      .where('valid_from', '<=', at)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', at)]));
  }
  const [{ total }] = (await query.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [
    { total: number },
  ];
  const rows = await query
    .selectAll()
    .orderBy('code')
    .orderBy('era')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: rows.map(toUnit), total: Number(total), page, pageSize };
}

export async function findUnit(db: Executor, id: string) {
  return db.selectFrom('admin_units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function unitDetail(db: Executor, unit: UnitRow) {
  const ancestors: UnitRow[] = [];
  let parentId = unit.parent_id;
  while (parentId) {
    const parent = await findUnit(db, parentId);
    if (!parent) break;
    ancestors.unshift(parent);
    parentId = parent.parent_id;
  }
  const successors = await db
    .selectFrom('admin_unit_successors as s')
    .innerJoin('admin_units as u', 'u.id', 's.to_id')
    .selectAll('u')
    .select('s.kind as link_kind')
    .where('s.from_id', '=', unit.id)
    .execute();
  const predecessors = await db
    .selectFrom('admin_unit_successors as s')
    .innerJoin('admin_units as u', 'u.id', 's.from_id')
    .selectAll('u')
    .select('s.kind as link_kind')
    .where('s.to_id', '=', unit.id)
    .orderBy('u.code')
    .limit(500)
    .execute();
  return {
    unit: toUnit(unit),
    ancestors: ancestors.map(toUnit),
    successors: successors.map((r) => ({ unit: toUnit(r), kind: r.link_kind })),
    predecessors: predecessors.map((r) => ({ unit: toUnit(r), kind: r.link_kind })),
  };
}

const agencyColumns = [
  'a.id',
  'a.code',
  'a.name',
  'a.kind',
  'a.unit_id',
  'a.active',
  'a.valid_from',
  'a.valid_to',
  'a.successor_id',
  'u.name as unit_name',
] as const;

function toAgency(r: {
  id: string;
  code: string;
  name: string;
  kind: string;
  unit_id: string;
  active: number;
  valid_from: string | null;
  valid_to: string | null;
  successor_id: string | null;
  unit_name: string;
}) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    unitId: r.unit_id,
    unitName: r.unit_name,
    active: fromFlag(r.active),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    successorId: r.successor_id,
  };
}

export async function listAgencies(
  db: Executor,
  filter: { q?: string; unitId?: string; kind?: string },
  p: Page,
) {
  let query = db.selectFrom('agencies as a').innerJoin('admin_units as u', 'u.id', 'a.unit_id');
  if (filter.q) {
    const key = searchKey(filter.q);
    query = query.where((eb) =>
      eb.or([containsKey('a.name_key', key), eb('a.code', '=', filter.q!.toUpperCase())]),
    );
  }
  if (filter.unitId) query = query.where('a.unit_id', '=', filter.unitId);
  if (filter.kind) query = query.where('a.kind', '=', filter.kind);
  const { total } = (await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow()) as {
    total: number;
  };
  const rows = await query
    .select([...agencyColumns])
    .orderBy('a.code')
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize)
    .execute();
  return { items: rows.map(toAgency), total: Number(total), page: p.page, pageSize: p.pageSize };
}

export async function findAgency(db: Executor, id: string) {
  const row = await db
    .selectFrom('agencies as a')
    .innerJoin('admin_units as u', 'u.id', 'a.unit_id')
    .select([...agencyColumns])
    .where('a.id', '=', id)
    .executeTakeFirst();
  return row ? toAgency(row) : undefined;
}

type ServicePointRow = Selectable<DB['service_points']> & { unit_name: string; agency_name: string | null };

function toServicePoint(r: ServicePointRow) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    hostType: r.host_type,
    unitId: r.unit_id,
    unitName: r.unit_name,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    address: r.address,
    counters: r.counters,
    openingHours: fromJson<{ start: string; end: string }[]>(r.opening_hours, []),
    withinDayCutoff: r.within_day_cutoff,
    receivesDossiers: fromFlag(r.receives_dossiers),
    returnsResults: fromFlag(r.returns_results),
    paysBenefits: fromFlag(r.pays_benefits),
    collectsMoney: fromFlag(r.collects_money),
    pilot: fromFlag(r.pilot),
    rolloutPhase: r.rollout_phase,
    moveDate: r.move_date,
    notes: r.notes,
    active: fromFlag(r.active),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    successorId: r.successor_id,
  };
}
export type ServicePoint = ReturnType<typeof toServicePoint>;

function servicePointQuery(db: Executor) {
  return db
    .selectFrom('service_points as sp')
    .innerJoin('admin_units as u', 'u.id', 'sp.unit_id')
    .leftJoin('agencies as a', 'a.id', 'sp.agency_id');
}

export async function listServicePoints(
  db: Executor,
  filter: { q?: string; unitId?: string; kind?: string },
  p: Page,
) {
  let query = servicePointQuery(db);
  if (filter.q) {
    const key = searchKey(filter.q);
    query = query.where((eb) =>
      eb.or([containsKey('sp.name_key', key), eb('sp.code', '=', filter.q!.toUpperCase())]),
    );
  }
  if (filter.unitId) query = query.where('sp.unit_id', '=', filter.unitId);
  if (filter.kind) query = query.where('sp.kind', '=', filter.kind as ServicePointRow['kind']);
  const { total } = (await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow()) as {
    total: number;
  };
  const rows = await query
    .selectAll('sp')
    .select(['u.name as unit_name', 'a.name as agency_name'])
    .orderBy('sp.code')
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize)
    .execute();
  return { items: rows.map(toServicePoint), total: Number(total), page: p.page, pageSize: p.pageSize };
}

export async function findServicePoint(db: Executor, id: string): Promise<ServicePoint | undefined> {
  const row = await servicePointQuery(db)
    .selectAll('sp')
    .select(['u.name as unit_name', 'a.name as agency_name'])
    .where('sp.id', '=', id)
    .executeTakeFirst();
  return row ? toServicePoint(row) : undefined;
}
