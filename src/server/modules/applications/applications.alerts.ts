import type { Actor } from '../../../domain/access/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { addDays, type PlainDate } from '../../../domain/shared/dates.ts';
import { isWithinRegion } from '../../../domain/shared/region-code.ts';
import {
  availableActions,
  STAGE_ACTION,
  stageOffice,
  type ApplicationStatus,
} from '../../../domain/workflow/application.ts';
import { DEADLINE_STATUS_LABELS, STAGE_LABELS } from '../../../domain/workflow/deadlines.ts';
import { assertAccess } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import type { ChildrenService } from '../children/children.service.ts';
import { applicationsRepo } from './applications.repo.ts';
import { applicationNo, type ApplicationsService } from './applications.service.ts';
import type { AlertItem } from './applications.views.ts';

/** 3 working days never span more than this many calendar days (the longest holiday is 8 days). */
const CANDIDATE_WINDOW_DAYS = 16;

/**
 * Deadline alerts (domain.md §6: "a deadline about to pass raises an alert to the person and
 * their supervisor"): cases due within 3 working days or overdue, for whoever must act on them
 * and for the levels above the office that must act (the county over its townships, the city over
 * its counties). On the 跨省通办 path the office of forward and inform is the accepting township:
 * its county supervises those steps, the 户籍 county the 户籍 ones.
 */
export function makeAlertsService(deps: {
  db: Db;
  applications: ApplicationsService;
  children: ChildrenService;
  today: () => PlainDate;
}) {
  const { db, applications, children, today } = deps;
  return {
    async list(actor: Actor): Promise<AlertItem[]> {
      assertAccess(actor, Permission.applicationRead, undefined, '申请');
      const rows = await applicationsRepo.dueBy(db, actor, addDays(today(), CANDIDATE_WINDOW_DAYS));
      const kids = await children.summariesOf(rows.map((r) => r.childId));
      const out: AlertItem[] = [];
      for (const row of rows) {
        const deadline = applications.deadlineOf(row);
        if (!deadline || deadline.status === 'on-time') continue;
        const units = { hukouRegion: row.hukouRegion, acceptingRegion: row.acceptingRegion };
        const handler = availableActions(row.status as ApplicationStatus, actor, units).includes(
          STAGE_ACTION[deadline.stage],
        );
        const office = stageOffice(deadline.stage, units);
        const supervisor =
          isWithinRegion(office, actor.jurisdiction) && actor.jurisdiction.length < office.length;
        if (!handler && !supervisor) continue;
        const child = kids.get(row.childId);
        const no = applicationNo(row);
        const when =
          deadline.status === 'overdue'
            ? `已超期 ${-deadline.workingDaysLeft} 个工作日`
            : `剩余 ${deadline.workingDaysLeft} 个工作日`;
        out.push({
          applicationId: row.id,
          no,
          childName: child?.name ?? '',
          hukouRegionName: child?.hukouRegionName ?? row.hukouRegion,
          deadline,
          role: handler ? 'handler' : 'supervisor',
          message: `${no} ${STAGE_LABELS[deadline.stage]}${DEADLINE_STATUS_LABELS[deadline.status]}（${deadline.dueOn} 到期，${when}）`,
        });
      }
      return out;
    },
  };
}
export type AlertsService = ReturnType<typeof makeAlertsService>;
