import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The area an agency serves when it is not its own unit (docs/organisation.md): a branch of the
 * province's land registration office (Chi nhánh Văn phòng đăng ký đất đai) sits in the province but
 * serves a group of communes. One row per (agency, unit); routing looks the applicant's commune up here
 * before walking up the units.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('agency_areas')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('admin_units.id'))
    .addPrimaryKeyConstraint('agency_areas_pk', ['agency_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('agency_areas_unit_idx').on('agency_areas').column('unit_id').execute();
}
