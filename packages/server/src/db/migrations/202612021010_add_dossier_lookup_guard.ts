import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The citizen lookup's guard of each dossier's check digits (`modules/public/guard.ts`): wrong digits
 * given for its code, when the last was, and until when lookups by code are refused. On the dossier
 * row, so a lookup reads them with the row it needs anyway (a successful lookup costs no query more).
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('dossiers')
    .addColumn('lookup_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('dossiers').addColumn('lookup_failed_at', 'text').execute();
  await db.schema.alterTable('dossiers').addColumn('lookup_locked_until', 'text').execute();
}
