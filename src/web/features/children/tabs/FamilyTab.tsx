import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Flex, Row, Table, Typography } from 'antd';
import { useState } from 'react';
import { Permission } from '../../../../domain/access/roles.ts';
import { useSession } from '../../../session/session.ts';
import { EditFamilyModal } from '../EditFamilyModal.tsx';
import { kindsOfTab } from '../fact-changes.ts';
import {
  GUARDIANSHIP_HARM_LABELS as HARM_LABELS,
  HARDSHIP_LABELS,
} from '../../../../domain/eligibility/codes.ts';
import { FactChangeModal } from '../FactChangeModal.tsx';
import type { ChildFile, ParentCondition } from '../children.api.ts';
import { ASSISTANCE_LABELS, DISABILITY_KIND_LABELS, PARENT_CONDITION_LABELS, formatFen } from '../labels.ts';

const ROLE_LABELS = { father: '父亲', mother: '母亲' } as const;

function detail(c: ParentCondition): string {
  if (c.disability)
    return `${DISABILITY_KIND_LABELS[c.disability.kind] ?? c.disability.kind}残疾 ${c.disability.grade} 级`;
  return c.illness ?? '';
}

/** 家庭与监护: each parent's conditions over time, and the household's assistance. */
export function FamilyTab({ child }: { child: ChildFile }) {
  const { parents, household } = child.facts;
  const { permissions } = useSession();
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  const { hardships = [], guardianshipHarm = [] } = child.facts.child;
  return (
    <>
      {permissions.has(Permission.childWrite) && child.status !== 'exited' && (
        <Flex justify="end" gap={8} style={{ marginBottom: 12 }}>
          <Button icon={<EditOutlined />} onClick={() => setRecording(true)} data-testid="record-family-fact">
            登记救助与困境变更
          </Button>
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            登记变更
          </Button>
        </Flex>
      )}
      <Row gutter={[16, 16]}>
        {(['father', 'mother'] as const).map((role) => {
          const p = parents.find((x) => x.role === role);
          return (
            <Col key={role} xs={24} xl={12}>
              <Card
                size="small"
                title={ROLE_LABELS[role]}
                extra={p?.idNumber && <Typography.Text code>{p.idNumber}</Typography.Text>}
              >
                {!p || p.conditions.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未登记特殊状况（视为正常）" />
                ) : (
                  <Table<ParentCondition>
                    size="small"
                    pagination={false}
                    rowKey={(c) => `${c.kind}-${c.since ?? ''}`}
                    dataSource={p.conditions}
                    columns={[
                      {
                        title: '状况',
                        dataIndex: 'kind',
                        render: (k: string) =>
                          PARENT_CONDITION_LABELS[k as keyof typeof PARENT_CONDITION_LABELS] ?? k,
                      },
                      { title: '起始日期', dataIndex: 'since', render: (d?: string) => d ?? '—' },
                      { title: '截止日期', dataIndex: 'until', render: (d?: string) => d ?? '—' },
                      { title: '说明', key: 'detail', render: (_, c) => detail(c) || '—' },
                    ]}
                  />
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
      <Descriptions
        style={{ marginTop: 16 }}
        bordered
        size="small"
        column={2}
        items={[
          {
            key: 'assistance',
            label: '家庭救助类型',
            children: ASSISTANCE_LABELS[household.assistance] ?? household.assistance,
          },
          {
            key: 'received',
            label: '已享受救助金额（月）',
            children: formatFen(household.receivedMonthlyFen),
          },
          {
            key: 'hardships',
            label: '临时困境',
            children:
              hardships.length === 0
                ? '无'
                : hardships
                    .map(
                      (h) =>
                        `${HARDSHIP_LABELS[h.kind as keyof typeof HARDSHIP_LABELS] ?? h.kind}（${h.since} 起${h.until ? `，至 ${h.until}` : ''}）`,
                    )
                    .join('；'),
          },
          {
            key: 'harm',
            label: '监护缺失或不当',
            children:
              guardianshipHarm.length === 0
                ? '无'
                : guardianshipHarm.map((h) => HARM_LABELS[h as keyof typeof HARM_LABELS] ?? h).join('、'),
          },
        ]}
      />
      {editing && <EditFamilyModal child={child} onClose={() => setEditing(false)} />}
      {recording && (
        <FactChangeModal child={child} kinds={kindsOfTab('family')} onClose={() => setRecording(false)} />
      )}
    </>
  );
}
