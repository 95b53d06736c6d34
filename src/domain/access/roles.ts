/**
 * Roles and what each may do (domain.md §1). Role permissions are one table; the web menu,
 * the route guards and the SQL scope all read it.
 */
export const Role = {
  admin: 'admin',
  provinceStaff: 'province-staff',
  cityStaff: 'city-staff',
  countyStaff: 'county-staff',
  countyHead: 'county-head',
  townshipSupervisor: 'township-supervisor',
  villageDirector: 'village-director',
  institutionStaff: 'institution-staff',
  departmentClerk: 'department-clerk',
  finance: 'finance',
  volunteer: 'volunteer',
  auditor: 'auditor',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = Object.values(Role) as [Role, ...Role[]];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  'province-staff': '省级民政工作人员',
  'city-staff': '市级民政工作人员',
  'county-staff': '县级民政工作人员',
  'county-head': '县级民政负责人',
  'township-supervisor': '乡镇儿童督导员',
  'village-director': '村（居）儿童主任',
  'institution-staff': '福利机构工作人员',
  'department-clerk': '部门数据员',
  finance: '财务人员',
  volunteer: '爱心妈妈志愿者',
  auditor: '审计人员',
};

export const Permission = {
  childRead: 'child:read',
  childWrite: 'child:write',
  applicationRead: 'application:read',
  applicationSubmit: 'application:submit',
  applicationVerify: 'application:verify',
  applicationConfirm: 'application:confirm',
  payrollRead: 'payroll:read',
  payrollManage: 'payroll:manage',
  payrollApprove: 'payroll:approve',
  matchingRead: 'matching:read',
  matchingUpload: 'matching:upload',
  visitRead: 'visit:read',
  visitWrite: 'visit:write',
  serviceRead: 'service:read',
  reportRead: 'report:read',
  policyRead: 'policy:read',
  policyManage: 'policy:manage',
  userManage: 'user:manage',
  auditRead: 'audit:read',
  regionRead: 'region:read',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

const P = Permission;
const staffRead = [
  P.childRead,
  P.applicationRead,
  P.payrollRead,
  P.matchingRead,
  P.visitRead,
  P.serviceRead,
  P.reportRead,
  P.policyRead,
  P.regionRead,
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [P.userManage, P.auditRead, P.policyRead, P.policyManage, P.regionRead, P.reportRead],
  'province-staff': [...staffRead],
  'city-staff': [...staffRead],
  'county-staff': [...staffRead, P.childWrite, P.applicationConfirm, P.payrollManage, P.matchingUpload],
  'county-head': [...staffRead, P.applicationConfirm, P.payrollApprove],
  'township-supervisor': [
    P.childRead,
    P.childWrite,
    P.applicationRead,
    P.applicationSubmit,
    P.applicationVerify,
    P.matchingRead,
    P.visitRead,
    P.visitWrite,
    P.serviceRead,
    P.reportRead,
    P.policyRead,
    P.regionRead,
  ],
  'village-director': [
    P.childRead,
    P.childWrite,
    P.applicationRead,
    P.applicationSubmit,
    P.visitRead,
    P.visitWrite,
    P.serviceRead,
    P.policyRead,
    P.regionRead,
  ],
  'institution-staff': [P.childRead, P.visitRead, P.visitWrite, P.serviceRead, P.regionRead],
  'department-clerk': [P.matchingUpload, P.regionRead],
  finance: [P.payrollRead, P.payrollManage, P.reportRead, P.regionRead],
  volunteer: [P.serviceRead],
  auditor: [P.auditRead, P.regionRead],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]));
}
