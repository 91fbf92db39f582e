import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import * as m202611301600 from './202611301600_create_foundation.ts';
import * as m202611301700 from './202611301700_create_dossiers.ts';
import * as m202611301800 from './202611301800_create_postal.ts';
import * as m202611301900 from './202611301900_add_procedure_search_text.ts';
import * as m202612011000 from './202612011000_create_print_settings.ts';
import * as m202612021000 from './202612021000_create_sign_in_attempts.ts';
import * as m202612021010 from './202612021010_add_dossier_lookup_guard.ts';
import * as m202612021020 from './202612021020_add_audit_mac.ts';
import * as m202612071900clock from './202612071900_add_clock_kinds.ts';
import * as m202612071900org from './202612071900_add_org2025_validity.ts';
import * as m202612071900approval from './202612071900_allow_status_awaiting_approval.ts';
import * as m202612071900money from './202612071900_create_money_ledger.ts';
import * as m202612071910 from './202612071910_create_money_payouts.ts';
import * as m202612071920 from './202612071920_create_money_collections.ts';
import * as m202612071930 from './202612071930_create_money_reversal_requests.ts';
import * as m202612072300areas from './202612072300_create_agency_areas.ts';

/** What a migration may need beyond the transaction: on SQLite, the connection itself (pragmas). */
export interface MigrationContext {
  sqlite?: SqliteDatabase.Database;
}

export interface Migration {
  name: string;
  up(db: Kysely<unknown>, dialect: Dialect, context?: MigrationContext): Promise<void>;
}

/** Every migration, in order. Forward-only; named `YYYYMMDDHHMM_verb_noun`, one concern each. */
export const migrations: Migration[] = [
  { name: '202611301600_create_foundation', up: m202611301600.up },
  { name: '202611301700_create_dossiers', up: m202611301700.up },
  { name: '202611301800_create_postal', up: m202611301800.up },
  { name: '202611301900_add_procedure_search_text', up: m202611301900.up },
  { name: '202612011000_create_print_settings', up: m202612011000.up },
  { name: '202612021000_create_sign_in_attempts', up: m202612021000.up },
  { name: '202612021010_add_dossier_lookup_guard', up: m202612021010.up },
  { name: '202612021020_add_audit_mac', up: m202612021020.up },
  { name: '202612071900_allow_status_awaiting_approval', up: m202612071900approval.up },
  { name: '202612071900_add_org2025_validity', up: m202612071900org.up },
  { name: '202612071900_create_money_ledger', up: m202612071900money.up },
  { name: '202612071910_create_money_payouts', up: m202612071910.up },
  { name: '202612071920_create_money_collections', up: m202612071920.up },
  { name: '202612071900_add_clock_kinds', up: m202612071900clock.up },
  { name: '202612071930_create_money_reversal_requests', up: m202612071930.up },
  { name: '202612072300_create_agency_areas', up: m202612072300areas.up },
];
