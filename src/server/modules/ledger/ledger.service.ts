import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Actor } from '../../../domain/access/access.ts';
import { Permission, Role } from '../../../domain/access/roles.ts';
import { addYearMonths, yearMonthOf, type PlainDate, type YearMonth } from '../../../domain/shared/dates.ts';
import { conflict, forbidden, notFound, validationError } from '../../../domain/shared/errors.ts';
import { isWithinRegion, normalizeRegionCode } from '../../../domain/shared/region-code.ts';
import { assertAccess } from '../../platform/access.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { ChildrenBulkService } from '../children/children.bulk.ts';
import { payeeAccountsOf } from '../payroll/payroll.payees.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import { ledgerLine, writeLedgerWorkbook } from './ledger.export.ts';
import { importLedgerFile, ledgerFormat, type ImportResult } from './ledger.import.ts';
import { ledgerRepo } from './ledger.repo.ts';

const PAGE = 1000;
const QUARTER = /^(\d{4})-Q([1-4])$/;

export interface LedgerServiceDeps {
  db: Db;
  bulk: ChildrenBulkService;
  regions: Pick<RegionsService, 'exists'>;
  today: () => PlainDate;
}

/** The quarter a day lies in, e.g. 2026-Q4. */
export const quarterOf = (day: PlainDate) => `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;

export function makeLedgerService(deps: LedgerServiceDeps) {
  const { db, bulk, today } = deps;
  // Errors files of web imports, downloadable by the importing user only (this process's lifetime).
  const workDir = mkdtempSync(join(tmpdir(), 'tongbao-ledger-'));
  const errorFiles = new Map<string, { userId: string; path: string; fileName: string }>();

  /** The region a request is limited to: the actor's jurisdiction or a region inside it. */
  function scopeOf(actor: Actor, region: string | undefined): string {
    if (region === undefined || region === '') return actor.jurisdiction;
    const code = normalizeRegionCode(region);
    if (code === undefined)
      throw validationError('区划代码应为6、9或12位数字', [{ path: 'region', message: '区划代码无效' }]);
    if (!isWithinRegion(code, actor.jurisdiction)) throw notFound('区划');
    return code;
  }

  async function importFile(
    actor: Actor,
    input: {
      path: string;
      region?: string;
      errorsPath?: string;
      recordedBy?: string | null;
      /** Prepare the rows in a worker thread (default: by file size and cores; see importLedgerFile). */
      inWorker?: boolean;
    },
    ctx: AuditContext,
    onProgress?: (rows: number) => void,
  ): Promise<ImportResult> {
    assertAccess(actor, Permission.childWrite, undefined, '台账');
    const format = ledgerFormat(input.path);
    const scope = scopeOf(actor, input.region);
    const errorsPath = input.errorsPath ?? join(workDir, `${randomUUID()}.${format}`);
    const result = await importLedgerFile(
      deps,
      actor,
      {
        path: input.path,
        scope,
        errorsPath,
        recordedBy: input.recordedBy,
        onProgress,
        inWorker: input.inWorker,
      },
      ctx,
    );
    await writeAudit(db, ctx, {
      action: 'ledger.import',
      entityType: 'ledger',
      regionCode: scope,
      detail: { format, imported: result.imported, rejected: result.rejected },
    });
    return result;
  }

  return {
    scopeOf,
    importFile,

    /** A web upload: the errors file is kept for the importing user under an opaque id. */
    async importUpload(
      actor: Actor,
      input: { path: string; fileName: string; region?: string },
      ctx: AuditContext,
    ) {
      const r = await importFile(actor, { path: input.path, region: input.region }, ctx);
      let errorsFileId: string | null = null;
      if (r.errorsFile) {
        errorsFileId = randomUUID();
        const ext = ledgerFormat(input.path);
        errorFiles.set(errorsFileId, {
          userId: actor.userId,
          path: r.errorsFile,
          fileName: `台账导入错误数据.${ext}`,
        });
      }
      return { imported: r.imported, rejected: r.rejected, errorsFileId };
    },

    errorsFile(actor: Actor, id: string) {
      const f = errorFiles.get(id);
      if (!f || f.userId !== actor.userId) throw notFound('错误数据文件');
      return f;
    },

    assertCanImport: (actor: Actor) => assertAccess(actor, Permission.childWrite, undefined, '台账'),
    /** Where an upload is kept while it is imported (its format from its name, checked here). */
    uploadPath: (fileName: string) => join(workDir, `${randomUUID()}.${ledgerFormat(fileName)}`),
    workPath: (ext: 'xlsx' | 'csv') => join(workDir, `${randomUUID()}.${ext}`),

    async exportMonth(
      actor: Actor,
      q: { month: YearMonth; region?: string },
      out: { filename: string } | { stream: Writable },
      ctx: AuditContext,
    ): Promise<number> {
      assertAccess(actor, Permission.childRead, undefined, '台账');
      const prefix = scopeOf(actor, q.region);
      const previous = addYearMonths(q.month, -1);
      async function* lines() {
        let afterId: string | null = null;
        for (;;) {
          const page = await bulk.monthPage({ prefix, month: q.month, previous, afterId, limit: PAGE });
          if (page.length === 0) return;
          const ids = page.map((r) => r.childId);
          // The guardian is the ledger's; the account is the one payroll pays to (payee_accounts).
          const [guardians, accounts] = await Promise.all([
            ledgerRepo.guardiansOf(db, ids),
            payeeAccountsOf(db, ids),
          ]);
          for (const r of page) {
            const account = accounts.get(r.childId);
            yield ledgerLine(r, {
              ...guardians.get(r.childId),
              bank: account?.bank ?? null,
              bankAccount: account?.account ?? null,
            });
          }
          afterId = page.at(-1)?.childId ?? null;
          if (page.length < PAGE) return;
        }
      }
      const rows = await writeLedgerWorkbook(out, lines());
      // An export is a disclosure of personal data: audited with what, never the rows.
      await writeAudit(db, ctx, {
        action: 'ledger.export',
        entityType: 'ledger',
        regionCode: prefix,
        detail: { month: q.month, rows },
      });
      return rows;
    },

    template: (out: { filename: string } | { stream: Writable }) => writeLedgerWorkbook(out, null),

    async summary(actor: Actor, q: { month: YearMonth; region?: string }) {
      assertAccess(actor, Permission.childRead, undefined, '台账');
      const prefix = scopeOf(actor, q.region);
      const counts = await bulk.monthSummary({
        prefix,
        month: q.month,
        previous: addYearMonths(q.month, -1),
      });
      return { month: q.month, region: prefix, ...counts };
    },

    /** The county's sign-offs (a county user's own county; above a county, none). */
    async signoffs(actor: Actor) {
      assertAccess(actor, Permission.childRead, undefined, '台账');
      if (actor.jurisdiction.length !== 6) return [];
      const rows = await ledgerRepo.signoffsOf(db, actor.jurisdiction);
      return rows.map((r) => ({
        ...r,
        signedByName: r.signedByName ?? '',
        signedAt: r.signedAt.toISOString(),
      }));
    },

    /** 季度审核签字: the county head approves the quarter's ledger once, with comments. */
    async signOff(actor: Actor, input: { quarter: string; comments: string }, ctx: AuditContext) {
      if (!actor.roles.includes(Role.countyHead)) throw forbidden('只有县级民政负责人可以签字确认台账');
      if (actor.jurisdiction.length !== 6) throw forbidden('台账季度签字须由县级民政负责人在本县（区）进行');
      const m = QUARTER.exec(input.quarter);
      if (!m)
        throw validationError('季度格式应为 YYYY-Qn', [{ path: 'quarter', message: '季度格式应为 YYYY-Qn' }]);
      const firstMonth = `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}`;
      if (firstMonth > yearMonthOf(today()))
        throw validationError('不能为尚未开始的季度签字', [{ path: 'quarter', message: '季度尚未开始' }]);
      const row = await db.transaction(async (tx) => {
        const inserted = await ledgerRepo.insertSignoff(tx, {
          countyCode: actor.jurisdiction,
          quarter: input.quarter,
          comments: input.comments,
          signedBy: actor.userId,
        });
        if (!inserted) throw conflict(`${input.quarter} 的台账已签字确认，不能重复签字`);
        await writeAudit(tx, ctx, {
          action: 'ledger.signoff',
          entityType: 'ledger-signoff',
          entityId: inserted.id,
          regionCode: actor.jurisdiction,
          detail: { quarter: input.quarter },
        });
        return inserted;
      });
      return { ...row, signedAt: row.signedAt.toISOString() };
    },

    close: () => rmSync(workDir, { recursive: true, force: true }),
  };
}
export type LedgerService = ReturnType<typeof makeLedgerService>;
