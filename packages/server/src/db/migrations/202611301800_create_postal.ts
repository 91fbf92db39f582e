import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/** Postal logistics: tariffs, S10 series per office, shipments with tracking events, home pickups. */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('postal_tariffs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('zone', 'text', (c) => c.notNull())
    .addColumn('max_weight_grams', 'integer', (c) => c.notNull())
    .addColumn('price', 'bigint', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addCheckConstraint(
      'postal_tariffs_zone_check',
      sql`zone in ('same_district', 'same_province', 'inter_province')`,
    )
    .addCheckConstraint('postal_tariffs_price_check', sql`price >= 0 and max_weight_grams > 0`)
    .execute();

  await db.schema
    .createTable('s10_series')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('service_points.id'))
    .addColumn('service_indicator', 'text', (c) => c.notNull())
    .addColumn('range_start', 'integer', (c) => c.notNull())
    .addColumn('range_end', 'integer', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addCheckConstraint(
      's10_series_range_check',
      sql`range_start >= 0 and range_end <= 99999999 and range_start <= range_end and last_serial <= range_end`,
    )
    .execute();

  await db.schema
    .createTable('shipments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_number', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dossier_id', 'text', (c) => c.references('dossiers.id'))
    .addColumn('batch_id', 'text', (c) => c.references('handover_batches.id'))
    .addColumn('pickup_id', 'text')
    .addColumn('origin_site_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('delivery_site_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('courier_id', 'text', (c) => c.references('users.id'))
    .addColumn('sender_name', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('recipient_phone', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('admin_units.id'))
    .addColumn('weight_grams', 'integer', (c) => c.notNull())
    .addColumn('zone', 'text', (c) => c.notNull())
    .addColumn('postage', 'bigint', (c) => c.notNull())
    .addColumn('payer', 'text', (c) => c.notNull())
    .addColumn('with_appointment_slip', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seal_number', 'text')
    .addColumn('sender_signature', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_on', 'text')
    .addColumn('target_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('shipments_item_number_unique', ['item_number'])
    .addCheckConstraint(
      'shipments_kind_check',
      sql`kind in ('pickup', 'batch', 'result_delivery', 'papers_return')`,
    )
    .addCheckConstraint('shipments_payer_check', sql`payer in ('citizen', 'agency', 'free')`)
    .addCheckConstraint('shipments_postage_check', sql`postage >= 0 and weight_grams > 0`)
    .execute();
  await db.schema
    .createIndex('shipments_courier_idx')
    .on('shipments')
    .columns(['courier_id', 'status'])
    .execute();
  await db.schema.createIndex('shipments_dossier_idx').on('shipments').column('dossier_id').execute();
  await db.schema
    .createIndex('shipments_origin_idx')
    .on('shipments')
    .columns(['origin_site_id', 'accepted_at'])
    .execute();

  await db.schema
    .createTable('shipment_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('site_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('client_tx_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('shipment_events_seq_unique', ['shipment_id', 'seq'])
    .addUniqueConstraint('shipment_events_client_tx_unique', ['client_tx_id'])
    .execute();

  await db.schema
    .createTable('pickups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('procedure_id', 'text', (c) => c.notNull().references('procedures.id'))
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('admin_units.id'))
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('window_end', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull().references('service_points.id'))
    .addColumn('courier_id', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('dossier_id', 'text', (c) => c.references('dossiers.id'))
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('client_tx_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('pickups_code_unique', ['code'])
    .addUniqueConstraint('pickups_client_tx_unique', ['client_tx_id'])
    .addCheckConstraint('pickups_status_check', sql`status in ('booked', 'collected', 'cancelled', 'failed')`)
    .execute();
  await db.schema
    .createIndex('pickups_courier_idx')
    .on('pickups')
    .columns(['courier_id', 'status'])
    .execute();
}
