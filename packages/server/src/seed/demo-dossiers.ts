import { createWorkCalendar } from '@motcua/core';
import { loadGrants } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { confirmItem, createBatch } from '../modules/dossiers/handover.ts';
import { type IntakeInput, receiveDossier } from '../modules/dossiers/intake.ts';
import {
  approveDossier,
  assignOfficer,
  recordResult,
  recordStep,
  requestSupplement,
  submitForApproval,
} from '../modules/dossiers/processing.ts';
import { returnResult } from '../modules/dossiers/return.ts';
import type { Actor } from '../policy/policy.ts';

/** Applicants of the demo (invented people with real-looking Vietnamese names and valid IDs). */
const PEOPLE = [
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
    name: 'Trần Thị Ngọc Hân',
    idNumber: '070195007788',
    birthDate: '1995-09-21',
    sex: 'female',
    phone: '0355123456',
  },
  { name: 'Lê Văn Tám', idNumber: '070072002468', birthDate: '1972-11-30', sex: 'male', phone: '0868222333' },
  {
    name: 'Điểu Thị Lan',
    idNumber: '070199003579',
    birthDate: '1999-01-15',
    sex: 'female',
    phone: '0779111222',
  },
  {
    name: 'Phạm Minh Khôi',
    idNumber: '070201001357',
    birthDate: '2001-07-07',
    sex: 'male',
    phone: '0903456789',
  },
] as const;

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

const id = (code: string) => async (database: Database, table: 'service_points' | 'agencies') =>
  (await database.db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

/**
 * A few dozen dossiers in every state, made through the real services with past dates so the
 * console, the book, the inbox and the overview have something to show: received at the pilot
 * cultural post offices and at non-pilot units, in transit, at the district, awaiting a supplement,
 * late, returned. Deterministic for a given `today`.
 */
export async function seedDemoDossiers(database: Database, today = new Date()): Promise<number> {
  const cal = createWorkCalendar();
  /** `days` calendar days before today at `hour` Vietnam time, moved back to the previous working day. */
  const back = (days: number, hour = 9) => {
    let date = new Date(today.getTime() + 7 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
    while (!cal.isWorkingDay(date))
      date = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);
  };
  const procedures = new Map<string, { id: string; documents: { required: boolean }[]; fee: number }>();
  const procedure = async (code: string) => {
    const hit = procedures.get(code);
    if (hit) return hit;
    const p = await database.db
      .selectFrom('procedures as p')
      .innerJoin('procedure_versions as v', (j) =>
        j.onRef('v.procedure_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'),
      )
      .select(['p.id', 'v.documents', 'v.fees'])
      .where('p.code', '=', code)
      .executeTakeFirstOrThrow();
    const value = {
      id: p.id,
      documents: JSON.parse(p.documents) as { required: boolean }[],
      fee: (JSON.parse(p.fees) as { amount: number }[]).reduce((s, f) => s + f.amount, 0),
    };
    procedures.set(code, value);
    return value;
  };
  let n = 0;
  const receive = async (
    clerk: Actor,
    siteCode: string,
    procedureCode: string,
    person: (typeof PEOPLE)[number],
    at: Date,
    extra: Partial<IntakeInput> = {},
  ) => {
    const p = await procedure(procedureCode);
    n += 1;
    return receiveDossier(
      database,
      clerk,
      {
        clientTxId: `demo-${siteCode}-${n}`,
        siteId: await id(siteCode)(database, 'service_points'),
        procedureId: p.id,
        applicant: {
          kind: 'person',
          name: person.name,
          idNumber: person.idNumber,
          birthDate: person.birthDate,
          sex: person.sex,
          phone: person.phone,
          address: 'Bình Phước',
        },
        documents: p.documents
          .map((d, index) => ({ d, index }))
          .filter(({ d }) => d.required)
          .map(({ index }) => ({ index })),
        returnMethod: 'counter',
        fee: p.fee > 0 ? { amount: p.fee, method: 'cash' } : null,
        ...extra,
      },
      at,
    ).then(({ dossier }) => dossier);
  };

  const clerkDucLieu = await actor(database, 'gdv.duclieu');
  const clerkDongTien = await actor(database, 'gdv.dongtien');
  const clerkThanhLuong = await actor(database, 'gdv.thanhluong');
  const clerkBuDang = await actor(database, 'gdv.mcbudang');
  const clerkMinhHung = await actor(database, 'gdv.minhhung');
  const officer = await actor(database, 'cv.budang');
  const leader = await actor(database, 'ld.budang');
  const officerDucLieu = await actor(database, 'cv.duclieu');
  const leaderDucLieu = await actor(database, 'ld.duclieu');
  const buDangPc = await id('000.00.29.H10')(database, 'agencies');
  const ducLieu = await id('BDVHX-DUCLIEU')(database, 'service_points');

  // Commune procedures decided at the commune units (certified copies, civil status).
  for (const [i, person] of PEOPLE.entries()) {
    await receive(
      clerkDongTien,
      'BDVHX-DONGTIEN',
      i % 2 ? '2.000635' : '1.001193',
      person,
      back(10 - i, 8 + i),
    );
    await receive(clerkThanhLuong, 'BDVHX-THANHLUONG', '1.004873', person, back(8 - (i % 3), 10));
    await receive(clerkMinhHung, 'MC-MINHHUNG-BD', '1.001193', person, back(6, 8 + i));
  }

  // Commune-level at Đức Liễu, decided and returned.
  const commune = await receive(clerkDucLieu, 'BDVHX-DUCLIEU', '1.004873', PEOPLE[1], back(9, 8));
  await submitForApproval(
    database,
    officerDucLieu,
    { dossierId: commune.id, clientTxId: `demo-sub-${commune.id}` },
    back(8, 9),
  );
  await approveDossier(
    database,
    leaderDucLieu,
    { dossierId: commune.id, clientTxId: `demo-ap-${commune.id}` },
    back(8, 10),
  );
  await recordResult(
    database,
    officerDucLieu,
    {
      dossierId: commune.id,
      clientTxId: `demo-res-${commune.id}`,
      number: '12/XN-UBND',
      date: back(8).toISOString().slice(0, 10),
      signer: 'Trần Văn Nam',
    },
    back(8, 11),
  );
  await returnResult(
    database,
    clerkDucLieu,
    {
      dossierId: commune.id,
      clientTxId: `demo-ret-${commune.id}`,
      method: 'counter',
      collector: { name: PEOPLE[1].name, idNumber: PEOPLE[1].idNumber, isProxy: false },
    },
    back(7, 9),
  );

  // District-level dossiers from Đức Liễu: the main job at several stages.
  const district = [];
  for (const [i, person] of PEOPLE.slice(0, 4).entries()) {
    district.push(
      await receive(clerkDucLieu, 'BDVHX-DUCLIEU', i % 2 ? '1.001612' : '2.000720', person, back(16, 8 + i)),
    );
  }
  const batch = await createBatch(
    database,
    clerkDucLieu,
    {
      clientTxId: 'demo-batch-1',
      direction: 'to_agency',
      siteId: ducLieu,
      agencyId: buDangPc,
      dossierIds: district.map((d) => d.id),
      courierName: 'Đặng Văn Đức',
    },
    back(16, 14),
  );
  for (const d of district) {
    await confirmItem(
      database,
      clerkBuDang,
      { batchId: batch.id, dossierId: d.id, clientTxId: `demo-confirm-${d.id}` },
      back(15, 8),
    );
  }
  const [first, second, third] = district as [
    (typeof district)[0],
    (typeof district)[0],
    (typeof district)[0],
  ];
  // 1: decided, on its way back to Đức Liễu.
  await assignOfficer(
    database,
    leader,
    { dossierId: first.id, clientTxId: `demo-as-${first.id}`, officerId: officer.userId },
    back(15, 9),
  );
  await recordStep(
    database,
    officer,
    { dossierId: first.id, clientTxId: `demo-st-${first.id}`, step: 'Thẩm định hồ sơ', budgetHours: 8 },
    back(14, 10),
  );
  await submitForApproval(
    database,
    officer,
    { dossierId: first.id, clientTxId: `demo-sub-${first.id}` },
    back(13, 9),
  );
  await approveDossier(
    database,
    leader,
    { dossierId: first.id, clientTxId: `demo-ap-${first.id}` },
    back(13, 10),
  );
  await recordResult(
    database,
    officer,
    {
      dossierId: first.id,
      clientTxId: `demo-res-${first.id}`,
      number: '203/GCN-HKD',
      date: back(13).toISOString().slice(0, 10),
      signer: 'Nguyễn Văn Lợi',
    },
    back(13, 11),
  );
  await createBatch(
    database,
    officer,
    {
      clientTxId: 'demo-back-1',
      direction: 'to_site',
      siteId: ducLieu,
      agencyId: buDangPc,
      dossierIds: [first.id],
      courierName: 'Đặng Văn Đức',
    },
    back(12, 14),
  );
  // 2: awaiting a supplement from the applicant.
  await assignOfficer(
    database,
    leader,
    { dossierId: second.id, clientTxId: `demo-as-${second.id}`, officerId: officer.userId },
    back(15, 9),
  );
  await requestSupplement(
    database,
    officer,
    {
      dossierId: second.id,
      clientTxId: `demo-sr-${second.id}`,
      items: ['Bản sao hợp đồng thuê địa điểm kinh doanh'],
      reason: 'Chưa có giấy tờ chứng minh quyền sử dụng địa điểm kinh doanh',
    },
    back(15, 10),
  );
  // 3: assigned, now past its deadline (shows on the overdue list).
  await assignOfficer(
    database,
    leader,
    { dossierId: third.id, clientTxId: `demo-as-${third.id}`, officerId: officer.userId },
    back(15, 9),
  );
  // 4: confirmed at the district, waiting to be assigned.

  // Received today at Đức Liễu, waiting for today's handover.
  await receive(clerkDucLieu, 'BDVHX-DUCLIEU', '1.001612', PEOPLE[4], back(0, 8));
  await receive(clerkBuDang, 'MC-BUDANG', '1.001612', PEOPLE[5], back(1, 10));
  return n;
}
