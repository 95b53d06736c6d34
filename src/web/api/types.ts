/** Shapes of the server's JSON (the API contract of issue 2). */
import type { RegionLevel } from '../../domain/shared/region-code.ts';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  permissions: string[];
  jurisdiction: { code: string; name: string; pathNames: string[] };
}

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  hasChildren: boolean;
}

export interface RegionDetail extends Region {
  pathNames: string[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type UserStatus = 'active' | 'disabled' | 'locked';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  jurisdictionCode: string;
  jurisdictionName: string;
  status: UserStatus;
  lastLoginAt: string | null;
}

export interface AuditEntry {
  id: number | string;
  at: string;
  actorUsername: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  regionCode: string | null;
  outcome: 'ok' | 'denied';
  ip: string | null;
  detail: Record<string, unknown> | null;
}
