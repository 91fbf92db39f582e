import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The two-level organisation of 1/7/2025 (docs/organisation.md):
 * - agencies, service points and staff grants carry their validity (`valid_from` / `valid_to`,
 *   Vietnam dates, `valid_to` the last day in force) and, once ended, the successor that took over;
 * - competence belongs to the procedure version: its level, competent agency kind, last day in force
 *   and whether it may be received anywhere in the province (tiếp nhận không phụ thuộc địa giới
 *   hành chính); null level / kind means "as on the procedure" (versions written before this);
 * - `org_reorganisations` records each reorganisation applied (its date is the key: a second apply
 *   of the same date changes nothing).
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  for (const table of ['agencies', 'service_points']) {
    await db.schema.alterTable(table).addColumn('valid_from', 'text').execute();
    await db.schema.alterTable(table).addColumn('valid_to', 'text').execute();
    await db.schema
      .alterTable(table)
      .addColumn('successor_id', 'text', (c) => c.references(`${table}.id`))
      .execute();
  }
  await db.schema.alterTable('user_roles').addColumn('valid_from', 'text').execute();
  await db.schema.alterTable('user_roles').addColumn('valid_to', 'text').execute();

  await db.schema.alterTable('procedure_versions').addColumn('valid_to', 'text').execute();
  await db.schema.alterTable('procedure_versions').addColumn('level', 'text').execute();
  await db.schema.alterTable('procedure_versions').addColumn('agency_kind', 'text').execute();
  await db.schema
    .alterTable('procedure_versions')
    .addColumn('province_wide_receipt', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('procedure_versions_in_force_idx')
    .on('procedure_versions')
    .columns(['procedure_id', 'valid_from'])
    .execute();

  await db.schema
    .createTable('org_reorganisations')
    .addColumn('effective_date', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .addColumn('applied_by', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addCheckConstraint('org_reorganisations_date_check', sql`length(effective_date) = 10`)
    .execute();
}
