import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Maker–checker for reversals (docs/money.md §10): a reversal is asked for by one person and posted
 * only when a second approves. `reversal_requests_maker_checker_ck (approved_by <> requested_by)`;
 * one request per posting (`reversal_requests_posting_uq`).
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('reversal_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('posting_id', 'text', (c) => c.notNull().references('ledger_postings.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('client_tx_id', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .addColumn('approved_at', 'text')
    .addColumn('reversal_posting_id', 'text', (c) => c.references('ledger_postings.id'))
    .addUniqueConstraint('reversal_requests_posting_uq', ['posting_id'])
    .addUniqueConstraint('reversal_requests_client_tx_uq', ['office_id', 'client_tx_id'])
    .addCheckConstraint(
      'reversal_requests_maker_checker_ck',
      sql`approved_by is null or approved_by <> requested_by`,
    )
    .addCheckConstraint(
      'reversal_requests_approved_ck',
      sql`(approved_by is null and approved_at is null and reversal_posting_id is null)
        or (approved_by is not null and approved_at is not null and reversal_posting_id is not null)`,
    )
    .execute();
}
