import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Payout programmes (docs/money.md, "Server: tables, routes, guarantees"): the monthly lists the
 * agency sends, their lines, the payments made at the counter and the reconciliation record of a
 * closed period.
 * - `payout_lines_once_uq (programme_kind, citizen_id, period, benefit_key)`: a beneficiary is on one
 *   line per programme kind, period and benefit kind in the whole database (two offices' lists
 *   cannot both carry them), and `payments_line_uq (line_id)` lets that line be paid once: together,
 *   never paid twice for one period, whatever two counters do at the same instant.
 * - `payout_lists_file_uq (programme_id, file_hash)`: the same file imported twice creates nothing.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('payout_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_total', 'integer', (c) => c.notNull())
    .addColumn('rows_imported', 'integer', (c) => c.notNull())
    .addColumn('rows_skipped', 'integer', (c) => c.notNull())
    .addColumn('total_amount', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('payout_lists_file_uq', ['programme_id', 'file_hash'])
    .addCheckConstraint('payout_lists_status_ck', sql`status in ('imported', 'closed')`)
    .addCheckConstraint(
      'payout_lists_rows_ck',
      sql`rows_imported >= 0 and rows_skipped >= 0 and rows_imported + rows_skipped <= rows_total and total_amount >= 0`,
    )
    .execute();

  await db.schema
    .createTable('payout_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('list_id', 'text', (c) => c.notNull().references('payout_lists.id'))
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('programme_kind', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('social_insurance_number', 'text')
    .addColumn('benefit_kind', 'text')
    .addColumn('benefit_key', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('payout_point', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('proxy_name', 'text')
    .addColumn('proxy_citizen_id', 'text')
    .addColumn('proxy_authorised_on', 'text')
    .addColumn('proxy_expires_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addUniqueConstraint('payout_lines_once_uq', ['programme_kind', 'citizen_id', 'period', 'benefit_key'])
    .addCheckConstraint('payout_lines_amount_ck', sql`amount > 0`)
    .addCheckConstraint('payout_lines_status_ck', sql`status in ('unpaid', 'paid', 'returned', 'cancelled')`)
    .execute();
  await db.schema
    .createIndex('payout_lines_list_idx')
    .on('payout_lines')
    .columns(['list_id', 'status'])
    .execute();
  await db.schema
    .createIndex('payout_lines_office_name_idx')
    .on('payout_lines')
    .columns(['office_id', 'name_key'])
    .execute();
  await db.schema
    .createIndex('payout_lines_citizen_idx')
    .on('payout_lines')
    .columns(['citizen_id', 'period'])
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('line_id', 'text', (c) => c.notNull().references('payout_lines.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('drawer_id', 'text', (c) => c.notNull().references('cash_drawers.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('payee', 'text', (c) => c.notNull())
    .addColumn('payee_name', 'text', (c) => c.notNull())
    .addColumn('payee_citizen_id', 'text', (c) => c.notNull())
    .addColumn('identity_checked', 'integer', (c) => c.notNull())
    .addColumn('proxy_certified', 'integer')
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('paid_at', 'text', (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('posting_id', 'text', (c) => c.notNull().references('ledger_postings.id'))
    .addColumn('client_tx_id', 'text', (c) => c.notNull())
    .addColumn('paid_by', 'text', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('payments_line_uq', ['line_id'])
    .addUniqueConstraint('payments_client_tx_uq', ['office_id', 'client_tx_id'])
    .addCheckConstraint('payments_channel_ck', sql`channel in ('counter', 'home')`)
    .addCheckConstraint('payments_payee_ck', sql`payee in ('beneficiary', 'proxy')`)
    .addCheckConstraint('payments_identity_ck', sql`identity_checked = 1`)
    .addCheckConstraint('payments_amount_ck', sql`amount > 0`)
    .execute();

  await db.schema
    .createTable('payout_reconciliations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('list_id', 'text', (c) => c.notNull().references('payout_lists.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('lines_paid', 'integer', (c) => c.notNull())
    .addColumn('amount_paid', 'bigint', (c) => c.notNull())
    .addColumn('lines_returned', 'integer', (c) => c.notNull())
    .addColumn('amount_returned', 'bigint', (c) => c.notNull())
    .addColumn('settlement_posting_id', 'text', (c) => c.references('ledger_postings.id'))
    .addColumn('return_posting_id', 'text', (c) => c.references('ledger_postings.id'))
    .addColumn('export_csv', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('payout_reconciliations_list_uq', ['list_id'])
    .execute();
}
