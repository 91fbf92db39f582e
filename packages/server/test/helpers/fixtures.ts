import type { Database } from '../../src/db/database.ts';
import type { Client } from './app.ts';

let counter = 0;
/** A fresh client transaction id. */
export const tx = (label = 'tx') =>
  `${label}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export async function siteId(database: Database, code: string): Promise<string> {
  return (
    await database.db
      .selectFrom('service_points')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
  ).id;
}
export async function agencyId(database: Database, code: string): Promise<string> {
  return (
    await database.db.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  ).id;
}
export async function userId(database: Database, username: string): Promise<string> {
  return (
    await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id;
}
export async function procedure(database: Database, code: string) {
  const p = await database.db
    .selectFrom('procedures')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  const v = await database.db
    .selectFrom('procedure_versions')
    .selectAll()
    .where('procedure_id', '=', p.id)
    .where('version', '=', p.current_version)
    .executeTakeFirstOrThrow();
  const documents = JSON.parse(v.documents) as { name: string; required: boolean }[];
  const fees = JSON.parse(v.fees) as { amount: number }[];
  return { ...p, documents, fee: fees.reduce((s, f) => s + f.amount, 0) };
}

/** The body of an intake with every mandatory document ticked, for Nguyễn Thị Ánh. */
export async function intakeBody(
  database: Database,
  siteCode: string,
  procedureCode: string,
  extra: Record<string, unknown> = {},
) {
  const p = await procedure(database, procedureCode);
  return {
    clientTxId: tx('intake'),
    siteId: await siteId(database, siteCode),
    procedureId: p.id,
    applicant: {
      kind: 'person',
      name: 'Nguyễn Thị Ánh',
      idNumber: '070190001234',
      birthDate: '1990-05-12',
      sex: 'female',
      phone: '0912 345 678',
      address: 'Thôn 3, xã Đức Liễu, huyện Bù Đăng, tỉnh Bình Phước',
      unitId: '2008:25417',
    },
    documents: p.documents
      .map((d, index) => ({ d, index }))
      .filter(({ d }) => d.required)
      .map(({ index }) => ({ index })),
    returnMethod: 'counter',
    fee: p.fee > 0 ? { amount: p.fee, method: 'cash' } : null,
    ...extra,
  };
}

export async function expectOk(response: { statusCode: number; body: string }, status = 200) {
  if (response.statusCode !== status)
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`);
}

export type { Client };
