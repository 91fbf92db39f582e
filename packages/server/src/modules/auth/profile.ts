import { Type } from 'typebox';
import type { Database } from '../../db/database.ts';
import { Nullable } from '../../http/schemas.ts';

const Ref = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });

export const ProfileSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  fullName: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  locale: Type.String(),
  roles: Type.Array(
    Type.Object({
      role: Type.String(),
      servicePoint: Nullable(Ref),
      agency: Nullable(Ref),
      unit: Nullable(Ref),
    }),
  ),
});

export type Profile = {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  locale: string;
  roles: {
    role: string;
    servicePoint: { id: string; code: string; name: string } | null;
    agency: { id: string; code: string; name: string } | null;
    unit: { id: string; code: string; name: string } | null;
  }[];
};

/** A user as the console shows them: names of the sites, agencies and units of each role. */
export async function profileOf(database: Database, userId: string): Promise<Profile> {
  const { db } = database;
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const roles = await db
    .selectFrom('user_roles as r')
    .leftJoin('service_points as sp', 'sp.id', 'r.service_point_id')
    .leftJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('admin_units as u', 'u.id', 'r.unit_id')
    .select([
      'r.role',
      'sp.id as spId',
      'sp.code as spCode',
      'sp.name as spName',
      'a.id as aId',
      'a.code as aCode',
      'a.name as aName',
      'u.id as uId',
      'u.code as uCode',
      'u.name as uName',
    ])
    .where('r.user_id', '=', userId)
    .orderBy('r.role')
    .execute();
  return {
    id: user.id,
    username: user.username,
    fullName: user.full_name,
    email: user.email,
    phone: user.phone,
    locale: user.locale,
    roles: roles.map((r) => ({
      role: r.role,
      servicePoint: r.spId ? { id: r.spId, code: r.spCode!, name: r.spName! } : null,
      agency: r.aId ? { id: r.aId, code: r.aCode!, name: r.aName! } : null,
      unit: r.uId ? { id: r.uId, code: r.uCode!, name: r.uName! } : null,
    })),
  };
}
