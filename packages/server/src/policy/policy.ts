import { AppError, forbidden } from '../errors.ts';
import { type Permission, ROLE_PERMISSIONS, type Role } from './roles.ts';

/** One role held by a user, with the scope it was granted for (none = everywhere). */
export interface Grant {
  role: Role;
  servicePointId: string | null;
  agencyId: string | null;
  unitId: string | null;
  /** Sites, agencies and administrative units the grant reaches, resolved from its scope at sign-in. */
  servicePointIds: ReadonlySet<string>;
  agencyIds: ReadonlySet<string>;
  /** The unit of a unit-scoped grant and every unit below it (empty for a site or agency grant). */
  unitIds: ReadonlySet<string>;
  global: boolean;
}

/** The signed-in user as the policy sees them. */
export interface Actor {
  userId: string;
  username: string;
  fullName: string;
  grants: Grant[];
  sessionKind: 'cookie' | 'api';
}

/** What a resource belongs to: the sites, agencies and units whose staff may touch it. */
export interface ResourceScope {
  servicePointIds?: (string | null | undefined)[];
  agencyIds?: (string | null | undefined)[];
  /** Administrative units (an agency or site being created there, a unit-scoped role granted). */
  unitIds?: (string | null | undefined)[];
}

/**
 * A resource of the whole nation (the procedure catalogue, a national calendar day): no site, agency
 * or unit of its own, so only a grant held everywhere reaches it.
 */
export const NATIONAL: ResourceScope = Object.freeze({});

function grantReaches(grant: Grant, scope: ResourceScope): boolean {
  if (grant.global) return true;
  for (const id of scope.servicePointIds ?? []) if (id && grant.servicePointIds.has(id)) return true;
  for (const id of scope.agencyIds ?? []) if (id && grant.agencyIds.has(id)) return true;
  for (const id of scope.unitIds ?? []) if (id && grant.unitIds.has(id)) return true;
  return false;
}

/** Grants of the actor that carry `permission`. */
export function grantsFor(actor: Actor, permission: Permission): Grant[] {
  return actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));
}

/** Whether the actor may do `permission` at all (route level) or on a resource with this scope. */
export function can(actor: Actor, permission: Permission, scope?: ResourceScope): boolean {
  const grants = grantsFor(actor, permission);
  if (scope === undefined) return grants.length > 0;
  return grants.some((g) => grantReaches(g, scope));
}

/** Throws 403 unless `can`. */
export function authorize(actor: Actor, permission: Permission, scope?: ResourceScope): void {
  if (!can(actor, permission, scope)) throw forbidden();
}

/**
 * Throws 403 unless the actor holds `permission` everywhere: the writes of national data (the
 * procedure catalogue, a calendar day with no unit, the money counterparts). The message says why, so
 * an administrator of a province knows whom to ask.
 */
export function authorizeNational(actor: Actor, permission: Permission): void {
  if (can(actor, permission, NATIONAL)) return;
  throw new AppError(403, 'FORBIDDEN', {
    vi: 'Chỉ người giữ vai trò trên toàn quốc (quản trị viên toàn quốc) được thay đổi dữ liệu dùng chung cả nước: danh mục thủ tục, ngày nghỉ lễ và ngày làm bù toàn quốc, cơ quan BHXH và Kho bạc đối tác',
    en: 'Only someone holding the role nationwide (the national administrator) may change national data: the procedure catalogue, national holidays and make-up days, the social-insurance and State Treasury counterparts',
  });
}

/** A role grant as stored: at a site, an agency, a unit, several of them, or none (everywhere). */
export interface GrantPlace {
  servicePointId?: string | null;
  agencyId?: string | null;
  unitId?: string | null;
}

/**
 * Whether the actor's `permission` covers every place of this grant: a grant with no place (global)
 * only for an actor holding the permission globally. Used to hand out roles and to manage accounts:
 * nobody grants, or acts on an account holding, more than they reach.
 */
export function canGrant(actor: Actor, permission: Permission, place: GrantPlace): boolean {
  const grants = grantsFor(actor, permission);
  if (grants.some((g) => g.global)) return true;
  const named: ResourceScope[] = [];
  if (place.servicePointId) named.push({ servicePointIds: [place.servicePointId] });
  if (place.agencyId) named.push({ agencyIds: [place.agencyId] });
  if (place.unitId) named.push({ unitIds: [place.unitId] });
  if (named.length === 0) return false;
  return named.every((scope) => grants.some((g) => grantReaches(g, scope)));
}

/**
 * The sites and agencies where the actor holds `permission`, for filtering lists in SQL;
 * `all: true` when a grant is global.
 */
export function reachable(
  actor: Actor,
  permission: Permission,
): { all: boolean; servicePointIds: string[]; agencyIds: string[] } {
  const grants = grantsFor(actor, permission);
  if (grants.some((g) => g.global)) return { all: true, servicePointIds: [], agencyIds: [] };
  const sites = new Set<string>();
  const agencies = new Set<string>();
  for (const g of grants) {
    for (const id of g.servicePointIds) sites.add(id);
    for (const id of g.agencyIds) agencies.add(id);
  }
  return { all: false, servicePointIds: [...sites], agencyIds: [...agencies] };
}

/** The role in which the actor does `permission` on a resource (for the timeline's "who, as what"). */
export function roleFor(
  actor: Actor,
  permission: Permission,
  scope: ResourceScope,
  fallback: string,
): string {
  const grant = grantsFor(actor, permission).find((g) => grantReaches(g, scope));
  return grant?.role ?? fallback;
}
