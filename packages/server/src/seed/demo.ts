import { readFileSync } from 'node:fs';
import path from 'node:path';
import { searchKey } from '@motcua/core';
import { recordAudit } from '../audit/audit.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Database, Executor } from '../db/database.ts';
import { inTransaction, newId, nowIso, toFlag, toJson } from '../db/helpers.ts';
import { insertProcedure } from '../modules/catalog/service.ts';
import { insertUser } from '../modules/users/service.ts';
import type { Role } from '../policy/roles.ts';
import { presentUsers, seedPresent } from './demo-2025.ts';
import { seedDemoDossiers } from './demo-dossiers.ts';
import { loadUnits, SEED_DIR, type UnitScope } from './units.ts';

/** The password of every demo account (printed by `npm start`; change it in production). */
export const DEMO_PASSWORD = 'motcua-demo';

/** The demo tells the 2018 story, so its sites sit in the three-level era's units. */
const DEMO_ERA = '2008';
const unitId = (code: string) => `${DEMO_ERA}:${code}`;

interface DemoOrg {
  agencies: { code: string; name: string; kind: string; unitCode: string }[];
  servicePoints: {
    code: string;
    name: string;
    hostType: 'post_office' | 'government_office';
    kind: 'public_admin_centre' | 'one_stop_unit' | 'post_office' | 'cultural_post_office';
    unitCode: string;
    address: string;
    agencyCode: string | null;
    counters: number;
    openingHours: { start: string; end: string }[];
    receivesDossiers: boolean;
    returnsResults: boolean;
    paysBenefits: boolean;
    collectsMoney: boolean;
    pilot: boolean;
    rolloutPhase: number | null;
    moveDate: string | null;
    notes?: string | null;
  }[];
  users: {
    username: string;
    fullName: string;
    email?: string | null;
    phone?: string | null;
    roles: {
      role: Role;
      servicePointCode?: string | null;
      agencyCode?: string | null;
      unitCode?: string | null;
    }[];
  }[];
}

interface DemoProcedure {
  code: string;
  name: string;
  field: { code: string; name: string };
  level: 'commune' | 'district' | 'province';
  agencyKind: string;
  documents: {
    name: string;
    copyType: 'original' | 'copy' | 'certified_copy' | 'original_for_comparison';
    count: number;
    required: boolean;
    condition: string | null;
    templateForm: string | null;
  }[];
  processing: {
    unit: 'working_days' | 'working_hours' | 'within_day' | 'calendar_days_excl_holidays';
    amount: number;
    note: string | null;
  };
  decidedOnTheSpot: boolean;
  fees: { name: string; amount: number; note: string | null }[];
  channels: ('counter' | 'postal' | 'online')[];
  postalExcluded: boolean;
  resultType: string;
  legalBasis: string[];
  sources: string[];
  notes: string | null;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(SEED_DIR, file), 'utf8')) as T;
}

export interface SeedResult {
  alreadySeeded: boolean;
  units: number;
  agencies: number;
  servicePoints: number;
  procedures: number;
  /** Demo dossiers made through the services (only when asked). */
  dossiers?: number;
  /** The present era (`present`): what the reorganisation of 1/7/2025 changed. */
  reorganisation?: { sites: number; agencies: number; grants: number; dossiers: number; unresolved: number };
  users: { username: string; fullName: string; roles: string[] }[];
}

/**
 * Loads the demo: administrative units, the Bình Phước organisation of the 2018 pilot, the
 * procedures catalogue and one account per role at pilot and non-pilot sites. Does nothing when
 * the database already has service points.
 */
export async function seedDemo(
  database: Database,
  scope: UnitScope = {},
  options: { dossiers?: boolean; present?: boolean } = {},
): Promise<SeedResult> {
  const org = readJson<DemoOrg>('demo/org.json');
  const existing = await database.db.selectFrom('service_points').select('id').limit(1).execute();
  const users = org.users.map((u) => ({
    username: u.username,
    fullName: u.fullName,
    roles: u.roles.map((r) => {
      const where = r.servicePointCode ?? r.agencyCode ?? (r.unitCode ? `unit ${r.unitCode}` : null);
      return where ? `${r.role} @ ${where}` : `${r.role} (toàn quốc)`;
    }),
  }));
  // The demo timeline: the present era's logins first.
  if (options.present) users.unshift(...presentUsers());
  if (existing.length > 0) {
    return { alreadySeeded: true, units: 0, agencies: 0, servicePoints: 0, procedures: 0, users };
  }
  const procedures = readJson<DemoProcedure[]>('catalog/procedures.json');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const result: SeedResult = await inTransaction(database, async (trx) => {
    const unitCount = (await trx.selectFrom('admin_units').select('id').limit(1).execute()).length
      ? { units: 0 }
      : await loadUnits(trx, scope);
    const agencyIds = await insertAgencies(trx, org);
    const siteIds = await insertServicePoints(trx, org, agencyIds);
    for (const p of procedures) {
      await insertProcedure(
        trx,
        {
          code: p.code,
          fieldCode: p.field.code,
          fieldName: p.field.name,
          level: p.level,
          agencyKind: p.agencyKind,
          name: p.name,
          validFrom: '2018-01-01',
          documents: p.documents,
          processing: p.processing,
          decidedOnTheSpot: p.decidedOnTheSpot,
          fees: p.fees,
          channels: p.channels,
          postalExcluded: p.postalExcluded,
          resultType: p.resultType,
          legalBasis: p.legalBasis,
          sources: p.sources,
          notes: p.notes,
        },
        null,
      );
    }
    for (const u of org.users) {
      await insertUser(trx, {
        username: u.username,
        fullName: u.fullName,
        email: u.email ?? null,
        phone: u.phone ?? null,
        passwordHash,
        roles: u.roles.map((r) => ({
          role: r.role,
          servicePointId: r.servicePointCode ? required(siteIds, r.servicePointCode, 'service point') : null,
          agencyId: r.agencyCode ? required(agencyIds, r.agencyCode, 'agency') : null,
          unitId: r.unitCode ? unitId(r.unitCode) : null,
        })),
      });
    }
    await insertPostalNetwork(trx, org, siteIds);
    await recordAudit(trx, database.dialect, {
      actor: null,
      action: 'seed.demo',
      entityType: 'system',
      after: {
        units: unitCount.units,
        agencies: agencyIds.size,
        servicePoints: siteIds.size,
        procedures: procedures.length,
        users: org.users.length,
      },
    });
    return {
      alreadySeeded: false,
      units: unitCount.units,
      agencies: agencyIds.size,
      servicePoints: siteIds.size,
      procedures: procedures.length,
      users,
    };
  });
  if (options.present) {
    // One timeline: the 2018–2019 pilot in the past, the reorganisation of 1/7/2025 applied through
    // its operation, today's dossiers in Đồng Nai (docs/organisation.md).
    const past = options.dossiers
      ? await seedDemoDossiers(database, new Date('2019-11-29T10:00:00+07:00'))
      : 0;
    const present = await seedPresent(database, passwordHash);
    result.dossiers = past + present.dossiers;
    result.reorganisation = present.reorganisation;
    result.users = users;
  } else if (options.dossiers) result.dossiers = await seedDemoDossiers(database);
  return result;
}

function required(map: Map<string, string>, code: string, what: string): string {
  const id = map.get(code);
  if (!id) throw new Error(`demo data: unknown ${what} ${code}`);
  return id;
}

async function insertAgencies(trx: Executor, org: DemoOrg): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const now = nowIso();
  for (const a of org.agencies) {
    const id = newId();
    ids.set(a.code, id);
    await trx
      .insertInto('agencies')
      .values({
        id,
        code: a.code,
        name: a.name.normalize('NFC'),
        name_key: searchKey(a.name),
        kind: a.kind,
        unit_id: unitId(a.unitCode),
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  return ids;
}

async function insertServicePoints(
  trx: Executor,
  org: DemoOrg,
  agencyIds: Map<string, string>,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const now = nowIso();
  for (const s of org.servicePoints) {
    const id = newId();
    ids.set(s.code, id);
    await trx
      .insertInto('service_points')
      .values({
        id,
        code: s.code,
        name: s.name.normalize('NFC'),
        name_key: searchKey(s.name),
        kind: s.kind,
        host_type: s.hostType,
        unit_id: unitId(s.unitCode),
        agency_id: s.agencyCode ? required(agencyIds, s.agencyCode, 'agency') : null,
        address: s.address.normalize('NFC'),
        counters: s.counters,
        opening_hours: toJson(s.openingHours),
        receives_dossiers: toFlag(s.receivesDossiers),
        returns_results: toFlag(s.returnsResults),
        pays_benefits: toFlag(s.paysBenefits),
        collects_money: toFlag(s.collectsMoney),
        pilot: toFlag(s.pilot),
        rollout_phase: s.rolloutPhase,
        move_date: s.moveDate,
        notes: s.notes ?? null,
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  return ids;
}

/**
 * Demo postage (integer đồng; illustrative figures, not VNPost's price list: an administrator replaces
 * them with the contracted tariff) and an S10 series (service EA) for every office hosted by the post.
 */
export const DEMO_TARIFF: {
  service: 'pickup' | 'batch' | 'result_delivery' | 'papers_return';
  zone: 'same_district' | 'same_province' | 'inter_province';
  maxWeightGrams: number;
  price: number;
}[] = [
  { service: 'pickup', zone: 'same_district', maxWeightGrams: 500, price: 20_000 },
  { service: 'pickup', zone: 'same_district', maxWeightGrams: 1000, price: 26_000 },
  { service: 'pickup', zone: 'same_province', maxWeightGrams: 500, price: 26_000 },
  { service: 'pickup', zone: 'same_province', maxWeightGrams: 1000, price: 32_000 },
  { service: 'pickup', zone: 'inter_province', maxWeightGrams: 500, price: 35_000 },
  { service: 'result_delivery', zone: 'same_district', maxWeightGrams: 100, price: 12_000 },
  { service: 'result_delivery', zone: 'same_district', maxWeightGrams: 500, price: 16_500 },
  { service: 'result_delivery', zone: 'same_province', maxWeightGrams: 100, price: 15_000 },
  { service: 'result_delivery', zone: 'same_province', maxWeightGrams: 500, price: 20_500 },
  { service: 'result_delivery', zone: 'inter_province', maxWeightGrams: 100, price: 22_000 },
  { service: 'result_delivery', zone: 'inter_province', maxWeightGrams: 500, price: 31_000 },
  { service: 'papers_return', zone: 'same_district', maxWeightGrams: 100, price: 12_000 },
  { service: 'papers_return', zone: 'same_province', maxWeightGrams: 100, price: 15_000 },
  { service: 'papers_return', zone: 'inter_province', maxWeightGrams: 100, price: 22_000 },
  { service: 'batch', zone: 'same_district', maxWeightGrams: 5000, price: 0 },
  { service: 'batch', zone: 'same_province', maxWeightGrams: 5000, price: 0 },
  { service: 'batch', zone: 'inter_province', maxWeightGrams: 5000, price: 0 },
];

async function insertPostalNetwork(trx: Executor, org: DemoOrg, siteIds: Map<string, string>) {
  for (const t of DEMO_TARIFF) {
    await trx
      .insertInto('postal_tariffs')
      .values({
        id: newId(),
        service: t.service,
        zone: t.zone,
        max_weight_grams: t.maxWeightGrams,
        price: t.price,
        valid_from: '2018-01-01',
        note: 'Giá minh họa cho dữ liệu mẫu',
      })
      .execute();
  }
  let block = 10;
  for (const s of org.servicePoints) {
    if (s.hostType !== 'post_office') continue;
    const start = block * 1_000_000;
    block += 1;
    await trx
      .insertInto('s10_series')
      .values({
        site_id: required(siteIds, s.code, 'service point'),
        service_indicator: 'EA',
        range_start: start,
        range_end: start + 999_999,
        last_serial: start - 1,
      })
      .execute();
  }
}
