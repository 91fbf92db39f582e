import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * What the printed forms need beyond the organisation itself, set by an administrator and kept as
 * history (a new row per change, never updated): a form issued on a date prints the settings valid
 * then. Per site: its contact phone (Mẫu 02) and, where it collects fees, the receipt book (ký hiệu
 * mẫu, ký hiệu) and the collecting organisation's name and tax code (NĐ 123/2020 Art. 32). Per
 * agency: the governing body printed above its name, the title of its head and its contact phone.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('site_print_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text')
    .addColumn('fee_collector_name', 'text')
    .addColumn('fee_collector_tax_code', 'text')
    .addColumn('receipt_form_symbol', 'text')
    .addColumn('receipt_series', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'site_print_settings_receipt_book_check',
      sql`(receipt_form_symbol is null) = (receipt_series is null)`,
    )
    .execute();
  await db.schema
    .createIndex('site_print_settings_site_idx')
    .on('site_print_settings')
    .columns(['site_id', 'valid_from'])
    .execute();

  await db.schema
    .createTable('agency_print_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('header_parent', 'text')
    .addColumn('head_title', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('agency_print_settings_agency_idx')
    .on('agency_print_settings')
    .columns(['agency_id', 'valid_from'])
    .execute();
}
