import type { Actor } from '../../../domain/access/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { yearMonthOf, type PlainDate } from '../../../domain/shared/dates.ts';
import { conflict, notFound, validationError } from '../../../domain/shared/errors.ts';
import { maskIdNumber } from '../../../domain/shared/id-number.ts';
import { isWithinRegion } from '../../../domain/shared/region-code.ts';
import {
  changedPaths,
  effectiveMonthOfChange,
  type FactsDocument,
} from '../../../domain/workflow/fact-versions.ts';
import { assertAccess } from '../../platform/access.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import {
  determinationsView,
  recomputeDeterminations,
  tryEvaluate,
  type DeterminationDeps,
} from './children.determinations.ts';
import { childrenRepo, type ChildRow, type DeterminationRow } from './children.repo.ts';
import { matchSource } from './children.match-source.ts';
import {
  CHILD_STATUSES,
  type ChildFile,
  type ChildQuery,
  type ChildStatus,
  type ChildSummary,
  type DuplicateWarning,
  type FactsChange,
  type FactsInput,
  type HistoryEntry,
  type NewChild,
} from './children.views.ts';
import { checkHukou, parseFactsDocument, projectionOf, type ChildProjection } from './children.facts.ts';
import { isUniqueViolation } from './db-errors.ts';
import { exitActions, makeChildExits } from './children.exits.ts';
import {
  countiesWithChildren,
  insertConfirmedBatch,
  payrollRecordBatch,
  type ConfirmedChild,
} from './children.payroll.ts';
import { classifySearch } from './name-search.ts';

const STATUS_LABELS: Record<ChildStatus, string> = {
  registered: '已建档',
  applying: '申请中',
  active: '已纳入保障',
  exited: '已退出保障',
};
const isStatus = (s: string): s is ChildStatus => (CHILD_STATUSES as readonly string[]).includes(s);
export interface PreparedChild {
  doc: FactsDocument;
  values: ChildProjection;
  reason: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function makeChildrenService(deps: DeterminationDeps & { regions: RegionsService }) {
  const { db, regions, today } = deps;
  const exits = makeChildExits(deps);

  const parseFacts = (input: FactsInput) => parseFactsDocument(input, today());

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
      categories: latest?.determination.categories ?? [],
      monthlyTotalFen: latest?.monthlyTotalFen ?? null,
    };
  }

  /** Views read region names: build them after the transaction (PGlite has one connection). */
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

  async function refuseDuplicateId(actor: Actor, idNumber: string | undefined, exceptId?: string) {
    if (!idNumber) return;
    const existing = await childrenRepo.findByIdNumber(db, idNumber);
    if (!existing || existing.id === exceptId) return;
    if (isWithinRegion(existing.hukouRegion, actor.jurisdiction)) {
      const where = (await regions.pathNames(existing.hukouRegion)).join('/');
      throw conflict(
        `该公民身份号码已建档（户籍地：${where}，${STATUS_LABELS[existing.status as ChildStatus] ?? existing.status}），请勿重复建档`,
      );
    }
    throw conflict('该公民身份号码已在其他辖区建档，请联系上级民政部门核实');
  }

  async function duplicateWarnings(actor: Actor, row: ChildRow): Promise<DuplicateWarning[]> {
    const same = await childrenRepo.sameNameAndBirth(db, actor, row.name, row.birthDate, row.id);
    if (same.length === 0) return [];
    const where = await Promise.all(
      same.map(async (s) => (await regions.pathNames(s.hukouRegion)).at(-1) ?? s.hukouRegion),
    );
    return [
      {
        kind: 'same-name-birth',
        message: `辖区内已有 ${same.length} 份同名、同出生日期的档案（${[...new Set(where)].join('、')}），请核实是否为同一儿童`,
      },
    ];
  }

  /**
   * Everything about a new file that can be refused before writing: permission, facts, 户籍 in
   * the jurisdiction, a duplicate ID number. Runs outside any transaction (it reads region names).
   */
  async function prepareNew(actor: Actor, input: NewChild): Promise<PreparedChild> {
    assertAccess(actor, Permission.childWrite, undefined, '儿童档案');
    const doc = parseFacts(input.facts);
    checkHukou(actor, doc.child.hukouRegion);
    await refuseDuplicateId(actor, doc.child.idNumber);
    return { doc, values: projectionOf(doc, input.sex), reason: input.reason || '建档登记' };
  }

  /** Writes a prepared file inside the caller's transaction (an application may create the child). */
  async function createInTx(
    tx: Db,
    actor: Actor,
    prepared: PreparedChild,
    ctx: AuditContext,
  ): Promise<ChildRow> {
    let row: ChildRow;
    try {
      row = await childrenRepo.insert(tx, { ...prepared.values, status: 'registered', version: 1 });
    } catch (e) {
      // The unique index is the guard against a concurrent duplicate.
      if (isUniqueViolation(e)) throw conflict('该公民身份号码已建档，请勿重复建档');
      throw e;
    }
    if (!row.idNumber) {
      // 临时档案号 for children without an ID number: county code + running number.
      const provisionalNo = `LS${row.hukouRegion.slice(0, 6)}${String(row.fileNo).padStart(8, '0')}`;
      row = await childrenRepo.update(tx, row.id, { provisionalNo });
    }
    await childrenRepo.insertVersion(tx, {
      childId: row.id,
      version: 1,
      recordedBy: actor.userId,
      reason: prepared.reason,
      facts: prepared.doc,
    });
    await writeAudit(tx, ctx, {
      action: 'child.create',
      entityType: 'child',
      entityId: row.id,
      regionCode: row.hukouRegion,
      detail: { version: 1, status: row.status, withIdNumber: row.idNumber !== null },
    });
    return row;
  }

  return {
    getScoped,
    summary,
    fileView,
    parseFacts,
    statusLabel: (s: string) => STATUS_LABELS[s as ChildStatus] ?? s,

    async list(actor: Actor, q: ChildQuery, ctx: AuditContext) {
      assertAccess(actor, Permission.childRead, undefined, '儿童档案');
      const { items, total } = await childrenRepo.search(db, actor, {
        ...(q.q ? { text: classifySearch(q.q) } : {}),
        region: q.region?.replace(/\D/g, ''),
        status: q.status,
        category: q.category,
        page: q.page,
        pageSize: q.pageSize,
      });
      const latest = await childrenRepo.latestDeterminations(
        db,
        items.map((i) => i.id),
      );
      const name = namesCache();
      // A search is a view of personal data: audited with what was filtered on, never the text.
      await writeAudit(db, ctx, {
        action: 'child.search',
        entityType: 'child',
        detail: {
          filters: Object.keys(q).filter((k) => q[k as keyof ChildQuery] !== undefined),
          results: total,
        },
      });
      return { items: await Promise.all(items.map((r) => summary(r, latest.get(r.id), name))), total };
    },

    prepareNew,
    createInTx,
    duplicateWarnings,

    async create(actor: Actor, input: NewChild, ctx: AuditContext) {
      const prepared = await prepareNew(actor, input);
      const row = await db.transaction((tx) => createInTx(tx, actor, prepared, ctx));
      return { child: await fileView(row), warnings: await duplicateWarnings(actor, row) };
    },

    async get(actor: Actor, id: string, ctx: AuditContext): Promise<ChildFile> {
      const row = await getScoped(db, actor, id, Permission.childRead);
      // The full file (full ID number) is a read of a minor's sensitive data: audited.
      await writeAudit(db, ctx, {
        action: 'child.read',
        entityType: 'child',
        entityId: row.id,
        regionCode: row.hukouRegion,
      });
      return fileView(row);
    },

    async updateFacts(actor: Actor, id: string, change: FactsChange, ctx: AuditContext): Promise<ChildFile> {
      await getScoped(db, actor, id, Permission.childWrite);
      const doc = parseFacts(change.facts);
      checkHukou(actor, doc.child.hukouRegion);
      await refuseDuplicateId(actor, doc.child.idNumber, id);
      const updated = await db.transaction(async (tx) => {
        const row = await getScoped(tx, actor, id, Permission.childWrite, true);
        if (row.status === 'exited') throw conflict('档案已退出保障，不能再修改事实');
        if (change.expectedVersion !== undefined && change.expectedVersion !== row.version) {
          throw conflict(`档案已被他人修改（当前为第 ${row.version} 版），请刷新后重试`);
        }
        const prev = await childrenRepo.currentVersion(tx, row);
        const changed = changedPaths(prev.facts, doc);
        if (changed.length === 0) throw validationError('没有需要保存的变更');
        const effectiveFrom =
          change.effectiveFrom ?? effectiveMonthOfChange(prev.facts, doc) ?? yearMonthOf(today());
        const version = row.version + 1;
        await childrenRepo.insertVersion(tx, {
          childId: row.id,
          version,
          recordedBy: actor.userId,
          reason: change.reason,
          effectiveFrom,
          facts: doc,
        });
        const sex = row.sex === 'male' || row.sex === 'female' ? row.sex : undefined;
        let next: ChildRow;
        try {
          next = await childrenRepo.update(tx, row.id, { ...projectionOf(doc, sex), version });
        } catch (e) {
          if (isUniqueViolation(e)) throw conflict('该公民身份号码已建档，请勿重复建档');
          throw e;
        }
        const months = await recomputeDeterminations(deps, tx, next, doc, effectiveFrom);
        await writeAudit(tx, ctx, {
          action: 'child.update-facts',
          entityType: 'child',
          entityId: row.id,
          regionCode: next.hukouRegion,
          detail: {
            from: { version: row.version },
            to: { version },
            changed,
            effectiveFrom,
            recomputed: months.length > 0 ? [months[0], months.at(-1)] : [],
          },
        });
        return exits.afterFactsChange(tx, actor, next, prev.facts, doc, ctx);
      });
      return fileView(updated);
    },

    async history(actor: Actor, id: string, ctx: AuditContext): Promise<HistoryEntry[]> {
      const row = await getScoped(db, actor, id, Permission.childRead);
      const versions = await childrenRepo.versionsWithAuthors(db, row.id);
      await writeAudit(db, ctx, {
        action: 'child.history',
        entityType: 'child',
        entityId: row.id,
        regionCode: row.hukouRegion,
      });
      return versions
        .map((v, i) => ({
          version: v.version,
          recordedAt: v.recordedAt.toISOString(),
          recordedBy: v.recordedByName,
          reason: v.reason,
          effectiveFrom: v.effectiveFrom,
          changed: i === 0 ? [] : changedPaths(versions[i - 1]!.facts, v.facts),
          facts: v.facts as unknown as Record<string, unknown>,
        }))
        .reverse();
    },

    async determinations(actor: Actor, id: string, q: { asOf?: PlainDate; knownAt?: string }) {
      const row = await getScoped(db, actor, id, Permission.childRead);
      return determinationsView(deps, row, q);
    },

    /** List rows for other modules (e.g. the application queue), keyed by child id. */
    async summariesOf(ids: string[]): Promise<Map<string, ChildSummary>> {
      const unique = [...new Set(ids)];
      const [rows, latest] = await Promise.all([
        childrenRepo.findMany(db, unique),
        childrenRepo.latestDeterminations(db, unique),
      ]);
      const name = namesCache();
      const out = new Map<string, ChildSummary>();
      for (const r of rows) out.set(r.id, await summary(r, latest.get(r.id), name));
      return out;
    },

    ...matchSource(db),

    ...exitActions({ db, exits, getScoped, fileView }),

    /** Payroll input (ADR 0005): confirmed children of `region` in id order, one batch at a time. */
    payrollRecords: (tx: Db, region: string, afterId: string, limit: number) =>
      payrollRecordBatch(tx, region, afterId, limit),
    payrollCounties: (tx: Db, region: string) => countiesWithChildren(tx, region),
    /** Set-based registration of already-confirmed children (ledger migration, tests, benchmarks). */
    async registerConfirmed(tx: Db, items: readonly (Omit<ConfirmedChild, 'doc'> & { facts: FactsInput })[]) {
      const parsed = items.map((i) => ({ ...i, doc: parseFacts(i.facts) }));
      return insertConfirmedBatch(tx, parsed, '台账迁移（已确认）');
    },

    /** The engine's view of the current facts today (an application's 预评估). */
    async preview(tx: Db, row: ChildRow) {
      const current = await childrenRepo.currentVersion(tx, row);
      return tryEvaluate(current.facts, today(), deps.packs());
    },

    /**
     * Status changes driven by the application workflow, in the workflow's transaction. Activation
     * records the confirmation date and writes the determinations from the month after it.
     */
    async changeStatus(tx: Db, childId: string, to: ChildStatus, on: PlainDate, ctx: AuditContext) {
      const row = await childrenRepo.lockById(tx, childId);
      if (!row) throw notFound('儿童档案');
      // A refused or withdrawn application leaves a child who had exited before as exited.
      if (to === 'registered' && row.exitedAt !== null) to = 'exited';
      if (row.status === to) return row;
      const updated = await childrenRepo.update(tx, row.id, {
        status: to,
        // A new confirmation after an exit starts a new period in the payroll: the old exit is history.
        ...(to === 'active' ? { confirmedAt: on, exitReason: null, exitedAt: null } : {}),
      });
      const current = await childrenRepo.currentVersion(tx, updated);
      const months = await recomputeDeterminations(deps, tx, updated, current.facts, undefined);
      await writeAudit(tx, ctx, {
        action: 'child.status',
        entityType: 'child',
        entityId: row.id,
        regionCode: row.hukouRegion,
        detail: {
          from: { status: row.status },
          to: { status: to, ...(to === 'active' ? { confirmedAt: on, benefitFrom: months[0] ?? null } : {}) },
        },
      });
      return updated;
    },
  };
}
export type ChildrenService = ReturnType<typeof makeChildrenService>;
