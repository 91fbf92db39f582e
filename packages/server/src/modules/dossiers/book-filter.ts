import { RUNNING_STATUSES, searchKey } from '@motcua/core';
import type { Static } from 'typebox';
import type { Executor } from '../../db/database.ts';
import { containsKey } from '../../db/helpers.ts';
import type { DossierQuery } from './schema.ts';

/** Where a user's permission reaches, as `reachable` gives it. */
export interface Reach {
  all: boolean;
  servicePointIds: string[];
  agencyIds: string[];
}

export type DossierFilter = Omit<Static<typeof DossierQuery>, 'page' | 'pageSize'>;

/** Open dossiers past the agency's deadline or, before the clock starts there, past the appointment. */
export const OPEN_STATUSES = RUNNING_STATUSES;

/**
 * The dossiers of the book as a query on `dossiers as d`: the caller's reach and the book's filters.
 * One definition for the list (`GET /api/v1/dossiers`), the Excel export and the overview.
 */
export function filteredDossiers(db: Executor, filter: DossierFilter, reach: Reach, now = new Date()) {
  let query = db.selectFrom('dossiers as d');
  if (!reach.all) {
    const sites = reach.servicePointIds.length ? reach.servicePointIds : ['-'];
    const agencies = reach.agencyIds.length ? reach.agencyIds : ['-'];
    query = query.where((eb) =>
      eb.or([
        eb('d.receiving_site_id', 'in', sites),
        eb('d.returning_site_id', 'in', sites),
        eb('d.lead_agency_id', 'in', agencies),
        eb('d.current_agency_id', 'in', agencies),
      ]),
    );
  }
  if (filter.q) {
    const term = filter.q.trim();
    query = query.where((eb) =>
      eb.or([eb('d.code', '=', term.toUpperCase()), containsKey('d.applicant_name_key', searchKey(term))]),
    );
  }
  if (filter.status) query = query.where('d.status', '=', filter.status as never);
  if (filter.siteId) query = query.where('d.receiving_site_id', '=', filter.siteId);
  if (filter.toHandOverAt) {
    query = query
      .where('d.location_kind', '=', 'site')
      .where('d.location_id', '=', filter.toHandOverAt)
      .where('d.status', 'in', ['received', 'awaiting_supplement']);
  }
  if (filter.returningSiteId) query = query.where('d.returning_site_id', '=', filter.returningSiteId);
  if (filter.returnMethod) query = query.where('d.return_method', '=', filter.returnMethod);
  if (filter.agencyId) query = query.where('d.lead_agency_id', '=', filter.agencyId);
  if (filter.from) query = query.where('d.received_date', '>=', filter.from);
  if (filter.to) query = query.where('d.received_date', '<=', filter.to);
  if (filter.overdue) {
    const at = now.toISOString();
    query = query
      .where('d.status', 'in', [...OPEN_STATUSES])
      .where((eb) =>
        eb.or([
          eb('d.agency_due_at', '<', at),
          eb.and([eb('d.agency_due_at', 'is', null), eb('d.appointment_at', '<', at)]),
        ]),
      );
  }
  return query;
}
