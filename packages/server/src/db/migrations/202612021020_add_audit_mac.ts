import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * A keyed MAC beside each audit row's hash, and the last one on the head (`audit/anchor.ts`): rows
 * written before the audit key existed keep a null MAC.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('mac', 'text').execute();
  await db.schema.alterTable('audit_head').addColumn('mac', 'text').execute();
}
