import type { Actor } from '../../../domain/access/access.ts';
import type { Permission } from '../../../domain/access/roles.ts';
import { conflict, notFound } from '../../../domain/shared/errors.ts';
import { maskIdNumber } from '../../../domain/shared/id-number.ts';
import { isWithinRegion } from '../../../domain/shared/region-code.ts';
import { assertAccess } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { ChildExits } from './children.exits.ts';
import { childrenRepo, type ChildRow, type DeterminationRow } from './children.repo.ts';
import { CHILD_STATUSES, type ChildFile, type ChildStatus, type ChildSummary } from './children.views.ts';

/**
 * What every part of the registry shares: the scoped read of one file (404 outside the
 * jurisdiction) and the list and file views. Views read region names, so they are built after
 * the transaction (PGlite has one connection).
 */

const STATUS_LABELS: Record<ChildStatus, string> = {
  registered: '已建档',
  applying: '申请中',
  active: '已纳入保障',
  exited: '已退出保障',
};
const isStatus = (s: string): s is ChildStatus => (CHILD_STATUSES as readonly string[]).includes(s);
export const statusLabel = (s: string) => (isStatus(s) ? STATUS_LABELS[s] : s);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function makeChildFiles(deps: { db: Db; regions: RegionsService; exits: ChildExits }) {
  const { db, regions, exits } = deps;

  /** Region path names, each looked up once per view. */
  const namesCache = () => {
    const cache = new Map<string, Promise<string>>();
    return (code: string) => {
      let p = cache.get(code);
      if (!p) cache.set(code, (p = regions.pathNames(code).then((n) => n.join('/'))));
      return p;
    };
  };

  async function summary(
    row: ChildRow,
    latest: DeterminationRow | undefined,
    name = namesCache(),
  ): Promise<ChildSummary> {
    return {
      id: row.id,
      name: row.name,
      idNumberMasked: row.idNumber ? maskIdNumber(row.idNumber) : null,
      provisionalNo: row.provisionalNo,
      sex: row.sex === 'male' || row.sex === 'female' ? row.sex : null,
      birthDate: row.birthDate,
      hukouRegion: row.hukouRegion,
      hukouRegionName: await name(row.hukouRegion),
      status: isStatus(row.status) ? row.status : 'registered',
      confirmedAt: row.confirmedAt,
      categories: latest?.categories ?? [],
      monthlyTotalFen: latest?.monthlyTotalFen ?? null,
    };
  }

  async function fileView(row: ChildRow): Promise<ChildFile> {
    const [latest, current] = await Promise.all([
      childrenRepo.latestDeterminations(db, [row.id]),
      childrenRepo.currentVersion(db, row),
    ]);
    const name = namesCache();
    return {
      ...(await summary(row, latest.get(row.id), name)),
      idNumber: row.idNumber,
      residenceRegion: row.residenceRegion,
      residenceRegionName: await name(row.residenceRegion),
      version: row.version,
      exitReason: row.exitReason,
      exitedAt: row.exitedAt,
      exit: await exits.latest(row),
      facts: current.facts as unknown as Record<string, unknown>,
      createdAt: row.createdAt.toISOString(),
    };
  }

  /** The child if the actor may see it with `permission`; 404 outside the jurisdiction. */
  async function getScoped(
    tx: Db,
    actor: Actor,
    id: string,
    permission: Permission,
    lock = false,
  ): Promise<ChildRow> {
    assertAccess(actor, permission, undefined, '儿童档案');
    const row = UUID.test(id)
      ? await (lock ? childrenRepo.lockById(tx, id) : childrenRepo.findById(tx, id))
      : undefined;
    if (!row) throw notFound('儿童档案');
    assertAccess(actor, permission, row.hukouRegion, '儿童档案');
    return row;
  }

  /** One ID number, one file: inside the jurisdiction the refusal says where the file is. */
  async function refuseDuplicateId(actor: Actor, idNumber: string | undefined, exceptId?: string) {
    if (!idNumber) return;
    const existing = await childrenRepo.findByIdNumber(db, idNumber);
    if (!existing || existing.id === exceptId) return;
    if (isWithinRegion(existing.hukouRegion, actor.jurisdiction)) {
      const where = (await regions.pathNames(existing.hukouRegion)).join('/');
      throw conflict(
        `该公民身份号码已建档（户籍地：${where}，${statusLabel(existing.status)}），请勿重复建档`,
      );
    }
    throw conflict('该公民身份号码已在其他辖区建档，请联系上级民政部门核实');
  }

  return { namesCache, summary, fileView, getScoped, refuseDuplicateId };
}
export type ChildFiles = ReturnType<typeof makeChildFiles>;
