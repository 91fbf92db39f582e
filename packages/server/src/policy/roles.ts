/** Staff roles. The Vietnamese names are what the console shows. */
export const Role = {
  Admin: 'admin', // Quản trị hệ thống
  Supervisor: 'supervisor', // Giám sát (Trung tâm Hành chính công, Văn phòng UBND)
  Clerk: 'clerk', // Giao dịch viên / cán bộ tiếp nhận
  Courier: 'courier', // Bưu tá
  Officer: 'officer', // Chuyên viên xử lý
  Leader: 'leader', // Lãnh đạo cơ quan
  Auditor: 'auditor', // Kiểm toán / thanh tra
  Partner: 'partner', // Hệ thống đối tác (API)
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ALL_ROLES = Object.values(Role) as Role[];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  supervisor: { vi: 'Giám sát', en: 'Supervisor' },
  clerk: { vi: 'Giao dịch viên', en: 'Counter clerk' },
  courier: { vi: 'Bưu tá', en: 'Courier' },
  officer: { vi: 'Chuyên viên xử lý', en: 'Agency officer' },
  leader: { vi: 'Lãnh đạo cơ quan', en: 'Agency leader' },
  auditor: { vi: 'Kiểm tra, thanh tra', en: 'Auditor' },
  partner: { vi: 'Hệ thống đối tác', en: 'Partner system' },
};

/**
 * Every permission a route can require. A route names exactly one; the policy decides from the
 * actor's roles and, for scoped permissions, the sites and agencies the resource belongs to.
 */
export const Permission = {
  OrgRead: 'org:read',
  OrgWrite: 'org:write',
  CatalogRead: 'catalog:read',
  CatalogWrite: 'catalog:write',
  UsersRead: 'users:read',
  UsersWrite: 'users:write',
  AuditRead: 'audit:read',
  CalendarRead: 'calendar:read',
  CalendarWrite: 'calendar:write',
  DossierRead: 'dossier:read',
  DossierIntake: 'dossier:intake',
  DossierHandover: 'dossier:handover',
  DossierProcess: 'dossier:process',
  DossierAssign: 'dossier:assign',
  DossierDecide: 'dossier:decide',
  DossierReturn: 'dossier:return',
  ReportsRead: 'reports:read',
  DeliveryWork: 'delivery:work',
  PartnerApi: 'partner:api',
  /** Balances, statements, payout lists of the offices in scope. */
  MoneyRead: 'money:read',
  /** At the counter: pay a payout line, move the drawer's float. */
  MoneyOperate: 'money:operate',
  /** Set up an office's ledger, import payout lists, fund and close a period. */
  MoneyManage: 'money:manage',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

const STAFF_READ: Permission[] = [Permission.OrgRead, Permission.CatalogRead, Permission.CalendarRead];

/** Which role may do what. Scope (which sites/agencies) comes from the grant, not from here. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...STAFF_READ,
    Permission.OrgWrite,
    Permission.CatalogWrite,
    Permission.UsersRead,
    Permission.UsersWrite,
    Permission.CalendarWrite,
    Permission.AuditRead,
    Permission.DossierRead,
    Permission.ReportsRead,
    Permission.MoneyRead,
    Permission.MoneyManage,
  ],
  supervisor: [
    ...STAFF_READ,
    Permission.UsersRead,
    Permission.DossierRead,
    Permission.ReportsRead,
    Permission.MoneyRead,
    Permission.MoneyManage,
  ],
  clerk: [
    ...STAFF_READ,
    Permission.DossierRead,
    Permission.DossierIntake,
    Permission.DossierHandover,
    Permission.DossierReturn,
    Permission.MoneyRead,
    Permission.MoneyOperate,
  ],
  courier: [...STAFF_READ, Permission.DossierRead, Permission.DeliveryWork, Permission.DossierHandover],
  officer: [...STAFF_READ, Permission.DossierRead, Permission.DossierProcess, Permission.DossierHandover],
  leader: [
    ...STAFF_READ,
    Permission.DossierRead,
    Permission.DossierProcess,
    Permission.DossierAssign,
    Permission.DossierDecide,
    Permission.DossierHandover,
    Permission.ReportsRead,
  ],
  auditor: [
    ...STAFF_READ,
    Permission.AuditRead,
    Permission.DossierRead,
    Permission.ReportsRead,
    Permission.MoneyRead,
  ],
  partner: [Permission.CatalogRead, Permission.PartnerApi],
};
