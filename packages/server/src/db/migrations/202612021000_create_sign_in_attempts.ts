import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Failed sign-ins counted per account name, in the database so every server process shares the count
 * (`security/account-lock.ts`). Keyed by the SHA-256 of the lower-cased username, whether an account
 * has it or not, so names that do not exist lock the same way and what an attacker typed is not kept.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('account_key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addCheckConstraint('sign_in_attempts_failures_check', sql`failures >= 0`)
    .execute();
}
