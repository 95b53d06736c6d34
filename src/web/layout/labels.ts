import { ROLE_LABELS, ROLES, type Role } from '../../domain/access/roles.ts';

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** Chinese name of a role code; an unknown code is shown as is rather than hidden. */
export function roleLabel(role: string): string {
  return isRole(role) ? ROLE_LABELS[role] : role;
}

export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** 宁夏回族自治区 / 吴忠市 / 利通区 — the path of names, or the bare name when no path came back. */
export function jurisdictionText(j: { name: string; pathNames: readonly string[] }): string {
  return j.pathNames.length > 0 ? j.pathNames.join(' / ') : j.name;
}
