// The table of expectations of the authorisation suite (authz.scopes.test.ts): for every operation of
// the OpenAPI document, who may call it. `public`: anyone, signed in or not; `signed-in`: any account;
// otherwise the roles that pass (a role holding the permission everywhere). Any other role is answered
// 403, anonymous 401. An operation of the document missing here fails the suite, and so does an entry
// here that the document no longer has.
//
// The role sets are written out here, not read from policy/roles.ts: a change of the policy must
// change this table too.
import type { Role } from '../../src/policy/roles.ts';

export type Access = 'public' | 'signed-in' | readonly Role[];

const STAFF = ['admin', 'supervisor', 'clerk', 'courier', 'officer', 'leader', 'auditor'] as const;
const ADMIN = ['admin'] as const;
/** Who reads dossiers (and the org, the calendar): every staff role, not partner systems. */
const READ = STAFF;
const CATALOG_READ = [...STAFF, 'partner'] as const;
const USERS_READ = ['admin', 'supervisor'] as const;
const AUDIT = ['admin', 'auditor'] as const;
const INTAKE = ['clerk'] as const;
const RETURN = ['clerk'] as const;
const HANDOVER = ['clerk', 'courier', 'officer', 'leader'] as const;
const PROCESS = ['officer', 'leader'] as const;
const DECIDE = ['leader'] as const;
const REPORTS = ['admin', 'supervisor', 'leader', 'auditor'] as const;
const COURIER = ['courier'] as const;
/** Accepting items and recording their events: a returning clerk or a courier of the office. */
const SHIP = ['clerk', 'courier'] as const;
/** Attaching a file: the receiving clerk or the processing agency. */
const ATTACH = ['clerk', 'officer', 'leader'] as const;
/** Withdrawal at the applicant's request: the receiving clerk or the processing agency. */
const WITHDRAW = ['clerk', 'officer', 'leader'] as const;

const MONEY_READ = ['admin', 'supervisor', 'clerk', 'auditor'] as const;
const MONEY_MANAGE = ['admin', 'supervisor'] as const;
const MONEY_OPERATE = ['clerk'] as const;
/** Asking for a reversal (maker): the counter or the office's managers, never an auditor. */
const MONEY_REVERSE = ['admin', 'supervisor', 'clerk'] as const;

export const AUTHZ_TABLE: Record<string, Access> = {
  'GET /api/health': 'public',
  'GET /api/ready': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'signed-in',
  'POST /api/v1/auth/logout-everywhere': 'signed-in',
  'GET /api/v1/auth/me': 'signed-in',
  'POST /api/v1/auth/api-tokens': ADMIN,
  'GET /api/v1/units': READ,
  'GET /api/v1/units/{id}': READ,
  'GET /api/v1/agencies': READ,
  'POST /api/v1/agencies': ADMIN,
  'GET /api/v1/agencies/{id}': READ,
  'PATCH /api/v1/agencies/{id}': ADMIN,
  'GET /api/v1/service-points': READ,
  'POST /api/v1/service-points': ADMIN,
  'GET /api/v1/service-points/{id}': READ,
  'PATCH /api/v1/service-points/{id}': ADMIN,
  'GET /api/v1/procedures': CATALOG_READ,
  'POST /api/v1/procedures': ADMIN,
  'GET /api/v1/procedures/{id}': CATALOG_READ,
  'PATCH /api/v1/procedures/{id}': ADMIN,
  'GET /api/v1/procedures/{id}/versions/{version}': CATALOG_READ,
  'POST /api/v1/procedures/{id}/versions': ADMIN,
  'GET /api/v1/users': USERS_READ,
  'POST /api/v1/users': ADMIN,
  'GET /api/v1/users/{id}': USERS_READ,
  'PATCH /api/v1/users/{id}': ADMIN,
  'POST /api/v1/users/{id}/unlock': ADMIN,
  'GET /api/v1/calendar/{year}': READ,
  'POST /api/v1/calendar/overrides': ADMIN,
  'GET /api/v1/calendar/overrides': ADMIN,
  'DELETE /api/v1/calendar/overrides/{id}': ADMIN,
  'GET /api/v1/audit': AUDIT,
  'GET /api/v1/audit/verify': AUDIT,
  'POST /api/v1/dossiers': INTAKE,
  'GET /api/v1/dossiers': READ,
  'POST /api/v1/intake-slips': INTAKE,
  'GET /api/v1/inbox': PROCESS,
  'GET /api/v1/agencies/{id}/officers': DECIDE,
  'GET /api/v1/dossiers/{id}': READ,
  'POST /api/v1/dossiers/{id}/assign': DECIDE,
  'POST /api/v1/dossiers/{id}/steps': PROCESS,
  'POST /api/v1/dossiers/{id}/supplement-request': PROCESS,
  'POST /api/v1/dossiers/{id}/supplement-received': PROCESS,
  'POST /api/v1/dossiers/{id}/forward': PROCESS,
  'POST /api/v1/dossiers/{id}/forward-return': PROCESS,
  'POST /api/v1/dossiers/{id}/submit': PROCESS,
  'POST /api/v1/dossiers/{id}/approve': DECIDE,
  'POST /api/v1/dossiers/{id}/refuse': DECIDE,
  'POST /api/v1/dossiers/{id}/result': PROCESS,
  'POST /api/v1/dossiers/{id}/apology': DECIDE,
  'POST /api/v1/dossiers/{id}/return': RETURN,
  'POST /api/v1/dossiers/{id}/withdraw': WITHDRAW,
  'POST /api/v1/handover-batches': HANDOVER,
  'GET /api/v1/handover-batches': READ,
  'GET /api/v1/handover-batches/{id}': READ,
  'POST /api/v1/handover-batches/{id}/items/{dossierId}/confirm': HANDOVER,
  'POST /api/v1/shipments': SHIP,
  'GET /api/v1/shipments/{id}': READ,
  'GET /api/v1/shipments/{id}/slip.pdf': READ,
  'GET /api/v1/shipments/by-number/{itemNumber}': READ,
  'POST /api/v1/shipments/{id}/events': SHIP,
  'POST /api/v1/shipments/by-number/{itemNumber}/events': SHIP,
  'GET /api/v1/courier/round': COURIER,
  'POST /api/v1/pickups': INTAKE,
  'POST /api/v1/public/pickups': 'public',
  'GET /api/v1/public/procedures': 'public',
  'GET /api/v1/public/communes': 'public',
  'GET /api/v1/pickups/{id}': READ,
  'POST /api/v1/pickups/{id}/collect': COURIER,
  'POST /api/v1/public/dossiers/{token}/delivery': 'public',
  'GET /api/v1/postal/daily': READ,
  'GET /api/v1/postal/report': READ,
  'GET /api/v1/postal/tariffs': READ,
  'POST /api/v1/postal/tariffs': ADMIN,
  'GET /api/v1/dossiers/{id}/forms/{kind}.pdf': READ,
  'GET /api/v1/intake-slips/{id}.pdf': READ,
  'GET /api/v1/handover-batches/{id}/manifest.pdf': READ,
  'GET /api/v1/register.pdf': READ,
  'GET /api/v1/service-points/{id}/print-settings': READ,
  'PUT /api/v1/service-points/{id}/print-settings': ADMIN,
  'GET /api/v1/agencies/{id}/print-settings': READ,
  'PUT /api/v1/agencies/{id}/print-settings': ADMIN,
  'POST /api/v1/dossiers/{id}/attachments': ATTACH,
  'GET /api/v1/dossiers/{id}/attachments': READ,
  'GET /api/v1/attachments/{attachmentId}': READ,
  'GET /api/v1/dossiers/export.xlsx': READ,
  'GET /api/v1/reports/overview': REPORTS,
  'GET /api/v1/public/lookup/{code}': 'public',
  'GET /api/v1/public/dossiers/{token}': 'public',
  'POST /api/v1/dossiers/{id}/lookup-unlock': INTAKE,
  'POST /api/v1/public/dossiers/{token}/rating': 'public',
  'POST /api/v1/dossiers/{id}/supplement-at-counter': INTAKE,
  'POST /api/v1/dossiers/{id}/return-for-rework': DECIDE,
  'GET /api/v1/org/reorganisations': READ,
  'POST /api/v1/org/reorganisations': ADMIN,
  'GET /api/v1/money/counterparts': MONEY_READ,
  'POST /api/v1/money/counterparts': MONEY_MANAGE,
  'POST /api/v1/money/offices/{officeId}/ledger': MONEY_MANAGE,
  'GET /api/v1/money/offices/{officeId}/ledger': MONEY_READ,
  'GET /api/v1/money/accounts/{id}/statement': MONEY_READ,
  'GET /api/v1/money/trial-balance': MONEY_READ,
  'POST /api/v1/money/programmes/{id}/funding': MONEY_MANAGE,
  'POST /api/v1/money/drawers/{id}/float': MONEY_OPERATE,
  'POST /api/v1/money/postings/{id}/reversal': MONEY_REVERSE,
  'POST /api/v1/money/reversal-requests/{id}/approval': MONEY_MANAGE,
  'POST /api/v1/money/programmes/{id}/payout-lists/preview': MONEY_MANAGE,
  'POST /api/v1/money/programmes/{id}/payout-lists': MONEY_MANAGE,
  'GET /api/v1/money/payout-lists/{id}': MONEY_READ,
  'GET /api/v1/money/payout-lines': MONEY_READ,
  'POST /api/v1/money/payout-lines/{id}/payment': MONEY_OPERATE,
  'GET /api/v1/money/payments/{id}/receipt': MONEY_READ,
  'GET /api/v1/money/payments/{id}/receipt/pdf': MONEY_READ,
  'POST /api/v1/money/payout-lists/{id}/close': MONEY_MANAGE,
  'GET /api/v1/money/payout-lists/{id}/reconciliation': MONEY_READ,
  'GET /api/v1/money/payout-lists/{id}/reconciliation/export': MONEY_READ,
  'POST /api/v1/money/collections': MONEY_OPERATE,
  'GET /api/v1/money/collections/{id}': MONEY_READ,
};
