import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../domain/access/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { applyEvidence, toRegistryEntry, type Lead, type LeadType } from '../../../domain/matching/index.ts';
import { conflict, notFound, validationError } from '../../../domain/shared/errors.ts';
import { factsOn, type FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import { assertAccess, scopeToJurisdiction } from '../../platform/access.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import { deadlineStatus } from './matching.deadlines.ts';
import { recordOf } from './matching.repo.ts';
import { matchLeads, rosterRecords } from './matching.schema.ts';
import type { MatchingDeps } from './matching.service.ts';
import type { LeadAction, LeadDetail, LeadQuery, LeadStatus, LeadSummary } from './matching.views.ts';

type LeadRow = typeof matchLeads.$inferSelect;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Leads: listed by jurisdiction of the child's 户籍, opened (audited), resolved with an outcome. */
export function makeLeadsService(deps: MatchingDeps) {
  const db = deps.database.db;

  async function summary(row: LeadRow, names = new Map<string, string>()): Promise<LeadSummary> {
    let name = names.get(row.hukouRegion);
    if (name === undefined) {
      name = (await deps.regions.pathNames(row.hukouRegion)).join('/');
      names.set(row.hukouRegion, name);
    }
    return {
      id: row.id,
      type: row.leadType as LeadType,
      rule: row.rule,
      title: row.title,
      hukouRegion: row.hukouRegion,
      hukouRegionName: name,
      fileIds: row.fileIds,
      createdOn: row.createdOn,
      dueOn: row.dueOn,
      status: row.status as LeadStatus,
      deadline:
        row.status === 'open' ? deadlineStatus(deps.packs(), row.hukouRegion, row.dueOn, deps.today()) : null,
      score: row.score,
    };
  }

  async function getScoped(actor: Actor, id: string, permission: Permission): Promise<LeadRow> {
    assertAccess(actor, permission, undefined, '线索');
    const [row] = UUID.test(id) ? await db.select().from(matchLeads).where(eq(matchLeads.id, id)) : [];
    if (!row) throw notFound('线索');
    assertAccess(actor, permission, row.hukouRegion, '线索');
    return row;
  }

  async function evidenceOf(row: LeadRow) {
    if (row.recordIds.length === 0) return [];
    const rows = await db.select().from(rosterRecords).where(inArray(rosterRecords.id, row.recordIds));
    const hmac = await deps.hasher();
    return rows.map((r) => {
      const rec = recordOf(
        {
          roster_id: r.rosterId,
          roster_type: r.rosterType,
          row_number: r.rowNumber,
          id_key: r.idKey,
          name_birth_key: r.nameBirthKey,
          head_id_key: r.headIdKey,
          content_key: r.contentKey,
          birth_date: r.birthDate,
          record: r.record,
        },
        hmac,
      );
      return {
        id: r.id,
        rec,
        view: {
          rosterType: r.rosterType,
          rowNumber: r.rowNumber,
          rosterId: r.rosterId,
          name: rec.person.name,
          idMasked: r.idMasked,
          data: rec.data as unknown as Record<string, unknown>,
        },
      };
    });
  }

  async function resolve(
    tx: typeof db,
    row: LeadRow,
    actor: Actor,
    status: LeadStatus,
    reason: string | null,
    ref: string | null,
    ctx: AuditContext,
  ) {
    const updated = await tx
      .update(matchLeads)
      .set({
        status,
        outcomeReason: reason,
        outcomeRef: ref,
        resolvedBy: actor.userId,
        resolvedAt: new Date(),
      })
      .where(and(eq(matchLeads.id, row.id), eq(matchLeads.status, 'open')))
      .returning({ id: matchLeads.id });
    if (updated.length === 0) throw conflict('该线索已被处理，请刷新后查看');
    await writeAudit(tx, ctx, {
      action: `matching.lead.${status}`,
      entityType: 'match-lead',
      entityId: row.id,
      regionCode: row.hukouRegion,
      detail: { rule: row.rule, ...(ref ? { ref } : {}) },
    });
  }

  /** The child's facts with the lead's evidence applied (the review's suggested change). */
  async function updatedFacts(row: LeadRow, childId: string) {
    const [current] = await deps.children.currentFactsOf([childId]);
    if (!current) throw notFound('儿童档案');
    const hmac = await deps.hasher();
    const today = deps.today();
    const entry = toRegistryEntry(
      { fileId: childId, region: current.hukouRegion, facts: factsOn(current.facts, today) },
      hmac,
    );
    let facts = entry.facts;
    for (const { rec } of await evidenceOf(row)) {
      const key = rec.person.idKey;
      const subject =
        key === undefined
          ? undefined
          : key === entry.childIdKey
            ? 'child'
            : key === entry.parentKeys.father
              ? 'father'
              : key === entry.parentKeys.mother
                ? 'mother'
                : undefined;
      if (subject === undefined) continue;
      const applied = applyEvidence(facts, rec, subject, today, 'review');
      if (applied.died) throw conflict('该儿童已死亡，请在档案中办理退出保障，不能以变更事实处理');
      facts = applied.facts;
    }
    const { asOf: _a, policy: _p, ...doc } = facts;
    return { doc: doc as FactsDocument, version: current.version };
  }

  return {
    async listLeads(actor: Actor, q: LeadQuery) {
      assertAccess(actor, Permission.matchingRead, undefined, '线索');
      const where: SQL[] = [scopeToJurisdiction(matchLeads.hukouRegion, actor)];
      if (q.type) where.push(eq(matchLeads.leadType, q.type));
      if (q.status) where.push(eq(matchLeads.status, q.status));
      if (q.region)
        where.push(scopeToJurisdiction(matchLeads.hukouRegion, { ...actor, jurisdiction: q.region }));
      if (q.rosterId && UUID.test(q.rosterId)) where.push(eq(matchLeads.rosterId, q.rosterId));
      const cond = and(...where);
      const [rows, total] = await Promise.all([
        db
          .select()
          .from(matchLeads)
          .where(cond)
          .orderBy(desc(matchLeads.createdOn), matchLeads.dueOn)
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.$count(matchLeads, cond),
      ]);
      const names = new Map<string, string>();
      const items: LeadSummary[] = [];
      for (const r of rows) items.push(await summary(r, names));
      return { items, total };
    },

    async getLead(actor: Actor, id: string, ctx: AuditContext): Promise<LeadDetail> {
      const row = await getScoped(actor, id, Permission.matchingRead);
      const lead = row.lead as Lead;
      const evidence = await evidenceOf(row);
      await writeAudit(db, ctx, {
        action: 'matching.lead.read',
        entityType: 'match-lead',
        entityId: row.id,
        regionCode: row.hukouRegion,
      });
      const own = evidence.find((e) => e.rec.person.idKey === row.childKey)?.rec.person;
      return {
        ...(await summary(row)),
        evidence: evidence.map((e) => e.view),
        suggestedChanges: lead.suggestedChanges ?? [],
        determination: lead.determination ?? null,
        outcomeReason: row.outcomeReason,
        outcomeRef: row.outcomeRef,
        person:
          row.leadType === 'discover' && own ? { name: own.name, birthDate: own.birthDate ?? null } : null,
      };
    },

    async act(actor: Actor, id: string, action: LeadAction, ctx: AuditContext): Promise<LeadDetail> {
      const row = await getScoped(actor, id, Permission.matchingRead);
      assertAccess(actor, Permission.childWrite, row.hukouRegion, '线索');
      if (row.status !== 'open') throw conflict('该线索已被处理，请刷新后查看');
      if (action.action === 'dismiss') {
        await db.transaction((tx) => resolve(tx, row, actor, 'dismissed', action.reason, null, ctx));
      } else if (action.action === 'update-facts') {
        const childId = row.fileIds[0];
        if (row.leadType !== 'review' || childId === undefined)
          throw validationError('只有“档案变更”类线索可以直接更新事实', [
            { path: 'action', message: '线索类型不符' },
          ]);
        const { doc, version } = await updatedFacts(row, childId);
        await deps.children.updateFacts(
          actor,
          childId,
          {
            facts: doc as never,
            reason: action.reason || `信息比对：${row.title}`,
            expectedVersion: version,
          },
          ctx,
        );
        await db.transaction((tx) =>
          resolve(tx, row, actor, 'facts-updated', action.reason ?? null, childId, ctx),
        );
      } else {
        const { action: _x, ...input } = action;
        const created = await deps.applications.create(actor, input as never, ctx);
        await db.transaction((tx) =>
          resolve(tx, row, actor, 'application-started', null, created.application.id, ctx),
        );
      }
      return this.getLead(actor, id, ctx);
    },

    async dashboard(actor: Actor) {
      assertAccess(actor, Permission.matchingRead, undefined, '线索');
      const { rows } = await deps.database.exec(
        `select left(hukou_region, 9) as region, count(*)::int as open,
           count(*) filter (where due_on < $2::date)::int as overdue
         from match_leads where status = 'open' and hukou_region like $1 group by 1 order by 1`,
        [`${actor.jurisdiction}%`, deps.today()],
      );
      const items = [];
      for (const r of rows) {
        const region = String(r.region);
        items.push({
          region,
          regionName: (await deps.regions.pathNames(region)).join('/'),
          open: Number(r.open),
          overdue: Number(r.overdue),
        });
      }
      return { items };
    },
  };
}
