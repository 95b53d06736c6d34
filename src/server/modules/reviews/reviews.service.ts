import { can, type Actor } from '../../../domain/access/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { PACK_DEFAULTS, type PolicyPack } from '../../../domain/policy/pack.ts';
import { selectPack } from '../../../domain/policy/resolve.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import { conflict, forbidden, notFound, validationError } from '../../../domain/shared/errors.ts';
import { isWithinRegion } from '../../../domain/shared/region-code.ts';
import { isReviewDue, reviewDueSince, reviewProgress } from '../../../domain/workflow/review.ts';
import { assertAccess } from '../../platform/access.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { ChildrenService } from '../children/children.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import { reviewsRepo, type CampaignRow, type ReviewItemRow } from './reviews.repo.ts';
import {
  ReviewOutcome,
  type CampaignDetail,
  type CampaignSummary,
  type NewCampaign,
  type ReviewDecision,
  type ReviewItemView,
} from './reviews.views.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const township = (code: string) => code.slice(0, 9);

/**
 * Re-review campaigns (资格复审). A county lists every child in its payroll whose review falls due
 * by the campaign's due date; township and county reviewers record continue / change / terminate
 * with written reasons (terminate records the exit through the registry); progress is counted by
 * township. Reads are scoped to the actor's jurisdiction; writes are audited in their transaction.
 */
export function makeReviewsService(deps: {
  db: Db;
  children: ChildrenService;
  regions: RegionsService;
  packs: () => readonly PolicyPack[];
  today: () => PlainDate;
}) {
  const { db, children, regions, today } = deps;
  const lastName = async (code: string) => (await regions.pathNames(code)).at(-1) ?? code;

  function summaryOf(c: CampaignRow, items: ReviewItemRow[], regionName: string): CampaignSummary {
    const { total } = reviewProgress(
      items.map((i) => ({ township: township(i.hukouRegion), decided: i.outcome !== null })),
      c.dueDate,
      today(),
    );
    return {
      id: c.id,
      name: c.name,
      region: c.region,
      regionName,
      dueDate: c.dueDate,
      createdOn: c.createdOn,
      progress: total,
    };
  }

  async function itemViews(items: ReviewItemRow[], dueDate: PlainDate): Promise<ReviewItemView[]> {
    const summaries = await children.summariesOf(items.map((i) => i.childId));
    const late = today() > dueDate;
    return items.map((i) => {
      const s = summaries.get(i.childId);
      const outcome = ReviewOutcome.safeParse(i.outcome);
      return {
        id: i.id,
        childId: i.childId,
        childName: s?.name ?? '',
        idNumberMasked: s?.idNumberMasked ?? null,
        hukouRegion: i.hukouRegion,
        hukouRegionName: s?.hukouRegionName ?? i.hukouRegion,
        dueSince: i.dueSince,
        outcome: outcome.success ? outcome.data : null,
        reasons: i.reasons,
        exitReason: i.exitReason,
        decidedOn: i.decidedOn,
        overdue: i.outcome === null && late,
      };
    });
  }

  return {
    async create(actor: Actor, input: NewCampaign, ctx: AuditContext): Promise<CampaignSummary> {
      assertAccess(actor, Permission.applicationConfirm, undefined, '区县');
      const region = input.region ?? actor.jurisdiction;
      if (!/^\d{6}$/.test(region)) {
        throw validationError('资格复审由区县发起：请指定6位区县代码', [
          { path: 'region', message: '应为区县' },
        ]);
      }
      assertAccess(actor, Permission.applicationConfirm, region, '区县');
      if (input.dueDate < today()) {
        throw validationError('截止日期不能早于今天', [{ path: 'dueDate', message: '早于今天' }]);
      }
      const created = await db.transaction(async (tx) => {
        // Children whose 渐退期 ended are no longer in the payroll: settle them before listing.
        await children.settleExits(tx, region, ctx);
        const candidates = await children.reviewCandidates(tx, region);
        const last = await reviewsRepo.lastReviewed(
          tx,
          candidates.map((c) => c.id),
        );
        const packs = deps.packs();
        const due = candidates.flatMap((c) => {
          const interval =
            selectPack(packs, c.hukouRegion, input.dueDate)?.reviewIntervalMonths ??
            PACK_DEFAULTS.reviewIntervalMonths;
          const dueSince = reviewDueSince(c.confirmedAt!, last.get(c.id), interval);
          return isReviewDue(dueSince, input.dueDate) ? [{ ...c, dueSince }] : [];
        });
        const campaign = await reviewsRepo.insertCampaign(tx, {
          region,
          name: input.name,
          dueDate: input.dueDate,
          createdOn: today(),
          createdBy: actor.userId,
        });
        const rows = due.map((c) => ({
          campaignId: campaign.id,
          childId: c.id,
          hukouRegion: c.hukouRegion,
          dueSince: c.dueSince,
        }));
        await reviewsRepo.insertItems(tx, rows);
        await writeAudit(tx, ctx, {
          action: 'review.campaign.create',
          entityType: 'review-campaign',
          entityId: campaign.id,
          regionCode: region,
          detail: { dueDate: input.dueDate, items: rows.length },
        });
        return { campaign, items: rows.map((r) => ({ ...r, outcome: null }) as unknown as ReviewItemRow) };
      });
      return summaryOf(created.campaign, created.items, (await regions.pathNames(region)).join('/'));
    },

    async list(actor: Actor): Promise<CampaignSummary[]> {
      assertAccess(actor, Permission.applicationRead, undefined, '资格复审');
      const campaigns = await reviewsRepo.campaigns(db, actor);
      const items = await reviewsRepo.items(
        db,
        actor,
        campaigns.map((c) => c.id),
      );
      const out: CampaignSummary[] = [];
      for (const c of campaigns) {
        const mine = items.filter((i) => i.campaignId === c.id);
        out.push(summaryOf(c, mine, (await regions.pathNames(c.region)).join('/')));
      }
      return out;
    },

    /** The campaign with the items inside the actor's jurisdiction (names: a view, audited). */
    async get(actor: Actor, id: string, ctx: AuditContext): Promise<CampaignDetail> {
      assertAccess(actor, Permission.applicationRead, undefined, '资格复审');
      const campaign = UUID.test(id) ? await reviewsRepo.findCampaign(db, actor, id) : undefined;
      if (!campaign) throw notFound('资格复审');
      const items = await reviewsRepo.items(db, actor, [campaign.id]);
      await writeAudit(db, ctx, {
        action: 'review.campaign.read',
        entityType: 'review-campaign',
        entityId: campaign.id,
        regionCode: campaign.region,
        detail: { items: items.length },
      });
      const { byTownship } = reviewProgress(
        items.map((i) => ({ township: township(i.hukouRegion), decided: i.outcome !== null })),
        campaign.dueDate,
        today(),
      );
      const townships = [];
      for (const [code, p] of byTownship) townships.push({ region: code, name: await lastName(code), ...p });
      return {
        ...summaryOf(campaign, items, (await regions.pathNames(campaign.region)).join('/')),
        townships,
        items: await itemViews(items, campaign.dueDate),
      };
    },

    /** One reviewer's decision on one child; terminate records the exit in the same transaction. */
    async decide(actor: Actor, itemId: string, input: ReviewDecision, ctx: AuditContext) {
      if (!can(actor, Permission.applicationVerify) && !can(actor, Permission.applicationConfirm)) {
        throw forbidden();
      }
      const item = UUID.test(itemId) ? await reviewsRepo.findItem(db, itemId) : undefined;
      if (!item || !isWithinRegion(item.hukouRegion, actor.jurisdiction)) throw notFound('复审事项');
      if (item.outcome !== null) throw conflict('该儿童本轮已复审，不能重复登记');
      const decided = await db.transaction(async (tx) => {
        const row = await reviewsRepo.decide(tx, item.id, {
          outcome: input.outcome,
          reasons: input.reasons,
          exitReason: input.outcome === 'terminate' ? (input.exitReason ?? null) : null,
          decidedOn: today(),
          decidedBy: actor.userId,
        });
        if (!row) throw conflict('该儿童本轮已由他人复审，请刷新');
        if (input.outcome === 'terminate' && input.exitReason && input.eventDate) {
          await children.exitInTx(
            tx,
            actor,
            item.childId,
            { reason: input.exitReason, eventDate: input.eventDate, note: input.reasons },
            'review',
            ctx,
          );
        }
        await writeAudit(tx, ctx, {
          action: 'review.decide',
          entityType: 'review-item',
          entityId: item.id,
          regionCode: item.hukouRegion,
          detail: {
            campaignId: item.campaignId,
            childId: item.childId,
            outcome: input.outcome,
            ...(row.exitReason ? { exitReason: row.exitReason } : {}),
          },
        });
        return row;
      });
      const campaign = await reviewsRepo.findCampaign(db, actor, decided.campaignId);
      const [view] = await itemViews([decided], campaign?.dueDate ?? decided.dueSince);
      return view!;
    },
  };
}
export type ReviewsService = ReturnType<typeof makeReviewsService>;
