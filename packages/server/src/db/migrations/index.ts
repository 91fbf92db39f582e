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
import * as m202612071900 from './202612071900_add_clock_kinds.ts';

export interface Migration {
  name: string;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
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
  { name: '202612071900_add_clock_kinds', up: m202612071900.up },
];
