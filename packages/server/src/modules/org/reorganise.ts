import { recordAudit } from '../../audit/audit.ts';
import { clearGrantsCache } from '../../auth/sessions.ts';
import type { Database, Executor } from '../../db/database.ts';
import { inTransaction, newId, toJson } from '../../db/helpers.ts';
import { clearReferenceCaches } from '../../db/reference-cache.ts';
import { invalidField } from '../../errors.ts';
import type { Actor } from '../../policy/policy.ts';
import { type ActionAuthor, lockDossier, runAction } from '../dossiers/actions.ts';
import { presentUnit, unitChain } from '../dossiers/places.ts';
import { inForce } from './validity.ts';

/**
 * Sắp xếp tổ chức as an operation (docs/organisation.md): on its effective date, from the successor
 * links of the administrative units already loaded,
 * - service points in a unit that ended the day before are re-attached to the unit it merged into;
 * - agencies in an ended unit are closed (valid to the day before) with their successor named: the
 *   agency of the corresponding kind nearest the unit their work moved to (a district people's
 *   committee → the commune people's committee where its one-stop unit sat; a district branch of the
 *   land registration office → the province's office; a commune's → the new commune's);
 * - grants at a closed agency or an ended unit end the day before and start again at the successor;
 * - every open dossier held by a closed agency is handed to its successor with one
 *   `transfer_to_successor` action (code, clock and appointment unchanged);
 * - postal zones follow (they are read from the units of sites and addresses, see `postal/network.ts`).
 * An agency with no successor in the data is left open and reported: add the successor (with its
 * QCVN 102 code) and apply again. Everything is filtered on what has not been done yet, so a second
 * apply changes nothing.
 */

const SUCCESSOR_KIND: Record<string, string> = {
  district_pc: 'commune_pc',
  district_land_registration_branch: 'land_registration_office',
};

const FINAL_STATUSES = ['returned', 'withdrawn'] as const;

export interface ReorganisationPlan {
  date: string;
  lastDayBefore: string;
  appliedBefore: boolean;
  sites: {
    id: string;
    code: string;
    name: string;
    fromUnitId: string;
    toUnitId: string;
    toUnitName: string;
  }[];
  agencies: { id: string; code: string; name: string; successorId: string; successorName: string }[];
  grants: {
    id: string;
    username: string;
    role: string;
    from: { agencyId: string | null; unitId: string | null };
    to: { agencyId: string | null; unitId: string | null };
  }[];
  dossiers: { id: string; code: string; fromAgencyId: string; toAgencyId: string }[];
  /** What the plan cannot do, with the reason in Vietnamese and English (the console shows its language's). */
  unresolved: {
    kind: 'site' | 'agency';
    id: string;
    code: string;
    name: string;
    reason: { vi: string; en: string };
  }[];
}

/** The agency kinds of the data (`agencies.kind`, as the 2018 seed names them), named for the reasons given. */
const KIND_NAMES: Record<string, { vi: string; en: string }> = {
  commune_pc: { vi: 'Ủy ban nhân dân cấp xã', en: 'commune people’s committee' },
  district_pc: { vi: 'Ủy ban nhân dân cấp huyện', en: 'district people’s committee' },
  land_registration_office: { vi: 'Văn phòng đăng ký đất đai', en: 'land registration office' },
  land_registration_branch: {
    vi: 'Chi nhánh Văn phòng đăng ký đất đai',
    en: 'branch of the land registration office',
  },
  district_land_registration_branch: {
    vi: 'Chi nhánh Văn phòng đăng ký đất đai cấp huyện',
    en: 'district branch of the land registration office',
  },
  province_pc: { vi: 'Ủy ban nhân dân cấp tỉnh', en: 'provincial people’s committee' },
  department_justice: { vi: 'Sở Tư pháp', en: 'department of justice' },
  department_construction: { vi: 'Sở Xây dựng', en: 'department of construction' },
  department_labour: { vi: 'Sở Lao động - Thương binh và Xã hội', en: 'department of labour' },
  department_natural_resources: { vi: 'Sở Tài nguyên và Môi trường', en: 'department of natural resources' },
  department_planning_investment: {
    vi: 'Sở Kế hoạch và Đầu tư',
    en: 'department of planning and investment',
  },
  department_transport: { vi: 'Sở Giao thông vận tải', en: 'department of transport' },
};

const vnDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Why an agency is left open: no agency of the kind its work goes to is in force there or above. */
export function noSuccessorReason(kind: string, date: string, unitName: string) {
  const name = KIND_NAMES[kind] ?? { vi: kind, en: kind };
  return {
    vi: `Không có ${name.vi} (${kind}) hoạt động ngày ${vnDay(date)} tại ${unitName} hoặc cấp trên: thêm cơ quan kế thừa rồi áp dụng lại`,
    en: `No ${name.en}${name.en === kind ? '' : ` (${kind})`} in force on ${vnDay(date)} in ${unitName} or above: add the successor and apply again`,
  };
}

export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function checkDate(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Number.isNaN(d.getTime()) ||
    d.toISOString().slice(0, 10) !== date
  ) {
    throw invalidField('date', { vi: 'Ngày phải có dạng YYYY-MM-DD', en: 'The date must be YYYY-MM-DD' });
  }
}

/** What applying the reorganisation of `date` would change (nothing is written). */
export async function planReorganisation(db: Executor, date: string): Promise<ReorganisationPlan> {
  checkDate(date);
  const lastDay = dayBefore(date);
  const open = { valid_to: null as string | null };
  const endedUnits = new Set(
    (await db.selectFrom('admin_units').select('id').where('valid_to', '=', lastDay).execute()).map(
      (u) => u.id,
    ),
  );
  const plan: ReorganisationPlan = {
    date,
    lastDayBefore: lastDay,
    appliedBefore: !!(await db
      .selectFrom('org_reorganisations')
      .select('effective_date')
      .where('effective_date', '=', date)
      .executeTakeFirst()),
    sites: [],
    agencies: [],
    grants: [],
    dossiers: [],
    unresolved: [],
  };
  if (endedUnits.size === 0) return plan;
  const unitName = async (id: string) =>
    (await db.selectFrom('admin_units').select('name').where('id', '=', id).executeTakeFirst())?.name ?? id;

  const sites = (await db.selectFrom('service_points').selectAll().orderBy('code').execute()).filter(
    (s) =>
      endedUnits.has(s.unit_id) && inForce({ ...open, valid_from: s.valid_from, valid_to: s.valid_to }, date),
  );
  const newUnitOfSite = new Map<string, string>();
  for (const s of sites) {
    const to = await presentUnit(db, s.unit_id, date);
    if (endedUnits.has(to)) {
      plan.unresolved.push({
        kind: 'site',
        id: s.id,
        code: s.code,
        name: s.name,
        reason: {
          vi: 'Đơn vị hành chính của điểm không có đơn vị kế thừa',
          en: 'The unit of the service point has no successor unit',
        },
      });
      continue;
    }
    newUnitOfSite.set(s.id, to);
    plan.sites.push({
      id: s.id,
      code: s.code,
      name: s.name,
      fromUnitId: s.unit_id,
      toUnitId: to,
      toUnitName: await unitName(to),
    });
  }

  const agencies = await db.selectFrom('agencies').selectAll().orderBy('code').execute();
  const closing = agencies.filter((a) => endedUnits.has(a.unit_id) && (!a.valid_to || a.valid_to >= date));
  for (const a of closing) {
    // Where the agency's work moves: where its own one-stop unit sat, else its unit.
    const ownSite = sites.find((s) => s.agency_id === a.id);
    const anchor = ownSite ? (newUnitOfSite.get(ownSite.id) ?? ownSite.unit_id) : a.unit_id;
    const target = await presentUnit(db, anchor, date);
    const kind = SUCCESSOR_KIND[a.kind] ?? a.kind;
    let successor: (typeof agencies)[number] | undefined;
    for (const unit of await unitChain(db, target)) {
      successor = agencies.find(
        (b) =>
          b.id !== a.id &&
          b.kind === kind &&
          b.unit_id === unit.id &&
          inForce(b, date) &&
          !endedUnits.has(b.unit_id),
      );
      if (successor) break;
    }
    if (!successor) {
      plan.unresolved.push({
        kind: 'agency',
        id: a.id,
        code: a.code,
        name: a.name,
        reason: noSuccessorReason(kind, date, await unitName(target)),
      });
      continue;
    }
    plan.agencies.push({
      id: a.id,
      code: a.code,
      name: a.name,
      successorId: successor.id,
      successorName: successor.name,
    });
  }
  const successorOf = new Map(plan.agencies.map((a) => [a.id, a.successorId]));

  const roles = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.id', 'r.role', 'r.agency_id', 'r.unit_id', 'r.valid_from', 'r.valid_to', 'u.username'])
    .orderBy('u.username')
    .execute();
  for (const r of roles) {
    if (r.valid_to && r.valid_to < date) continue;
    const toAgency = r.agency_id ? successorOf.get(r.agency_id) : undefined;
    const toUnit =
      r.unit_id && endedUnits.has(r.unit_id) ? await presentUnit(db, r.unit_id, date) : undefined;
    if (!toAgency && (!toUnit || endedUnits.has(toUnit))) continue;
    plan.grants.push({
      id: r.id,
      username: r.username,
      role: r.role,
      from: { agencyId: r.agency_id, unitId: r.unit_id },
      to: {
        agencyId: toAgency ?? r.agency_id,
        unitId: toUnit && !endedUnits.has(toUnit) ? toUnit : r.unit_id,
      },
    });
  }

  if (successorOf.size > 0) {
    const ids = [...successorOf.keys()];
    const dossiers = await db
      .selectFrom('dossiers')
      .select(['id', 'code', 'lead_agency_id', 'current_agency_id'])
      .where('status', 'not in', FINAL_STATUSES)
      .where((eb) => eb.or([eb('current_agency_id', 'in', ids), eb('lead_agency_id', 'in', ids)]))
      .orderBy('code')
      .execute();
    for (const d of dossiers) {
      const from = successorOf.has(d.current_agency_id) ? d.current_agency_id : d.lead_agency_id;
      plan.dossiers.push({ id: d.id, code: d.code, fromAgencyId: from, toAgencyId: successorOf.get(from)! });
    }
  }
  return plan;
}

/** Counts of a plan, for the preview. */
export function planCounts(plan: ReorganisationPlan) {
  return {
    sites: plan.sites.length,
    agencies: plan.agencies.length,
    grants: plan.grants.length,
    dossiers: plan.dossiers.length,
    unresolved: plan.unresolved.length,
  };
}

/**
 * Applies the reorganisation of `date` in one transaction and returns what it changed (the plan).
 * `actor` null: the command line (the audit log names no user).
 */
export async function applyReorganisation(
  database: Database,
  actor: Actor | null,
  date: string,
  now = new Date(),
): Promise<ReorganisationPlan> {
  const plan = await inTransaction(database, async (trx) => {
    const plan = await planReorganisation(trx, date);
    const at = now.toISOString();
    const lastDay = plan.lastDayBefore;
    for (const s of plan.sites) {
      await trx
        .updateTable('service_points')
        .set({ unit_id: s.toUnitId, updated_at: at })
        .where('id', '=', s.id)
        .execute();
      await recordAudit(trx, database.dialect, {
        actor,
        action: 'service_point.reattach',
        entityType: 'service_point',
        entityId: s.id,
        siteId: s.id,
        before: { unit_id: s.fromUnitId },
        after: { unit_id: s.toUnitId, reorganisation: date },
      });
    }
    for (const a of plan.agencies) {
      await trx
        .updateTable('agencies')
        .set({ valid_to: lastDay, successor_id: a.successorId, updated_at: at })
        .where('id', '=', a.id)
        .execute();
      await recordAudit(trx, database.dialect, {
        actor,
        action: 'agency.close',
        entityType: 'agency',
        entityId: a.id,
        before: { valid_to: null },
        after: { valid_to: lastDay, successor_id: a.successorId, reorganisation: date },
      });
    }
    // A batch on its way to a closed agency is received by its successor.
    for (const a of plan.agencies) {
      await trx
        .updateTable('handover_batches')
        .set({ agency_id: a.successorId })
        .where('agency_id', '=', a.id)
        .where('status', '=', 'sent')
        .where('direction', '=', 'to_agency')
        .execute();
    }
    for (const g of plan.grants) {
      const old = await trx
        .selectFrom('user_roles')
        .selectAll()
        .where('id', '=', g.id)
        .executeTakeFirstOrThrow();
      const carried = {
        ...old,
        id: newId(),
        agency_id: g.to.agencyId,
        unit_id: g.to.unitId,
        valid_from: date,
        valid_to: null,
      };
      await trx.updateTable('user_roles').set({ valid_to: lastDay }).where('id', '=', g.id).execute();
      await trx.insertInto('user_roles').values(carried).execute();
      await recordAudit(trx, database.dialect, {
        actor,
        action: 'user_role.carry',
        entityType: 'user',
        entityId: old.user_id,
        before: { id: old.id, role: old.role, ...g.from },
        after: { id: carried.id, role: carried.role, ...g.to, valid_from: date },
      });
    }
    const author: ActionAuthor = actor ?? {
      userId: null,
      username: 'motcua',
      fullName: 'Sắp xếp tổ chức',
      grants: [],
      sessionKind: 'api',
    };
    const names = new Map(
      plan.agencies.flatMap((a) => [[a.id, a.name] as const, [a.successorId, a.successorName] as const]),
    );
    for (const d of plan.dossiers) {
      const dossier = await lockDossier(trx, database.dialect, d.id);
      await runAction(
        trx,
        database.dialect,
        author,
        dossier,
        {
          type: 'transfer_to_successor',
          clientTxId: `reorganise:${date}:${d.id}`,
          role: 'admin',
          agencyId: d.toAgencyId,
          payload: {
            fromAgencyId: d.fromAgencyId,
            toAgencyId: d.toAgencyId,
            fromAgencyName: names.get(d.fromAgencyId) ?? null,
            toAgencyName: names.get(d.toAgencyId) ?? null,
            reorganisation: date,
          },
        },
        now,
        () => ({
          ...(dossier.lead_agency_id === d.fromAgencyId ? { lead_agency_id: d.toAgencyId } : {}),
          ...(dossier.current_agency_id === d.fromAgencyId ? { current_agency_id: d.toAgencyId } : {}),
        }),
      );
    }
    const changed = plan.sites.length + plan.agencies.length + plan.grants.length + plan.dossiers.length;
    if (changed > 0 || !plan.appliedBefore) {
      const summary = toJson({ ...planCounts(plan), unresolved: plan.unresolved.map((u) => u.code) });
      if (plan.appliedBefore) {
        await trx
          .updateTable('org_reorganisations')
          .set({ applied_at: at, applied_by: actor?.userId ?? null, summary })
          .where('effective_date', '=', date)
          .execute();
      } else {
        await trx
          .insertInto('org_reorganisations')
          .values({ effective_date: date, applied_at: at, applied_by: actor?.userId ?? null, summary })
          .execute();
      }
      await recordAudit(trx, database.dialect, {
        actor,
        action: 'org.reorganise',
        entityType: 'system',
        after: { date, ...planCounts(plan) },
      });
    }
    return plan;
  });
  clearGrantsCache();
  clearReferenceCaches();
  return plan;
}

/** The reorganisations applied so far. */
export async function listReorganisations(db: Executor) {
  return (await db.selectFrom('org_reorganisations').selectAll().orderBy('effective_date').execute()).map(
    (r) => ({
      date: r.effective_date,
      appliedAt: r.applied_at,
      appliedBy: r.applied_by,
      summary: JSON.parse(r.summary) as Record<string, unknown>,
    }),
  );
}
