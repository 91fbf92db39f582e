import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The post office's money ledger (docs/money.md §9, "Server"): counterparts (the social-insurance
 * agency, the State Treasury), programmes per office, cash drawers, accounts, and the append-only
 * postings with their entries. Postings and entries take no UPDATE or DELETE (a trigger refuses them
 * on both engines): a correction is a reversing posting. On PostgreSQL a deferred constraint trigger
 * also refuses, at commit, a posting whose entries do not balance; on both engines the service checks
 * every posting with the core's `assertValidPosting` before it is written.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('counterparts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('account_no', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('counterparts_code_uq', ['code'])
    .addCheckConstraint('counterparts_kind_ck', sql`kind in ('social_insurance_agency', 'state_treasury')`)
    .execute();

  await db.schema
    .createTable('programmes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('counterpart_id', 'text', (c) => c.notNull().references('counterparts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('programmes_kind_uq', ['office_id', 'kind'])
    .addCheckConstraint(
      'programmes_kind_ck',
      sql`kind in ('pension', 'benefit', 'voluntary_si', 'household_hi', 'traffic_fines')`,
    )
    .execute();

  await db.schema
    .createTable('cash_drawers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('cash_drawers_name_uq', ['office_id', 'name'])
    .execute();

  await db.schema
    .createTable('ledger_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('drawer_id', 'text', (c) => c.references('cash_drawers.id'))
    .addColumn('programme_id', 'text', (c) => c.references('programmes.id'))
    .addColumn('counterpart_id', 'text', (c) => c.references('counterparts.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('VND'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    // One account per purpose and owner: `owner_key` is the drawer, programme or counterpart id
    // ('' for the office's own accounts), so a concurrent set-up cannot create two.
    .addColumn('owner_key', 'text', (c) => c.notNull())
    .addUniqueConstraint('ledger_accounts_owner_uq', ['office_id', 'purpose', 'owner_key'])
    .addCheckConstraint(
      'ledger_accounts_kind_ck',
      sql`kind in ('cash_drawer', 'office', 'programme', 'counterpart')`,
    )
    .addCheckConstraint(
      'ledger_accounts_owner_ck',
      sql`(kind = 'cash_drawer' and drawer_id is not null and programme_id is null and counterpart_id is null)
        or (kind = 'programme' and programme_id is not null and drawer_id is null and counterpart_id is null)
        or (kind = 'counterpart' and counterpart_id is not null and drawer_id is null and programme_id is null)
        or (kind = 'office' and drawer_id is null and programme_id is null and counterpart_id is null)`,
    )
    .addCheckConstraint(
      'ledger_accounts_purpose_ck',
      sql`purpose in ('cash', 'office', 'differences', 'programme', 'counterpart')`,
    )
    .execute();
  await db.schema
    .createIndex('ledger_accounts_office_idx')
    .on('ledger_accounts')
    .column('office_id')
    .execute();

  await db.schema
    .createTable('ledger_postings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('posted_on', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('reversal_of', 'text', (c) => c.references('ledger_postings.id'))
    .addColumn('memo', 'text')
    .addColumn('client_tx_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('ledger_postings_client_tx_uq', ['office_id', 'client_tx_id'])
    .addUniqueConstraint('ledger_postings_reversal_uq', ['reversal_of'])
    .addCheckConstraint(
      'ledger_postings_operation_ck',
      sql`operation in ('cash_payout', 'cash_collection', 'transfer_collection', 'programme_funding',
        'payout_settlement', 'funds_return', 'collection_settlement', 'remittance', 'float_in', 'float_out',
        'drawer_difference', 'reversal')`,
    )
    .execute();
  await db.schema
    .createIndex('ledger_postings_office_day_idx')
    .on('ledger_postings')
    .columns(['office_id', 'posted_on'])
    .execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('posting_id', 'text', (c) => c.notNull().references('ledger_postings.id'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('ledger_accounts.id'))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_entries_pk', ['posting_id', 'line'])
    .addCheckConstraint('ledger_entries_amount_ck', sql`amount > 0`)
    .addCheckConstraint('ledger_entries_side_ck', sql`side in ('debit', 'credit')`)
    .execute();
  await db.schema
    .createIndex('ledger_entries_account_idx')
    .on('ledger_entries')
    .column('account_id')
    .execute();

  // Append-only: no UPDATE or DELETE of a posting or an entry, whoever runs it.
  if (dialect === 'postgres') {
    await sql`create function money_append_only() returns trigger language plpgsql as $$
      begin
        raise exception '% is append-only: a correction is a reversing posting', tg_table_name
          using errcode = '55000';
      end $$`.execute(db);
    for (const table of ['ledger_postings', 'ledger_entries']) {
      await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
        for each row execute function money_append_only()`.execute(db);
    }
    // Σ debits = Σ credits per posting, checked when the transaction commits (all its entries written).
    await sql`create function ledger_entries_balanced() returns trigger language plpgsql as $$
      begin
        if (select coalesce(sum(case when side = 'debit' then amount else -amount end), 0)
              from ledger_entries where posting_id = new.posting_id) <> 0 then
          raise exception 'ledger_entries_balanced: posting % does not balance', new.posting_id
            using errcode = '23514';
        end if;
        return null;
      end $$`.execute(db);
    await sql`create constraint trigger ledger_entries_balanced after insert on ledger_entries
      deferrable initially deferred for each row execute function ledger_entries_balanced()`.execute(db);
  } else {
    for (const table of ['ledger_postings', 'ledger_entries']) {
      for (const event of ['update', 'delete']) {
        await sql`create trigger ${sql.raw(`${table}_no_${event}`)} before ${sql.raw(event)} on ${sql.table(table)}
          begin select raise(abort, ${sql.lit(`${table} is append-only: a correction is a reversing posting`)}); end`.execute(
          db,
        );
      }
    }
  }
}
