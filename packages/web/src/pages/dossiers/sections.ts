import type { MessageKey } from '../../i18n.ts';
import { sectionsOf } from '../../roles.ts';

/** The dossier pages of the console; each key is the first segment of its route. */
export type DossierSection = 'intake' | 'xu-ly' | 'ho-so' | 'ban-giao';

/**
 * Which roles see each dossier page. The server decides what each role may do (and where); this
 * keeps the menu to what is useful and shows the 403 page for the rest.
 */
export const DOSSIER_SECTION_ROLES: Record<DossierSection, readonly string[]> = {
  intake: ['clerk'],
  'xu-ly': ['officer', 'leader'],
  'ho-so': ['admin', 'supervisor', 'clerk', 'courier', 'officer', 'leader', 'auditor'],
  'ban-giao': ['clerk', 'officer', 'leader'],
};

export const DOSSIER_SECTION_LABELS: Record<DossierSection, MessageKey> = {
  intake: 'nav.intake',
  'xu-ly': 'nav.inbox',
  'ho-so': 'nav.dossiers',
  'ban-giao': 'nav.handover',
};

export const mayOpen = (roles: readonly string[], section: DossierSection): boolean =>
  roles.some((r) => DOSSIER_SECTION_ROLES[section].includes(r));

const WORK_ROLES = ['clerk', 'officer', 'leader'];

/**
 * The side menu's keys in order. For counter and agency staff: the overview, the dossier pages, then
 * the reference sections; for the others (administrator, auditor, supervisor) the dossier book
 * comes after their own sections.
 */
export function menuKeys(roles: readonly string[]): string[] {
  const base = sectionsOf(roles).filter((s) => s !== 'intake');
  const dossier = (['intake', 'xu-ly', 'ho-so', 'ban-giao'] as const).filter((s) => mayOpen(roles, s));
  if (!roles.some((r) => WORK_ROLES.includes(r))) return [...base, ...dossier];
  const head = base.filter((s) => s === 'overview');
  const tail = base.filter((s) => s !== 'overview');
  return [...head, ...dossier, ...tail];
}

/** Where a user lands after sign-in: the counter's intake, the agency's inbox, or the first section. */
export function homeKey(roles: readonly string[]): string | undefined {
  const keys = menuKeys(roles);
  return keys.find((k) => k === 'intake' || k === 'xu-ly') ?? keys[0];
}
