import { ALL_STATUSES, type DossierStatus, workingMillisBetween } from '@motcua/core';
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { workCalendarFor } from '../calendar/service.ts';
import { type DossierFilter, filteredDossiers, OPEN_STATUSES, type Reach } from '../dossiers/book-filter.ts';

const STATUSES = ALL_STATUSES;

export interface SiteFigures {
  siteId: string;
  siteName: string;
  total: number;
  byStatus: Record<DossierStatus, number>;
  overdue: number;
  results: { early: number; onTime: number; late: number };
  /**
   * Early or on time over every dossier whose timing is known: the decided ones and the open ones
   * already past their due date (they can only end late). Null when there is none. Counting only the
   * decided ones showed "100 %" beside 20 overdue dossiers.
   */
  onTimeRate: number | null;
  returned: number;
}

/** `onTimeRate` of a site or the totals (a fraction 0–1, null with nothing to count). */
export function onTimeRate(f: Pick<SiteFigures, 'results' | 'overdue'>): number | null {
  const good = f.results.early + f.results.onTime;
  const counted = good + f.results.late + f.overdue;
  return counted === 0 ? null : good / counted;
}

const emptyFigures = (siteId: string, siteName: string): SiteFigures => ({
  siteId,
  siteName,
  total: 0,
  byStatus: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<DossierStatus, number>,
  overdue: 0,
  results: { early: 0, onTime: 0, late: 0 },
  onTimeRate: null,
  returned: 0,
});

export const MOST_OVERDUE = 50;

/**
 * The supervisor's dashboard: per receiving site in reach, dossiers by status, overdue, result timing
 * and returned; totals; and the most overdue open dossiers. Three grouped queries and one list, never
 * a loop over all dossiers.
 */
export async function overview(
  database: Database,
  reach: Reach,
  filter: Pick<DossierFilter, 'from' | 'to' | 'siteId' | 'agencyId'>,
  now = new Date(),
) {
  const { db } = database;
  const at = now.toISOString();
  const base = () => filteredDossiers(db, filter, reach, now);
  const overdueWhere = <Q extends ReturnType<typeof base>>(q: Q) =>
    q
      .where('d.status', 'in', [...OPEN_STATUSES])
      .where((eb) =>
        eb.or([
          eb('d.agency_due_at', '<', at),
          eb.and([eb('d.agency_due_at', 'is', null), eb('d.appointment_at', '<', at)]),
        ]),
      ) as Q;

  const byStatus = await base()
    .select((eb) => ['d.receiving_site_id as site_id', 'd.status', eb.fn.countAll<number>().as('n')])
    .groupBy(['d.receiving_site_id', 'd.status'])
    .execute();
  const overdue = await overdueWhere(base())
    .select((eb) => ['d.receiving_site_id as site_id', eb.fn.countAll<number>().as('n')])
    .groupBy('d.receiving_site_id')
    .execute();
  const timing = await base()
    .where('d.result_timing', 'is not', null)
    .select((eb) => ['d.receiving_site_id as site_id', 'd.result_timing', eb.fn.countAll<number>().as('n')])
    .groupBy(['d.receiving_site_id', 'd.result_timing'])
    .execute();

  const siteIds = new Set<string>([
    ...byStatus.map((r) => r.site_id),
    ...(reach.all ? [] : reach.servicePointIds),
  ]);
  if (filter.siteId) for (const id of [...siteIds]) if (id !== filter.siteId) siteIds.delete(id);
  const names = siteIds.size
    ? await db
        .selectFrom('service_points')
        .select(['id', 'name'])
        .where('id', 'in', [...siteIds])
        .execute()
    : [];
  const sites = new Map<string, SiteFigures>(names.map((s) => [s.id, emptyFigures(s.id, s.name)]));
  for (const r of byStatus) {
    const site = sites.get(r.site_id);
    if (!site) continue;
    const n = Number(r.n);
    site.byStatus[r.status] = n;
    site.total += n;
    if (r.status === 'returned') site.returned = n;
  }
  for (const r of overdue) {
    const site = sites.get(r.site_id);
    if (site) site.overdue = Number(r.n);
  }
  for (const r of timing) {
    const site = sites.get(r.site_id);
    if (!site || !r.result_timing) continue;
    const key = r.result_timing === 'on_time' ? 'onTime' : r.result_timing;
    site.results[key] = Number(r.n);
  }

  const totals = emptyFigures('', 'Tổng cộng');
  for (const s of sites.values()) {
    s.onTimeRate = onTimeRate(s);
    totals.total += s.total;
    totals.overdue += s.overdue;
    totals.returned += s.returned;
    for (const status of STATUSES) totals.byStatus[status] += s.byStatus[status];
    totals.results.early += s.results.early;
    totals.results.onTime += s.results.onTime;
    totals.results.late += s.results.late;
  }
  totals.onTimeRate = onTimeRate(totals);

  const late = await overdueWhere(base())
    .innerJoin('service_points as sp', 'sp.id', 'd.receiving_site_id')
    .innerJoin('agencies as a', 'a.id', 'd.current_agency_id')
    .select([
      'd.id',
      'd.code',
      'd.procedure_name',
      'd.agency_due_at',
      'd.appointment_at',
      'sp.name as site_name',
      'a.name as agency_name',
    ])
    .orderBy(sql`coalesce(d.agency_due_at, d.appointment_at)`)
    .orderBy('d.code')
    .limit(MOST_OVERDUE)
    .execute();
  const calendar = late.length ? await workCalendarFor(database) : null;
  const mostOverdue = late.map((d) => {
    const due = d.agency_due_at ?? d.appointment_at;
    const millis = calendar ? workingMillisBetween(calendar, new Date(due), now) : 0;
    return {
      id: d.id,
      code: d.code,
      procedureName: d.procedure_name,
      siteName: d.site_name,
      agencyName: d.agency_name,
      dueAt: due,
      overdueWorkingHours: Math.round((millis / 3_600_000) * 10) / 10,
    };
  });

  return {
    at,
    sites: [...sites.values()].sort(
      (a, b) => b.total - a.total || a.siteName.localeCompare(b.siteName, 'vi'),
    ),
    totals: { ...totals, siteId: null, siteName: totals.siteName },
    mostOverdue,
  };
}
