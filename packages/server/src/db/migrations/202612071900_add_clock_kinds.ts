import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The clock's kinds of time limit (docs/calendar.md §3): a procedure version's `processing_kind` is
 * working days, working hours, within the day (`within_day`, with an optional `processing_cutoff`
 * `HH:MM`) or calendar days excluding holidays; a site may set the within-the-day cut-off of the
 * dossiers it receives (`within_day_cutoff`); a dossier keeps the kind and cut-off it was received under.
 *
 * `procedure_versions.processing_unit` keeps its CHECK (SQLite cannot change a table's CHECK without
 * rebuilding a table other tables reference), so `processing_kind` is the authority and the old column
 * mirrors it, holding `working_days` for a within-the-day version. Existing versions keep their unit
 * (working days stay working days). `dossiers.processing_unit` has no CHECK and holds the kind itself.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('procedure_versions')
    .addColumn('processing_kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('working_days')
        .check(
          sql`processing_kind in ('working_days', 'working_hours', 'within_day', 'calendar_days_excl_holidays')`,
        ),
    )
    .execute();
  await db.schema.alterTable('procedure_versions').addColumn('processing_cutoff', 'text').execute();
  await sql`update procedure_versions set processing_kind = processing_unit`.execute(db);
  await db.schema.alterTable('dossiers').addColumn('processing_cutoff', 'text').execute();
  await db.schema.alterTable('service_points').addColumn('within_day_cutoff', 'text').execute();
}
