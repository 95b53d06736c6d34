/** Chinese names for audit codes; an unknown code is shown as is, never hidden. */
export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login-failed': '登录失败',
  'auth.logout': '退出',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.reset-password': '重置密码',
  'user.read': '查看用户',
  'audit.read': '查看审计',
  'access.denied': '拒绝访问',
  'child.read': '查看儿童档案',
  export: '导出',
};

export const ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  session: '会话',
  audit: '审计日志',
  child: '儿童档案',
  region: '区划',
  policy: '政策标准',
};

export const OUTCOME_LABELS = { ok: '成功', denied: '拒绝' } as const;

export const actionLabel = (code: string): string => ACTION_LABELS[code] ?? code;
export const entityLabel = (code: string): string => ENTITY_LABELS[code] ?? code;
