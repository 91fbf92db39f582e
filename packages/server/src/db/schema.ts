/**
 * Table types for Kysely. Conventions (both engines): ids are UUIDv7 text made by the application;
 * instants are ISO-8601 UTC text; working-day dates are `YYYY-MM-DD` text; booleans are integer 0/1;
 * money is integer đồng in bigint columns; JSON is text. `*_key` columns hold the diacritic-free
 * search key of a name (see `@motcua/core` text).
 */
export interface DB {
  schema_migrations: { name: string; applied_at: string };

  admin_units: {
    id: string; // `<era>:<code>`, e.g. `2008:70` (three-level era, to 30/6/2025), `2025:75`
    code: string;
    name: string;
    name_key: string;
    level: 'province' | 'district' | 'commune';
    parent_id: string | null;
    era: string;
    valid_from: string;
    valid_to: string | null;
  };
  admin_unit_successors: { from_id: string; to_id: string; kind: string };

  agencies: {
    id: string;
    code: string;
    name: string;
    name_key: string;
    kind: string;
    unit_id: string;
    active: number;
    created_at: string;
    updated_at: string;
  };

  service_points: {
    id: string;
    code: string;
    name: string;
    name_key: string;
    kind: 'public_admin_centre' | 'one_stop_unit' | 'post_office' | 'cultural_post_office';
    host_type: 'post_office' | 'government_office';
    unit_id: string;
    agency_id: string | null;
    address: string;
    counters: number;
    opening_hours: string; // JSON [{start,end}]
    receives_dossiers: number;
    returns_results: number;
    pays_benefits: number;
    collects_money: number;
    pilot: number;
    rollout_phase: number | null;
    move_date: string | null;
    notes: string | null;
    active: number;
    created_at: string;
    updated_at: string;
  };

  users: {
    id: string;
    username: string;
    full_name: string;
    full_name_key: string;
    email: string | null;
    phone: string | null;
    password_hash: string;
    active: number;
    locale: string;
    created_at: string;
    updated_at: string;
  };

  user_roles: {
    id: string;
    user_id: string;
    role: string;
    service_point_id: string | null;
    agency_id: string | null;
    unit_id: string | null;
  };

  sessions: {
    id: string; // sha256 of the token
    user_id: string;
    kind: 'cookie' | 'api';
    created_at: string;
    last_seen_at: string;
    expires_at: string;
    revoked_at: string | null;
    user_agent: string | null;
    ip: string | null;
  };

  procedures: {
    id: string;
    code: string;
    name: string;
    name_key: string;
    field_code: string;
    field_name: string;
    level: 'commune' | 'district' | 'province';
    agency_kind: string;
    current_version: number;
    active: number;
    created_at: string;
    updated_at: string;
  };

  procedure_versions: {
    id: string;
    procedure_id: string;
    version: number;
    valid_from: string;
    name: string;
    documents: string; // JSON ProcedureDocument[]
    processing_unit: 'working_days' | 'working_hours' | 'calendar_days_excl_holidays';
    processing_amount: number;
    processing_note: string | null;
    decided_on_the_spot: number;
    fees: string; // JSON Fee[]
    channels: string; // JSON Channel[]
    postal_excluded: number;
    result_type: string;
    legal_basis: string; // JSON string[]
    sources: string; // JSON string[]
    notes: string | null;
    created_at: string;
    created_by: string | null;
  };

  calendar_overrides: {
    id: string;
    date: string;
    kind: 'off' | 'work';
    reason: string;
    source: string | null;
    unit_id: string | null; // null: the whole country; else a province's own declaration
    created_at: string;
    created_by: string | null;
  };

  audit_log: {
    seq: number;
    id: string;
    at: string;
    actor_user_id: string | null;
    actor_username: string | null;
    actor_role: string | null;
    site_id: string | null;
    action: string;
    entity_type: string;
    entity_id: string | null;
    before_json: string | null;
    after_json: string | null;
    prev_hash: string;
    hash: string;
  };
  audit_head: { id: number; seq: number; hash: string };

  idempotency_keys: {
    scope: string; // user id or 'public'
    key: string;
    method: string;
    path: string;
    request_hash: string;
    status: 'pending' | 'done';
    status_code: number | null;
    response_body: string | null;
    created_at: string;
  };

  outbox: {
    id: string;
    topic: string;
    payload: string;
    created_at: string;
    available_at: string;
    attempts: number;
    last_error: string | null;
    locked_until: string | null;
    done_at: string | null;
    dead_at: string | null;
  };
}
