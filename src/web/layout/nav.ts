/**
 * The side navigation as one table: each entry names the permissions that open it (any of them).
 * The menu, the route guards and the /admin landing page all read this table; permissions come
 * from domain/access/roles.ts, so the server and the web share one definition.
 */
import { Permission, permissionsOf, ROLES, type Role } from '../../domain/access/roles.ts';
import type { Me } from '../api/types.ts';

export interface NavItem {
  path: string;
  label: string;
  /** Any one of these opens the item; absent means everyone signed in. */
  anyOf?: readonly Permission[];
  children?: readonly NavItem[];
}

const P = Permission;

export const NAV: readonly NavItem[] = [
  { path: '/', label: '工作台' },
  { path: '/children', label: '儿童档案', anyOf: [P.childRead] },
  { path: '/ledger', label: '台账', anyOf: [P.childRead] },
  { path: '/applications', label: '申请审批', anyOf: [P.applicationRead] },
  { path: '/reviews', label: '资格复审', anyOf: [P.applicationVerify, P.applicationConfirm] },
  { path: '/payroll', label: '资金发放', anyOf: [P.payrollRead] },
  { path: '/matching', label: '信息比对', anyOf: [P.matchingRead, P.matchingUpload] },
  { path: '/visits', label: '走访与报告', anyOf: [P.visitRead] },
  { path: '/services', label: '关爱服务', anyOf: [P.serviceRead] },
  { path: '/reports', label: '统计报表', anyOf: [P.reportRead] },
  {
    path: '/admin',
    label: '系统管理',
    children: [
      { path: '/admin/users', label: '用户管理', anyOf: [P.userManage] },
      { path: '/admin/audit', label: '审计日志', anyOf: [P.auditRead] },
      { path: '/admin/policies', label: '政策标准', anyOf: [P.policyRead] },
    ],
  },
];

const KNOWN_ROLES = new Set<string>(ROLES);
const isRole = (r: string): r is Role => KNOWN_ROLES.has(r);

/**
 * What the signed-in user may do. The server's list is authoritative; the role table is the
 * fallback for a session that predates the permissions field.
 */
export function effectivePermissions(
  me: Pick<Me, 'roles'> & { permissions?: string[] },
): ReadonlySet<string> {
  if (Array.isArray(me.permissions)) return new Set(me.permissions);
  return permissionsOf(me.roles.filter(isRole));
}

function opens(item: NavItem, perms: ReadonlySet<string>): boolean {
  return !item.anyOf || item.anyOf.some((p) => perms.has(p));
}

/** The navigation this user sees; a group with no visible child is hidden. */
export function visibleNav(perms: ReadonlySet<string>, items: readonly NavItem[] = NAV): NavItem[] {
  const out: NavItem[] = [];
  for (const item of items) {
    if (item.children) {
      const children = visibleNav(perms, item.children);
      if (children.length > 0 && opens(item, perms)) out.push({ ...item, children });
    } else if (opens(item, perms)) {
      out.push(item);
    }
  }
  return out;
}

function leaves(items: readonly NavItem[]): NavItem[] {
  return items.flatMap((i) => (i.children ? leaves(i.children) : [i]));
}

/** The leaf entry a URL belongs to (longest matching prefix), e.g. /admin/users/42 → 用户管理. */
export function navItemFor(pathname: string, items: readonly NavItem[] = NAV): NavItem | undefined {
  let best: NavItem | undefined;
  for (const item of leaves(items)) {
    const match =
      item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (match && (!best || item.path.length > best.path.length)) best = item;
  }
  return best;
}

/** The group entries containing the URL, to open their submenus. */
export function openGroupsFor(pathname: string, items: readonly NavItem[] = NAV): string[] {
  return items.filter((i) => i.children && pathname.startsWith(`${i.path}/`)).map((i) => i.path);
}

export function canOpen(pathname: string, perms: ReadonlySet<string>): boolean {
  const item = navItemFor(pathname);
  return item !== undefined && opens(item, perms);
}
