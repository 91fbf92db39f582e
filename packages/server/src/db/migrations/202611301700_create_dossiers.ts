import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/** Dossiers and their append-only actions, code counters, fees, handover batches, attachments, lookups. */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('dossiers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('lookup_token', 'text', (c) => c.notNull())
    .addColumn('procedure_id', 'text', (c) => c.notNull().references('procedures.id'))
    .addColumn('procedure_version', 'integer', (c) => c.notNull())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('procedure_name', 'text', (c) => c.notNull())
    .addColumn('field_name', 'text', (c) => c.notNull())
    .addColumn('receiving_site_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('returning_site_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('lead_agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('current_agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('assigned_officer_id', 'text', (c) => c.references('users.id'))
    .addColumn('received_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('in_transit', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('location_kind', 'text')
    .addColumn('location_id', 'text')
    .addColumn('decision', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('applicant_kind', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_name_key', 'text', (c) => c.notNull())
    .addColumn('applicant_id_number', 'text')
    .addColumn('applicant_birth_date', 'text')
    .addColumn('applicant_phone', 'text')
    .addColumn('applicant_email', 'text')
    .addColumn('applicant_address', 'text')
    .addColumn('applicant_unit_id', 'text', (c) => c.references('admin_units.id'))
    .addColumn('applicant_tax_code', 'text')
    .addColumn('phone_last4', 'text')
    .addColumn('id_last4', 'text')
    .addColumn('return_method', 'text', (c) => c.notNull())
    .addColumn('delivery_address', 'text')
    .addColumn('delivery_unit_id', 'text', (c) => c.references('admin_units.id'))
    .addColumn('documents', 'text', (c) => c.notNull())
    .addColumn('sets', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('fee_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('processing_unit', 'text', (c) => c.notNull())
    .addColumn('processing_amount', 'integer', (c) => c.notNull())
    .addColumn('outbound_leg_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('return_leg_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_date', 'text', (c) => c.notNull())
    .addColumn('handover_due_at', 'text')
    .addColumn('appointment_at', 'text', (c) => c.notNull())
    .addColumn('original_appointment_at', 'text', (c) => c.notNull())
    .addColumn('clock_started_at', 'text')
    .addColumn('agency_due_at', 'text')
    .addColumn('result_ready_at', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('result_timing', 'text')
    .addColumn('supplement_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('apology_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('register_year', 'integer', (c) => c.notNull())
    .addColumn('register_number', 'integer', (c) => c.notNull())
    .addColumn('action_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dossiers_code_unique', ['code'])
    .addUniqueConstraint('dossiers_lookup_token_unique', ['lookup_token'])
    .addUniqueConstraint('dossiers_register_unique', [
      'receiving_site_id',
      'register_year',
      'register_number',
    ])
    .addCheckConstraint(
      'dossiers_status_check',
      sql`status in ('received', 'processing', 'awaiting_supplement', 'result_ready', 'returned', 'withdrawn')`,
    )
    .addCheckConstraint('dossiers_channel_check', sql`channel in ('counter', 'postal_pickup', 'online')`)
    .addCheckConstraint('dossiers_return_method_check', sql`return_method in ('counter', 'postal')`)
    .addCheckConstraint('dossiers_applicant_kind_check', sql`applicant_kind in ('person', 'organisation')`)
    .addCheckConstraint('dossiers_fee_check', sql`fee_total >= 0`)
    .addCheckConstraint('dossiers_in_transit_flag', sql`in_transit in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('dossiers_status_idx')
    .on('dossiers')
    .columns(['status', 'appointment_at'])
    .execute();
  await db.schema
    .createIndex('dossiers_agency_idx')
    .on('dossiers')
    .columns(['current_agency_id', 'status', 'agency_due_at'])
    .execute();
  await db.schema
    .createIndex('dossiers_site_idx')
    .on('dossiers')
    .columns(['receiving_site_id', 'received_at'])
    .execute();
  await db.schema
    .createIndex('dossiers_return_site_idx')
    .on('dossiers')
    .columns(['returning_site_id', 'status'])
    .execute();

  await db.schema
    .createTable('dossier_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('dossiers.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('site_id', 'text', (c) => c.references('service_points.id'))
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('client_tx_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('dossier_actions_seq_unique', ['dossier_id', 'seq'])
    .addUniqueConstraint('dossier_actions_client_tx_unique', ['client_tx_id'])
    .execute();

  await db.schema
    .createTable('dossier_code_counters')
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('last_sequence', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_code_counters_pk', ['agency_code', 'date'])
    .addCheckConstraint('dossier_code_counters_range', sql`last_sequence between 1 and 9999`)
    .execute();
  await db.schema
    .createTable('register_counters')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('register_counters_pk', ['site_id', 'year'])
    .execute();

  await db.schema
    .createTable('fee_receipts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('dossiers.id'))
    .addColumn('receipt_number', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('payer_name', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('collected_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('fee_receipts_number_unique', ['site_id', 'receipt_number'])
    .addCheckConstraint('fee_receipts_amount_check', sql`amount > 0`)
    .execute();

  await db.schema
    .createTable('handover_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('courier_name', 'text')
    .addColumn('postal_item_number', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.references('users.id'))
    .addColumn('received_at', 'text')
    .addUniqueConstraint('handover_batches_code_unique', ['code'])
    .addCheckConstraint('handover_batches_direction_check', sql`direction in ('to_agency', 'to_site')`)
    .addCheckConstraint('handover_batches_status_check', sql`status in ('sent', 'received')`)
    .execute();
  await db.schema
    .createTable('handover_items')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('handover_batches.id'))
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('dossiers.id'))
    .addColumn('document_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('confirmed_by', 'text', (c) => c.references('users.id'))
    .addColumn('confirmed_at', 'text')
    .addPrimaryKeyConstraint('handover_items_pk', ['batch_id', 'dossier_id'])
    .addCheckConstraint('handover_items_status_check', sql`status in ('pending', 'confirmed', 'discrepancy')`)
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('dossiers.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addCheckConstraint('attachments_kind_check', sql`kind in ('scan', 'result')`)
    .execute();
  await db.schema.createIndex('attachments_dossier_idx').on('attachments').column('dossier_id').execute();

  await db.schema
    .createTable('intake_slips')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('procedure_id', 'text', (c) => c.notNull().references('procedures.id'))
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_phone', 'text')
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('client_tx_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('intake_slips_client_tx_unique', ['client_tx_id'])
    .addCheckConstraint('intake_slips_kind_check', sql`kind in ('supplement', 'refusal')`)
    .execute();

  await db.schema
    .createTable('lookup_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('code_tried', 'text')
    .addColumn('dossier_id', 'text')
    .addColumn('ok', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lookup_log_at_idx').on('lookup_log').column('at').execute();

  await db.schema
    .createTable('dossier_ratings')
    .addColumn('dossier_id', 'text', (c) => c.primaryKey().references('dossiers.id'))
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('share', 'real')
    .addColumn('comment', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}
