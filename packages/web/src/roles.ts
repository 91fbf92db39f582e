import type { MessageKey } from './i18n.ts';

/** Staff roles, as the server names them. */
export type Role =
  | 'admin'
  | 'supervisor'
  | 'clerk'
  | 'courier'
  | 'officer'
  | 'leader'
  | 'auditor'
  | 'partner';

/** The console's sections; each is one item of the side menu and one route. */
export const Section = {
  Overview: 'overview',
  Intake: 'intake',
  Catalog: 'catalog',
  Org: 'org',
  Users: 'users',
  Audit: 'audit',
  Postal: 'buu-chinh',
} as const;
export type Section = (typeof Section)[keyof typeof Section];

export const SECTION_LABELS: Record<Section, MessageKey> = {
  overview: 'nav.overview',
  intake: 'nav.intake',
  catalog: 'nav.catalog',
  org: 'nav.org',
  users: 'nav.users',
  audit: 'nav.audit',
  'buu-chinh': 'nav.postal',
};

/**
 * What each role sees in the menu, in menu order. The server decides what each role may do; this
 * only keeps the menu to what is useful, and shows a clear 403 page for the rest.
 */
export const ROLE_SECTIONS: Record<Role, readonly Section[]> = {
  admin: ['org', 'catalog', 'users', 'audit', 'buu-chinh'],
  supervisor: ['overview', 'catalog', 'org', 'users', 'buu-chinh'],
  // The layout keeps 'buu-chinh' only for clerks of sites hosted by the post office.
  clerk: ['intake', 'catalog', 'buu-chinh'],
  courier: ['catalog'],
  officer: ['catalog', 'org'],
  leader: ['overview', 'catalog', 'org'],
  auditor: ['audit', 'catalog', 'org'],
  partner: ['catalog'],
};

const ORDER: Section[] = ['overview', 'intake', 'org', 'catalog', 'users', 'audit', 'buu-chinh'];

/** The sections of a user with these roles, in a stable order. */
export function sectionsOf(roles: readonly string[]): Section[] {
  const allowed = new Set<Section>();
  for (const role of roles) for (const s of ROLE_SECTIONS[role as Role] ?? []) allowed.add(s);
  return ORDER.filter((s) => allowed.has(s));
}

/** Whether any of these roles may change the organisation, the catalogue and users. */
export const canAdminister = (roles: readonly string[]): boolean => roles.includes('admin');

/**
 * Whether the user holds the administrator role everywhere (no site, agency or unit): only such an
 * administrator changes national data, the procedure catalogue and national calendar days (the server
 * refuses anyone else; docs/security.md).
 */
export const canAdministerNationally = (
  roles: readonly { role: string; servicePoint: unknown; agency: unknown; unit: unknown }[],
): boolean => roles.some((r) => r.role === 'admin' && !r.servicePoint && !r.agency && !r.unit);
