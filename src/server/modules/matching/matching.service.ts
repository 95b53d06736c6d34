import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { and, desc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../domain/access/access.ts';
import { can } from '../../../domain/access/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import type { KeyedHash, RosterType } from '../../../domain/matching/index.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import { notFound, validationError } from '../../../domain/shared/errors.ts';
import { isWithinRegion, normalizeRegionCode } from '../../../domain/shared/region-code.ts';
import { assertAccess, scopeToJurisdiction } from '../../platform/access.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Database } from '../../platform/db.ts';
import type { ApplicationsService } from '../applications/applications.service.ts';
import type { ChildrenService } from '../children/children.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import {
  MatchCancelled,
  adultBornOn,
  decideRoster,
  leadStore,
  nameKeyFrom,
  refreshRegistryKeys,
  storeDecided,
  type DecidedLead,
  type LeadCounts,
} from './matching.engine.ts';
import { execOn } from './matching.sql.ts';
import { intakeRoster } from './matching.intake.ts';
import { RECORDS_AFTER_SQL } from './matching.record-ids.ts';
import { makeJobs, type JobState } from './matching.jobs.ts';
import { makeLeadsService } from './matching.leads.ts';
import { rosters } from './matching.schema.ts';
import { seedCollector } from './matching.seeds.ts';
import { registryPrefixes } from './matching.prefix-sets.ts';
import type { RosterView } from './matching.views.ts';
import type { PolicyPack } from '../../../domain/policy/pack.ts';

export interface MatchingDeps {
  database: Database;
  children: ChildrenService;
  applications: ApplicationsService;
  regions: RegionsService;
  packs: () => readonly PolicyPack[];
  today: () => PlainDate;
  hasher: () => Promise<KeyedHash>;
  /** Uploaded files and errors files. */
  filesDir: string;
}

type RosterRow = typeof rosters.$inferSelect;
/** How long an errors file is kept after its upload. */
export const ERRORS_FILE_DAYS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RosterInput {
  type: RosterType;
  sourceDepartment: string;
  region?: string;
  asOf?: PlainDate;
  filePath: string;
  fileName: string;
}

export function makeMatchingService(deps: MatchingDeps) {
  const { database, today } = deps;
  const db = database.db;
  const jobs = makeJobs();
  fs.mkdirSync(deps.filesDir, { recursive: true });

  function view(row: RosterRow, job = jobs.get(row.id)): RosterView {
    return {
      id: row.id,
      rosterType: row.rosterType as RosterType,
      sourceDepartment: row.sourceDepartment,
      region: row.region,
      fileName: row.fileName,
      uploadedBy: row.uploadedBy,
      uploadedAt: row.uploadedAt.toISOString(),
      asOf: row.asOf,
      status: row.status,
      rows: row.rows,
      rejected: row.rejected,
      newLeads: row.newLeads ?? null,
      hasErrorsFile: row.errorsFile !== null,
      message: row.message,
      progress:
        job && job.phase !== 'done'
          ? {
              phase: job.phase,
              rowsRead: job.rowsRead,
              bytesRead: job.bytesRead,
              totalBytes: job.totalBytes,
              matched: job.matched,
              toMatch: job.toMatch,
            }
          : null,
    };
  }

  /**
   * Reading, storing and matching one roster; the roster row records the outcome. The rows are
   * written as they are read but stay invisible to other matching until the roster is done; the
   * leads, the status and the audit row are one transaction. Cancelling (or a failure) rolls that
   * back and deletes the roster's rows in one more: nothing half-written remains.
   */
  /** Work uploads leave running after their leads are stored (see `settled`). */
  const background = new Set<Promise<void>>();

  async function process(row: RosterRow, filePath: string, job: JobState, ctx: AuditContext) {
    const hmac = await deps.hasher();
    const cancelled = () => job.cancel;
    try {
      // Before reading: which rows need a name key depends on the registry's birth dates.
      let t = performance.now();
      const phase = (name: string) => {
        const now = performance.now();
        job.timings[name] = Math.round(now - t);
        t = now;
      };
      const registry = await refreshRegistryKeys(deps, hmac);
      phase('registry');
      // The registry's key prefixes load while the file is read; each batch is probed (seeds).
      const prefixes = registryPrefixes(database);
      const seeds = seedCollector(prefixes.set);
      const read = await intakeRoster(
        database,
        hmac,
        {
          id: row.id,
          type: row.rosterType as RosterType,
          filePath,
          errorsDir: deps.filesDir,
          nameKeyFrom: nameKeyFrom(registry, row.asOf, today()),
          adultBorn: adultBornOn(row.asOf),
        },
        (p) => {
          job.rowsRead = p.rows;
          job.bytesRead = p.bytes;
          job.totalBytes = p.totalBytes;
        },
        cancelled,
        { onKeys: seeds.add, registry: prefixes.set },
      );
      if (!read) return await discard(row, 'cancelled', ctx);
      job.phase = 'matching';
      phase('read');
      // Only the columns the select and decide statements filter and join on, without the wide
      // record (~25 % less), from a 3,000-row sample (statistics target 10): those statements look
      // keys up, and what their plans need is each column's shape (distinct values growing with
      // the table, null fraction), which the small sample gives as the default 30,000 rows do.
      // 0.03-0.05 s instead of 0.29-0.46 s over 1M rows; without any statistics deciding 1M rows
      // took 10.4 s instead of 1.9 s. Autovacuum analyses the whole table later at its default.
      // Through a function running as the table's owner, with statistics target 10 (migration
      // 0030): for the application's role, which does not own the table, ANALYZE only warns.
      if (read.rows >= 10_000) await execOn(db)('select roster_records_analyze()');
      phase('analyze');
      // The id index (BRIN, ADR 0006a twelfth pass) learns the new rows' block ranges before the
      // upload ends: a range not yet summarised is read whole by every lookup by id (a lead's
      // evidence: 0.35 s instead of 2 ms after 1M rows), and autovacuum would summarise it only
      // later. 0.2-0.5 s per 1M rows, on its own connection beside deciding (its lock conflicts
      // only with ANALYZE, VACUUM and DDL). Through a function running as the table's owner
      // (migration 0030): the application's role does not own the table, and summarising needs it.
      const summarised = execOn(db)('select roster_records_summarize_ids()');
      // Awaited before the upload is marked done; if deciding fails first, that is the failure.
      summarised.catch(() => undefined);
      const collected = await seeds.seeds();
      const decide = (onDecided?: (leads: readonly DecidedLead[]) => void) =>
        decideRoster(
          deps,
          hmac,
          row.id,
          row.asOf,
          collected,
          (d, t) => {
            // The first report comes once the affected people are selected: that statement's time.
            if (!('select' in job.timings)) phase('select');
            job.matched = d;
            job.toMatch = t;
          },
          cancelled,
          onDecided,
        );
      const finish = async (tx: typeof db, counts: LeadCounts) => {
        await tx
          .update(rosters)
          .set({
            status: 'done',
            rows: read.rows,
            rejected: read.rejected,
            errorsFile: read.errorsFile,
            newLeads: counts,
          })
          .where(eq(rosters.id, row.id));
        await writeAudit(tx, ctx, {
          action: 'matching.upload',
          entityType: 'roster',
          entityId: row.id,
          regionCode: row.region,
          detail: { type: row.rosterType, rows: read.rows, rejected: read.rejected, newLeads: counts },
        });
      };
      if (database.kind === 'postgres') {
        // The leads are inserted in the final transaction while later chunks are still decided
        // (deciding reads on other pooled connections; the database's work beside this thread's).
        // A cancel or failure rolls it back as before. The phase 'store' is then what is left.
        await db.transaction(async (tx) => {
          const store = leadStore(deps, execOn(tx), row.id);
          try {
            await decide(store.add);
          } catch (e) {
            await store.settled();
            throw e;
          }
          phase('decide');
          await summarised;
          await finish(tx, await store.finish());
        });
      } else {
        // Embedded: one connection, so the transaction waits for the deciding reads to end.
        const decided = await decide();
        phase('decide');
        await summarised;
        await db.transaction(async (tx) => finish(tx, await storeDecided(deps, execOn(tx), row.id, decided)));
      }
      phase('store');
      // A prefix set this upload built is kept for the next, after the leads (`settled`).
      const keeping = prefixes.keep();
      background.add(keeping);
      void keeping.finally(() => background.delete(keeping));
    } catch (e) {
      if (e instanceof MatchCancelled) return await discard(row, 'cancelled', ctx);
      const message = e instanceof Error && 'code' in e ? e.message : '处理失败，请检查文件后重试';
      await discard(row, 'failed', ctx, message);
      throw e;
    } finally {
      if (filePath.startsWith(deps.filesDir)) fs.rmSync(filePath, { force: true });
    }
  }

  /** A cancelled or failed upload: its rows, errors file and status, in one transaction. */
  async function discard(
    row: RosterRow,
    status: 'cancelled' | 'failed',
    ctx: AuditContext,
    message = '已取消',
  ) {
    fs.rmSync(errorsPath(row.id), { force: true });
    fs.rmSync(errorsPath(row.id, 'xlsx'), { force: true });
    await db.transaction(async (tx) => {
      // Its rows came after records_after (the identity sequence): a range of the id index, as
      // roster_id has no index; rosters from before the column are found by roster_id alone.
      await execOn(tx)(
        `delete from roster_records where roster_id = $1
           and id > coalesce((select records_after from rosters where id = $1), 0)`,
        [row.id],
      );
      await tx.update(rosters).set({ status, message }).where(eq(rosters.id, row.id));
      if (status === 'cancelled')
        await writeAudit(tx, ctx, {
          action: 'matching.cancel',
          entityType: 'roster',
          entityId: row.id,
          regionCode: row.region,
        });
    });
  }

  const errorsPath = (id: string, ext = 'csv') => path.join(deps.filesDir, `${id}-errors.${ext}`);

  /**
   * Errors files hold rejected rows with their clear ID numbers: they are kept ERRORS_FILE_DAYS
   * after the upload (time to download and correct them), then deleted, by this sweep run before
   * each upload (ADR 0006a). The roster keeps its counts; its file link goes.
   */
  async function sweepErrorsFiles() {
    const { rows } = await database.exec(
      `with expired as (
         select id, errors_file from rosters
         where errors_file is not null and uploaded_at < now() - make_interval(days => $1::int))
       update rosters r set errors_file = null from expired where r.id = expired.id
       returning expired.errors_file`,
      [ERRORS_FILE_DAYS],
    );
    for (const r of rows) fs.rmSync(String(r.errors_file), { force: true });
  }

  async function create(actor: Actor | undefined, input: RosterInput): Promise<RosterRow> {
    const region =
      input.region === undefined
        ? (actor?.jurisdiction ?? '')
        : (normalizeRegionCode(input.region) ?? input.region);
    if (actor && !isWithinRegion(region, actor.jurisdiction))
      throw validationError('名单所属区划不在您的辖区内', [{ path: 'region', message: '不在辖区内' }]);
    const [row] = await db
      .insert(rosters)
      .values({
        rosterType: input.type,
        sourceDepartment: input.sourceDepartment,
        region,
        fileName: input.fileName.slice(0, 200),
        uploadedBy: actor?.userId ?? null,
        asOf: input.asOf ?? today(),
        status: 'running',
        // Every row of this upload has a larger id (see discard).
        recordsAfter: sql.raw(RECORDS_AFTER_SQL),
      })
      .returning();
    return row!;
  }

  async function getRosterRow(actor: Actor, id: string): Promise<RosterRow> {
    assertAccess(actor, Permission.matchingUpload, undefined, '名单');
    const [row] = UUID.test(id) ? await db.select().from(rosters).where(eq(rosters.id, id)) : [];
    if (!row || !isWithinRegion(row.region, actor.jurisdiction)) throw notFound('名单');
    if (!can(actor, Permission.matchingRead) && row.uploadedBy !== actor.userId) throw notFound('名单');
    return row;
  }

  return {
    ...makeLeadsService(deps),

    /** Resolves once the work an upload left to do after its leads (registryPrefixes' keep) is done. */
    async settled(): Promise<void> {
      await Promise.all(background);
    },

    /**
     * At server start: page uploads still `running` were read by a server process that stopped
     * (their job lived in it), so they are marked failed and their rows deleted, as a failure
     * would have done. Command-line uploads (no uploader) run in their own process and are left.
     */
    async recoverInterrupted(): Promise<number> {
      const stale = await db
        .select()
        .from(rosters)
        .where(and(eq(rosters.status, 'running'), isNotNull(rosters.uploadedBy)));
      const orphaned = stale.filter((row) => !jobs.get(row.id));
      for (const row of orphaned) await discard(row, 'failed', {}, '服务重启，比对中断，请重新上传');
      return orphaned.length;
    },

    /** Upload from the page: starts the job and answers at once (progress by polling). */
    async upload(actor: Actor, input: RosterInput, ctx: AuditContext): Promise<RosterView> {
      assertAccess(actor, Permission.matchingUpload, undefined, '名单');
      await sweepErrorsFiles();
      const row = await create(actor, input).catch((e: unknown) => {
        fs.rmSync(input.filePath, { force: true });
        throw e;
      });
      const job = jobs.start(row.id, (j) => process(row, input.filePath, j, ctx).catch(() => undefined));
      return view(row, job);
    },

    /** The command line: no user; waits for the end. */
    async runLocal(input: RosterInput, onTimings?: (ms: Readonly<Record<string, number>>) => void) {
      await sweepErrorsFiles();
      const row = await create(undefined, input);
      const job = jobs.start(row.id, (j) => process(row, input.filePath, j, {}));
      await job.done;
      onTimings?.(job.timings);
      const [done] = await db.select().from(rosters).where(eq(rosters.id, row.id));
      return done!;
    },

    async listRosters(actor: Actor): Promise<RosterView[]> {
      assertAccess(actor, Permission.matchingUpload, undefined, '名单');
      const where: SQL[] = [scopeToJurisdiction(rosters.region, actor)];
      // A department clerk sees only their own uploads.
      if (!can(actor, Permission.matchingRead)) where.push(eq(rosters.uploadedBy, actor.userId));
      const rows = await db
        .select()
        .from(rosters)
        .where(and(...where))
        .orderBy(desc(rosters.uploadedAt))
        .limit(200);
      return rows.map((r) => view(r));
    },

    async getRoster(actor: Actor, id: string): Promise<RosterView> {
      return view(await getRosterRow(actor, id));
    },

    async cancel(actor: Actor, id: string, ctx: AuditContext): Promise<RosterView> {
      const row = await getRosterRow(actor, id);
      const job = jobs.get(row.id);
      if (job && job.phase !== 'done') {
        job.cancel = true;
        await job.done;
      }
      await writeAudit(db, ctx, {
        action: 'matching.cancel-request',
        entityType: 'roster',
        entityId: row.id,
        regionCode: row.region,
      });
      return view(await getRosterRow(actor, id));
    },

    /** The errors file of a roster (an export of rejected rows: audited). */
    async errorsFile(actor: Actor, id: string, ctx: AuditContext) {
      const row = await getRosterRow(actor, id);
      if (!row.errorsFile || !fs.existsSync(row.errorsFile)) throw notFound('错误数据文件');
      await writeAudit(db, ctx, {
        action: 'matching.errors-file',
        entityType: 'roster',
        entityId: row.id,
        regionCode: row.region,
      });
      return { path: row.errorsFile, name: `错误数据-${path.basename(row.errorsFile)}` };
    },
  };
}
export type MatchingService = ReturnType<typeof makeMatchingService>;
