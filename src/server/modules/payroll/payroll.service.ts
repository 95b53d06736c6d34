import type { Actor } from '../../../domain/access/access.ts';
import { recorderId } from '../../platform/system-actor.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { reissue, totals } from '../../../domain/payroll/index.ts';
import type { PolicyPack } from '../../../domain/policy/pack.ts';
import { isYearMonth } from '../../../domain/shared/dates.ts';
import { conflict, forbidden, notFound, validationError } from '../../../domain/shared/errors.ts';
import { normalizeRegionCode, toSixDigits } from '../../../domain/shared/region-code.ts';
import { can } from '../../../domain/access/access.ts';
import { assertAccess } from '../../platform/access.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { ChildrenService } from '../children/children.service.ts';
import { generateLines } from './payroll.generate.ts';
import { makeJobs } from './payroll.jobs.ts';
import { shapesRepo } from './payroll.shapes.ts';
import { payrollRepo, toLine, type LineFilter, type RunRow } from './payroll.repo.ts';
import { ACTIONS, RUN_STATUS_LABELS, type GenerationResult, type RunAction } from './payroll.views.ts';

/**
 * Monthly payroll (ADR 0005, domain.md §7). Generation streams the county's confirmed children in
 * batches, computes each child's lines with the pure core (entitlement + settle) plus reissues of
 * failed bank lines, and writes them set-based (payroll.generate.ts) — all in ONE transaction per
 * county-month, under an advisory lock, so a crash leaves nothing half-made and two runs never
 * pay twice.
 */
export { BATCH } from './payroll.generate.ts';
/** The command line acts as this system actor; it is no user row, so runs record no creator. */
export { SYSTEM_ACTOR_ID } from '../../platform/system-actor.ts';
const userRef = recorderId;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PayrollDeps {
  db: Db;
  children: ChildrenService;
  packs: () => readonly PolicyPack[];
  /** The recording instant the run knows facts up to (default: now). */
  now?: () => Date;
}

const TRANSITIONS: Record<string, Partial<Record<RunAction, { to: string; permission: Permission }>>> = {
  draft: { review: { to: 'reviewed', permission: Permission.payrollManage } },
  reviewed: {
    approve: { to: 'approved', permission: Permission.payrollApprove },
    reopen: { to: 'draft', permission: Permission.payrollManage },
  },
  approved: {},
};

export const allowedActions = (status: string, actor?: Actor): RunAction[] =>
  ACTIONS.filter((a) => {
    const t = TRANSITIONS[status]?.[a];
    return t !== undefined && (actor === undefined || can(actor, t.permission));
  });

export const maskAccount = (account: string | null) =>
  account ? `${'*'.repeat(Math.max(0, account.length - 4))}${account.slice(-4)}` : null;

function parseTarget(month: string, rawRegion: string) {
  if (!isYearMonth(month)) {
    throw validationError('月份格式应为 YYYY-MM', [{ path: 'month', message: '月份格式应为 YYYY-MM' }]);
  }
  const region = normalizeRegionCode(rawRegion);
  if (!region || region.length > 6) {
    throw validationError('请选择县级或以上区划', [{ path: 'region', message: '应为省、市或县级区划代码' }]);
  }
  return { month, region };
}

export function makePayrollService(deps: PayrollDeps) {
  const { db, children, packs } = deps;
  const now = deps.now ?? (() => new Date());
  const jobs = makeJobs<GenerationResult>();

  /** One county-month in one transaction. A reviewed or approved run is left exactly as it is. */
  async function generateCounty(
    actor: Actor,
    county: string,
    month: string,
    ctx: AuditContext,
    progress: (n: number) => void,
  ): Promise<RunRow> {
    return db.transaction(async (tx) => {
      await payrollRepo.lockCountyMonth(tx, county, month);
      let run = await payrollRepo.findRun(tx, county, month);
      if (run && run.status !== 'draft') return run;
      const first = await payrollRepo.firstMonth(tx, county);
      // Months before the first payroll held here were paid from the Excel ledgers: never back-paid.
      const from = first !== undefined && first < month ? first : month;
      if (run) await payrollRepo.deleteLines(tx, run.id);
      else {
        run = await payrollRepo.insertRun(tx, {
          month,
          region: county,
          status: 'draft',
          childCount: 0,
          lineCount: 0,
          totalFen: 0,
          totals: totals([]),
          createdBy: userRef(actor),
        });
      }
      const reissued = reissue(await payrollRepo.failedUnreissued(tx, county, month), month);
      const made = await generateLines(
        tx,
        packs(),
        { runId: run.id, county, month, from, knownAt: now().toISOString(), before: reissued },
        progress,
      );
      const t = made.totals;
      const updated = await payrollRepo.updateRun(tx, run.id, {
        totals: t,
        childCount: made.childCount,
        lineCount: t.lineCount,
        totalFen: t.totalFen,
        generatedAt: new Date(),
        createdBy: userRef(actor),
      });
      await writeAudit(tx, ctx, {
        action: 'payroll.generate',
        entityType: 'payroll-run',
        entityId: run.id,
        regionCode: county,
        detail: { month, lines: t.lineCount, totalFen: t.totalFen, from, shapes: made.shapes },
      });
      return updated;
    });
  }

  function resultOf(month: string, region: string, runs: RunRow[]): GenerationResult {
    return {
      month,
      region: toSixDigits(region),
      children: runs.reduce((a, r) => a + r.childCount, 0),
      lines: runs.reduce((a, r) => a + r.lineCount, 0),
      totalFen: runs.reduce((a, r) => a + r.totalFen, 0),
      runs: runs.map((r) => ({ id: r.id, region: r.region, status: r.status })),
    };
  }

  /** Checks everything that can be refused up front and lists the counties to generate. */
  async function plan(actor: Actor, input: { month: string; region: string }) {
    assertAccess(actor, Permission.payrollManage, undefined, '辖区');
    const { month, region } = parseTarget(input.month, input.region);
    assertAccess(actor, Permission.payrollManage, region, '辖区');
    const counties = await children.payrollCounties(db, region);
    // Counties where migrant children live pay their top-ups (补差发放) in their own payroll.
    for (const county of await shapesRepo.residenceCounties(db, region)) {
      if (!counties.some((c) => c.county === county)) counties.push({ county, n: 0 });
    }
    if (region.length === 6 && !counties.some((c) => c.county === region))
      counties.push({ county: region, n: 0 });
    return { month, region, counties };
  }

  async function generate(
    actor: Actor,
    input: { month: string; region: string },
    ctx: AuditContext,
    onProgress: (n: number) => void = () => {},
  ): Promise<GenerationResult> {
    const { month, region, counties } = await plan(actor, input);
    const runs: RunRow[] = [];
    let done = 0;
    for (const c of counties) {
      runs.push(await generateCounty(actor, c.county, month, ctx, (n) => onProgress(done + n)));
      done += c.n;
    }
    return resultOf(month, region, runs);
  }

  async function getRun(actor: Actor, id: string, permission: Permission = Permission.payrollRead) {
    assertAccess(actor, permission, undefined, '发放表');
    const run = UUID.test(id) ? await payrollRepo.findRunById(db, id) : undefined;
    if (!run) throw notFound('发放表');
    assertAccess(actor, permission, run.region, '发放表');
    return run;
  }

  async function runView(actor: Actor, run: RunRow) {
    const banks = await payrollRepo.bankSummary(db, run.id);
    const sum = (status?: string) =>
      banks.filter((b) => status === undefined || b.status === status).reduce((a, b) => a + b.fen, 0);
    const approvedFen = sum();
    const byBank = new Map<string, { bank: string; lines: number; totalFen: number }>();
    for (const b of banks) {
      const e = byBank.get(b.bank) ?? { bank: b.bank, lines: 0, totalFen: 0 };
      byBank.set(b.bank, { ...e, lines: e.lines + b.n, totalFen: e.totalFen + b.fen });
    }
    return {
      id: run.id,
      month: run.month,
      region: run.region,
      status: run.status,
      statusLabel: RUN_STATUS_LABELS[run.status] ?? run.status,
      childCount: run.childCount,
      lineCount: run.lineCount,
      totalFen: run.totalFen,
      totals: run.totals,
      generatedAt: run.generatedAt.toISOString(),
      reviewedAt: run.reviewedAt?.toISOString() ?? null,
      approvedAt: run.approvedAt?.toISOString() ?? null,
      allowedActions: allowedActions(run.status, actor),
      banks: [...byBank.values()],
      reconciliation: {
        transferFen: approvedFen,
        paidFen: sum('paid'),
        failedFen: sum('failed'),
        pendingFen: sum('pending'),
        paidLines: banks.filter((b) => b.status === 'paid').reduce((a, b) => a + b.n, 0),
        failedLines: banks.filter((b) => b.status === 'failed').reduce((a, b) => a + b.n, 0),
        balanced: sum('pending') === 0 && sum('paid') + sum('failed') === approvedFen,
      },
    };
  }

  return {
    jobs,
    generate,
    getRun,
    runView,

    /** Starts generation in the background after the up-front checks; returns the job. */
    async startGeneration(actor: Actor, input: { month: string; region: string }, ctx: AuditContext) {
      const { month, region, counties } = await plan(actor, input);
      const total = counties.reduce((a, c) => a + c.n, 0);
      return jobs.start(`${region}:${month}`, region, total, (progress) =>
        generate(actor, { month, region }, ctx, progress),
      );
    },

    job(actor: Actor, id: string) {
      assertAccess(actor, Permission.payrollRead, undefined, '生成任务');
      const job = jobs.get(id);
      if (!job) throw notFound('生成任务');
      assertAccess(actor, Permission.payrollRead, job.region, '生成任务');
      const { key: _key, ...rest } = job;
      return rest;
    },

    async list(actor: Actor, q: { region?: string; month?: string }) {
      assertAccess(actor, Permission.payrollRead, undefined, '发放表');
      const rows = await payrollRepo.listRuns(db, actor, {
        ...(q.region ? { region: normalizeRegionCode(q.region) ?? q.region.replace(/\D/g, '') } : {}),
        ...(q.month ? { month: q.month } : {}),
      });
      return rows.map((r) => ({
        id: r.id,
        month: r.month,
        region: r.region,
        status: r.status,
        statusLabel: RUN_STATUS_LABELS[r.status] ?? r.status,
        childCount: r.childCount,
        lineCount: r.lineCount,
        totalFen: r.totalFen,
        allowedActions: allowedActions(r.status, actor),
      }));
    },

    async get(actor: Actor, id: string) {
      return runView(actor, await getRun(actor, id));
    },

    /** The lines with names and explanations: a view of personal data, audited. */
    async lines(actor: Actor, id: string, q: LineFilter, ctx: AuditContext) {
      const run = await getRun(actor, id);
      const { items, total } = await payrollRepo.lines(db, run.id, q);
      await writeAudit(db, ctx, {
        action: 'payroll.lines',
        entityType: 'payroll-run',
        entityId: run.id,
        regionCode: run.region,
        detail: { results: total, filters: Object.keys(q).filter((k) => !['page', 'pageSize'].includes(k)) },
      });
      return {
        total,
        items: items.map(({ line, name, bank, account }) => ({
          ...toLine(line),
          name,
          bank,
          accountMasked: maskAccount(account),
          bankStatus: line.bankStatus,
          failureReason: line.failureReason,
        })),
      };
    },

    async act(actor: Actor, id: string, action: RunAction, ctx: AuditContext) {
      const run = await getRun(actor, id);
      const t = TRANSITIONS[run.status]?.[action];
      if (!t) {
        throw conflict(
          `发放表当前为“${RUN_STATUS_LABELS[run.status] ?? run.status}”，不能执行该操作`,
          allowedActions(run.status),
        );
      }
      if (!can(actor, t.permission)) throw forbidden();
      const updated = await db.transaction(async (tx) => {
        const stamp = new Date();
        const row = await payrollRepo.updateRun(tx, run.id, {
          status: t.to,
          ...(action === 'review' ? { reviewedBy: userRef(actor), reviewedAt: stamp } : {}),
          ...(action === 'approve' ? { approvedBy: userRef(actor), approvedAt: stamp } : {}),
        });
        await writeAudit(tx, ctx, {
          action: `payroll.${action}`,
          entityType: 'payroll-run',
          entityId: run.id,
          regionCode: run.region,
          detail: {
            from: { status: run.status },
            to: { status: t.to },
            month: run.month,
            totalFen: run.totalFen,
          },
        });
        return row;
      });
      return runView(actor, updated);
    },

    /** 开户银行/银行账号 of a child in the actor's jurisdiction; the account is never audited. */
    async setAccount(
      actor: Actor,
      childId: string,
      input: { bank: string; account: string },
      ctx: AuditContext,
    ) {
      const child = await children.getScoped(db, actor, childId, Permission.payrollManage);
      await db.transaction(async (tx) => {
        await payrollRepo.upsertAccount(tx, child.id, input.bank.trim(), input.account.replace(/\s/g, ''));
        await writeAudit(tx, ctx, {
          action: 'payroll.account',
          entityType: 'child',
          entityId: child.id,
          regionCode: child.hukouRegion,
        });
      });
    },
  };
}
export type PayrollService = ReturnType<typeof makePayrollService>;
