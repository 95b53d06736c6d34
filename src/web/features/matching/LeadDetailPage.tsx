import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Input,
  Modal,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useChild } from '../children/children.api.ts';
import { categoryLabel, formatFen, PARENT_CONDITION_LABELS } from '../children/labels.ts';
import { DiscoverApply } from './DiscoverApply.tsx';
import { useLead, useLeadAction, type LeadDetail } from './matching.api.ts';
import {
  DEADLINE_COLORS,
  evidenceText,
  LEAD_STATUS_LABELS,
  LEAD_TYPE_LABELS,
  ROSTER_LABELS,
} from './labels.ts';

const cats = (c: string[] | undefined) => (c && c.length ? c.map(categoryLabel).join('、') : '无');

function ChildSide({ id }: { id: string }) {
  const child = useChild(id);
  const c = child.data;
  if (!c) return <Card title="儿童档案" size="small" loading={child.isLoading} />;
  return (
    <Card title="儿童档案" size="small" extra={<Link to={`/children/${c.id}`}>打开档案</Link>}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label="姓名">{c.name}</Descriptions.Item>
        <Descriptions.Item label="公民身份号码">{c.idNumberMasked ?? c.provisionalNo}</Descriptions.Item>
        <Descriptions.Item label="出生日期">{c.birthDate}</Descriptions.Item>
        <Descriptions.Item label="户籍地">{c.hukouRegionName}</Descriptions.Item>
        <Descriptions.Item label="档案版本">第 {c.version} 版</Descriptions.Item>
        {c.facts.parents.map((p) => (
          <Descriptions.Item key={p.role} label={p.role === 'father' ? '父亲状况' : '母亲状况'}>
            {p.conditions.length
              ? p.conditions
                  .map(
                    (k) => `${PARENT_CONDITION_LABELS[k.kind as 'deceased'] ?? k.kind}（${k.since ?? ''}起）`,
                  )
                  .join('；')
              : '正常'}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

function Actions({ lead }: { lead: LeadDetail }) {
  const act = useLeadAction(lead.id);
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  if (lead.status !== 'open') {
    return (
      <Alert
        type="success"
        showIcon
        title={`处理结果：${LEAD_STATUS_LABELS[lead.status]?.label ?? lead.status}${lead.outcomeReason ? `（${lead.outcomeReason}）` : ''}`}
      />
    );
  }
  const childId = lead.fileIds[0];
  return (
    <Flex vertical gap={8}>
      <Space wrap>
        {lead.type === 'review' && (
          <Button
            type="primary"
            loading={act.isPending}
            onClick={() => act.mutate({ action: 'update-facts' })}
          >
            按比对结果更新事实
          </Button>
        )}
        {childId && lead.type !== 'data-quality' && (
          <Button
            loading={act.isPending}
            onClick={() =>
              act.mutate({
                action: 'start-application',
                childId,
                applicant: { kind: 'village-committee', name: '村（居）民委员会', relation: '村（居）委会' },
                comment: `信息比对发现：${lead.title}`,
              })
            }
          >
            主动帮助申请
          </Button>
        )}
        {lead.type === 'discover' && lead.person && <DiscoverApply lead={lead} />}
        <Button danger onClick={() => setDismissing(true)}>
          不予处理
        </Button>
      </Space>
      {act.isError && <Alert type="error" showIcon title={errorMessage(act.error)} />}
      <Modal
        title="不予处理"
        open={dismissing}
        okText="确定"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim() === '' }}
        onCancel={() => setDismissing(false)}
        onOk={() => act.mutate({ action: 'dismiss', reason }, { onSuccess: () => setDismissing(false) })}
      >
        <Input.TextArea
          aria-label="不予处理原因"
          placeholder="请填写原因"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Flex>
  );
}

/** One lead: the roster rows beside the child's file, the engine's before/after, the actions. */
export function LeadDetailPage() {
  const { id = '' } = useParams();
  const lead = useLead(id);
  const l = lead.data;
  if (lead.isError) return <Alert type="error" showIcon title={errorMessage(lead.error)} />;
  if (!l) return <Card loading />;
  const d = l.determination;
  return (
    <Flex vertical gap={12}>
      <Space>
        <Link to="/matching">← 信息比对</Link>
      </Space>
      <Typography.Title level={4} style={{ margin: 0 }}>
        <Tag color={LEAD_TYPE_LABELS[l.type]?.color}>{LEAD_TYPE_LABELS[l.type]?.label}</Tag>
        {l.title}
      </Typography.Title>
      <Space wrap>
        <span>户籍地：{l.hukouRegionName}</span>
        <span>发现日期：{l.createdOn}</span>
        <span>
          办理期限：
          {l.deadline ? (
            <Tag color={DEADLINE_COLORS[l.deadline.status]?.color}>
              {l.dueOn}（剩 {l.deadline.workingDaysLeft} 个工作日）
            </Tag>
          ) : (
            l.dueOn
          )}
        </span>
        <Tag color={LEAD_STATUS_LABELS[l.status]?.color}>{LEAD_STATUS_LABELS[l.status]?.label}</Tag>
      </Space>
      {d && (
        <Alert
          type="info"
          showIcon
          title={`认定${d.before ? `：现为 ${cats(d.before.categories)}（${formatFen(d.before.monthlyTotalFen)}/月）` : ''}；按比对信息为 ${cats(d.after.categories)}（${formatFen(d.after.monthlyTotalFen)}/月）`}
        />
      )}
      <Row gutter={12}>
        <Col xs={24} lg={14}>
          <Card title="比对证据（部门名单）" size="small">
            <Table
              rowKey={(r) => `${r.rosterType}-${r.rowNumber}-${r.idMasked}`}
              size="small"
              pagination={false}
              dataSource={l.evidence}
              columns={[
                {
                  title: '名单',
                  dataIndex: 'rosterType',
                  render: (t: string) => ROSTER_LABELS[t as 'death'] ?? t,
                },
                { title: '行', dataIndex: 'rowNumber' },
                { title: '姓名', dataIndex: 'name' },
                { title: '公民身份号码', dataIndex: 'idMasked' },
                {
                  title: '内容',
                  dataIndex: 'data',
                  render: (v: Record<string, unknown>) => evidenceText(v),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {l.fileIds[0] ? (
            <ChildSide id={l.fileIds[0]} />
          ) : (
            <Card title="尚未建档" size="small">
              {l.person
                ? `${l.person.name}，出生日期 ${l.person.birthDate ?? '不详'}`
                : '名单中的儿童尚未建档'}
            </Card>
          )}
        </Col>
      </Row>
      <Actions lead={l} />
    </Flex>
  );
}
