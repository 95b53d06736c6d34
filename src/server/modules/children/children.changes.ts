import type { Actor } from '../../../domain/access/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { addYearMonths, yearMonthOf, type PlainDate, type YearMonth } from '../../../domain/shared/dates.ts';
import { conflict, validationError } from '../../../domain/shared/errors.ts';
import {
  changedPaths,
  effectiveMonthOfChange,
  type FactsDocument,
} from '../../../domain/workflow/fact-versions.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { recomputeDeterminations, type DeterminationDeps } from './children.determinations.ts';
import type { ChildExits } from './children.exits.ts';
import { checkHukou, projectionOf } from './children.facts.ts';
import type { ChildFiles } from './children.files.ts';
import { childrenRepo, type ChildRow } from './children.repo.ts';
import type { ChildFile, FactsChange, FactsInput, HistoryEntry } from './children.views.ts';
import { isUniqueViolation } from './db-errors.ts';

/** A change true from `date` counts from that month if it is the 1st, else from the next (R10). */
export function countsFrom(date: PlainDate | undefined): YearMonth | undefined {
  if (date === undefined) return undefined;
  const month = yearMonthOf(date);
  return date.endsWith('-01') ? month : addYearMonths(month, 1);
}

const earliest = (a: YearMonth | undefined, b: YearMonth | undefined) =>
  a === undefined ? b : b === undefined || a < b ? a : b;

/** Evidence must be one of this file's own attachments. */
export async function checkEvidence(tx: Db, childId: string, attachmentId: string | undefined) {
  if (attachmentId === undefined) return;
  if (!(await childrenRepo.hasAttachment(tx, childId, attachmentId))) {
    throw validationError('证明材料不属于该儿童档案', [
      { path: 'evidenceAttachmentId', message: '请先上传到本档案的附件' },
    ]);
  }
}

/**
 * Changes of facts (登记变更): each is a new version of the file, re-determines the months from
 * its effective month and, on an active child, records the exit the engine sees (ADR 0004).
 */
export function childChanges(
  deps: DeterminationDeps & {
    files: ChildFiles;
    exits: ChildExits;
    parseFacts: (input: FactsInput) => FactsDocument;
  },
) {
  const { db, today, files, exits, parseFacts } = deps;
  const { getScoped, fileView, refuseDuplicateId } = files;

  return {
    async updateFacts(actor: Actor, id: string, change: FactsChange, ctx: AuditContext): Promise<ChildFile> {
      await getScoped(db, actor, id, Permission.childWrite);
      if (change.effectiveDate !== undefined && change.effectiveDate > today()) {
        throw validationError('生效日期不能晚于今天', [
          { path: 'effectiveDate', message: '生效日期不能晚于今天' },
        ]);
      }
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
        await checkEvidence(tx, row.id, change.evidenceAttachmentId);
        const effectiveFrom =
          change.effectiveFrom ??
          earliest(effectiveMonthOfChange(prev.facts, doc), countsFrom(change.effectiveDate)) ??
          yearMonthOf(today());
        const version = row.version + 1;
        await childrenRepo.insertVersion(tx, {
          childId: row.id,
          version,
          recordedBy: actor.userId,
          reason: change.reason,
          effectiveFrom,
          effectiveDate: change.effectiveDate ?? null,
          evidenceAttachmentId: change.evidenceAttachmentId ?? null,
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
            ...(change.effectiveDate ? { effectiveDate: change.effectiveDate } : {}),
            ...(change.evidenceAttachmentId ? { evidence: change.evidenceAttachmentId } : {}),
            recomputed: months.length > 0 ? [months[0], months.at(-1)] : [],
          },
        });
        return exits.afterFactsChange(tx, actor, next, prev.facts, doc, ctx, change.effectiveDate);
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
          effectiveDate: v.effectiveDate,
          evidence:
            v.evidenceId && v.evidenceKind && v.evidenceFileName
              ? { id: v.evidenceId, kind: v.evidenceKind, fileName: v.evidenceFileName }
              : null,
          changed: i === 0 ? [] : changedPaths(versions[i - 1]!.facts, v.facts),
          facts: v.facts as unknown as Record<string, unknown>,
        }))
        .reverse();
    },
  };
}
