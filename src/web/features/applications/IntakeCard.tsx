import { Alert, Card, Descriptions } from 'antd';
import { categoryLabel, formatFen, PLACEMENT_LABELS } from '../children/labels.ts';
import type { ApplicationDetail } from './applications.api.ts';
import { APPLICATION_STATUS_LABELS } from './labels.ts';

/**
 * The accepting side's part of a 跨省通办 case: what it recorded at intake and the outcome. The
 * child's file, the verification material and the engine's preview stay with the 户籍 side.
 */
export function IntakeCard({ application: a }: { application: ApplicationDetail }) {
  const child = a.intake?.facts.child;
  const placement = child?.placement as keyof typeof PLACEMENT_LABELS | undefined;
  const refusal = a.outcome === 'refused' ? a.log.findLast((l) => l.action === 'refuse') : undefined;
  return (
    <Card title="受理信息（跨省通办）" size="small" data-testid="intake">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="儿童档案由户籍地管理：受理地可查看本次受理的信息、办理进度、时限和结果，不能查看户籍地的核查材料。"
      />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: '儿童姓名', children: child?.name ?? a.child.name },
          { key: 'id', label: '公民身份号码', children: child?.idNumber ?? '（无，临时档案号）' },
          { key: 'birth', label: '出生日期', children: a.child.birthDate },
          { key: 'hukou', label: '户籍地', children: a.child.hukouRegionName },
          { key: 'placement', label: '安置方式', children: placement ? PLACEMENT_LABELS[placement] : '—' },
          {
            key: 'parents',
            label: '父母情况',
            children: `已登记 ${a.intake?.facts.parents?.length ?? 0} 人`,
          },
          {
            key: 'outcome',
            label: '办理结果',
            children: a.outcome ? `${APPLICATION_STATUS_LABELS[a.outcome]}（${a.decidedOn}）` : '办理中',
          },
          ...(a.outcome === 'approved'
            ? [
                {
                  key: 'told',
                  label: '认定结果（告知申请人）',
                  children:
                    a.child.categories.length > 0
                      ? `${a.child.categories.map(categoryLabel).join('、')}；每月 ${
                          a.child.monthlyTotalFen === null ? '—' : formatFen(a.child.monthlyTotalFen)
                        }，自确认次月起发放`
                      : '—',
                },
              ]
            : []),
          ...(refusal
            ? [{ key: 'reasons', label: '不予认定理由', children: refusal.reasons.join('；') }]
            : []),
        ]}
      />
    </Card>
  );
}
