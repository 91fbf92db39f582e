import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Collections at the counter (docs/money.md, "Server"): voluntary social insurance, household health
 * insurance and road-traffic fines, each with the core's computation kept as its breakdown and the
 * `cash_collection` posting it made. `fines_decision_uq (issuer, decision_no)`: a decision is paid once.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('collections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id'))
    .addColumn('drawer_id', 'text', (c) => c.notNull().references('cash_drawers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payer_name', 'text', (c) => c.notNull())
    .addColumn('payer_citizen_id', 'text')
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('breakdown', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('posting_id', 'text', (c) => c.notNull().references('ledger_postings.id'))
    .addColumn('receipt_no', 'text', (c) => c.notNull())
    .addColumn('client_tx_id', 'text', (c) => c.notNull())
    .addColumn('collected_at', 'text', (c) => c.notNull())
    .addColumn('collected_by', 'text', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('collections_client_tx_uq', ['office_id', 'client_tx_id'])
    .addUniqueConstraint('collections_receipt_uq', ['receipt_no'])
    .addCheckConstraint('collections_amount_ck', sql`amount > 0`)
    .addCheckConstraint('collections_kind_ck', sql`kind in ('voluntary_si', 'household_hi', 'traffic_fine')`)
    .addCheckConstraint('collections_method_ck', sql`method in ('cash')`)
    .execute();
  await db.schema
    .createIndex('collections_office_idx')
    .on('collections')
    .columns(['office_id', 'collected_at'])
    .execute();

  await db.schema
    .createTable('fines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('decision_date', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text')
    .addColumn('violator', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('last_day', 'text', (c) => c.notNull())
    .addColumn('late_days', 'integer', (c) => c.notNull())
    .addColumn('surcharge', 'bigint', (c) => c.notNull())
    .addColumn('collection_id', 'text', (c) => c.notNull().references('collections.id'))
    .addUniqueConstraint('fines_decision_uq', ['issuer', 'decision_no'])
    .addCheckConstraint('fines_amount_ck', sql`amount > 0 and surcharge >= 0 and late_days >= 0`)
    .execute();
}
