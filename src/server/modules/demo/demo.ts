import type { Role } from '../../../domain/access/roles.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { hashPassword } from '../auth/auth.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import { usersRepo } from '../users/users.repo.ts';

/** The demo jurisdictions: 吴忠市 (Ningxia), 北京市大兴区, 乌海市 (Inner Mongolia). */
export const DEMO_REGION_PREFIXES = ['6403', '110115', '1503'];

/** Demo-only password, printed in the README. Real deployments create their own users. */
export const DEMO_PASSWORD = 'Tongbao@2025';

export const DEMO_USERS: { username: string; displayName: string; roles: Role[]; jurisdiction: string }[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], jurisdiction: '' },
  { username: 'auditor', displayName: '审计员', roles: ['auditor'], jurisdiction: '' },
  { username: 'ningxia-province', displayName: '宁夏民政厅', roles: ['province-staff'], jurisdiction: '64' },
  { username: 'wuzhong-city', displayName: '吴忠市民政局', roles: ['city-staff'], jurisdiction: '6403' },
  { username: 'litong-county', displayName: '利通区民政局', roles: ['county-staff'], jurisdiction: '640302' },
  {
    username: 'litong-head',
    displayName: '利通区民政局负责人',
    roles: ['county-head'],
    jurisdiction: '640302',
  },
  { username: 'litong-finance', displayName: '利通区财务', roles: ['finance'], jurisdiction: '640302' },
  {
    username: 'litong-institution',
    displayName: '吴忠市儿童福利院',
    roles: ['institution-staff'],
    jurisdiction: '640302',
  },
  {
    username: 'litong-clerk',
    displayName: '利通区公安数据员',
    roles: ['department-clerk'],
    jurisdiction: '640302',
  },
  {
    username: 'jinxing-township',
    displayName: '金星镇儿童督导员',
    roles: ['township-supervisor'],
    jurisdiction: '640302106',
  },
  {
    username: 'jinxing-village-01',
    displayName: '富平社区儿童主任',
    roles: ['village-director'],
    jurisdiction: '640302106001',
  },
  {
    username: 'jinxing-village-02',
    displayName: '金花园儿童主任',
    roles: ['village-director'],
    jurisdiction: '640302106002',
  },
  {
    username: 'jinxing-volunteer',
    displayName: '爱心妈妈',
    roles: ['volunteer'],
    jurisdiction: '640302106001',
  },
  { username: 'daxing-county', displayName: '大兴区民政局', roles: ['county-staff'], jurisdiction: '110115' },
  // 跨省通办: a 大兴 township that takes in applications for children whose 户籍 is elsewhere.
  {
    username: 'daxing-township',
    displayName: '兴丰街道儿童督导员',
    roles: ['township-supervisor'],
    jurisdiction: '110115001',
  },
  { username: 'wuhai-city', displayName: '乌海市民政局', roles: ['city-staff'], jurisdiction: '1503' },
];

/**
 * Loads the demo regions and users. Idempotent: regions are upserted, existing users are left as
 * they are (a changed password survives a re-run).
 */
export async function loadDemo(
  deps: { db: Db; regions: RegionsService },
  log: (msg: string) => void = () => {},
) {
  const n = await deps.regions.importDivisions(DEMO_REGION_PREFIXES);
  log(`区划：${n} 条`);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  await deps.db.transaction(async (tx) => {
    for (const u of DEMO_USERS) {
      if (await usersRepo.findByUsername(tx, u.username)) continue;
      const row = await usersRepo.insert(tx, { ...u, passwordHash });
      await writeAudit(
        tx,
        { ip: 'cli' },
        {
          action: 'user.create',
          entityType: 'user',
          entityId: row.id,
          regionCode: u.jurisdiction,
          detail: { demo: true },
        },
      );
      created++;
    }
  });
  log(`演示账户：新建 ${created} 个，共 ${DEMO_USERS.length} 个`);
  return { regions: n, usersCreated: created };
}
