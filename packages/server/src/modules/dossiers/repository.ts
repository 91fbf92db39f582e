import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { fromFlag, fromJson } from '../../db/helpers.ts';
import type { DB } from '../../db/schema.ts';

export type DossierRow = Selectable<DB['dossiers']>;
export type ActionRow = Selectable<DB['dossier_actions']>;

export interface ReceivedDocument {
  name: string;
  copyType: 'original' | 'copy' | 'certified_copy' | 'original_for_comparison';
  count: number;
}

export async function findDossier(db: Executor, id: string): Promise<DossierRow | undefined> {
  return db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDossierByCode(db: Executor, code: string): Promise<DossierRow | undefined> {
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where('code', '=', code.trim().toUpperCase())
    .executeTakeFirst();
}

export async function dossierActions(db: Executor, dossierId: string): Promise<ActionRow[]> {
  return db
    .selectFrom('dossier_actions')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .orderBy('seq')
    .execute();
}

/** The timeline with the names of the sites and agencies where each action happened. */
export async function timeline(db: Executor, dossierId: string) {
  const rows = await db
    .selectFrom('dossier_actions as a')
    .leftJoin('service_points as sp', 'sp.id', 'a.site_id')
    .leftJoin('agencies as ag', 'ag.id', 'a.agency_id')
    .select([
      'a.seq',
      'a.type',
      'a.at',
      'a.actor_name',
      'a.actor_role',
      'a.payload',
      'sp.name as site_name',
      'ag.name as agency_name',
    ])
    .where('a.dossier_id', '=', dossierId)
    .orderBy('a.seq')
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    type: r.type,
    at: r.at,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    siteName: r.site_name,
    agencyName: r.agency_name,
    payload: fromJson<Record<string, unknown>>(r.payload, {}),
  }));
}

/** Names of sites, agencies and people a dossier refers to, for views. */
export async function dossierNames(db: Executor, d: DossierRow) {
  const sites = await db
    .selectFrom('service_points')
    .select(['id', 'name', 'code'])
    .where('id', 'in', [d.receiving_site_id, d.returning_site_id])
    .execute();
  const agencies = await db
    .selectFrom('agencies')
    .select(['id', 'name', 'code'])
    .where('id', 'in', [d.lead_agency_id, d.current_agency_id])
    .execute();
  const officer = d.assigned_officer_id
    ? await db
        .selectFrom('users')
        .select(['full_name'])
        .where('id', '=', d.assigned_officer_id)
        .executeTakeFirst()
    : undefined;
  const site = (id: string) => sites.find((s) => s.id === id) ?? { id, name: '', code: '' };
  const agency = (id: string) => agencies.find((a) => a.id === id) ?? { id, name: '', code: '' };
  return {
    receivingSite: site(d.receiving_site_id),
    returningSite: site(d.returning_site_id),
    leadAgency: agency(d.lead_agency_id),
    currentAgency: agency(d.current_agency_id),
    assignedOfficer: officer?.full_name ?? null,
  };
}

export function documentsOf(d: DossierRow): ReceivedDocument[] {
  return fromJson<ReceivedDocument[]>(d.documents, []);
}

export const inTransit = (d: DossierRow) => fromFlag(d.in_transit);
