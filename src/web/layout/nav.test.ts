import { describe, expect, it } from 'vitest';
import { permissionsOf, Role } from '../../domain/access/roles.ts';
import { canOpen, effectivePermissions, navItemFor, openGroupsFor, visibleNav } from './nav.ts';

const labels = (perms: ReadonlySet<string>) =>
  visibleNav(perms).map((i) =>
    i.children ? `${i.label}[${i.children.map((c) => c.label).join(',')}]` : i.label,
  );

describe('the side menu follows the role table', () => {
  it('shows an administrator only the dashboard, reports and the system-management pages they hold', () => {
    expect(labels(permissionsOf([Role.admin]))).toEqual([
      '工作台',
      '统计报表',
      '系统管理[用户管理,审计日志,政策标准]',
    ]);
  });

  it('shows an auditor the audit log and nothing about children', () => {
    expect(labels(permissionsOf([Role.auditor]))).toEqual(['工作台', '系统管理[审计日志]']);
  });

  it('opens 信息比对 to a department clerk who may only upload', () => {
    expect(labels(permissionsOf([Role.departmentClerk]))).toEqual(['工作台', '信息比对']);
  });

  it('hides 系统管理 entirely when none of its pages is allowed', () => {
    expect(labels(permissionsOf([Role.volunteer]))).toEqual(['工作台', '关爱服务']);
  });

  it('always shows 工作台, even with no permission at all', () => {
    expect(labels(new Set())).toEqual(['工作台']);
  });

  it('gives a user with several roles the union of their menus', () => {
    const both = permissionsOf([Role.finance, Role.auditor]);
    expect(labels(both)).toEqual(['工作台', '资金发放', '统计报表', '系统管理[审计日志]']);
  });
});

describe('routes map to menu entries', () => {
  it('matches the longest menu path and never treats / as a prefix of everything', () => {
    expect(navItemFor('/')?.label).toBe('工作台');
    expect(navItemFor('/admin/users/42')?.label).toBe('用户管理');
    expect(navItemFor('/childrenx')).toBeUndefined();
    expect(navItemFor('/nowhere')).toBeUndefined();
  });

  it('opens the 系统管理 group for its pages only', () => {
    expect(openGroupsFor('/admin/audit')).toEqual(['/admin']);
    expect(openGroupsFor('/children')).toEqual([]);
  });

  it('guards a page with the same permission as its menu entry', () => {
    const auditor = permissionsOf([Role.auditor]);
    expect(canOpen('/admin/audit', auditor)).toBe(true);
    expect(canOpen('/admin/users', auditor)).toBe(false);
    expect(canOpen('/children', auditor)).toBe(false);
  });
});

describe('effective permissions', () => {
  it('trusts the server list over the local role table', () => {
    const perms = effectivePermissions({ roles: ['admin'], permissions: ['child:read'] });
    expect([...perms]).toEqual(['child:read']);
  });

  it('falls back to the role table and ignores unknown roles', () => {
    const perms = effectivePermissions({ roles: ['auditor', 'no-such-role'] });
    expect(perms.has('audit:read')).toBe(true);
    expect(perms.has('user:manage')).toBe(false);
  });
});
