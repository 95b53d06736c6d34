import { Tag, Tooltip } from 'antd';
import { DEADLINE_STATUS_LABELS, STAGE_LABELS } from '../../../domain/workflow/deadlines.ts';
import type { Deadline } from './applications.api.ts';

/** Deadline colours of the work queue: due soon orange, overdue red. */
export const DEADLINE_COLORS = { 'on-time': 'green', 'due-soon': 'orange', overdue: 'red' } as const;

export function DeadlineTag({ deadline }: { deadline: Deadline | null }) {
  if (!deadline) return <span style={{ color: 'rgba(0,0,0,0.45)' }}>—</span>;
  const left =
    deadline.status === 'overdue'
      ? `超期 ${-deadline.workingDaysLeft} 个工作日`
      : `剩余 ${deadline.workingDaysLeft} 个工作日`;
  return (
    <Tooltip title={`${STAGE_LABELS[deadline.stage]}时限：${deadline.dueOn}（${left}）`}>
      <Tag
        color={DEADLINE_COLORS[deadline.status]}
        data-deadline={deadline.status}
        data-stage={deadline.stage}
      >
        {deadline.dueOn} · {DEADLINE_STATUS_LABELS[deadline.status]}
      </Tag>
    </Tooltip>
  );
}
