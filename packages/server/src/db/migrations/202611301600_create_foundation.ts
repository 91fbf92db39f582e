import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/** Organisation, catalogue, users and sessions, calendar overrides, audit, idempotency, outbox. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const flag = (name: string) => sql`${sql.ref(name)} in (0, 1)`;
  const serial = dialect === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('admin_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('admin_units.id'))
    .addColumn('era', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addCheckConstraint('admin_units_level_check', sql`level in ('province', 'district', 'commune')`)
    .execute();
  await db.schema.createIndex('admin_units_parent_idx').on('admin_units').column('parent_id').execute();
  await db.schema.createIndex('admin_units_code_idx').on('admin_units').columns(['code', 'era']).execute();

  await db.schema
    .createTable('admin_unit_successors')
    .addColumn('from_id', 'text', (c) => c.notNull().references('admin_units.id'))
    .addColumn('to_id', 'text', (c) => c.notNull().references('admin_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('admin_unit_successors_pk', ['from_id', 'to_id'])
    .execute();

  await db.schema
    .createTable('agencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('admin_units.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('agencies_code_unique', ['code'])
    .addCheckConstraint('agencies_active_flag', flag('active'))
    .execute();

  await db.schema
    .createTable('service_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('host_type', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('admin_units.id'))
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('counters', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('opening_hours', 'text', (c) => c.notNull())
    .addColumn('receives_dossiers', 'integer', (c) => c.notNull())
    .addColumn('returns_results', 'integer', (c) => c.notNull())
    .addColumn('pays_benefits', 'integer', (c) => c.notNull())
    .addColumn('collects_money', 'integer', (c) => c.notNull())
    .addColumn('pilot', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rollout_phase', 'integer')
    .addColumn('move_date', 'text')
    .addColumn('notes', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('service_points_code_unique', ['code'])
    .addCheckConstraint(
      'service_points_kind_check',
      sql`kind in ('public_admin_centre', 'one_stop_unit', 'post_office', 'cultural_post_office')`,
    )
    .addCheckConstraint('service_points_host_check', sql`host_type in ('post_office', 'government_office')`)
    .addCheckConstraint('service_points_counters_check', sql`counters >= 0`)
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('full_name_key', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('vi'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('users_username_unique', ['username'])
    .addCheckConstraint('users_active_flag', flag('active'))
    .execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('service_point_id', 'text', (c) => c.references('service_points.id'))
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('unit_id', 'text', (c) => c.references('admin_units.id'))
    .addCheckConstraint(
      'user_roles_role_check',
      sql`role in ('admin', 'supervisor', 'clerk', 'courier', 'officer', 'leader', 'auditor', 'partner')`,
    )
    .execute();
  await db.schema.createIndex('user_roles_user_idx').on('user_roles').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('ip', 'text')
    .addCheckConstraint('sessions_kind_check', sql`kind in ('cookie', 'api')`)
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('procedures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('field_code', 'text', (c) => c.notNull())
    .addColumn('field_name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('agency_kind', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('procedures_code_unique', ['code'])
    .addCheckConstraint('procedures_level_check', sql`level in ('commune', 'district', 'province')`)
    .execute();
  await db.schema.createIndex('procedures_name_key_idx').on('procedures').column('name_key').execute();

  await db.schema
    .createTable('procedure_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('procedure_id', 'text', (c) => c.notNull().references('procedures.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('documents', 'text', (c) => c.notNull())
    .addColumn('processing_unit', 'text', (c) => c.notNull())
    .addColumn('processing_amount', 'integer', (c) => c.notNull())
    .addColumn('processing_note', 'text')
    .addColumn('decided_on_the_spot', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fees', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('postal_excluded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('result_type', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('sources', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('procedure_versions_unique', ['procedure_id', 'version'])
    .addCheckConstraint(
      'procedure_versions_unit_check',
      sql`processing_unit in ('working_days', 'working_hours', 'calendar_days_excl_holidays')`,
    )
    .addCheckConstraint('procedure_versions_amount_check', sql`processing_amount >= 0`)
    .execute();

  await db.schema
    .createTable('calendar_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('unit_id', 'text', (c) => c.references('admin_units.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addCheckConstraint('calendar_overrides_kind_check', sql`kind in ('off', 'work')`)
    .execute();
  await db.schema
    .createIndex('calendar_overrides_date_idx')
    .on('calendar_overrides')
    .column('date')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', serial, (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_username', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('site_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['entity_type', 'entity_id'])
    .execute();
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', serial, (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addCheckConstraint('audit_head_single_row', sql`id = 1`)
    .execute();
  await db
    .insertInto('audit_head' as never)
    .values({ id: 1, seq: 0, hash: '0'.repeat(64) } as never)
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('available_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('done_at', 'text')
    .addColumn('dead_at', 'text')
    .execute();
  await db.schema
    .createIndex('outbox_due_idx')
    .on('outbox')
    .columns(['done_at', 'dead_at', 'available_at'])
    .execute();
}
