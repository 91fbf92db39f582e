import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createWorkCalendar, searchKey } from '@motcua/core';
import { recordAudit } from '../audit/audit.ts';
import { clearGrantsCache, loadGrants } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { inTransaction, newId, nowIso, toJson } from '../db/helpers.ts';
import { clearReferenceCaches } from '../db/reference-cache.ts';
import { receiveDossier } from '../modules/dossiers/intake.ts';
import { applyReorganisation, planCounts } from '../modules/org/reorganise.ts';
import { insertUser } from '../modules/users/service.ts';
import type { Actor } from '../policy/policy.ts';
import type { Role } from '../policy/roles.ts';
import { loadCatalogue2025 } from './catalog-2025.ts';
import { SEED_DIR } from './units.ts';

interface PresentOrg {
  openingHours: { start: string; end: string }[];
  agencies: { code: string; name: string; kind: string; unitId: string }[];
  servicePoints: { code: string; name: string; unitId: string; agencyCode: string; address: string }[];
  users: {
    username: string;
    fullName: string;
    roles: { role: Role; servicePointCode?: string; agencyCode?: string; unitCode?: string }[];
  }[];
}

export function presentOrg(): PresentOrg {
  return JSON.parse(readFileSync(path.join(SEED_DIR, 'demo/org-2025.json'), 'utf8')) as PresentOrg;
}

/** The present era's demo users, as `seedDemo` lists them (printed first by `npm start`). */
export function presentUsers() {
  return presentOrg().users.map((u) => ({
    username: u.username,
    fullName: u.fullName,
    roles: u.roles.map((r) => {
      const where = r.servicePointCode ?? r.agencyCode ?? (r.unitCode ? `unit ${r.unitCode}` : null);
      return where ? `${r.role} @ ${where}` : `${r.role} (toàn quốc)`;
    }),
  }));
}

async function actor(database: Database, username: string): Promise<Actor> {
  const user = await database.db
    .selectFrom('users')
    .select(['id', 'username', 'full_name'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    userId: user.id,
    username: user.username,
    fullName: user.full_name,
    grants: await loadGrants(database, user.id),
    sessionKind: 'api',
  };
}

/**
 * The present of the demo timeline (docs/organisation.md): Đồng Nai's commune bodies and centres from
 * 1/7/2025, the 2025 versions of the catalogue, the reorganisation of 1/7/2025 applied through the
 * operation (the 2018 pilot's sites re-attached, its bodies closed with their successors, its open
 * dossiers handed over), then today's dossiers at the centres and the re-attached post offices.
 */
export async function seedPresent(
  database: Database,
  passwordHash: string,
  today = new Date(),
): Promise<{ dossiers: number; reorganisation: ReturnType<typeof planCounts> }> {
  const org = presentOrg();
  await inTransaction(database, async (trx) => {
    const now = nowIso();
    const agencyIds = new Map<string, string>();
    for (const a of org.agencies) {
      const id = newId();
      agencyIds.set(a.code, id);
      await trx
        .insertInto('agencies')
        .values({
          id,
          code: a.code,
          name: a.name.normalize('NFC'),
          name_key: searchKey(a.name),
          kind: a.kind,
          unit_id: a.unitId,
          active: 1,
          valid_from: '2025-07-01',
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    const siteIds = new Map<string, string>();
    for (const s of org.servicePoints) {
      const id = newId();
      siteIds.set(s.code, id);
      await trx
        .insertInto('service_points')
        .values({
          id,
          code: s.code,
          name: s.name.normalize('NFC'),
          name_key: searchKey(s.name),
          kind: 'public_admin_centre',
          host_type: 'government_office',
          unit_id: s.unitId,
          agency_id: agencyIds.get(s.agencyCode) ?? null,
          address: s.address.normalize('NFC'),
          counters: 3,
          opening_hours: toJson(org.openingHours),
          receives_dossiers: 1,
          returns_results: 1,
          pays_benefits: 0,
          collects_money: 1,
          pilot: 0,
          rollout_phase: null,
          move_date: null,
          notes: null,
          active: 1,
          valid_from: '2025-07-01',
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    for (const u of org.users) {
      await insertUser(trx, {
        username: u.username,
        fullName: u.fullName,
        passwordHash,
        roles: u.roles.map((r) => ({
          role: r.role,
          servicePointId: r.servicePointCode ? (siteIds.get(r.servicePointCode) ?? null) : null,
          agencyId: r.agencyCode ? (agencyIds.get(r.agencyCode) ?? null) : null,
          unitId: r.unitCode ?? null,
        })),
      });
    }
    await loadCatalogue2025(trx, database);
    await recordAudit(trx, database.dialect, {
      actor: null,
      action: 'seed.demo_present',
      entityType: 'system',
      after: {
        agencies: org.agencies.length,
        servicePoints: org.servicePoints.length,
        users: org.users.length,
      },
    });
  });
  clearReferenceCaches();
  clearGrantsCache();
  const plan = await applyReorganisation(database, null, '2025-07-01', new Date('2025-07-01T07:00:00+07:00'));

  // Today's dossiers: the days before `today`, on working days, at the centres and the re-attached post offices.
  const cal = createWorkCalendar();
  const back = (days: number, hour: number) => {
    let date = new Date(today.getTime() + 7 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
    while (!cal.isWorkingDay(date))
      date = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);
  };
  const people = [
    {
      name: 'Nguyễn Thị Ánh',
      idNumber: '070190001234',
      birthDate: '1990-05-12',
      sex: 'female',
      phone: '0912345678',
    },
    {
      name: 'Đặng Văn Đức',
      idNumber: '070085004321',
      birthDate: '1985-02-03',
      sex: 'male',
      phone: '0987654321',
    },
    {
      name: 'Điểu Thị Lan',
      idNumber: '070199003579',
      birthDate: '1999-01-15',
      sex: 'female',
      phone: '0779111222',
    },
  ] as const;
  const receipts: [string, string, string, string, number, number][] = [
    // clerk, site, procedure, applicant's commune, days back, hour
    ['gdv.nghiatrung', 'TTPVHCC-NGHIATRUNG', '1.001612', '2025:25417', 2, 9],
    ['gdv.nghiatrung', 'TTPVHCC-NGHIATRUNG', '1.004873', '2025:25417', 1, 10],
    ['gdv.dongtam', 'TTPVHCC-DONGTAM', '1.001193', '2025:25390', 1, 8],
    ['gdv.anloc', 'TTPVHCC-ANLOC', '1.001612', '2025:25308', 0, 9], // a Thiện Hưng household, received at An Lộc
    ['gdv.thienhung', 'TTPVHCC-THIENHUNG', '1.004873', '2025:25308', 0, 10],
    ['gdv.duclieu', 'BDVHX-DUCLIEU', '1.001612', '2025:25417', 0, 8], // the post office, now in Nghĩa Trung
    ['gdv.dongtien', 'BDVHX-DONGTIEN', '1.001193', '2025:25390', 0, 9],
  ];
  let n = 0;
  for (const [username, siteCode, code, unitId, days, hour] of receipts) {
    const site = await database.db
      .selectFrom('service_points')
      .select('id')
      .where('code', '=', siteCode)
      .executeTakeFirstOrThrow();
    const procedure = await database.db
      .selectFrom('procedures as p')
      .innerJoin('procedure_versions as v', (j) =>
        j.onRef('v.procedure_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'),
      )
      .select(['p.id', 'v.documents', 'v.fees'])
      .where('p.code', '=', code)
      .executeTakeFirstOrThrow();
    const documents = JSON.parse(procedure.documents) as { required: boolean }[];
    const fee = (JSON.parse(procedure.fees) as { amount: number }[]).reduce((s, f) => s + f.amount, 0);
    const person = people[n % people.length]!;
    n += 1;
    await receiveDossier(
      database,
      await actor(database, username),
      {
        clientTxId: `demo-present-${siteCode}-${n}`,
        siteId: site.id,
        procedureId: procedure.id,
        applicant: { kind: 'person', ...person, address: 'Đồng Nai', unitId },
        documents: documents
          .map((d, index) => ({ d, index }))
          .filter(({ d }) => d.required)
          .map(({ index }) => ({ index })),
        returnMethod: 'counter',
        fee: fee > 0 ? { amount: fee, method: 'cash' } : null,
      },
      back(days, hour),
    );
  }
  return { dossiers: n, reorganisation: planCounts(plan) };
}
