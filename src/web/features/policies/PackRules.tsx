import { Card, Col, Collapse, Descriptions, Flex, Row, Table, Tag, Typography } from 'antd';
import { CATEGORY_LABELS, EXIT_REASON_LABELS, type CategoryCode } from '../../../domain/eligibility/codes.ts';
import type { EffectivePack } from '../../../domain/policy/pack.ts';
import { CalendarTable } from './CalendarTable.tsx';
import { yuan } from './format.ts';
import { SCHOOLING_LABELS } from './labels.ts';

const none = <Typography.Text type="secondary">未设定</Typography.Text>;
const tags = (labels: string[]) =>
  labels.length > 0 ? (
    <Flex wrap gap={4}>
      {labels.map((l) => (
        <Tag key={l} style={{ marginInlineEnd: 0 }}>
          {l}
        </Tag>
      ))}
    </Flex>
  ) : (
    none
  );
const percent = (n: number | undefined) => (n === undefined ? '—' : `${n}%`);

function byCategory<T>(record: Partial<Record<CategoryCode, T>>): [CategoryCode, T][] {
  return (Object.entries(record) as [CategoryCode, T][]).filter(([, v]) => v !== undefined);
}

/** Everything in a pack besides the standards: taxonomy, exits, lists, deadlines, calendar. */
export function PackRules({ pack }: { pack: EffectivePack }) {
  const medical = byCategory(pack.medical);
  const grants = byCategory(pack.schoolYearGrants.amounts);
  const visitsBy = byCategory(pack.visits.intervalMonthsByCategory);
  const d = pack.deadlines;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card size="small" title="分类与认定" style={{ height: '100%' }}>
          <Descriptions
            column={1}
            size="small"
            styles={{ label: { width: 180 } }}
            items={[
              {
                key: 'cat',
                label: '儿童类别',
                children: tags(pack.categories.map((c) => CATEGORY_LABELS[c])),
              },
              {
                key: 'ratio',
                label: '比例标准',
                children:
                  pack.ratios.poorFamilyIllOrDisabledPercentOfOrphan === undefined
                    ? none
                    : `贫困家庭重病、残疾儿童按孤儿标准的 ${pack.ratios.poorFamilyIllOrDisabledPercentOfOrphan}% 发放`,
              },
              {
                key: 'temp',
                label: '临时监护儿童',
                children: pack.temporaryCareAtInstitutionStandard
                  ? '按机构养育孤儿标准发放'
                  : '按散居标准发放',
              },
              {
                key: 'nx',
                label: '宁夏事实无人抚养条款',
                children: pack.ningxiaFucStandardClauses ? '适用（宁政发〔2017〕86号 §三（一））' : '不适用',
              },
              { key: 'review', label: '资格复审周期', children: `每 ${pack.reviewIntervalMonths} 个月` },
              ...(pack.migrantSameCountyGroups.length > 0
                ? [
                    {
                      key: 'migrant',
                      label: '流动儿童视同一县',
                      children: tags(pack.migrantSameCountyGroups.map((g) => g.join('、'))),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title="退出与延续保障" style={{ height: '100%' }}>
          <Descriptions
            column={1}
            size="small"
            styles={{ label: { width: 180 } }}
            items={[
              { key: 'months', label: '渐退期', children: `${pack.gradualExitMonths} 个月` },
              {
                key: 'reasons',
                label: '适用渐退的退出情形',
                children: tags(pack.gradualExitReasons.map((r) => EXIT_REASON_LABELS[r])),
              },
              {
                key: 'after18',
                label: '18岁后在校继续保障',
                children: tags(pack.inSchoolAfter18.stages.map((s) => SCHOOLING_LABELS[s])),
              },
              {
                key: 'tekun',
                label: '特困家庭18岁后在校',
                children: tags(pack.inSchoolAfter18.tekunStages.map((s) => SCHOOLING_LABELS[s])),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title="医疗救助与助学" style={{ height: '100%' }}>
          <Table
            rowKey={([c]) => c}
            size="small"
            pagination={false}
            dataSource={medical}
            locale={{ emptyText: '未设定医疗救助比例' }}
            columns={[
              { title: '儿童类别', render: (_, [c]) => CATEGORY_LABELS[c] },
              { title: '门诊报销比例', align: 'right', render: (_, [, m]) => percent(m.outpatientPercent) },
              { title: '住院报销比例', align: 'right', render: (_, [, m]) => percent(m.inpatientPercent) },
            ]}
          />
          <Descriptions
            column={1}
            size="small"
            style={{ marginTop: 12 }}
            styles={{ label: { width: 180 } }}
            items={[
              {
                key: 'month',
                label: '学年助学金发放月份',
                children: `每年 ${pack.schoolYearGrants.grantMonth} 月`,
              },
              {
                key: 'amounts',
                label: '学年助学金',
                children:
                  grants.length > 0
                    ? tags(grants.map(([c, fen]) => `${CATEGORY_LABELS[c]} ${yuan(fen) ?? ''} 元`))
                    : none,
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title="走访与办理时限" style={{ height: '100%' }}>
          <Descriptions
            column={1}
            size="small"
            styles={{ label: { width: 180 } }}
            items={[
              {
                key: 'visit',
                label: '走访间隔（默认）',
                children: `每 ${pack.visits.defaultIntervalMonths} 个月`,
              },
              {
                key: 'visitBy',
                label: '走访间隔（按类别）',
                children: tags(visitsBy.map(([c, m]) => `${CATEGORY_LABELS[c]} 每 ${m} 个月`)),
              },
              { key: 'tv', label: '乡镇审核', children: `${d.townshipVerify} 个工作日` },
              { key: 'cc', label: '县级确认', children: `${d.countyConfirm} 个工作日` },
              {
                key: 'cp',
                label: '跨省认定',
                children: `转交 ${d.crossProvince.forward} · 核实 ${d.crossProvince.verify} · 决定 ${d.crossProvince.decide} · 告知 ${d.crossProvince.notify}（工作日）`,
              },
            ]}
          />
        </Card>
      </Col>
      <Col span={24}>
        <Collapse
          items={[
            {
              key: 'ill',
              label: `重病目录（${pack.seriousIllnesses.length} 项，病名包含目录中任一项即视为重病）`,
              children: tags(pack.seriousIllnesses),
            },
            {
              key: 'cal',
              label: `工作日历（${new Set(pack.calendar.holidays.map((h) => h.slice(0, 4))).size} 个年度）`,
              children: <CalendarTable calendar={pack.calendar} />,
            },
          ]}
          defaultActiveKey={['cal']}
        />
      </Col>
    </Row>
  );
}
