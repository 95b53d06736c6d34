import type { Actor } from '../../../domain/access/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { conflict } from '../../../domain/shared/errors.ts';
import type { FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import { assertAccess } from '../../platform/access.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import { checkHukou, projectionOf, type ChildProjection } from './children.facts.ts';
import type { ChildFiles } from './children.files.ts';
import { insertConfirmedBatch, type ConfirmedChild } from './children.payroll.ts';
import { childrenRepo, type ChildRow } from './children.repo.ts';
import type {
  ChildFile,
  ChildQuery,
  ChildSummary,
  DuplicateWarning,
  FactsInput,
  NewChild,
} from './children.views.ts';
import { isUniqueViolation } from './db-errors.ts';
import { classifySearch } from './name-search.ts';

/** Opening a file (建档), finding files (检索) and reading one (查看档案, audited). */

export interface PreparedChild {
  doc: FactsDocument;
  values: ChildProjection;
  reason: string;
}

export function childRegistration(deps: {
  db: Db;
  regions: RegionsService;
  files: ChildFiles;
  parseFacts: (input: FactsInput) => FactsDocument;
}) {
  const { db, regions, files, parseFacts } = deps;
  const { summary, fileView, getScoped, namesCache, refuseDuplicateId } = files;

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
    prepareNew,
    createInTx,
    duplicateWarnings,

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

    /** Set-based registration of already-confirmed children (ledger migration, tests, benchmarks). */
    async registerConfirmed(tx: Db, items: readonly (Omit<ConfirmedChild, 'doc'> & { facts: FactsInput })[]) {
      const parsed = items.map((i) => ({ ...i, doc: parseFacts(i.facts) }));
      return insertConfirmedBatch(tx, parsed, '台账迁移（已确认）');
    },
  };
}
