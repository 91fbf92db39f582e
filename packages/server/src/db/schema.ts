import type { ProcessingUnit } from '@motcua/core';
import type { Generated } from 'kysely';

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
    valid_from: Generated<string | null>;
    valid_to: Generated<string | null>;
    successor_id: Generated<string | null>;
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
    /** The site's cut-off for within-the-day procedures (`HH:MM`), null for 15:00. */
    within_day_cutoff: string | null;
    receives_dossiers: number;
    returns_results: number;
    pays_benefits: number;
    collects_money: number;
    pilot: number;
    rollout_phase: number | null;
    move_date: string | null;
    notes: string | null;
    active: number;
    valid_from: Generated<string | null>;
    valid_to: Generated<string | null>;
    successor_id: Generated<string | null>;
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
    valid_from: Generated<string | null>;
    valid_to: Generated<string | null>;
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
    search_text: string;
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
    /** Mirror of `processing_kind` kept for its CHECK (`working_days` for `within_day`). */
    processing_unit: 'working_days' | 'working_hours' | 'calendar_days_excl_holidays';
    processing_amount: number;
    processing_note: string | null;
    /** The kind of time limit (authority; migration 202612071900_add_clock_kinds). */
    processing_kind: ProcessingUnit;
    /** `within_day` only: the procedure's own cut-off `HH:MM`, else the site's, else 15:00. */
    processing_cutoff: string | null;
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
    /** Last day in force (Vietnam date), null while in force. */
    valid_to: Generated<string | null>;
    /** Level and competent agency kind of this version; null: as on the procedure. */
    level: Generated<'commune' | 'district' | 'province' | null>;
    agency_kind: Generated<string | null>;
    /** 1: may be received at any site of the province (không phụ thuộc địa giới hành chính). */
    province_wide_receipt: Generated<number>;
  };

  /** The units an agency serves when not its own (a land registration branch's communes). */
  agency_areas: { agency_id: string; unit_id: string };

  org_reorganisations: {
    effective_date: string;
    applied_at: string;
    applied_by: string | null;
    summary: string; // JSON
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
    /** HMAC-SHA256 under the audit key of the previous row's mac and this row's hash (null before the key). */
    mac: string | null;
  };
  audit_head: { id: number; seq: number; hash: string; mac: string | null };

  /** Failed sign-ins per account name (SHA-256 of the lower-cased username, known or not). */
  sign_in_attempts: {
    account_key: string;
    failures: number;
    last_failure_at: string;
    locked_until: string | null;
  };

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

  dossiers: {
    id: string;
    code: string;
    lookup_token: string;
    /** Wrong check digits given for this code since the count was last forgotten (citizen lookup). */
    lookup_failures: Generated<number>;
    lookup_failed_at: string | null;
    /** Lookups by code refused until then (the QR token still works). */
    lookup_locked_until: string | null;
    procedure_id: string;
    procedure_version: number;
    procedure_code: string;
    procedure_name: string;
    field_name: string;
    receiving_site_id: string;
    returning_site_id: string;
    lead_agency_id: string;
    current_agency_id: string;
    assigned_officer_id: string | null;
    received_by: string;
    status:
      | 'received'
      | 'processing'
      | 'awaiting_approval'
      | 'awaiting_supplement'
      | 'result_ready'
      | 'returned'
      | 'withdrawn';
    in_transit: number;
    location_kind: 'site' | 'agency' | null;
    location_id: string | null;
    decision: 'approved' | 'refused' | null;
    channel: 'counter' | 'postal_pickup' | 'online';
    applicant_kind: 'person' | 'organisation';
    applicant_name: string;
    applicant_name_key: string;
    applicant_id_number: string | null;
    applicant_birth_date: string | null;
    applicant_phone: string | null;
    applicant_email: string | null;
    applicant_address: string | null;
    applicant_unit_id: string | null;
    applicant_tax_code: string | null;
    phone_last4: string | null;
    id_last4: string | null;
    return_method: 'counter' | 'postal';
    delivery_address: string | null;
    delivery_unit_id: string | null;
    documents: string; // JSON ReceivedDocument[]
    sets: number;
    fee_total: number;
    processing_unit: ProcessingUnit;
    processing_amount: number;
    /** The within-the-day cut-off the dossier was received under (procedure's or site's), else null. */
    processing_cutoff: string | null;
    outbound_leg_days: number;
    return_leg_days: number;
    received_at: string;
    received_date: string; // YYYY-MM-DD, Vietnam time
    handover_due_at: string | null;
    appointment_at: string;
    original_appointment_at: string;
    clock_started_at: string | null;
    agency_due_at: string | null;
    result_ready_at: string | null;
    returned_at: string | null;
    result_timing: 'early' | 'on_time' | 'late' | null;
    supplement_count: number;
    apology_count: number;
    register_year: number;
    register_number: number;
    action_count: number;
    created_at: string;
    updated_at: string;
  };
  dossier_actions: {
    id: string;
    dossier_id: string;
    seq: number;
    type: string;
    at: string;
    actor_user_id: string | null;
    actor_name: string | null;
    actor_role: string | null;
    site_id: string | null;
    agency_id: string | null;
    payload: string;
    client_tx_id: string;
  };
  dossier_code_counters: { agency_code: string; date: string; last_sequence: number };
  register_counters: { site_id: string; year: number; last_number: number };
  site_print_settings: {
    id: string;
    site_id: string;
    valid_from: string;
    contact_phone: string | null;
    fee_collector_name: string | null;
    fee_collector_tax_code: string | null;
    receipt_form_symbol: string | null;
    receipt_series: string | null;
    created_by: string | null;
    created_at: string;
  };
  agency_print_settings: {
    id: string;
    agency_id: string;
    valid_from: string;
    header_parent: string | null;
    head_title: string | null;
    contact_phone: string | null;
    created_by: string | null;
    created_at: string;
  };
  fee_receipts: {
    id: string;
    dossier_id: string;
    receipt_number: string;
    site_id: string;
    amount: number;
    payer_name: string;
    items: string;
    method: string;
    collected_by: string;
    at: string;
  };
  handover_batches: {
    id: string;
    code: string;
    direction: 'to_agency' | 'to_site';
    site_id: string;
    agency_id: string;
    courier_name: string | null;
    postal_item_number: string | null;
    status: 'sent' | 'received';
    created_by: string;
    created_at: string;
    received_by: string | null;
    received_at: string | null;
  };
  handover_items: {
    batch_id: string;
    dossier_id: string;
    document_count: number;
    status: 'pending' | 'confirmed' | 'discrepancy';
    note: string | null;
    confirmed_by: string | null;
    confirmed_at: string | null;
  };
  attachments: {
    id: string;
    dossier_id: string;
    sha256: string;
    size: number;
    content_type: string;
    filename: string;
    kind: 'scan' | 'result';
    uploaded_by: string;
    at: string;
  };
  intake_slips: {
    id: string;
    kind: 'supplement' | 'refusal';
    site_id: string;
    procedure_id: string;
    applicant_name: string;
    applicant_phone: string | null;
    items: string;
    reason: string;
    issued_by: string;
    at: string;
    client_tx_id: string;
  };
  lookup_log: {
    id: string;
    at: string;
    ip: string;
    method: 'code' | 'token';
    code_tried: string | null;
    dossier_id: string | null;
    ok: number;
  };
  dossier_ratings: {
    dossier_id: string;
    scores: string;
    share: number | null;
    comment: string | null;
    at: string;
  };

  postal_tariffs: {
    id: string;
    service: 'pickup' | 'batch' | 'result_delivery' | 'papers_return';
    zone: 'same_district' | 'same_province' | 'inter_province';
    max_weight_grams: number;
    price: number;
    valid_from: string;
    note: string | null;
  };
  s10_series: {
    site_id: string;
    service_indicator: string;
    range_start: number;
    range_end: number;
    last_serial: number;
  };
  shipments: {
    id: string;
    item_number: string;
    kind: 'pickup' | 'batch' | 'result_delivery' | 'papers_return';
    dossier_id: string | null;
    batch_id: string | null;
    pickup_id: string | null;
    origin_site_id: string;
    delivery_site_id: string;
    courier_id: string | null;
    sender_name: string;
    recipient_name: string;
    recipient_phone: string | null;
    address: string;
    unit_id: string | null;
    weight_grams: number;
    zone: 'same_district' | 'same_province' | 'inter_province';
    postage: number;
    payer: 'citizen' | 'agency' | 'free';
    with_appointment_slip: number;
    seal_number: string | null;
    sender_signature: string | null;
    status: string;
    attempts: number;
    next_attempt_on: string | null;
    target_at: string;
    accepted_at: string;
    delivered_at: string | null;
    event_count: number;
    created_by: string;
    updated_at: string;
  };
  shipment_events: {
    id: string;
    shipment_id: string;
    seq: number;
    type: string;
    at: string;
    received_at: string;
    actor_user_id: string | null;
    actor_name: string | null;
    site_id: string | null;
    payload: string;
    client_tx_id: string;
  };
  pickups: {
    id: string;
    code: string;
    procedure_id: string;
    applicant_name: string;
    phone: string;
    address: string;
    unit_id: string;
    window_start: string;
    window_end: string;
    site_id: string;
    courier_id: string | null;
    status: 'booked' | 'collected' | 'cancelled' | 'failed';
    dossier_id: string | null;
    note: string | null;
    created_by: string | null;
    created_at: string;
    client_tx_id: string;
  };

  // Money at the post office (docs/money.md, "Server: tables, routes, guarantees").
  counterparts: {
    id: string;
    code: string;
    name: string;
    kind: 'social_insurance_agency' | 'state_treasury';
    account_no: string | null;
    created_at: string;
    created_by: string | null;
  };
  programmes: {
    id: string;
    office_id: string;
    kind: 'pension' | 'benefit' | 'voluntary_si' | 'household_hi' | 'traffic_fines';
    counterpart_id: string;
    created_at: string;
    created_by: string | null;
  };
  cash_drawers: {
    id: string;
    office_id: string;
    name: string;
    created_at: string;
    created_by: string | null;
  };
  ledger_accounts: {
    id: string;
    kind: 'cash_drawer' | 'office' | 'programme' | 'counterpart';
    office_id: string;
    purpose: 'cash' | 'office' | 'differences' | 'programme' | 'counterpart';
    drawer_id: string | null;
    programme_id: string | null;
    counterpart_id: string | null;
    name: string;
    currency: string;
    created_at: string;
    created_by: string | null;
    owner_key: string;
  };
  ledger_postings: {
    id: string;
    office_id: string;
    posted_on: string;
    operation: string;
    reversal_of: string | null;
    memo: string | null;
    client_tx_id: string;
    actor_id: string | null;
    created_at: string;
  };
  ledger_entries: {
    posting_id: string;
    line: number;
    account_id: string;
    side: 'debit' | 'credit';
    amount: number;
  };
  payout_lists: {
    id: string;
    programme_id: string;
    office_id: string;
    period: string;
    file_name: string;
    file_hash: string;
    status: 'imported' | 'closed';
    rows_total: number;
    rows_imported: number;
    rows_skipped: number;
    total_amount: number;
    created_at: string;
    created_by: string | null;
    closed_at: string | null;
    closed_by: string | null;
  };
  payout_lines: {
    id: string;
    list_id: string;
    programme_id: string;
    programme_kind: string;
    office_id: string;
    period: string;
    row_number: number;
    citizen_id: string;
    name: string;
    name_key: string;
    birth_date: string | null;
    social_insurance_number: string | null;
    benefit_kind: string | null;
    benefit_key: string;
    amount: number;
    payout_point: string;
    address: string | null;
    proxy_name: string | null;
    proxy_citizen_id: string | null;
    proxy_authorised_on: string | null;
    proxy_expires_on: string | null;
    status: 'unpaid' | 'paid' | 'returned' | 'cancelled';
  };
  payments: {
    id: string;
    line_id: string;
    office_id: string;
    drawer_id: string;
    channel: 'counter' | 'home';
    payee: 'beneficiary' | 'proxy';
    payee_name: string;
    payee_citizen_id: string;
    identity_checked: number;
    proxy_certified: number | null;
    amount: number;
    paid_at: string;
    paid_on: string;
    posting_id: string;
    client_tx_id: string;
    paid_by: string;
  };
  payout_reconciliations: {
    id: string;
    list_id: string;
    office_id: string;
    period: string;
    lines_paid: number;
    amount_paid: number;
    lines_returned: number;
    amount_returned: number;
    settlement_posting_id: string | null;
    return_posting_id: string | null;
    export_csv: string;
    closed_at: string;
    closed_by: string;
  };
  collections: {
    id: string;
    office_id: string;
    programme_id: string;
    drawer_id: string;
    kind: 'voluntary_si' | 'household_hi' | 'traffic_fine';
    payer_name: string;
    payer_citizen_id: string | null;
    reference: string;
    amount: number;
    breakdown: string; // JSON: the core's computation
    method: 'cash';
    posting_id: string;
    receipt_no: string;
    client_tx_id: string;
    collected_at: string;
    collected_by: string;
  };
  fines: {
    id: string;
    issuer: string;
    decision_no: string;
    decision_date: string;
    received_on: string | null;
    violator: string;
    amount: number;
    last_day: string;
    late_days: number;
    surcharge: number;
    collection_id: string;
  };
  reversal_requests: {
    id: string;
    posting_id: string;
    office_id: string;
    reason: string;
    client_tx_id: string;
    requested_by: string;
    requested_at: string;
    approved_by: string | null;
    approved_at: string | null;
    reversal_posting_id: string | null;
  };
}
